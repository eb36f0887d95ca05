"""The speed metrics the audit reads, and the budgets it uses when a profile sets none.

Metric ids are Lighthouse CI's assertion names (audit ids, `categories:<id>` for scores), so
a budget copied from a `lighthouserc` file works unchanged. Browser timings from the page's
own Navigation Timing have ids of their own (`browser:ttfb`, ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from touchpoint.budgets import Budget
from touchpoint.result import Level

__all__ = [
    "ALIASES",
    "BROWSER_METRICS",
    "DEFAULT_BROWSER_BUDGETS",
    "DEFAULT_SPEED_BUDGETS",
    "LIGHTHOUSE_METRICS",
    "Metric",
]


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    title: str
    unit: str
    explain: str


LIGHTHOUSE_METRICS: tuple[Metric, ...] = (
    Metric(
        "largest-contentful-paint",
        "Largest Contentful Paint",
        "ms",
        "when the main content (the biggest image or text block) appears",
    ),
    Metric(
        "first-contentful-paint",
        "First Contentful Paint",
        "ms",
        "when the visitor first sees anything but a blank page",
    ),
    Metric("speed-index", "Speed Index", "ms", "how quickly the visible page fills in"),
    Metric(
        "total-blocking-time",
        "Total Blocking Time",
        "ms",
        "how long scripts keep the page from answering taps and clicks",
    ),
    Metric(
        "cumulative-layout-shift",
        "Cumulative Layout Shift",
        "",
        "how much the page jumps around while it loads",
    ),
    Metric("server-response-time", "Time to First Byte", "ms", "how long the server takes to start answering"),
    Metric("categories:performance", "Performance score", "score", "Lighthouse's overall speed score, 0-100"),
    Metric(
        "categories:accessibility",
        "Accessibility score",
        "score",
        "how usable the page is with assistive technology, 0-100",
    ),
    Metric("categories:best-practices", "Best practices score", "score", "security and modern-web hygiene, 0-100"),
    Metric("categories:seo", "SEO score", "score", "how well search engines can read the page, 0-100"),
)

BROWSER_METRICS: tuple[Metric, ...] = (
    Metric(
        "browser:ttfb",
        "Time to First Byte (browser)",
        "ms",
        "from the click to the first byte of the page, as the browser saw it",
    ),
    Metric(
        "browser:server-time",
        "Server wait (browser)",
        "ms",
        "from the request leaving the browser to the first byte back: the server's own time",
    ),
    Metric(
        "browser:first-contentful-paint",
        "First Contentful Paint (browser)",
        "ms",
        "first paint of content, as the browser saw it",
    ),
    Metric(
        "browser:largest-contentful-paint",
        "Largest Contentful Paint (browser)",
        "ms",
        "the main content's paint, as the browser saw it",
    ),
    Metric(
        "browser:dom-content-loaded",
        "DOM ready (browser)",
        "ms",
        "when the page's HTML was parsed and its blocking scripts ran",
    ),
    Metric(
        "browser:load",
        "Page load (browser)",
        "ms",
        "when the page and all its images, styles and scripts finished loading",
    ),
)

# Short names people write, for "did you mean" hints.
ALIASES: Mapping[str, str] = {
    "lcp": "largest-contentful-paint",
    "fcp": "first-contentful-paint",
    "si": "speed-index",
    "tbt": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "ttfb": "server-response-time",
    "performance": "categories:performance",
    "accessibility": "categories:accessibility",
    "best-practices": "categories:best-practices",
    "seo": "categories:seo",
    "dcl": "dom-content-loaded",
}

METRICS_BY_ID: Mapping[str, Metric] = {m.id: m for m in LIGHTHOUSE_METRICS + BROWSER_METRICS}


def _warn(key: str, threshold: float) -> Budget:
    return Budget(Level.WARN, key, threshold)


# "Good" thresholds of Core Web Vitals and of Lighthouse's scoring curves, at level warn: an
# audit with no budgets of its own reports them but never fails a pipeline.
DEFAULT_SPEED_BUDGETS: Mapping[str, Mapping[str, Budget]] = {
    "mobile": {
        "largest-contentful-paint": _warn("maxNumericValue", 2500),
        "first-contentful-paint": _warn("maxNumericValue", 1800),
        "speed-index": _warn("maxNumericValue", 3400),
        "total-blocking-time": _warn("maxNumericValue", 200),
        "cumulative-layout-shift": _warn("maxNumericValue", 0.1),
        "server-response-time": _warn("maxNumericValue", 800),
        "categories:performance": _warn("minScore", 0.9),
        "categories:accessibility": _warn("minScore", 0.9),
        "categories:best-practices": _warn("minScore", 0.9),
        "categories:seo": _warn("minScore", 0.9),
    },
    "desktop": {
        "largest-contentful-paint": _warn("maxNumericValue", 1200),
        "first-contentful-paint": _warn("maxNumericValue", 934),
        "speed-index": _warn("maxNumericValue", 1311),
        "total-blocking-time": _warn("maxNumericValue", 150),
        "cumulative-layout-shift": _warn("maxNumericValue", 0.1),
        "server-response-time": _warn("maxNumericValue", 800),
        "categories:performance": _warn("minScore", 0.9),
        "categories:accessibility": _warn("minScore", 0.9),
        "categories:best-practices": _warn("minScore", 0.9),
        "categories:seo": _warn("minScore", 0.9),
    },
}

DEFAULT_BROWSER_BUDGETS: Mapping[str, Budget] = {
    "browser:ttfb": _warn("maxNumericValue", 800),
    "browser:largest-contentful-paint": _warn("maxNumericValue", 2500),
}
