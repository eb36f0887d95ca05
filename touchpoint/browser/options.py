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


def check_endpoint(url: str, timeout: float = 5.0) -> None:
    """A remote browser must answer before the audit counts on it: one clear usage error
    (exit 4) at once, instead of every browser check failing after its own long timeout."""
    import socket
    from urllib.parse import urlsplit

    import httpx

    parts = urlsplit(url)
    fix = "start it (e.g. chromium --remote-debugging-port=9222) or leave --audit-cdp out to launch a browser here"
    if parts.scheme not in ("http", "https", "ws", "wss") or not parts.hostname:
        raise pytest.UsageError(f"--audit-cdp {url!r}: write an address such as http://127.0.0.1:9222")
    try:
        if parts.scheme in ("http", "https"):
            answer = httpx.get(url.rstrip("/") + "/json/version", timeout=timeout)
            if answer.status_code >= 400:
                raise pytest.UsageError(
                    f"--audit-cdp {url}: it answered HTTP {answer.status_code}, not a browser's /json/version: {fix}"
                )
        else:
            port = parts.port or (443 if parts.scheme == "wss" else 80)
            socket.create_connection((parts.hostname, port), timeout=timeout).close()
    except (httpx.HTTPError, OSError) as exc:
        raise pytest.UsageError(f"--audit-cdp {url}: no browser answers there ({type(exc).__name__}): {fix}") from None


def configure(config: pytest.Config) -> None:
    devices = config.getoption("audit_devices")
    cdp = config.getoption("audit_cdp")
    if cdp and getattr(config, "workerinput", None) is None:
        check_endpoint(cdp)
    config.stash[BROWSER] = BrowserOptions(
        executable=config.getoption("audit_browser") or config.getini("audit_browser") or None,
        cdp_endpoint=cdp,
        devices=_devices(devices) if devices else None,
        headed=bool(config.getoption("audit_headed")),
    )
