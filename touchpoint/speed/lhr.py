"""Read a Lighthouse result (LHR JSON) into the few numbers the audit checks.

Pure: takes the parsed JSON, returns data, raises the matching `SiteError` or `ToolError` when
Lighthouse recorded a runtime error instead of a measurement.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from touchpoint.errors import (
    BrowserCrashed,
    DnsError,
    HttpErrorStatus,
    LighthouseFailed,
    NetworkError,
    PageTimeout,
    SiteError,
    TlsError,
    TouchpointError,
)
from touchpoint.speed.metrics import LIGHTHOUSE_METRICS

__all__ = ["LighthouseRun", "parse_lhr", "runtime_error"]


@dataclass(frozen=True, slots=True)
class LighthouseRun:
    """One Lighthouse run of one URL on one device."""

    requested_url: str
    final_url: str
    form_factor: str
    throttling: str
    lighthouse_version: str
    fetch_time: str
    metrics: Mapping[str, float | None]
    benchmark_index: float | None = None
    warnings: tuple[str, ...] = ()
    html_report: str = ""  # path of the HTML report Lighthouse wrote beside the JSON
    json_report: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def value(self, metric_id: str) -> float | None:
        return self.metrics.get(metric_id)


def parse_lhr(lhr: Mapping[str, Any], *, html_report: str = "", json_report: str = "") -> LighthouseRun:
    """The metrics of one LHR; raises when the run recorded a runtime error."""
    error = runtime_error(lhr)
    if error is not None:
        raise error
    audits = lhr.get("audits", {})
    categories = lhr.get("categories", {})
    metrics: dict[str, float | None] = {}
    for metric in LIGHTHOUSE_METRICS:
        if metric.id.startswith("categories:"):
            score = categories.get(metric.id.split(":", 1)[1], {}).get("score")
            metrics[metric.id] = float(score) if isinstance(score, int | float) else None
        else:
            value = audits.get(metric.id, {}).get("numericValue")
            metrics[metric.id] = float(value) if isinstance(value, int | float) else None
    # Not budgeted, but the representative run is chosen by FCP and Time to Interactive.
    interactive = audits.get("interactive", {}).get("numericValue")
    metrics["interactive"] = float(interactive) if isinstance(interactive, int | float) else None
    return LighthouseRun(
        requested_url=str(lhr.get("requestedUrl", "")),
        final_url=str(lhr.get("finalDisplayedUrl") or lhr.get("finalUrl") or ""),
        form_factor=str(lhr.get("configSettings", {}).get("formFactor", "")),
        throttling=str(lhr.get("configSettings", {}).get("throttlingMethod", "")),
        lighthouse_version=str(lhr.get("lighthouseVersion", "")),
        fetch_time=str(lhr.get("fetchTime", "")),
        metrics=metrics,
        benchmark_index=lhr.get("environment", {}).get("benchmarkIndex"),
        warnings=tuple(str(w) for w in lhr.get("runWarnings", [])),
        html_report=html_report,
        json_report=json_report,
    )


_STATUS = re.compile(r"\(Status code: (\d{3})\)")
_NET_ERROR = re.compile(r"(net::ERR_[A-Z_]+)")


def runtime_error(lhr: Mapping[str, Any]) -> TouchpointError | None:
    """The error a run recorded in `runtimeError`, as one of ours; None for a clean run."""
    raw = lhr.get("runtimeError")
    if not raw:
        return None
    code = str(raw.get("code", ""))
    message = str(raw.get("message", ""))
    url = str(lhr.get("requestedUrl", ""))
    said = f"Lighthouse could not measure {url}: {message} [{code}]"
    if code == "ERRORED_DOCUMENT_REQUEST":
        match = _STATUS.search(message)
        status = int(match.group(1)) if match else 0
        return HttpErrorStatus(url, status, f"{url} answered HTTP {status or 'error'}; {said}")
    if code == "DNS_FAILURE":
        return DnsError(url, f"the host of {url} does not resolve (DNS); check the profile's base_url")
    if code == "INSECURE_DOCUMENT_REQUEST":
        return TlsError(url, f"{url} has a TLS/certificate problem; {said}")
    if code == "FAILED_DOCUMENT_REQUEST":
        net = _NET_ERROR.search(message)
        if net and "NAME_NOT_RESOLVED" in net.group(1):
            return DnsError(url, f"the host of {url} does not resolve ({net.group(1)})")
        if net and ("CERT" in net.group(1) or "SSL" in net.group(1)):
            return TlsError(url, f"{url} has a TLS/certificate problem ({net.group(1)})")
        return NetworkError(url, said)
    if code == "CHROME_INTERSTITIAL_ERROR":
        return NetworkError(url, f"Chrome showed an error page instead of {url}; {said}")
    if code in {
        "PAGE_HUNG",
        "NO_FCP",
        "NO_LCP",
        "NO_TTI_CPU_IDLE_PERIOD",
        "NO_TTI_NETWORK_IDLE_PERIOD",
        "PROTOCOL_TIMEOUT",
    }:
        return PageTimeout(url, f"{url} never finished rendering under Lighthouse; {said}")
    if code == "NOT_HTML":
        return SiteError(url, f"{url} is not an HTML page; {said}")
    if code in {"TARGET_CRASHED", "CRI_TIMEOUT"}:
        return BrowserCrashed(f"Chromium crashed or stopped answering while Lighthouse measured {url} [{code}]")
    return LighthouseFailed(said)
