"""Page visits: every audited page opened in a real browser on each device, once.

The first look a visitor gets: does the page open (HTTP status, network, TLS, timeout), how
long the browser waited (Navigation Timing, paints), and what the first screen shows (a
screenshot). Visits are cached per (page, device) and shared by every check that needs them,
the speed probe's preflight included.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError

from touchpoint.browser.launch import DEVICES, BrowserSession
from touchpoint.browser.visit import Visit, visit
from touchpoint.budgets import Budget, assess, format_value
from touchpoint.errors import PageFrozen, SiteError, TouchpointError
from touchpoint.findability.look import Look
from touchpoint.result import CheckResult, Level, unmeasured
from touchpoint.speed.metrics import METRICS_BY_ID

if TYPE_CHECKING:
    from playwright.sync_api import Page

__all__ = ["PageVisit", "PageVisits", "behaviour_check", "load_check", "timing_check"]

CATEGORY = "pages"
OPENS = "opens without an error"
BEHAVES = "no redirects away, reloads, freezes, dialogs or pop-ups"
NOT_OPENED = "Not checked: the page did not open (see whether it opens)"


@dataclass(frozen=True, slots=True)
class PageVisit:
    """One (page, device) visit: what the browser saw, or the error a visitor hit instead."""

    page: str
    device: str
    url: str
    visit: Visit | None = None
    error: TouchpointError | None = None
    screenshot: bytes | None = None  # JPEG of the first screen, error pages included
    browser: str = ""
    look: Look | None = None  # what the page shows of the business's contacts


def subject(page: str, device: str) -> str:
    return f"{page} · {device}"


def load_check(outcome: PageVisit) -> CheckResult:
    """Did the page open for a visitor on this device? (pure)"""
    who = subject(outcome.page, outcome.device)
    v = outcome.visit
    if v is None:
        return unmeasured(
            name="page-opens",
            category=CATEGORY,
            title="Page opens",
            subject=who,
            level=Level.ERROR,
            expected=OPENS,
            url=outcome.url,
            reason=str(outcome.error or "the page was not visited"),
        )
    evidence: dict[str, str | float | int | None] = {
        "HTTP status": v.status,
        "browser": outcome.browser,
        **{
            METRICS_BY_ID[k].title if k in METRICS_BY_ID else k: format_value(ms, "ms")
            for k, ms in sorted(v.timings.items())
        },
    }
    if v.transfer_bytes:
        evidence["page size (HTML)"] = format_value(v.transfer_bytes, "bytes")
    if v.final_url.rstrip("/") != outcome.url.rstrip("/"):
        evidence["landed on"] = v.final_url
    loaded = format_value(v.timings.get("browser:load", v.wall_ms), "ms")
    return CheckResult(
        name="page-opens",
        category=CATEGORY,
        title="Page opens",
        subject=who,
        actual=f"HTTP {v.status} in {loaded}",
        expected=OPENS,
        operator="",
        level=Level.ERROR,
        passed=True,
        message=f"The page opens on {outcome.device} (HTTP {v.status}) and finished loading in {loaded}",
        url=outcome.url,
        evidence=evidence,
    )


def behaviour_check(outcome: PageVisit) -> CheckResult:
    """Does the page, once open, leave a visitor alone? (pure) It must not send them to another
    host, reload itself, freeze, throw dialogs or pop-ups at them, or garble its text."""
    who = subject(outcome.page, outcome.device)
    v = outcome.visit
    if v is None:  # the page-opens check says why; this one does not repeat it
        return CheckResult(
            name="page-behaves",
            category=CATEGORY,
            title="Page behaves",
            subject=who,
            actual=None,
            expected=BEHAVES,
            operator="",
            level=Level.OFF,
            passed=False,
            message=NOT_OPENED,
            url=outcome.url,
        )
    severe = any(i.severe for i in v.issues)
    said = "; ".join(i.message for i in v.issues)
    evidence: dict[str, str | float | int | None] = {i.kind: i.message for i in v.issues}
    if v.left_for:
        evidence["sent to"] = v.left_for
    return CheckResult(
        name="page-behaves",
        category=CATEGORY,
        title="Page behaves",
        subject=who,
        actual=f"{len(v.issues)} problem{'s' if len(v.issues) != 1 else ''}" if v.issues else "fine",
        expected=BEHAVES,
        operator="",
        level=Level.ERROR if severe else Level.WARN,
        passed=not v.issues,
        message=(said[:1].upper() + said[1:]) if said else f"The page leaves a visitor alone on {outcome.device}",
        url=outcome.url,
        evidence=evidence,
    )


def timing_check(outcome: PageVisit, metric_id: str, budget: Budget) -> CheckResult:
    """One browser timing of the visit against its budget (pure)."""
    metric = METRICS_BY_ID[metric_id]
    value = outcome.visit.timings.get(metric_id) if outcome.visit else None
    if value is None:
        reason = str(outcome.error) if outcome.error else f"the browser recorded no {metric.title} for {outcome.url}"
        return unmeasured(
            name=metric_id,
            category=CATEGORY,
            title=metric.title,
            subject=subject(outcome.page, outcome.device),
            level=budget.level,
            expected=budget.threshold,
            operator=budget.operator,
            unit=metric.unit,
            url=outcome.url,
            reason=reason,
        )
    return assess(
        name=metric_id,
        category=CATEGORY,
        title=metric.title,
        subject=subject(outcome.page, outcome.device),
        actual=value,
        budget=budget,
        unit=metric.unit,
        url=outcome.url,
        evidence={"what it means": metric.explain},
    )


class PageVisits:
    """Opens each (page, device) once in a fresh browser context and remembers what it saw.

    visits = PageVisits(lambda: session, timeout_ms=30_000)
    outcome = visits.get("home", "https://acme.example/", "mobile")
    """

    def __init__(
        self,
        session: Callable[[], BrowserSession],
        *,
        timeout_ms: float,
        inspect: Callable[[Page], Look] | None = None,
    ) -> None:
        self._session = session
        self.timeout_ms = timeout_ms
        self._inspect = inspect
        self._cache: dict[tuple[str, str], PageVisit] = {}

    def get(self, page: str, url: str, device: str) -> PageVisit:
        key = (page, device)
        if key not in self._cache:
            self._cache[key] = self._visit(page, url, device)
        return self._cache[key]

    def require(self, page: str, url: str, device: str) -> PageVisit:
        """The visit, or raise the error that stopped it (the speed probe's preflight)."""
        outcome = self.get(page, url, device)
        if outcome.error is not None:
            raise outcome.error
        if outcome.visit is not None and outcome.visit.frozen:  # nothing to measure in a frozen tab
            frozen = next((i.message for i in outcome.visit.issues if i.kind == "frozen"), "the page freezes")
            raise PageFrozen(url, f"{url}: {frozen}")
        return outcome

    def _visit(self, page: str, url: str, device: str) -> PageVisit:
        try:
            session = self._session()
        except TouchpointError as exc:  # no browser: every visit reports why
            return PageVisit(page, device, url, error=exc)
        browser = f"Chromium {session.version}"
        context = session.new_context(DEVICES[device])
        try:
            tab = context.new_page()
            try:
                seen = visit(tab, url, timeout_ms=self.timeout_ms)
            except SiteError as exc:
                # What the visitor saw instead (an error page, a half-loaded page) is evidence.
                return PageVisit(page, device, url, error=exc, screenshot=self._shot(tab), browser=browser)
            shot = self._shot(tab)
            # A frozen tab or another host's page is not the site's page: no contacts are read from it.
            seen_look = self._look(tab) if seen.lookable else None
            return PageVisit(page, device, url, visit=seen, screenshot=shot, browser=browser, look=seen_look)
        finally:
            context.close()

    def _look(self, tab: Page) -> Look | None:
        if self._inspect is None:
            return None
        try:
            return self._inspect(tab)
        except PlaywrightError:
            return None

    def _shot(self, tab: Page) -> bytes | None:
        try:
            return tab.screenshot(type="jpeg", quality=70, timeout=min(self.timeout_ms, 10_000))
        except PlaywrightError:
            return None
