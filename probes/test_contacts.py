"""Can people reach the business? Phone, email, address and contact page as a visitor finds
them: how many clicks away, on the first screen of a phone and a laptop, tappable, in the same
place on every page, and the same everywhere. Budgets: the profile's [budgets.contacts]."""

import pytest

from touchpoint.findability.catalogue import contact_budget
from touchpoint.findability.checks import (
    SiteContacts,
    clicks_check,
    consistent_check,
    direct_contacts_check,
    first_screen_check,
    same_place_check,
    structured_address_check,
    tappable_check,
)
from touchpoint.findability.site import CORE_CHANNELS
from touchpoint.pages import PageVisits
from touchpoint.profile import SiteProfile
from touchpoint.recorder import Recorder


@pytest.mark.parametrize("channel", CORE_CHANNELS)
def test_clicks_to_reach(site: SiteProfile, contacts: SiteContacts, channel: str, audit: Recorder) -> None:
    audit.check(clicks_check(contacts, channel, contact_budget(site.budgets.for_contacts(), f"{channel}:clicks")))


@pytest.mark.parametrize("channel", ["phone", "email", "contact-page"])
def test_on_the_first_screen(
    site: SiteProfile, contacts: SiteContacts, visits: PageVisits, device: str, channel: str, audit: Recorder
) -> None:
    home = site.pages[0]
    seen = visits.get(home.name, site.page_url(home), device)
    if seen.look is not None and seen.look.annotated:
        audit.attach_image(seen.look.annotated, f"{home.name} on {device}, contacts outlined")
    budget = contact_budget(site.budgets.for_contacts(device), f"{channel}:above-fold")
    audit.check(first_screen_check(contacts, channel, seen.look, home.name, device, budget))


@pytest.mark.parametrize("channel", ["phone", "email"])
def test_tappable(site: SiteProfile, contacts: SiteContacts, channel: str, audit: Recorder) -> None:
    audit.check(tappable_check(contacts, channel, contact_budget(site.budgets.for_contacts(), f"{channel}:actionable")))


@pytest.mark.parametrize("channel", ["phone", "email", "contact-page"])
def test_same_place_on_every_page(
    site: SiteProfile, visits: PageVisits, device: str, channel: str, audit: Recorder
) -> None:
    looks = {p.name: seen.look for p in site.pages if (seen := visits.get(p.name, site.page_url(p), device)).look}
    budget = contact_budget(site.budgets.for_contacts(device), f"{channel}:same-place")
    audit.check(same_place_check(channel, looks, device, budget))


@pytest.mark.parametrize("channel", ["phone", "email"])
def test_the_same_everywhere(site: SiteProfile, contacts: SiteContacts, channel: str, audit: Recorder) -> None:
    expected = site.contacts.phones if channel == "phone" else site.contacts.emails
    budget = contact_budget(site.budgets.for_contacts(), f"{channel}:consistent")
    audit.check(consistent_check(contacts, channel, normalise(site, channel, expected), budget))


def test_contact_page_shows_phone_and_email(site: SiteProfile, contacts: SiteContacts, audit: Recorder) -> None:
    budget = contact_budget(site.budgets.for_contacts(), "contact-page:direct-contacts")
    audit.check(direct_contacts_check(contacts, budget))


def test_address_in_structured_data(site: SiteProfile, contacts: SiteContacts, audit: Recorder) -> None:
    audit.check(structured_address_check(contacts, contact_budget(site.budgets.for_contacts(), "address:structured")))


def normalise(site: SiteProfile, channel: str, values: tuple[str, ...]) -> list[str]:
    from touchpoint.contacts.emails import normalise_email
    from touchpoint.contacts.phones import phone_from_tel
    from touchpoint.findability.audit import site_region

    if channel == "email":
        return [normalise_email(v) for v in values]
    region = site_region(site)
    return [phone_from_tel(f"tel:{v}", region) or v for v in values]
