"""The owner's plan (pure): each failed or warned check becomes an action in an owner's words, with
who usually does it and a suggested deadline, grouped by scorecard category and ordered by impact;
what failed last run and passes now is said too. Exported as Markdown and CSV beside the report.

The actions are rules on the check's name (fnmatch patterns, the first that fits wins), their words
marked for translation (`N_`), so the plan reads in the report's language.

    steps = plan(results, previous)     # [Step(category="findability", action=..., who="web developer", days=7)]
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fnmatch import fnmatchcase

from touchpoint.result import CheckResult, Verdict

__all__ = ["RULES", "Rule", "Step", "improvements", "plan", "plan_csv", "plan_markdown"]


def N_(text: str) -> str:  # noqa: N802 (gettext's marker: the words are translated when shown)
    return text


WEB, STAFF, OWNER = N_("web developer"), N_("staff"), N_("owner")


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: str  # a check name, e.g. "phone:above-fold", "reply:*"
    category: str  # the scorecard category it improves
    action: str  # what to do, in an owner's words ({channel} is the channel's name)
    who: str
    impact: int  # 3 high, 2 medium, 1 low
    when: str = ""  # a fnmatch on the check's state (actual), when the same name needs other words


RULES: tuple[Rule, ...] = (
    # reaching a person
    Rule(
        "reply:*",
        "reply",
        N_("Answer {channel} requests within the promised time: name who answers them and when"),
        STAFF,
        3,
    ),
    Rule(
        "chat:*",
        "reply",
        N_("Have a person answer the chat in opening hours, or show it only when someone is there"),
        STAFF,
        3,
    ),
    Rule("chat-start:*", "reply", N_("Make the {channel} chat visible and usable on the site"), WEB, 3, "hidden"),
    Rule(
        "chat-start:*",
        "reply",
        N_("Let visitors leave an email in the offline chat so you can answer them"),
        WEB,
        2,
        "offline",
    ),
    Rule("chat-start:*", "reply", N_("Fix the {channel} chat: it does not load or cannot be written in"), WEB, 3),
    Rule(
        "attempt:*",
        "reply",
        N_("Check where the {channel} form sends visitors' details: not to your own site"),
        WEB,
        3,
        "offsite",
    ),
    Rule(
        "attempt:*",
        "reply",
        N_("Let the {channel} form be sent without a CAPTCHA a customer struggles with"),
        WEB,
        2,
        "needs-person",
    ),
    Rule("attempt:*", "reply", N_("Fix the {channel} form: it could not be sent"), WEB, 3),
    # can people reach you
    Rule(
        "phone:above-fold",
        "findability",
        N_("Put the phone number in the header, so it shows on the first screen"),
        WEB,
        3,
    ),
    Rule("phone:actionable", "findability", N_("Make the phone number a tap-to-call link"), WEB, 2),
    Rule("phone:clicks", "findability", N_("Show the phone number on the home page"), WEB, 3),
    Rule("phone:same-place", "findability", N_("Keep the phone number in the same place on every page"), WEB, 1),
    Rule(
        "phone:*", "findability", N_("Show one phone number, the same everywhere, where visitors look for it"), WEB, 2
    ),
    Rule("email:actionable", "findability", N_("Make the email address a link that opens a new email"), WEB, 1),
    Rule(
        "email:*", "findability", N_("Show the email address where visitors look for it, the same everywhere"), WEB, 1
    ),
    Rule(
        "address:*",
        "findability",
        N_("Show the address on the contact page and in the footer, the same everywhere"),
        WEB,
        1,
    ),
    Rule("contact-page:clicks", "findability", N_("Link the contact page from the main menu"), WEB, 2),
    Rule("contact-page:*", "findability", N_("Make the contact page easy to reach from every page"), WEB, 2),
    Rule("task:*", "findability", N_("Make it easy to find from the home page: {subject}"), WEB, 2),
    Rule("messenger:*", "findability", N_("Make the messenger links easy to find"), WEB, 1),
    Rule("social:*", "social", N_("Link your social profiles from the site, and keep them live"), OWNER, 1),
    # speed
    Rule(
        "regression:*",
        "speed",
        N_("Find what made {subject} slower than in the earlier runs, and undo or fix it"),
        WEB,
        3,
    ),
    Rule(
        "largest-contentful-paint",
        "speed",
        N_("Make the main picture and heading show sooner: smaller images, in WebP or AVIF, loaded first"),
        WEB,
        3,
    ),
    Rule(
        "total-blocking-time",
        "speed",
        N_("Remove scripts and widgets the page does not need; load the rest later"),
        WEB,
        2,
    ),
    Rule(
        "cumulative-layout-shift",
        "speed",
        N_("Stop the page jumping while it loads: give images and banners a size"),
        WEB,
        2,
    ),
    Rule("server-response-time", "speed", N_("Make the server answer faster: caching, a better host or a CDN"), WEB, 2),
    Rule("browser:*", "speed", N_("Make the server answer faster: caching, a better host or a CDN"), WEB, 2),
    Rule(
        "categories:accessibility",
        "speed",
        N_("Fix the accessibility problems Lighthouse lists: contrast, labels, alternative text"),
        WEB,
        1,
    ),
    Rule("categories:seo", "speed", N_("Fix the search-engine problems Lighthouse lists"), WEB, 1),
    Rule("categories:*", "speed", N_("Work through the Lighthouse report's suggestions for {subject}"), WEB, 1),
    Rule(
        "first-contentful-paint", "speed", N_("Make the first content show sooner: less blocking CSS and fonts"), WEB, 2
    ),
    Rule("speed-index", "speed", N_("Make the page fill in sooner: lighter images and fewer scripts"), WEB, 1),
    Rule("page-opens", "speed", N_("Fix the pages that do not open for visitors"), WEB, 3),
    Rule(
        "page-behaves",
        "speed",
        N_("Fix what visitors run into on the pages listed: pop-ups, dialogs, redirects elsewhere, garbled text"),
        WEB,
        2,
    ),
    Rule(
        "pages:problems",
        "speed",
        N_("Fix what visitors run into on the pages listed: pop-ups, dialogs, redirects elsewhere, garbled text"),
        WEB,
        2,
    ),
    Rule(
        "pages:broken-links", "findability", N_("Fix or remove the links that lead to pages that do not open"), WEB, 2
    ),
)
DAYS = {3: 7, 2: 14, 1: 30}  # a suggested deadline by impact: a week, two weeks, a month


@dataclass(frozen=True, slots=True)
class Step:
    category: str
    action: str  # the rule's words, untranslated (msgid)
    fields: tuple[tuple[str, str], ...]  # what fills {channel}, {subject}
    who: str
    impact: int
    due: date
    checks: tuple[str, ...]  # the checks behind it (title · subject)
    level: str  # "error" or "warn": the worst of its checks

    def words(self, gettext: Callable[[str], str] = lambda s: s) -> str:
        return gettext(self.action).format(**dict(self.fields))


def _rule(r: CheckResult) -> Rule | None:
    state = str(r.actual) if isinstance(r.actual, str) else ""
    for rule in RULES:
        if fnmatchcase(r.name, rule.pattern) and (not rule.when or fnmatchcase(state, rule.when)):
            return rule
    return None


def _fields(r: CheckResult) -> tuple[tuple[str, str], ...]:
    channel = (
        r.name.split(":", 1)[1]
        if ":" in r.name and r.name.split(":")[0] in ("reply", "chat", "chat-start", "attempt")
        else r.subject
    )
    subject = r.name.split(":", 1)[1].replace("-", " ") if r.name.startswith(("task:", "categories:")) else r.subject
    return (("channel", channel), ("subject", subject))


def plan(results: Sequence[CheckResult], *, today: date | None = None) -> list[Step]:
    today = today or date.today()
    steps: dict[tuple[str, tuple[tuple[str, str], ...]], list[tuple[Rule, CheckResult]]] = {}
    for r in results:
        if r.verdict not in (Verdict.FAIL, Verdict.WARN):
            continue
        rule = _rule(r)
        if rule is None:
            continue
        fields = _fields(r) if "{" in rule.action else ()
        steps.setdefault((rule.action, fields), []).append((rule, r))
    found = []
    for (action, fields), hits in steps.items():
        rule = hits[0][0]
        error = any(r.verdict is Verdict.FAIL for _, r in hits)
        impact = rule.impact + (1 if error else 0)
        found.append(
            Step(
                rule.category,
                action,
                fields,
                rule.who,
                min(impact, 3),
                today + timedelta(days=DAYS[min(impact, 3)]),
                tuple(f"{r.title} · {r.subject}" for _, r in hits),
                "error" if error else "warn",
            )
        )
    return sorted(found, key=lambda s: (-s.impact, s.level != "error", s.category, s.action))


def improvements(results: Sequence[CheckResult], previous: Sequence[CheckResult]) -> list[Step]:
    """What the last run had to do and this run no longer needs: the steps now done."""
    now = {(s.action, s.fields) for s in plan(results)}
    return [s for s in plan(previous) if (s.action, s.fields) not in now and _measured(s, results)]


def _measured(step: Step, results: Sequence[CheckResult]) -> bool:
    """The checks behind a step were made again this run (not merely left out)."""
    made = {f"{r.title} · {r.subject}" for r in results if r.actual is not None}
    return any(check in made for check in step.checks)


def plan_markdown(steps: Sequence[Step], done: Sequence[Step], gettext: Callable[[str], str], title: str) -> str:
    lines = [f"# {title}", ""]
    for category in dict.fromkeys(s.category for s in steps):
        lines += [f"## {gettext(CATEGORY_NAMES.get(category, category))}", ""]
        for s in (s for s in steps if s.category == category):
            lines.append(f"- [ ] {s.words(gettext)} — {gettext(s.who)}, {s.due.isoformat()}")
        lines.append("")
    if done:
        lines += [f"## {gettext(N_('Done since the last run'))}", ""]
        lines += [f"- [x] {s.words(gettext)}" for s in done]
    return "\n".join(lines).rstrip() + "\n"


def plan_csv(steps: Sequence[Step], gettext: Callable[[str], str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            gettext(N_("category")),
            gettext(N_("action")),
            gettext(N_("who")),
            gettext(N_("deadline")),
            gettext(N_("impact")),
            gettext(N_("checks")),
        ]
    )
    for s in steps:
        writer.writerow(
            [
                gettext(CATEGORY_NAMES.get(s.category, s.category)),
                s.words(gettext),
                gettext(s.who),
                s.due.isoformat(),
                s.impact,
                "; ".join(s.checks),
            ]
        )
    return out.getvalue()


CATEGORY_NAMES = {
    "speed": N_("Page speed"),
    "findability": N_("Can people reach you"),
    "social": N_("Social presence"),
    "reply": N_("Does a person answer"),
    "quality": N_("Reply quality"),
    "promises": N_("Promises kept"),
    "none-missed": N_("None missed"),
}
