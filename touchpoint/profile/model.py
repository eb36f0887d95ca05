"""The site profile: one TOML file a site, validated into these frozen models.

Sections a later capability fills (channels, shopper, inbox, ledger) are here already so a
profile written today stays valid. Secrets are never values here, only the names of the
environment variables that hold them (`*_env` fields).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from datetime import date, time
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from touchpoint.browser.launch import DEVICES
from touchpoint.budgets import Budget
from touchpoint.contacts.social import MESSENGERS, NETWORKS
from touchpoint.findability.catalogue import CHECK_ID, DEFAULT_TASKS, TASKS
from touchpoint.profile.address import resolve, start_of
from touchpoint.profile.fields import (
    BudgetField,
    Duration,
    EnvName,
    HttpUrl,
    Language,
    PhoneRegion,
    TimeRanges,
    TimeZoneName,
)
from touchpoint.result import Level
from touchpoint.speed.metrics import (
    ALIASES,
    BROWSER_METRICS,
    DEFAULT_BROWSER_BUDGETS,
    DEFAULT_SPEED_BUDGETS,
    LIGHTHOUSE_METRICS,
)
from touchpoint.speed.regression import parse_baseline

__all__ = ["SiteProfile"]

BASE_URL_REQUIRED = 'base_url is required: write base_url = "https://www.example.com/"'
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DeviceName = Literal["mobile", "desktop"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PageSpec(_Section):
    name: str = Field(min_length=1, max_length=60, pattern=r"^[\w.-]+$")
    path: str
    lighthouse: bool = True

    @model_validator(mode="after")
    def _path(self) -> PageSpec:
        if not (self.path.startswith("/") or re.match(r"https?://", self.path)):
            raise ValueError(f'path {self.path!r} must start with "/" (or be a full http(s) address)')
        return self


class Hours(_Section):
    """Opening hours per weekday in the site's time zone; days not named are closed."""

    mon: TimeRanges = ()
    tue: TimeRanges = ()
    wed: TimeRanges = ()
    thu: TimeRanges = ()
    fri: TimeRanges = ()
    sat: TimeRanges = ()
    sun: TimeRanges = ()
    holidays: tuple[date, ...] = ()

    def on(self, weekday: int) -> tuple[tuple[time, time], ...]:
        """Ranges for a weekday, Monday = 0."""
        ranges: tuple[tuple[time, time], ...] = getattr(self, WEEKDAYS[weekday])
        return ranges


def _split_device_tables(raw: Any) -> Any:
    if not isinstance(raw, dict):
        return raw
    common = {k: v for k, v in raw.items() if k not in DEVICES}
    return {"common": common, **{k: v for k, v in raw.items() if k in DEVICES}}


_SPEED_IDS = {m.id for m in LIGHTHOUSE_METRICS}
_BROWSER_IDS = {m.id for m in BROWSER_METRICS}


def _known(ids: set[str], what: str) -> Any:
    def check(raw: Any) -> Any:
        if raw not in ids:
            word = str(raw).lower().removeprefix("browser:")
            guesses = [word, ALIASES.get(word, word)]
            close = [g for x in guesses for g in (x, f"browser:{x}") if g in ids][:1]
            close = close or difflib.get_close_matches(str(raw), sorted(ids), n=1, cutoff=0.5)
            hint = f'did you mean "{close[0]}"?' if close else "use one of " + ", ".join(sorted(ids))
            raise ValueError(f"unknown {what} metric {raw!r}: {hint}")
        return raw

    return BeforeValidator(check)


def _contact_check(raw: Any) -> Any:
    if not isinstance(raw, str) or not CHECK_ID.match(raw):
        raise ValueError(
            f'unknown findability check {raw!r}: write <channel>:<aspect>, e.g. "phone:clicks", '
            '"phone:above-fold", "email:actionable", "contact-page:same-place", "task:prices:clicks"'
        )
    return raw


SpeedMetricId = Annotated[str, _known(_SPEED_IDS, "Lighthouse")]
ContactCheckId = Annotated[str, BeforeValidator(_contact_check)]
ContactBudgetTable = dict[ContactCheckId, BudgetField]
BrowserMetricId = Annotated[str, _known(_BROWSER_IDS, "browser")]
SpeedBudgetTable = dict[SpeedMetricId, BudgetField]
BrowserBudgetTable = dict[BrowserMetricId, BudgetField]


class SpeedBudgets(_Section):
    common: SpeedBudgetTable = Field(default_factory=dict)
    mobile: SpeedBudgetTable = Field(default_factory=dict)
    desktop: SpeedBudgetTable = Field(default_factory=dict)


class ContactBudgets(_Section):
    common: ContactBudgetTable = Field(default_factory=dict)
    mobile: ContactBudgetTable = Field(default_factory=dict)
    desktop: ContactBudgetTable = Field(default_factory=dict)


class Budgets(_Section):
    speed: Annotated[SpeedBudgets, BeforeValidator(_split_device_tables)] = Field(default_factory=SpeedBudgets)
    browser: BrowserBudgetTable = Field(default_factory=dict)
    contacts: Annotated[ContactBudgets, BeforeValidator(_split_device_tables)] = Field(default_factory=ContactBudgets)

    def for_contacts(self, device: str | None = None) -> Mapping[str, Budget]:
        """The profile's findability budgets (defaults come from the check catalogue)."""
        device_budgets: Mapping[str, Budget] = getattr(self.contacts, device) if device else {}
        return {**self.contacts.common, **device_budgets}

    def for_speed(self, device: str) -> Mapping[str, Budget]:
        """Defaults, then the profile's budgets for both devices, then this device's."""
        device_budgets: Mapping[str, Budget] = getattr(self.speed, device)
        return {**DEFAULT_SPEED_BUDGETS[device], **self.speed.common, **device_budgets}

    def for_browser(self) -> Mapping[str, Budget]:
        return {**DEFAULT_BROWSER_BUDGETS, **self.browser}


class AuditSettings(_Section):
    runs: int = Field(default=3, ge=1, le=9, description="Lighthouse runs per page and device")
    devices: tuple[DeviceName, ...] = ("mobile", "desktop")
    timeout: Duration = Field(default="30s", validate_default=True)
    # Lighthouse's throttling: "simulate" (its default, as PageSpeed Insights reports), "devtools"
    # (real throttling in the browser: slower, but honest about servers on loopback, where
    # simulation discounts the server's own delay) or "provided" (none: the machine's own network).
    throttling: Literal["simulate", "devtools", "provided"] = "simulate"
    crawl_limit: int = Field(default=50, ge=1, le=5000)
    # The crawl obeys robots.txt for its own user agent (touchpoint-audit). An owner auditing their
    # own site behind a robots block may switch that off; the report says it was used.
    ignore_robots: bool = False
    max_page_bytes: int = Field(default=5_000_000, ge=100_000, le=100_000_000)  # a page is read up to this
    max_wait: Duration = Field(default="10m", validate_default=True)  # a run waits this long after each attempt
    # The regression gate: each page's Lighthouse runs against the same page's in earlier runs
    # (touchpoint.speed.regression): "last:5" (the last five runs), "run:42" (one run) or "off".
    baseline: str = "off"

    @field_validator("baseline")
    @classmethod
    def _baseline(cls, raw: str) -> str:
        spec = parse_baseline(raw)  # a ValueError says what to write
        return str(spec) if spec is not None else "off"


ChannelKind = Literal["form", "email", "chat"]
_KIND_BY_NAME = {
    "callback": "form",
    "form": "form",
    "quote": "form",
    "lead": "form",
    "booking": "form",
    "email": "email",
    "mail": "email",
    "chat": "chat",
}


class Channel(_Section):
    """A way the mystery shopper contacts the business. Nothing is sent unless `submit = true`."""

    kind: ChannelKind | None = None  # from the name when not given: callback -> form, email -> email
    submit: bool = False
    sla: Duration = Field(default="1d", validate_default=True)  # in business time
    page: str | None = None  # form: the path of the page with the form
    selector: str | None = None  # form: a CSS selector for the form, when detection is not enough
    address: str | None = None  # email: where to write (else the first address found on the site)
    question: str | None = None  # what the shopper asks (else [shopper] message)
    keywords: tuple[str, ...] = ()  # words an answer to the question contains
    min_interval: Duration = Field(default="1d", validate_default=True)  # at most one attempt per this
    give_up: Duration = Field(default="7d", validate_default=True)  # no reply by then: unanswered
    level: Level = Level.WARN  # a missed deadline fails the run at "error", is reported at "warn"
    min_human: Duration = Field(default="3s", validate_default=True)  # chat: faster than this is a machine
    # form: hosts besides the site's own that the form may send to (a form provider the owner uses)
    hosts: tuple[str, ...] = ()


def _channels(raw: Any) -> Any:
    if not isinstance(raw, dict):
        return raw
    out = {}
    for name, body in raw.items():
        if isinstance(body, dict) and "kind" not in body:
            kind = _KIND_BY_NAME.get(str(name).split("-")[0])
            if kind is None:
                raise ValueError(
                    f'channel {name!r} needs a kind: write kind = "form", "email" or "chat" in [channels.{name}]'
                )
            body = {**body, "kind": kind}
        out[name] = body
    return out


Channels = Annotated[dict[Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")], Channel], BeforeValidator(_channels)]


class ContactExpectations(_Section):
    """What the owner knows their contacts to be, for the consistency and social checks."""

    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    social: tuple[str, ...] = ()  # networks the site should link: facebook, instagram, ...
    verify_social: bool = True  # open each profile link to see that it is live

    @field_validator("social")
    @classmethod
    def _networks(cls, networks: tuple[str, ...]) -> tuple[str, ...]:
        known = {*NETWORKS, *MESSENGERS}
        unknown = [n for n in networks if n not in known]
        if unknown:
            raise ValueError(f"unknown network {', '.join(map(repr, unknown))}: use {', '.join(sorted(known))}")
        return networks


class TaskSpec(_Section):
    """A findability task: can a visitor find this, and in how many clicks?"""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    words: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _words(self) -> TaskSpec:
        if not self.words and self.name not in TASKS:
            raise ValueError(
                f'task {self.name!r} has no words: write words = ["..."], or use a built-in task: ' + ", ".join(TASKS)
            )
        return self


class Shopper(_Section):
    """Who the mystery shopper is. Each attempt gets its own reply address (`plus`:
    name+token@domain, `local`: token@domain) and a reference token in its message, so every
    reply maps to one attempt; `marker` adds a line telling staff this is a quality check."""

    name: str = "Alex Morgan"
    email: str | None = None
    phone: str | None = None
    language: Language | None = None
    message: str = "Hello! Could you tell me your prices and when you could help? Thank you."
    marker: bool = True
    reply_mode: Literal["plus", "local"] = "plus"


class Inbox(_Section):
    """The shopper's mailbox (IMAP), where replies arrive."""

    host: str | None = None
    port: int = Field(default=993, ge=1, le=65535)
    user: str | None = None
    password_env: EnvName | None = None
    security: Literal["ssl", "starttls", "none"] = "ssl"
    folder: str = "INBOX"


class Outbox(_Section):
    """The shopper's outgoing mail server (SMTP), for email inquiries."""

    host: str | None = None
    port: int = Field(default=587, ge=1, le=65535)
    user: str | None = None
    password_env: EnvName | None = None
    security: Literal["ssl", "starttls", "none"] = "starttls"


class Ledger(_Section):
    url: str | None = None
    url_env: EnvName | None = None


class Alerts(_Section):
    """Where alerts go: Apprise URLs (https://github.com/caronc/apprise/wiki), one message an
    incident and one when it recovers. A URL that holds a password or token goes whole into an
    environment variable, named in `urls_env`; `report_url` is where the reports folder is
    published, so a message links the run's report (else its file path)."""

    urls: tuple[str, ...] = ()
    urls_env: tuple[EnvName, ...] = ()
    report_url: HttpUrl | None = None

    @field_validator("urls")
    @classmethod
    def _readable(cls, urls: tuple[str, ...]) -> tuple[str, ...]:
        from touchpoint.alerts.receivers import url_problem

        problems = [f"URL {i}: {problem}" for i, url in enumerate(urls, 1) if (problem := url_problem(url))]
        if problems:
            raise ValueError("; ".join(problems))
        return urls

    def problems(self, environ: Mapping[str, str]) -> list[str]:
        """What stops alerts where the audit runs: a variable of urls_env not set, or holding a URL
        Apprise cannot read (its value is never shown)."""
        from touchpoint.alerts.receivers import env_problems

        return env_problems(self.urls_env, environ)

    @property
    def wanted(self) -> bool:
        return bool(self.urls or self.urls_env)


class DemoKnobs(_Section):
    """Settings of the embedded demo business (only with `serve = true`)."""

    serve: bool = False
    reply_delay: Duration = Field(default="20s", validate_default=True)  # how long the staff take to answer
    answers: tuple[str, ...] = ("callback", "email", "chat")  # channels the demo business answers
    chat_delay: Duration = Field(default="15s", validate_default=True)  # when the chat's operator answers
    chat_online: bool = True  # offline, the chat offers a "leave a message" form instead
    auto_reply: bool = True  # an automatic "we got your message" first
    server_delay_ms: int = Field(default=0, ge=0, le=120_000)
    heavy_image: bool = False
    blocking_script_ms: int = Field(default=0, ge=0, le=120_000)
    header_phone: bool = True
    broken: dict[str, int] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _broken(self) -> DemoKnobs:
        for path, status in self.broken.items():
            if not path.startswith("/") or not 400 <= status <= 599:
                raise ValueError(
                    f'broken = {{ "{path}" = {status} }}: write a path and a 4xx/5xx status, e.g. {{ "/about" = 500 }}'
                )
        return self


class SiteProfile(_Section):
    """A validated site profile. Build it with `touchpoint.profile.load_profile`."""

    name: str = Field(min_length=1, max_length=80)
    base_url: HttpUrl | None = None
    language: Language = "en"
    phone_region: PhoneRegion | None = None
    timezone: TimeZoneName = "UTC"
    hours: Hours = Hours()
    pages: tuple[PageSpec, ...] = (PageSpec(name="home", path="/"),)
    audit: AuditSettings = AuditSettings()
    budgets: Budgets = Budgets()
    channels: Channels = Field(default_factory=dict)
    contacts: ContactExpectations = ContactExpectations()
    tasks: tuple[TaskSpec, ...] = tuple(TaskSpec(name=n) for n in DEFAULT_TASKS)
    shopper: Shopper = Shopper()
    inbox: Inbox = Inbox()
    outbox: Outbox = Outbox()
    ledger: Ledger = Ledger()
    alerts: Alerts = Alerts()
    demo: DemoKnobs = DemoKnobs()
    report_language: Language | None = None  # the owner's report: en, ru, lt (default: the site's language)
    rubric: dict[str, dict[str, Any]] = Field(default_factory=dict)  # [rubric.speed] bands = [...]: the scorecard
    competitors: tuple[str, ...] = ()  # profiles of competitors, for `touchpoint compare` (paths, relative to this)

    @field_validator("rubric")
    @classmethod
    def _rubric(cls, rubric: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        from touchpoint.scoring.rubric import load_rubric

        try:
            load_rubric(rubric)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{exc}; see the rubric in the README") from None
        return rubric

    @field_validator("pages")
    @classmethod
    def _pages(cls, pages: tuple[PageSpec, ...]) -> tuple[PageSpec, ...]:
        if not pages:
            raise ValueError('no pages: add [[pages]] with name = "home" and path = "/"')
        names = [p.name for p in pages]
        doubles = sorted({n for n in names if names.count(n) > 1})
        if doubles:
            raise ValueError(f"the name {', '.join(map(repr, doubles))} is used twice; give each page its own")
        return pages

    @model_validator(mode="after")
    def _whole(self) -> SiteProfile:
        if self.base_url is None and not self.demo.serve:
            raise ValueError(BASE_URL_REQUIRED)
        return self

    def with_base_url(self, base_url: str) -> SiteProfile:
        return self.model_copy(update={"base_url": base_url})

    def page_url(self, page: PageSpec) -> str:
        """The page's address: its path under base_url ("/" is base_url itself; see profile/address.py)."""
        return self.url_of(page.path)

    def url_of(self, path: str) -> str:
        """The address of a profile path (a page's, a form's): "/" is base_url, "/contact/" sits under its folder."""
        if self.base_url is None:
            raise ValueError("the profile has no base_url yet (the demo server sets it when it starts)")
        return resolve(self.base_url, path)

    @property
    def start_url(self) -> str:
        """Where the audit starts, the home page: base_url as given (path and query), without its fragment."""
        if self.base_url is None:
            raise ValueError("the profile has no base_url yet (the demo server sets it when it starts)")
        return start_of(self.base_url)

    def page(self, name: str) -> PageSpec:
        for page in self.pages:
            if page.name == name:
                return page
        raise KeyError(name)

    @property
    def host(self) -> str:
        return urlsplit(self.base_url or "").hostname or ""
