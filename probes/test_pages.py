"""Does every page open for a visitor, on a phone and on a laptop, and how long does it take?

The first visit of each page is made once per device and shared by all checks; its
screenshot is the evidence.
"""

from touchpoint.pages import PageVisits, behaviour_check, load_check, timing_check
from touchpoint.profile import PageSpec, SiteProfile
from touchpoint.recorder import Recorder


def test_page_opens(
    site: SiteProfile, audited_page: PageSpec, device: str, visits: PageVisits, audit: Recorder
) -> None:
    url = site.page_url(audited_page)
    outcome = visits.get(audited_page.name, url, device)
    if outcome.screenshot:
        audit.attach_image(outcome.screenshot, f"{audited_page.name} on {device}")
    audit.check(load_check(outcome))


def test_page_behaves(
    site: SiteProfile, audited_page: PageSpec, device: str, visits: PageVisits, audit: Recorder
) -> None:
    """Once open, the page leaves a visitor alone: no trip to another host, no reload loop, no
    freeze, no dialogs or pop-ups, readable text."""
    outcome = visits.get(audited_page.name, site.page_url(audited_page), device)
    audit.check(behaviour_check(outcome))


def test_browser_timing(
    site: SiteProfile,
    audited_page: PageSpec,
    device: str,
    browser_metric: str,
    visits: PageVisits,
    audit: Recorder,
) -> None:
    url = site.page_url(audited_page)
    outcome = visits.get(audited_page.name, url, device)
    budget = site.budgets.for_browser()[browser_metric]
    audit.check(timing_check(outcome, browser_metric, budget))
