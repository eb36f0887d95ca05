"""Site-wide findability checks: social profiles and their links, findability tasks, reviews,
and links that lead nowhere. Pure, like `touchpoint.findability.checks`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from touchpoint.budgets import Budget, assess
from touchpoint.findability.checks import CATEGORY, SiteContacts, path_words, verdict
from touchpoint.findability.tasks import TaskFinding
from touchpoint.result import CheckResult, Level, Value, unmeasured

__all__ = ["broken_links_check", "reviews_check", "social_checks", "task_check"]


def social_checks(
    site: SiteContacts, expected: Sequence[str], profiles_budget: Budget, verified_budget: Budget
) -> list[CheckResult]:
    networks = {
        ch.split(":", 1)[1]: f
        for ch, f in site.findings.items()
        if ch.startswith(("social:", "messenger:")) and f.found
    }
    share = sorted({link.network for p in site.pages.values() for link, _ in p.other_social if link.kind == "share"})
    evidence: dict[str, Value] = {
        name: f"{', '.join(f.values[:3])} ({f.depth} click{'s' if f.depth != 1 else ''}, "
        f"in the {', '.join(sorted({r for rs in f.regions.values() for r in rs}))})"
        for name, f in sorted(networks.items())
    }
    if share:
        evidence["share buttons (not profiles)"] = ", ".join(share)
    missing = [n for n in expected if n not in networks]
    if expected:
        ok = not missing
        message = (
            f"All {len(expected)} expected profiles are linked"
            if ok
            else f"The site does not link its {', '.join(n.capitalize() for n in missing)}"
            f"{' profile' if len(missing) == 1 else ' profiles'}: a visitor cannot find "
            f"{'it' if len(missing) == 1 else 'them'} from here"
        )
        profiles = verdict(
            "social:profiles",
            "site",
            ok,
            profiles_budget,
            message,
            evidence,
            actual=f"{len(expected) - len(missing)} of {len(expected)}",
        )
    else:
        found = ", ".join(n.capitalize() for n in sorted(networks)) or "none"
        profiles = CheckResult(
            name="social:profiles",
            category=CATEGORY,
            title="Social profiles linked",
            subject="site",
            actual=str(len(networks)),
            expected=None,
            operator="",
            level=Level.OFF,
            passed=True,
            message=f"Profiles linked from the site: {found} (the profile lists none to expect)",
            evidence=evidence,
        )
    return [profiles, _verified(site, verified_budget)]


def _verified(site: SiteContacts, budget: Budget) -> CheckResult:
    if not site.social:
        return CheckResult(
            name="social:verified",
            category=CATEGORY,
            title="Social profile links work",
            subject="site",
            actual=None,
            expected=None,
            operator="",
            level=Level.OFF,
            passed=True,
            message="Social links were not opened (no profile links, or verify_social = false)",
        )
    states = {s: [x for x in site.social.values() if x.state == s] for s in ("live", "broken", "unverified")}
    evidence: dict[str, Value] = {x.url: f"{x.state}: {x.reason}" for x in site.social.values()}
    counts = ", ".join(f"{len(v)} {k}" for k, v in states.items() if v)
    if states["broken"]:
        return verdict(
            "social:verified",
            "site",
            False,
            budget,
            f"{len(states['broken'])} social link{'s' if len(states['broken']) > 1 else ''} lead nowhere: "
            + ", ".join(x.url for x in states["broken"]),
            evidence,
            actual=counts,
        )
    note = (
        f"; {len(states['unverified'])} could not be verified (the network blocks robots), check them by hand"
        if states["unverified"]
        else ""
    )
    return verdict(
        "social:verified",
        "site",
        True,
        budget,
        f"No broken social links ({counts}){note}",
        evidence,
        actual=counts,
    )


def task_check(site: SiteContacts, task: TaskFinding, budget: Budget) -> CheckResult:
    check_id = f"task:{task.name}:clicks"
    title = f"Find the {task.title.lower()}: clicks from the home page"
    if task.depth is None:
        return unmeasured(
            name=check_id,
            category="findability",
            title=title,
            subject="site",
            level=budget.level,
            expected=budget.threshold,
            operator=budget.operator,
            unit="clicks",
            reason=f"A visitor looking for the {task.title.lower()} finds nothing on {site.reach}",
        )
    result = assess(
        name=check_id,
        category="findability",
        title=title,
        subject="site",
        actual=float(task.depth),
        budget=budget,
        unit="clicks",
        url=task.page or "",
        evidence={"click path": path_words(task.path), "found by": task.because},
    )
    where = "on the home page" if task.depth == 0 else f"{task.depth} click{'s' if task.depth > 1 else ''} away"
    limit = f" (budget {budget.describe('clicks')})" if budget.level is not Level.OFF else ""
    return replace(
        result,
        message=f"The {task.title.lower()} are {where}: {path_words(task.path)}, found by {task.because}{limit}",
    )


def reviews_check(site: SiteContacts, budget: Budget) -> CheckResult:
    signals: dict[str, Value] = {}
    for url, page in sorted(
        site.pages.items(), key=lambda kv: site.crawl.pages[kv[0]].depth if kv[0] in site.crawl.pages else 99
    ):
        r = page.reviews
        if r.section and "section" not in signals:
            signals["section"] = f'"{r.section}" on {url}'
        if r.platforms and "platforms" not in signals:
            signals["platforms"] = f"{', '.join(r.platforms)} (linked from {url})"
        if (r.ratings or r.reviews) and "structured" not in signals:
            signals["structured"] = f"{r.ratings} rating(s), {r.reviews} review(s) in schema.org data on {url}"
    if signals:
        return verdict(
            "reviews:shown",
            "site",
            True,
            budget,
            "The site shows what customers think: " + "; ".join(str(v) for v in signals.values()),
            signals,
        )
    return verdict(
        "reviews:shown",
        "site",
        False,
        budget,
        "No reviews, testimonials, ratings or links to a review platform: a visitor has only the "
        "business's word for it",
    )


def broken_links_check(site: SiteContacts, budget: Budget) -> CheckResult:
    broken = site.crawl.broken
    evidence: dict[str, Value] = {
        page.url: f"{page.error} (linked as “{page.via}” from {page.parent})" for page in broken[:20]
    }
    if len(broken) > 20:
        evidence["…"] = f"and {len(broken) - 20} more"
    if not broken:
        return verdict(
            "pages:broken-links",
            "site",
            True,
            budget,
            f"Every link followed works ({len(site.crawl.pages)} pages opened)",
            category="pages",
        )
    return verdict(
        "pages:broken-links",
        "site",
        False,
        budget,
        f"{len(broken)} of the {len(site.crawl.pages)} pages linked on the site do not open for a visitor",
        evidence,
        actual=f"{len(broken)} broken",
        category="pages",
    )
