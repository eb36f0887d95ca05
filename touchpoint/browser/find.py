"""Find a Chromium-family browser, the way a user's machine may have one.

Order: an explicit setting (option or `TOUCHPOINT_BROWSER`), then a Playwright-managed
Chromium, then `chromium`, `chromium-browser`, `google-chrome`, `google-chrome-stable` on PATH.
The core (`choose_browser`) takes the candidates as data; `find_browser` gathers them.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from touchpoint.errors import BrowserNotFound

__all__ = ["ENV_BROWSER", "PATH_NAMES", "FoundBrowser", "choose_browser", "find_browser"]

ENV_BROWSER = "TOUCHPOINT_BROWSER"
PATH_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


@dataclass(frozen=True, slots=True)
class FoundBrowser:
    path: str
    source: str  # "setting", "playwright" or "PATH"


def choose_browser(
    explicit: str | None,
    managed: str | None,
    on_path: Callable[[str], str | None],
    is_executable: Callable[[str], bool],
) -> FoundBrowser:
    """Pick the browser from the candidates; raise `BrowserNotFound` listing what was tried."""
    tried: list[str] = []
    if explicit:
        if is_executable(explicit):
            return FoundBrowser(explicit, "setting")
        raise BrowserNotFound(
            f"the browser set with --audit-browser or {ENV_BROWSER} ({explicit}) is not an "
            "executable file; point it at chromium or google-chrome, or unset it to search"
        )
    if managed:
        if is_executable(managed):
            return FoundBrowser(managed, "playwright")
        tried.append(f"Playwright's Chromium at {managed} (not downloaded)")
    for name in PATH_NAMES:
        found = on_path(name)
        if found and is_executable(found):
            return FoundBrowser(found, "PATH")
    tried.append(f"{', '.join(PATH_NAMES)} on PATH")
    raise BrowserNotFound(
        "no Chromium-family browser found (tried "
        + "; ".join(tried)
        + "). Install one: `make setup` does it, or `apt-get install chromium`, or "
        "`python -m playwright install chromium`; or set "
        f"{ENV_BROWSER}=/path/to/chrome"
    )


def _managed_chromium() -> str | None:
    """Where Playwright would keep its own Chromium, without starting a browser.

    Asked from a thread of its own: Playwright's sync API refuses to start where an event loop
    or another sync session already runs, as in the middle of an audit."""
    found: list[str | None] = [None]

    def ask() -> None:
        try:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                found[0] = playwright.chromium.executable_path or None
        except Exception:  # a broken driver means "no managed browser"
            found[0] = None

    thread = threading.Thread(target=ask, name="touchpoint-find-browser", daemon=True)
    thread.start()
    thread.join(timeout=60)
    return found[0]


def _is_executable(path: str) -> bool:
    return Path(path).is_file() and os.access(path, os.X_OK)


def find_browser(explicit: str | None = None, *, search_managed: bool = True) -> FoundBrowser:
    explicit = explicit or os.environ.get(ENV_BROWSER) or None
    managed = _managed_chromium() if search_managed and not explicit else None
    return choose_browser(explicit, managed, shutil.which, _is_executable)
