from __future__ import annotations

import pytest

from touchpoint.browser.visit import navigation_error, timings_from_entries
from touchpoint.errors import DnsError, NetworkError, PageTimeout, RedirectLoop, TlsError

URL = "https://shop.example/"


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ("Page.goto: Timeout 30000ms exceeded.", PageTimeout),
        ("Page.goto: net::ERR_NAME_NOT_RESOLVED at https://shop.example/", DnsError),
        ("Page.goto: net::ERR_CERT_AUTHORITY_INVALID at https://shop.example/", TlsError),
        ("Page.goto: net::ERR_SSL_PROTOCOL_ERROR at https://shop.example/", TlsError),
        ("Page.goto: net::ERR_TOO_MANY_REDIRECTS at https://shop.example/", RedirectLoop),
        ("Page.goto: net::ERR_CONNECTION_REFUSED at https://shop.example/", NetworkError),
        ("Page.goto: net::ERR_CONNECTION_TIMED_OUT at https://shop.example/", PageTimeout),
        ("Target closed", NetworkError),
    ],
)
def test_navigation_failures_become_site_findings(message: str, error: type[Exception]) -> None:
    found = navigation_error(URL, message, timeout_ms=30_000)
    assert type(found) is error
    assert found.url == URL
    assert URL in str(found)


def test_timings_are_read_from_navigation_and_paint_entries() -> None:
    data = {
        "navigation": {
            "requestStart": 12.0,
            "responseStart": 212.5,
            "domContentLoadedEventEnd": 400,
            "loadEventEnd": 900,
            "transferSize": 20480,
        },
        "paints": {"first-paint": 300, "first-contentful-paint": 310.0},
        "lcp": 512.0,
    }
    timings, size = timings_from_entries(data)
    assert timings == {
        "browser:ttfb": 212.5,
        "browser:server-time": 200.5,
        "browser:dom-content-loaded": 400.0,
        "browser:load": 900.0,
        "browser:first-contentful-paint": 310.0,
        "browser:largest-contentful-paint": 512.0,
    }
    assert size == 20480


def test_missing_entries_give_no_numbers_rather_than_zeros() -> None:
    timings, size = timings_from_entries({"navigation": {"loadEventEnd": 0}, "paints": {}, "lcp": None})
    assert timings == {}
    assert size is None


def test_bot_walls_are_told_from_broken_pages() -> None:
    from touchpoint.browser.bot_wall import bot_wall, refusal_message

    assert bot_wall(403, {"Server": "cloudflare", "cf-mitigated": "challenge"}, "Just a moment...") == "Cloudflare"
    assert bot_wall(503, {"server": "ddos-guard"}) == "DDoS-Guard"
    assert bot_wall(403, {"X-Iinfo": "1-2-3"}) == "Imperva (Incapsula)"
    assert bot_wall(403, {"server": "nginx"}, "Access denied") == "a bot check"
    assert bot_wall(403, {"server": "nginx"}, "403 Forbidden") is None
    assert bot_wall(404, {"server": "cloudflare"}) is None  # a missing page behind Cloudflare is just missing
    assert bot_wall(500, {"cf-mitigated": "challenge"}) is None
    assert "allow-list the audit" in refusal_message("https://a.example/", 403, "Cloudflare")
    assert refusal_message("https://a.example/", 404, None) == (
        "https://a.example/ answers HTTP 404 Not Found: there is no page at this address"
    )
