from __future__ import annotations

import pytest

from touchpoint.browser.find import choose_browser
from touchpoint.browser.launch import DEVICES, chromium_flags
from touchpoint.cli import install_plan
from touchpoint.errors import BrowserNotFound


def exists(*paths: str):  # type: ignore[no-untyped-def]
    return lambda p: p in paths


def test_an_explicit_setting_wins() -> None:
    found = choose_browser(
        "/opt/chrome", "/pw/chrome", lambda n: "/usr/bin/chromium", exists("/opt/chrome", "/pw/chrome")
    )
    assert (found.path, found.source) == ("/opt/chrome", "setting")


def test_a_wrong_explicit_setting_is_an_error_not_a_fallback() -> None:
    with pytest.raises(BrowserNotFound, match="not an executable"):
        choose_browser("/nope", "/pw/chrome", lambda n: None, exists("/pw/chrome"))


def test_playwright_managed_before_path() -> None:
    found = choose_browser(None, "/pw/chrome", lambda n: "/usr/bin/chromium", exists("/pw/chrome", "/usr/bin/chromium"))
    assert found.source == "playwright"


def test_path_names_in_order() -> None:
    on_path = {"google-chrome": "/usr/bin/google-chrome"}
    found = choose_browser(None, "/pw/missing", on_path.get, exists("/usr/bin/google-chrome"))
    assert (found.path, found.source) == ("/usr/bin/google-chrome", "PATH")


def test_nothing_found_lists_what_was_tried_and_how_to_install() -> None:
    with pytest.raises(BrowserNotFound) as caught:
        choose_browser(None, "/pw/missing", lambda n: None, exists())
    message = str(caught.value)
    assert "/pw/missing" in message and "chromium" in message and "make setup" in message


def test_flags_keep_chromium_off_the_network() -> None:
    flags = chromium_flags(running_as_root=False)
    for flag in (
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ):
        assert flag in flags
    assert "--no-sandbox" not in flags
    assert "--no-sandbox" in chromium_flags(running_as_root=True)


def test_install_plan() -> None:
    assert install_plan(found=True, is_root=True, has_apt=True, python="py") == []
    apt = install_plan(found=False, is_root=True, has_apt=True, python="py")
    assert apt[-1][:2] == ["apt-get", "install"] and "chromium" in apt[-1]
    assert install_plan(found=False, is_root=False, has_apt=True, python="py") == [
        ["py", "-m", "playwright", "install", "chromium"]
    ]


def test_the_audit_says_it_is_the_browser_a_visitor_uses() -> None:
    # Headless Chromium sends "HeadlessChrome/…", which bot walls block; the audit sends what a
    # visitor's Chrome of the same version sends.
    desktop = DEVICES["desktop"].playwright_args("142.0.7444.59")
    mobile = DEVICES["mobile"].playwright_args("142.0.7444.59")
    assert "Chrome/142.0.0.0" in desktop["user_agent"] and "Headless" not in desktop["user_agent"]
    assert "Chrome/142.0.0.0 Mobile" in mobile["user_agent"] and "Android" in mobile["user_agent"]
    assert "user_agent" not in DEVICES["desktop"].playwright_args()  # no version: Playwright's own
