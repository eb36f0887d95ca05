"""Parsing real Lighthouse 12 results saved from runs against the demo and broken pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from touchpoint.errors import (
    BrowserCrashed,
    DnsError,
    HttpErrorStatus,
    LighthouseFailed,
    NetworkError,
    PageTimeout,
    TlsError,
)
from touchpoint.speed.lhr import parse_lhr, runtime_error
from touchpoint.speed.metrics import LIGHTHOUSE_METRICS

Load = Callable[[str], dict[str, Any]]


def test_a_clean_mobile_run_has_every_metric(lhr: Load) -> None:
    run = parse_lhr(lhr("demo-home-mobile"))
    assert run.form_factor == "mobile"
    assert run.lighthouse_version.startswith("12.")
    for metric in LIGHTHOUSE_METRICS:
        assert run.value(metric.id) is not None, metric.id
    assert 0 < run.value("largest-contentful-paint") < 10_000  # type: ignore[operator]
    assert 0 <= run.value("categories:performance") <= 1  # type: ignore[operator]
    assert run.value("interactive") is not None


def test_the_desktop_preset_is_recognised(lhr: Load) -> None:
    assert parse_lhr(lhr("demo-home-desktop")).form_factor == "desktop"


def test_a_slow_server_shows_in_ttfb(lhr: Load) -> None:
    run = parse_lhr(lhr("slow-1500ms-mobile"))
    assert run.value("server-response-time") == pytest.approx(1500, rel=0.1)


def test_an_error_status_is_a_site_finding(lhr: Load) -> None:
    data = lhr("demo-about-500")
    with pytest.raises(HttpErrorStatus) as caught:
        parse_lhr(data)
    assert caught.value.status == 500
    assert "answered HTTP 500" in str(caught.value)


def test_an_interstitial_is_a_network_finding(lhr: Load) -> None:
    with pytest.raises(NetworkError, match="Chrome showed an error page"):
        parse_lhr(lhr("redirect-loop-interstitial"))


@pytest.mark.parametrize(
    ("code", "message", "error"),
    [
        ("DNS_FAILURE", "DNS servers could not resolve", DnsError),
        ("INSECURE_DOCUMENT_REQUEST", "insecure", TlsError),
        ("FAILED_DOCUMENT_REQUEST", "(Details: net::ERR_NAME_NOT_RESOLVED)", DnsError),
        ("FAILED_DOCUMENT_REQUEST", "(Details: net::ERR_CERT_DATE_INVALID)", TlsError),
        ("FAILED_DOCUMENT_REQUEST", "(Details: net::ERR_CONNECTION_REFUSED)", NetworkError),
        ("PAGE_HUNG", "hung", PageTimeout),
        ("NO_FCP", "The page did not paint any content", PageTimeout),
        ("TARGET_CRASHED", "crashed", BrowserCrashed),
        ("SOMETHING_NEW", "new", LighthouseFailed),
    ],
)
def test_runtime_errors_map_to_distinct_findings(code: str, message: str, error: type[Exception]) -> None:
    found = runtime_error({"requestedUrl": "https://x.example/", "runtimeError": {"code": code, "message": message}})
    assert type(found) is error
    assert runtime_error({"requestedUrl": "https://x.example/"}) is None
