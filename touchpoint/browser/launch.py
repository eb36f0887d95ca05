"""How the audit's browser is started and which devices it pretends to be.

Pure parts: `chromium_flags` and `DEVICES`. The edge, `BrowserSession`, starts Chromium through
Playwright (a local executable or a remote CDP endpoint) and hands out device contexts.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from touchpoint.errors import BrowserCrashed

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Playwright

__all__ = ["DEVICES", "OFFLINE_FLAGS", "BrowserSession", "Device", "chromium_flags"]

# Chromium phones home at start (updates, sync, field trials). On a machine without internet
# those connections stall or fail; on one with internet they are noise in the measurements.
OFFLINE_FLAGS: tuple[str, ...] = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-default-apps",
)


def chromium_flags(*, running_as_root: bool | None = None, headless_flag: bool = False) -> list[str]:
    """Flags for every Chromium the audit starts (Playwright's and Lighthouse's alike)."""
    root = os.geteuid() == 0 if running_as_root is None else running_as_root
    flags = list(OFFLINE_FLAGS)
    if root:
        flags.append("--no-sandbox")  # Chromium refuses to start its sandbox as root
    if headless_flag:
        flags.append("--headless=new")
    return flags


@dataclass(frozen=True, slots=True)
class Device:
    """A browser context preset: what a visitor's screen and browser look like."""

    name: str
    viewport: tuple[int, int]
    is_mobile: bool
    scale: float = 1.0
    user_agent: str | None = None
    lighthouse_preset: str | None = None  # None: Lighthouse's default (mobile)
    context_args: Mapping[str, Any] = field(default_factory=dict)

    def playwright_args(self, browser_version: str | None = None) -> dict[str, Any]:
        """Context options; with the browser's version, the user agent a visitor's Chrome of that
        version sends (headless Chromium says "HeadlessChrome", which many sites block)."""
        args: dict[str, Any] = {
            "viewport": {"width": self.viewport[0], "height": self.viewport[1]},
            "device_scale_factor": self.scale,
            "is_mobile": self.is_mobile,
            "has_touch": self.is_mobile,
        }
        user_agent = self.user_agent or (_DESKTOP_UA if browser_version else None)
        if user_agent and browser_version:
            major = browser_version.split(".", 1)[0]
            if major.isdigit():
                user_agent = re.sub(r"Chrome/[\d.]+", f"Chrome/{major}.0.0.0", user_agent)
        if user_agent:
            args["user_agent"] = user_agent
        args.update(self.context_args)
        return args


_DESKTOP_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"

# Mobile is Playwright's "Pixel 7" descriptor (a current Chromium phone), copied here so the
# preset does not depend on the driver; desktop is the most common laptop screen, 1366x768.
DEVICES: Mapping[str, Device] = MappingProxyType(
    {
        "desktop": Device("desktop", (1366, 768), is_mobile=False, lighthouse_preset="desktop"),
        "mobile": Device(
            "mobile",
            (412, 839),
            is_mobile=True,
            scale=2.625,
            user_agent=(
                "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 "
                "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
            ),
            context_args={"screen": {"width": 412, "height": 915}},
        ),
    }
)


class BrowserSession:
    """One Chromium for the whole audit, local or remote; contexts per device.

    session = BrowserSession.launch("/usr/bin/chromium")
    context = session.new_context(DEVICES["mobile"])
    """

    def __init__(self, playwright: Playwright, browser: Browser, *, remote: bool) -> None:
        self._playwright = playwright
        self.browser = browser
        self.remote = remote

    @classmethod
    def launch(
        cls,
        executable: str | None,
        *,
        cdp_endpoint: str | None = None,
        headless: bool = True,
        extra_args: Sequence[str] = (),
    ) -> BrowserSession:
        from playwright.sync_api import Error, sync_playwright

        playwright = sync_playwright().start()
        try:
            if cdp_endpoint:
                browser = playwright.chromium.connect_over_cdp(cdp_endpoint, timeout=30_000)
            else:
                browser = playwright.chromium.launch(
                    executable_path=executable, headless=headless, args=[*chromium_flags(), *extra_args]
                )
        except Error as exc:
            playwright.stop()
            where = f"the remote browser at {cdp_endpoint}" if cdp_endpoint else executable
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise BrowserCrashed(
                f"could not start {where}: {first}. Check that it runs on its own "
                "(`chromium --headless --dump-dom about:blank`) or set another with --audit-browser"
            ) from exc
        return cls(playwright, browser, remote=bool(cdp_endpoint))

    @property
    def version(self) -> str:
        return self.browser.version

    def new_context(self, device: Device) -> BrowserContext:
        return self.browser.new_context(**device.playwright_args(self.browser.version))

    def close(self) -> None:
        try:
            if not self.remote:
                self.browser.close()
        finally:
            self._playwright.stop()
