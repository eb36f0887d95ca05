"""How the crawl read the site, said to the owner: which pages the browser rendered and why, the
rest read from their HTML; what robots.txt and sitemap.xml said; and what a visitor would notice
on pages that opened (read only up to the size cap, garbled letters, pop-ups, dialogs, a script
that sends visitors to another site).

    how_read_check(site, budget)       # pages:how-read, a statement (measured, never failing)
    page_problems_check(site, budget)  # pages:problems, a warning when a page has one
"""

from __future__ import annotations

from collections import Counter

from touchpoint.budgets import Budget
from touchpoint.findability.checks import SiteContacts, verdict
from touchpoint.result import CheckResult, Value

__all__ = ["how_read_check", "page_problems_check"]

_MAX_ROWS = 25


def how_read_check(site: SiteContacts, budget: Budget) -> CheckResult:
    crawl = site.crawl
    rendered = crawl.rendered
    read = [p for p in crawl.pages.values() if not p.rendered and p.snapshot is not None]
    reasons = Counter(p.rendered.split(":", 1)[0] for p in rendered)
    summary = ", ".join(f"{n} {why}" for why, n in reasons.most_common())
    evidence: dict[str, Value] = {
        "rendered in the browser": f"{len(rendered)} ({summary})" if rendered else "none",
        "read from their HTML": len(read),
    }
    if crawl.unvisited:
        evidence["left over the page limit"] = f"{crawl.unvisited} links past the {crawl.limit}-page crawl_limit"
    if crawl.escalated:
        evidence["why every page was rendered"] = crawl.escalated
    if crawl.robots:
        evidence["robots.txt"] = crawl.robots
    if crawl.robots_ignored:
        evidence["robots.txt switch"] = (
            "ignore_robots = true in the profile: the audit crawled pages robots.txt asks crawlers to leave"
        )
    if crawl.disallowed:
        evidence["left out by robots.txt"] = f"{len(crawl.disallowed)}: " + ", ".join(crawl.disallowed[:5])
    for n, note in enumerate(crawl.sitemap):
        evidence[f"sitemap.xml{'' if n == 0 else f' ({n + 1})'}"] = note
    if crawl.unlinked:
        evidence["pages only the sitemap lists"] = ", ".join(list(crawl.unlinked)[:10])
    if crawl.origins:
        evidence["the site's other addresses"] = ", ".join(crawl.origins)
    for page in rendered[:_MAX_ROWS]:
        evidence[page.url] = f"rendered: {page.rendered}"
    if len(rendered) > _MAX_ROWS:
        evidence["…"] = f"and {len(rendered) - _MAX_ROWS} more rendered"
    message = (
        f"{len(crawl.pages)} pages read in {crawl.seconds:.1f} s: {len(rendered)} rendered in the browser "
        f"(home and contact pages, pages scripts build), {len(read)} from their HTML"
    )
    if crawl.robots_ignored:
        message += "; robots.txt was set aside by the profile's switch"
    return verdict("pages:how-read", "site", True, budget, message, evidence, actual=len(rendered), category="pages")


def page_problems_check(site: SiteContacts, budget: Budget) -> CheckResult:
    pages = [p for p in (*site.crawl.pages.values(), *site.crawl.unlinked.values()) if _problems(p.notes)]
    if not pages:
        return verdict(
            "pages:problems", "site", True, budget, "No page that opened had a problem a visitor would notice",
            category="pages",
        )  # fmt: skip
    evidence: dict[str, Value] = {p.url: "; ".join(_problems(p.notes)) for p in pages[:_MAX_ROWS]}
    if len(pages) > _MAX_ROWS:
        evidence["…"] = f"and {len(pages) - _MAX_ROWS} more"
    first = _problems(pages[0].notes)[0]
    return verdict(
        "pages:problems",
        "site",
        False,
        budget,
        f"{len(pages)} page{'s' if len(pages) != 1 else ''} opened with a problem a visitor would notice: {first}",
        evidence,
        actual=f"{len(pages)} pages",
        category="pages",
    )


def _problems(notes: tuple[str, ...]) -> list[str]:
    """A page's notes a visitor would notice: not the audit's own waiting for a busy server."""
    return [note for note in notes if "(Retry-After)" not in note]
