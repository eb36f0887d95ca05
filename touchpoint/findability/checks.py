"""Findability checks: the site's contacts as a visitor experiences them, against the profile's
budgets. Pure: findings in, `CheckResult`s out, each saying what a visitor would have had to do
when something is missing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from touchpoint.budgets import Budget, assess
from touchpoint.contacts.extract import PageContacts
from touchpoint.contacts.verify import LinkStatus
from touchpoint.crawl import CrawlResult
from touchpoint.findability.catalogue import ASPECTS, channel_words
from touchpoint.findability.look import Look
from touchpoint.findability.site import ChannelFinding
from touchpoint.findability.tasks import TaskFinding
from touchpoint.result import CheckResult, Level, Value, unmeasured

__all__ = [
    "SiteContacts",
    "clicks_check",
    "consistent_check",
    "direct_contacts_check",
    "first_screen_check",
    "same_place_check",
    "structured_address_check",
    "tappable_check",
]

CATEGORY = "contacts"


@dataclass(frozen=True)
class SiteContacts:
    """Everything the contacts audit learned about a site."""

    crawl: CrawlResult
    pages: Mapping[str, PageContacts]
    findings: Mapping[str, ChannelFinding]
    tasks: Mapping[str, TaskFinding] = field(default_factory=dict)
    social: Mapping[str, LinkStatus] = field(default_factory=dict)

    def finding(self, channel: str) -> ChannelFinding:
        return self.findings.get(channel) or ChannelFinding(channel)

    @property
    def unreachable(self) -> str | None:
        """Why no contact could be looked for: the start page did not open for the audit."""
        start = self.crawl.pages.get(self.crawl.start)
        if start is None or start.error is None:
            return None
        return f"the home page did not open for the audit ({start.error})"

    @property
    def reach(self) -> str:
        depth = max((p.depth for p in self.crawl.pages.values()), default=0)
        more = f"; {self.crawl.unvisited} more links were left unvisited" if self.crawl.unvisited else ""
        return f"the {len(self.crawl.pages)} pages a visitor reaches within {depth} clicks{more}"


def path_words(path: Sequence[tuple[str, str]]) -> str:
    """home page → “Contact us” → “Write to us”."""
    steps = ["home page"] + [f"“{words or urlsplit(url).path}”" for url, words in path[1:]]
    return " → ".join(steps)


def _title(check_id: str) -> str:
    channel, _, aspect = check_id.rpartition(":")
    return ASPECTS[aspect][0].format(what=channel_words(channel))


def _explain(check_id: str) -> str:
    return ASPECTS[check_id.rpartition(":")[2]][1]


def verdict(
    check_id: str,
    subject: str,
    ok: bool,
    budget: Budget,
    message: str,
    evidence: Mapping[str, Value] | None = None,
    url: str = "",
    actual: Value = None,
    category: str = CATEGORY,
) -> CheckResult:
    """A yes/no check against a `minScore = 1` style budget."""
    level = budget.level
    return CheckResult(
        name=check_id,
        category=category,
        title=_title(check_id),
        subject=subject,
        actual=actual if actual is not None else ("yes" if ok else "no"),
        expected="required" if level is not Level.OFF else None,
        operator="",
        level=level,
        passed=ok,
        message=message,
        url=url,
        evidence={"what it means": _explain(check_id), **(evidence or {})},
    )


def clicks_check(site: SiteContacts, channel: str, budget: Budget) -> CheckResult:
    finding = site.finding(channel)
    check_id = f"{channel}:clicks"
    what = channel_words(channel)
    if not finding.found:
        advice = {
            "phone": "a visitor would have to look the number up elsewhere (a map, a directory)",
            "email": "a visitor could not write to the business except through a form",
            "address": "a visitor could not find where the business is",
            "contact-page": "a visitor has no page to turn to for contacts",
        }.get(channel, "a visitor would have to search for it elsewhere")
        declared = (
            f" It is only declared in structured data ({', '.join(finding.declared)})." if finding.declared else ""
        )
        return unmeasured(
            name=check_id,
            category=CATEGORY,
            title=_title(check_id),
            subject="site",
            level=budget.level,
            expected=budget.threshold,
            operator=budget.operator,
            unit="clicks",
            reason=f"{what} not found on {site.reach}: {advice}.{declared}",
        )
    where = path_words(finding.path)
    evidence: dict[str, Value] = {
        "what it means": _explain(check_id),
        "click path": where,
        "found": ", ".join(finding.raw.get(v, v) for v in finding.values[:5]),
        "shown on": f"{len(finding.pages)} of {len(site.crawl.ok)} pages",
    }
    result = assess(
        name=check_id,
        category=CATEGORY,
        title=_title(check_id),
        subject="site",
        actual=float(finding.depth or 0),
        budget=budget,
        unit="clicks",
        url=finding.pages[0] if finding.pages else "",
        evidence=evidence,
    )
    clicks = finding.depth or 0
    said = "on the home page" if clicks == 0 else f"{clicks} click{'s' if clicks != 1 else ''} away: {where}"
    limit = f" (budget {budget.describe('clicks')})" if budget.level is not Level.OFF else ""
    return replace(result, message=f"{what} is {said}{limit}")


def first_screen_check(
    site: SiteContacts, channel: str, look: Look | None, page: str, device: str, budget: Budget
) -> CheckResult:
    check_id = f"{channel}:above-fold"
    subject = f"{page} · {device}"
    what = channel_words(channel)
    if look is None:
        return unmeasured(
            name=check_id,
            category=CATEGORY,
            title=_title(check_id),
            subject=subject,
            level=budget.level,
            reason=f"the {page} page could not be opened on {device}, so its first screen is unknown",
        )
    seen = look.first_screen(channel)
    evidence: dict[str, Value] = {}
    if note := look.consent.describe():
        evidence["consent banner"] = note
    if seen:
        first = seen[0]
        return verdict(
            check_id,
            subject,
            True,
            budget,
            f"{what} is on the first screen on {device} ({first.place.region if first.place else ''}): {first.raw}",
            evidence,
            url=look.snapshot.url,
        )
    anywhere = look.anywhere(channel)
    covered = [f for f in look.contacts.of(channel) if f.place is not None and f.place.covered]
    finding = site.finding(channel)
    if covered:
        why = "it is there but covered by something on top of it (a banner, a pop-up or a chat button)"
    elif anywhere:
        place = min((f.place for f in anywhere if f.place), key=lambda p: p.y)
        scroll = max(0, place.y - look.viewport_height + 40)
        why = f"a visitor must scroll about {scroll:,} px down (to the {place.region})"
    elif finding.found:
        why = f"it is not on this page at all; a visitor must go {path_words(finding.path)}"
        evidence["click path"] = path_words(finding.path)
    else:
        why = "it is nowhere on the site"
    return verdict(
        check_id,
        subject,
        False,
        budget,
        f"{what} is not on the first screen on {device}: {why}",
        evidence,
        url=look.snapshot.url,
    )


def not_found(site: SiteContacts, check_id: str, budget: Budget, subject: str = "site") -> CheckResult:
    """A check about a channel the site does not have."""
    what = channel_words(check_id.rpartition(":")[0])
    return unmeasured(
        name=check_id,
        category=CATEGORY,
        title=_title(check_id),
        subject=subject,
        level=budget.level,
        reason=f"{what} not found on {site.reach}",
    )


def tappable_check(site: SiteContacts, channel: str, budget: Budget) -> CheckResult:
    check_id = f"{channel}:actionable"
    finding = site.finding(channel)
    what = channel_words(channel)
    kind = "tel:" if channel == "phone" else "mailto:"
    if not finding.found:
        return not_found(site, check_id, budget)
    if finding.actionable:
        does = "calls" if channel == "phone" else "opens a new email"
        return verdict(check_id, "site", True, budget, f"{what} is a {kind} link: one tap {does}")
    if finding.messenger_only and set(finding.values) <= set(finding.messenger_only):
        return verdict(
            check_id,
            "site",
            False,
            budget,
            f"{what} is reachable only through a messenger link ({finding.raw.get(finding.values[0], '')}): "
            f"a visitor without that app cannot call; show the number as a {kind} link too",
        )
    return verdict(
        check_id,
        "site",
        False,
        budget,
        f"{what} is only text ({finding.raw.get(finding.values[0], '')}): on a phone a visitor must "
        f"copy it by hand; make it a {kind} link",
    )


def same_place_check(channel: str, looks: Mapping[str, Look], device: str, budget: Budget) -> CheckResult:
    """WCAG 3.2.6: where a help mechanism repeats across pages, it keeps its place."""
    check_id = f"{channel}:same-place"
    what = channel_words(channel)
    regions = {page: {f.place.region for f in look.anywhere(channel) if f.place} for page, look in looks.items()}
    present = {page: r for page, r in regions.items() if r}
    evidence: dict[str, Value] = {page: ", ".join(sorted(r)) or "absent" for page, r in regions.items()}
    if len(present) < 2:
        return CheckResult(
            name=check_id,
            category=CATEGORY,
            title=_title(check_id),
            subject=f"audited pages · {device}",
            actual=f"on {len(present)} of {len(looks)} pages",
            expected=None,
            operator="",
            level=Level.OFF,
            passed=True,
            message=f"{what} appears on {len(present)} of the {len(looks)} audited pages; nothing to compare",
            evidence=evidence,
        )
    common = set.intersection(*present.values())
    ok = bool(common) and len(present) == len(looks)
    if ok:
        message = f"{what} is in the {', '.join(sorted(common))} on all {len(looks)} audited pages"
    elif common:
        missing = [p for p in looks if p not in present]
        message = f"{what} is in the {', '.join(sorted(common))} but missing on {', '.join(missing)}"
    else:
        message = f"{what} moves around: " + "; ".join(f"{p}: {', '.join(sorted(r))}" for p, r in present.items())
    return verdict(
        check_id,
        f"audited pages · {device}",
        ok,
        budget,
        message,
        evidence,
        actual=f"same place on {len(present) if common else 0} of {len(looks)} pages",
    )


def consistent_check(site: SiteContacts, channel: str, expected: Sequence[str], budget: Budget) -> CheckResult:
    check_id = f"{channel}:consistent"
    finding = site.finding(channel)
    what = channel_words(channel)
    if not finding.found and not finding.declared:
        return not_found(site, check_id, budget)
    problems = []
    shown = set(finding.values)
    # A page's leading value: the first it shows directly (a chat link's number may come first).
    direct = [
        [v for v in vals if v not in finding.messenger_only] or list(vals) for vals in finding.per_page_values.values()
    ]
    firsts = {vals[0] for vals in direct if vals}
    if len(firsts) > 1:
        problems.append(f"pages lead with different values: {', '.join(sorted(firsts))}")
    if finding.declared and shown and not shown & set(finding.declared):
        problems.append(f"structured data says {', '.join(finding.declared)} but pages show {', '.join(sorted(shown))}")
    if expected:
        missing = [e for e in expected if e not in shown]
        unknown = sorted(shown - set(expected))
        if missing:
            problems.append(f"the owner's {', '.join(missing)} is not shown")
        if unknown:
            problems.append(f"{', '.join(unknown)} is shown but not in the owner's list")
    evidence: dict[str, Value] = {
        "shown": ", ".join(f"{v} (messenger only)" if v in finding.messenger_only else v for v in sorted(shown))
        or "none",
        "structured data": ", ".join(finding.declared) or "none",
    }
    if expected:
        evidence["owner's list"] = ", ".join(expected)
    if problems:
        return verdict(check_id, "site", False, budget, f"{what} is not consistent: " + "; ".join(problems), evidence)
    return verdict(
        check_id,
        "site",
        True,
        budget,
        f"{what} is the same on every page{' and in the structured data' if finding.declared else ''}",
        evidence,
    )


def direct_contacts_check(site: SiteContacts, budget: Budget) -> CheckResult:
    check_id = "contact-page:direct-contacts"
    contact = site.finding("contact-page")
    if not contact.found or not contact.pages or contact.pages[0] not in site.pages:
        return unmeasured(
            name=check_id,
            category=CATEGORY,
            title=_title(check_id),
            subject="contact page",
            level=budget.level,
            reason=f"no contact page found on {site.reach}",
        )
    url = contact.pages[0]
    page = site.pages[url]
    has = {ch: any(f.seen for f in page.of(ch)) for ch in ("phone", "email")}
    lacking = [ch for ch, ok in has.items() if not ok]
    form = " (it has a form)" if page.contact_forms else ""
    if not lacking:
        return verdict(check_id, "contact page", True, budget, "The contact page shows a phone and an email", url=url)
    return verdict(
        check_id,
        "contact page",
        False,
        budget,
        f"The contact page shows no {' and no '.join(lacking)}{form}: a visitor cannot "
        f"{'call' if 'phone' in lacking else 'write'} directly",
        url=url,
    )


def structured_address_check(site: SiteContacts, budget: Budget) -> CheckResult:
    check_id = "address:structured"
    declared = {f.value: f.raw for p in site.pages.values() for f in p.of("address") if f.place is None}
    if not declared:
        return verdict(
            check_id,
            "site",
            False,
            budget,
            "No address in structured data: add schema.org LocalBusiness (JSON-LD) so search engines "
            "and maps show the same address visitors see",
        )
    shown = {f.value for p in site.pages.values() for f in p.of("address") if f.seen}
    matching = [raw for value, raw in declared.items() if value in shown]
    if matching:
        return verdict(check_id, "site", True, budget, f"The structured address ({matching[0]}) is shown on the site")
    return verdict(
        check_id,
        "site",
        False,
        budget,
        f"The structured data says {', '.join(declared.values())}, but no page shows that address",
    )
