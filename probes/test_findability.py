"""Beyond the contacts: social profiles and whether their links work, findability tasks ("find
the prices"), reviews, and links that lead nowhere."""

from touchpoint.findability.catalogue import contact_budget
from touchpoint.findability.checks import SiteContacts
from touchpoint.findability.crawl_report import how_read_check, page_problems_check
from touchpoint.findability.site_checks import broken_links_check, reviews_check, social_checks, task_check
from touchpoint.profile import SiteProfile
from touchpoint.recorder import Recorder


def test_social_profiles(site: SiteProfile, contacts: SiteContacts, audit: Recorder) -> None:
    budgets = site.budgets.for_contacts()
    for result in social_checks(
        contacts,
        site.contacts.social,
        contact_budget(budgets, "social:profiles"),
        contact_budget(budgets, "social:verified"),
    ):
        audit.check(result)


def test_find(site: SiteProfile, contacts: SiteContacts, task: str, audit: Recorder) -> None:
    budget = contact_budget(site.budgets.for_contacts(), f"task:{task}:clicks")
    audit.check(task_check(contacts, contacts.tasks[task], budget))


def test_reviews(site: SiteProfile, contacts: SiteContacts, audit: Recorder) -> None:
    audit.check(reviews_check(contacts, contact_budget(site.budgets.for_contacts(), "reviews:shown")))


def test_links_lead_somewhere(site: SiteProfile, contacts: SiteContacts, audit: Recorder) -> None:
    audit.check(broken_links_check(contacts, contact_budget(site.budgets.for_contacts(), "pages:broken-links")))


def test_how_the_site_was_read(site: SiteProfile, contacts: SiteContacts, audit: Recorder) -> None:
    budgets = site.budgets.for_contacts()
    audit.check(how_read_check(contacts, contact_budget(budgets, "pages:how-read")))
    audit.check(page_problems_check(contacts, contact_budget(budgets, "pages:problems")))
