"""The fixtures probes and journeys are written with.

They build on each other as pytest-playwright's do (`browser -> context -> page`), and each can
be replaced by defining a fixture of the same name in a conftest.py:

    site          the validated profile, its base URL live (the demo started if it asks)
    audited_page  one page of the profile (tests asking for it run once per page)
    device        "mobile" or "desktop" (tests asking for it run once per device)
    browser       Playwright's Browser: the found Chromium or a remote one
    context       a fresh browser context shaped like `device`
    page          a fresh tab in `context`
    visits        cached first visits of every page on every device, with their contacts looked at
    contacts      the contacts audit of the whole site (crawl, channels, tasks, social links)
    speed         the Lighthouse speed probe
    baseline      earlier runs' Lighthouse samples, for the regression gate (--audit-baseline)
    audit         records check results and evidence for the report
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from touchpoint.browser.find import find_browser
from touchpoint.browser.launch import DEVICES, BrowserSession
from touchpoint.browser.options import BROWSER
from touchpoint.contacts.verify import SocialVerifier
from touchpoint.demo.server import DemoServer, LoopbackServer, demo_profile
from touchpoint.demo.site import BUSINESS
from touchpoint.demo.social import LoopbackTransport
from touchpoint.demo.social import make_app as social_stand_in
from touchpoint.findability.audit import audit_contacts, site_region
from touchpoint.findability.checks import SiteContacts
from touchpoint.findability.look import look
from touchpoint.ledger.options import RUN
from touchpoint.ledger.store import Ledger
from touchpoint.pages import PageVisits
from touchpoint.profile.model import PageSpec, SiteProfile
from touchpoint.profile.options import profile_of
from touchpoint.recorder import Recorder, record_outage
from touchpoint.report.options import report_dir
from touchpoint.speed.gate import Baseline, keep_samples
from touchpoint.speed.options import SPEED
from touchpoint.speed.probe import SpeedProbe
from touchpoint.speed.runner import Lighthouse, find_lighthouse

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

NO_SITE = (
    "this check audits a site, and no profile was given: run `pytest --site sites/<name>.toml` "
    "or `touchpoint audit sites/<name>.toml`"
)


@pytest.fixture(scope="session")
def site(pytestconfig: pytest.Config) -> Iterator[SiteProfile]:
    """The site profile under audit, with a live base URL.

    def test_home(site):
        assert site.page_url(site.page("home")).startswith(site.base_url)
    """
    profile = profile_of(pytestconfig)
    if profile is None:
        pytest.fail(NO_SITE, pytrace=False)
    if not profile.demo.serve:
        yield profile
        return
    with DemoServer(profile.demo) as server:
        yield demo_profile(profile, server)


@pytest.fixture
def audited_page(request: pytest.FixtureRequest, site: SiteProfile) -> PageSpec:
    """One page of the profile; a test that asks for it runs once per page.

    def test_title(audited_page, site):
        url = site.page_url(audited_page)
    """
    spec = getattr(request, "param", None)
    if spec is None:
        return site.pages[0]
    return site.page(str(spec))


@pytest.fixture
def device(request: pytest.FixtureRequest) -> str:
    """The device a test looks through, "mobile" or "desktop"; tests run once per device.

    def test_layout(device, page):
        assert device in ("mobile", "desktop")
    """
    return str(getattr(request, "param", "mobile"))


@pytest.fixture(scope="session")
def _browser_path(pytestconfig: pytest.Config) -> str | None:
    """The local Chromium every part of the audit uses (None with a remote browser)."""
    options = pytestconfig.stash[BROWSER]
    return None if options.cdp_endpoint else find_browser(options.executable).path


@pytest.fixture(scope="session")
def _browser_session(pytestconfig: pytest.Config, _browser_path: str | None) -> Iterator[BrowserSession]:
    options = pytestconfig.stash[BROWSER]
    executable = _browser_path
    session = BrowserSession.launch(executable, cdp_endpoint=options.cdp_endpoint, headless=not options.headed)
    yield session
    session.close()


@pytest.fixture(scope="session")
def browser(_browser_session: BrowserSession) -> Browser:
    """Playwright's Browser, started once for the audit.

    def test_blank(browser):
        assert browser.is_connected()
    """
    return _browser_session.browser


@pytest.fixture
def context(_browser_session: BrowserSession, device: str) -> Iterator[BrowserContext]:
    """A fresh browser context shaped like `device` (viewport, touch, user agent).

    def test_cookies(context):
        assert context.cookies() == []
    """
    ctx = _browser_session.new_context(DEVICES[device])
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A fresh tab in `context`.

    def test_open(page, site):
        page.goto(site.base_url)
    """
    return context.new_page()


@pytest.fixture(scope="session")
def visits(request: pytest.FixtureRequest, site: SiteProfile) -> PageVisits:
    """Every page's first visit on every device, made once and shared.

    def test_opens(visits, site, audited_page, device):
        outcome = visits.get(audited_page.name, site.page_url(audited_page), device)
    """
    timeout_ms = site.audit.timeout.total_seconds() * 1000
    region = site_region(site)
    # The browser starts on the first visit, so a profile whose checks need none starts none.
    return PageVisits(
        lambda: request.getfixturevalue("_browser_session"),
        timeout_ms=timeout_ms,
        inspect=lambda tab: look(tab, region),
    )


@pytest.fixture(scope="session")
def contacts(request: pytest.FixtureRequest, pytestconfig: pytest.Config, site: SiteProfile) -> Iterator[SiteContacts]:
    """The contacts audit of the whole site: crawled, read, followed, social links opened.

    def test_phone(contacts):
        assert contacts.finding("phone").found
    """
    options = pytestconfig.stash[BROWSER]
    executable = request.getfixturevalue("_browser_path")
    with ExitStack() as stack:
        transport = None
        if site.demo.serve:  # the demo's social profiles answer from a stand-in on loopback
            stand_in = stack.enter_context(LoopbackServer(social_stand_in(BUSINESS["sameAs"])))
            transport = LoopbackTransport(stand_in.base_url)
        verifier = SocialVerifier(transport=transport)
        found = audit_contacts(site, executable=executable, cdp_endpoint=options.cdp_endpoint, verify=verifier.verify)
        if found.unreachable:
            record_outage(pytestconfig, ("contacts", "findability"), found.unreachable)
        yield found


@pytest.fixture(scope="session")
def speed(
    request: pytest.FixtureRequest, pytestconfig: pytest.Config, site: SiteProfile, visits: PageVisits
) -> SpeedProbe:
    """The Lighthouse speed probe, its runs shared by all metric checks of a page.

    def test_lcp(speed, site, audited_page, device):
        speed.measure(audited_page.name, site.page_url(audited_page), device)
    """
    options = pytestconfig.stash[SPEED]
    browser_options = pytestconfig.stash[BROWSER]

    def tool() -> Lighthouse:
        chrome = request.getfixturevalue("_browser_path")
        return Lighthouse(
            find_lighthouse(options.lighthouse),
            chrome_path=chrome,
            remote=browser_options.cdp_endpoint,
            max_wait_ms=int(site.audit.timeout.total_seconds() * 1000),
            throttling=site.audit.throttling,
        )

    def preflight(page_name: str, device_name: str) -> None:
        visits.require(page_name, site.page_url(site.page(page_name)), device_name)

    out_dir: Path = report_dir(pytestconfig) / "lighthouse"
    run = pytestconfig.stash[RUN]
    # every run's samples go to the ledger, so that later runs' regression gate has a baseline
    keep = keep_samples(lambda: Ledger.open(run.ledger_url), run_id=run.run_id, site=run.site)
    return SpeedProbe(
        tool, runs=options.runs or site.audit.runs, out_dir=out_dir, preflight=preflight, on_measured=keep
    )


@pytest.fixture(scope="session")
def baseline(pytestconfig: pytest.Config) -> Baseline:
    """Earlier runs' Lighthouse samples from the ledger, compared with this run's (the regression gate).

    def test_lcp_regression(baseline, speed, site, audited_page, device):
        baseline.check(speed, audited_page.name, site.page_url(audited_page), device, "largest-contentful-paint")
    """
    run = pytestconfig.stash[RUN]
    spec = pytestconfig.stash[SPEED].baseline
    return Baseline(lambda: Ledger.open(run.ledger_url), site=run.site, run_id=run.run_id, spec=spec)


@pytest.fixture
def audit(request: pytest.FixtureRequest) -> Recorder:
    """Records this test's check results and evidence for the audit report.

    def test_lcp(audit, speed, ...):
        audit.check(result)
    """
    recorder = Recorder(request.node)
    request.node.stash[RECORDER] = recorder
    return recorder


RECORDER = pytest.StashKey[Recorder]()

__all__ = [
    "RECORDER",
    "audit",
    "audited_page",
    "baseline",
    "browser",
    "contacts",
    "context",
    "device",
    "page",
    "site",
    "speed",
    "visits",
]
