"""Browser options: which Chromium, or which remote browser, and which devices."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from touchpoint.browser.launch import DEVICES

__all__ = ["BROWSER", "BrowserOptions", "add_options", "configure"]


@dataclass(frozen=True, slots=True)
class BrowserOptions:
    executable: str | None
    cdp_endpoint: str | None
    devices: tuple[str, ...] | None  # None: the profile's
    headed: bool


BROWSER = pytest.StashKey[BrowserOptions]()


def _devices(raw: str) -> tuple[str, ...]:
    names = tuple(n.strip() for n in raw.split(",") if n.strip())
    unknown = [n for n in names if n not in DEVICES]
    if unknown or not names:
        raise pytest.UsageError(f"--audit-devices {raw!r}: use a comma-separated list of {', '.join(DEVICES)}")
    return names


def add_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    group.addoption(
        "--audit-browser",
        metavar="PATH",
        default=None,
        help="Chromium or Chrome to use (default: TOUCHPOINT_BROWSER, Playwright's, "
        "then chromium/google-chrome on PATH)",
    )
    group.addoption(
        "--audit-cdp",
        metavar="URL",
        default=None,
        help="use a running remote browser over CDP instead, e.g. http://127.0.0.1:9222",
    )
    group.addoption(
        "--audit-devices",
        metavar="LIST",
        default=None,
        help="devices to audit, overriding the profile: mobile,desktop",
    )
    group.addoption(
        "--audit-headed", action="store_true", default=False, help="show the browser window (needs a display)"
    )
    parser.addini("audit_browser", "Chromium or Chrome to use", default="")


def configure(config: pytest.Config) -> None:
    devices = config.getoption("audit_devices")
    config.stash[BROWSER] = BrowserOptions(
        executable=config.getoption("audit_browser") or config.getini("audit_browser") or None,
        cdp_endpoint=config.getoption("audit_cdp"),
        devices=_devices(devices) if devices else None,
        headed=bool(config.getoption("audit_headed")),
    )
