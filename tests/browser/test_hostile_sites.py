"""The hostile-sites bed (tests/beds/hostile_sites, issue 13 item 5) in `make test`: for every case,
the audit's own edges that make owner findings - the home page visit as the page-opens check makes
it (touchpoint.pages) and the crawl (touchpoint.crawl) - judged against the blind key: the finding
in words, nothing the key forbids, whether the page opens, whether a speed score may be given
(the speed probe's preflight), the requests the key allows, and a time bound.

No Lighthouse and no audit subprocess (bench/hostile_sites.py does the whole audit); one bed and
one browser per worker, a short page timeout so that the cases that never end cost seconds.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.beds.hostile_sites import CASES, CASES_BY_ID, HostileSites
from tests.beds.hostile_sites.judge import finds, forbidden_in, says_wrongly
from touchpoint.browser.launch import BrowserSession
from touchpoint.browser.shared import SharedChromium
from touchpoint.crawl import crawl
from touchpoint.errors import TouchpointError
from touchpoint.pages import PageVisits, behaviour_check, load_check, timing_check
from touchpoint.result import CheckResult
from touchpoint.speed.metrics import DEFAULT_BROWSER_BUDGETS

PAGE_TIMEOUT_MS = 8_000  # the audit's is 30 s; what never ends is told the same way in 8
# Cases that need longer to open on a busy 2-core machine: 8 s of silence, 10 MB of HTML.
TIMEOUT_MS = {"slow-first-byte": 14_000, "huge-10mb": 25_000}
VISIT_BUDGET_S = 25.0  # a visit of a hostile page over its timeout: a frozen tab's grace, the settle
CRAWL_BUDGET_S = 30.0

# Findings that are not the page visit's to make (another edge of the audit makes them).
NOT_THE_VISITS = {
    "links-5000": "the crawl counts the links and stops at its cap",
    "overlay-never-closes": "the findability look (consent/overlay handling) tells an overlay",
}
# The key's finding on the site's contact page, not its home page: the visit opens /contact/ too.
ON_CONTACT_PAGE = {"captcha-contact-form", "form-posts-elsewhere"}

# Crawl-only failures, to flip when the crawl rewrite lands (strict: an unexpected pass fails).
_ROBOTS = "robots.txt/sitemap notes name the HTTP library's exception (forbidden words)"
CRAWL_XFAIL: dict[str, str] = {}
# Crawl results that change from run to run while the crawl is rewritten: either outcome is accepted.
CRAWL_FLAKY: dict[str, str] = {
    "cookie-redirect": "sometimes reports a redirect loop (/ -> /) where a browser keeps the cookie and opens the page",
    "js-freeze-after-load": "sometimes does not read the home page (key: it opens, contacts expected from its HTML)",
}


@pytest.fixture(scope="module")
def beds() -> Iterator[HostileSites]:
    with HostileSites.started() as sites:
        yield sites


@pytest.fixture(scope="module")
def crawl_browser(chromium: str) -> Iterator[str]:
    """One Chromium for every case's crawl (over DevTools, in contexts of their own), as a fleet
    shares one: a browser start a case would cost two seconds of the test's budget."""
    with SharedChromium.start(chromium) as shared:
        yield shared.endpoint


@pytest.fixture(scope="module")
def session(chromium: str) -> Iterator[BrowserSession]:
    s = BrowserSession.launch(chromium)
    yield s
    s.close()


def _text(result: CheckResult) -> str:
    evidence = {k: v for k, v in result.evidence.items() if k != "what it means"}
    return " | ".join(
        str(x) for x in (result.title, result.message, result.actual, *evidence.keys(), *evidence.values())
    )


def _counts(beds: HostileSites, case: str) -> dict[str, int]:
    return {
        "site": beds.count(case, "site"),
        "elsewhere": beds.count(case, "elsewhere"),
        "posts": beds.count(case, method="POST"),
    }


def _within_limits(case: dict[str, Any], before: dict[str, int], after: dict[str, int]) -> list[str]:
    limits = case["limits"]
    over = []
    for name, limit in (
        ("site", limits["site_requests"]),
        ("elsewhere", limits["elsewhere_requests"]),
        ("posts", limits["posts"]),
    ):
        made = after[name] - before[name]
        if limit is not None and made > limit:
            over.append(f"{made} {name} requests (limit {limit})")
    return over


def _not_trusted(case: dict[str, Any], texts: list[str]) -> bool:
    """tls-control: the bed's CA is not trusted by this Chromium (the key accepts "not trusted")."""
    return case["id"] == "tls-control" and any("not trusted" in t for t in texts)


def _visit_problems(case_id: str, beds: HostileSites, session: BrowserSession) -> list[str]:
    case = CASES_BY_ID[case_id]
    url = beds.url(case_id)
    timeout_ms = TIMEOUT_MS.get(case_id, PAGE_TIMEOUT_MS)
    visits = PageVisits(lambda: session, timeout_ms=timeout_ms)
    started = time.monotonic()
    home = visits.get("home", url, "mobile")
    outcomes = [home]
    if case_id in ON_CONTACT_PAGE:
        outcomes.append(visits.get("contact", url.rstrip("/") + "/contact/", "mobile"))
    seconds = time.monotonic() - started
    results = [r for o in outcomes for r in (load_check(o), behaviour_check(o))]
    results += [timing_check(home, "browser:ttfb", DEFAULT_BROWSER_BUDGETS["browser:ttfb"])]
    texts = [_text(r) for r in results]
    findings = [t for r, t in zip(results, texts, strict=True) if not r.passed]
    problems = []
    # the finding, in words
    said = finds(case, findings) or _not_trusted(case, findings)
    if case["finding"] is not None and case_id not in NOT_THE_VISITS and not said:
        problems.append(f"finding not said: {case['finding']!r}")
    problems += [f"says what it must not: {t[:160]}" for t in says_wrongly(case, texts)]
    # nothing forbidden anywhere an owner reads
    for t in texts:
        if words := forbidden_in(case, t):
            problems.append(f"forbidden {words}: {t[:200]}")
    # opens
    opens = load_check(home)
    want = case["opens"]
    if want == "yes" and not opens.passed and not _not_trusted(case, texts):
        problems.append(f"should open: {opens.message}")
    if want in ("no", "partial") and opens.passed:
        problems.append(f"should not open: {opens.message}")
    if want == "partial" and not opens.passed and "finish" not in opens.message:
        problems.append(f"should say it never finishes loading: {opens.message}")
    # speed: the probe's preflight lets Lighthouse run only where a score may be given
    try:
        visits.require("home", url, "mobile")
        preflight = True
    except TouchpointError:
        preflight = False
    if case["may_score"] == "no" and preflight:
        problems.append("the speed probe would score a page the key says cannot be scored")
    if case["may_score"] == "yes" and not preflight and not _not_trusted(case, texts):
        problems.append("the speed probe would not measure a page that can be scored")
    # requests and time
    if seconds > timeout_ms / 1000 + VISIT_BUDGET_S:
        problems.append(f"took {seconds:.1f} s (budget {timeout_ms / 1000 + VISIT_BUDGET_S:g} s)")
    return problems


def _crawl_texts(result: Any) -> list[str]:
    texts = []
    for page in result.pages.values():
        if page.error is not None:
            texts.append(str(page.error))
        texts += [str(n) for n in page.notes]
    if result.moved_to:
        texts.append(f"the home page redirects (moved) to another host: {result.moved_to}")
    texts += [str(x) for x in (result.robots, result.escalated, *result.sitemap)]
    return [t for t in texts if t]


def _crawl_problems(case_id: str, beds: HostileSites, endpoint: str, before: dict[str, int]) -> list[str]:
    case = CASES_BY_ID[case_id]
    url = beds.url(case_id)
    started = time.monotonic()
    timeout_ms = TIMEOUT_MS.get(case_id, PAGE_TIMEOUT_MS)
    result = crawl(url, limit=5, cdp_endpoint=endpoint, page_timeout_ms=timeout_ms)
    seconds = time.monotonic() - started
    texts = _crawl_texts(result)
    problems = []
    for t in texts:
        if words := forbidden_in(case, t):
            problems.append(f"forbidden {words}: {t[:200]}")
    home = result.pages.get(url) or result.pages.get(url.rstrip("/"))
    opened = home is not None and home.error is None and result.moved_to is None
    want = case["opens"]
    if want == "no" and case["group"] != "script":  # a frozen script does not stop an HTTP read
        if opened:
            problems.append("the crawl read the home page as the site's, the key says it does not open")
        if case["finding"] and not finds(case, texts) and not (case["group"] == "tls" and texts):
            problems.append(f"finding not said: {case['finding']!r} (the crawl said: {texts[:3]})")
    if want == "yes" and not opened and case_id != "tls-control":
        problems.append(f"the home page should be read: {texts[:3]}")
    contact_page = any(c["kind"] == "contact_page" for c in case["contacts"]["expected"])
    if (
        want == "yes"
        and contact_page
        and opened
        and not any(urlsplit(u).path.rstrip("/") == "/contact" for u in result.pages)
    ):
        problems.append(f"the contact page was not reached: {sorted(result.pages)}")
    elsewhere = [u for u in result.pages if urlsplit(u).hostname == "127.0.0.2"]
    if elsewhere:
        problems.append(f"the other host's pages were crawled as the site's: {elsewhere}")
    problems += _within_limits(case, before, _counts(beds, case_id))
    if seconds > CRAWL_BUDGET_S:
        problems.append(f"took {seconds:.1f} s (budget {CRAWL_BUDGET_S:g} s)")
    return problems


@pytest.mark.parametrize("case_id", [c["id"] for c in CASES])
def test_hostile_site(case_id: str, beds: HostileSites, session: BrowserSession, crawl_browser: str) -> None:
    """The page visit (in this thread) and the crawl (in another, at the same time) of one case.

    The visit must be right. The crawl must be right too, except for the cases in CRAWL_XFAIL,
    which are expected to fail and fail this test when they pass (strict), so that they are
    taken off the list when the crawl rewrite lands. Requests are counted for both together."""
    before = _counts(beds, case_id)
    with ThreadPoolExecutor(1) as pool:
        crawled = pool.submit(_crawl_problems, case_id, beds, crawl_browser, before)
        visit_problems = _visit_problems(case_id, beds, session)
        crawl_problems = crawled.result()
    assert not visit_problems, "page visit:\n" + "\n".join(visit_problems)
    if case_id in CRAWL_FLAKY:
        if crawl_problems:
            pytest.xfail(f"crawl (flaky): {CRAWL_FLAKY[case_id]}: " + "; ".join(crawl_problems)[:300])
        return
    if case_id in CRAWL_XFAIL:
        if crawl_problems:
            pytest.xfail(f"crawl: {CRAWL_XFAIL[case_id]}: " + "; ".join(crawl_problems)[:300])
        pytest.fail(f"[XPASS(strict)] the crawl now gets {case_id} right: take it off CRAWL_XFAIL", pytrace=False)
    assert not crawl_problems, "crawl:\n" + "\n".join(crawl_problems)
