"""Findability from crawl data to checks, on small hand-made crawls (no browser)."""

from __future__ import annotations

from touchpoint.budgets import Budget
from touchpoint.contacts.extract import PageContacts
from touchpoint.contacts.found import Found
from touchpoint.contacts.snapshot import Anchor, Place, Snapshot
from touchpoint.contacts.verify import judge
from touchpoint.crawl import CrawledPage, CrawlResult
from touchpoint.errors import HttpErrorStatus
from touchpoint.findability.audit import region_of_own_numbers
from touchpoint.findability.catalogue import TASKS
from touchpoint.findability.checks import (
    SiteContacts,
    clicks_check,
    consistent_check,
    direct_contacts_check,
    tappable_check,
)
from touchpoint.findability.site import site_findings
from touchpoint.findability.site_checks import broken_links_check, social_checks, task_check
from touchpoint.findability.tasks import find_task
from touchpoint.result import Level, Verdict

ERROR = Budget(Level.ERROR, "maxNumericValue", 1)
REQUIRED = Budget(Level.ERROR, "minScore", 1)
HOME, ABOUT, CONTACT = "https://shop.example/", "https://shop.example/about", "https://shop.example/contact"
FOOTER = Place(region="footer", y=1800)
HEADER = Place(region="header", y=10)


def crawled(url: str, depth: int, parent: str | None, via: str, text: str = "", title: str = "") -> CrawledPage:
    return CrawledPage(
        url=url,
        depth=depth,
        parent=parent,
        via=via,
        status=200,
        snapshot=Snapshot(url=url, title=title, text=text),
    )


def site(pages: dict[str, list[Found]], forms: int = 0) -> SiteContacts:
    crawl = CrawlResult(start=HOME, limit=50)
    crawl.pages = {
        HOME: crawled(HOME, 0, None, "", "Welcome. Mon–Fri 09:00–18:00", "Shop"),
        ABOUT: crawled(ABOUT, 1, HOME, "About us"),
        CONTACT: crawled(CONTACT, 2, ABOUT, "Get in touch", title="Contact"),
        "https://shop.example/gone": CrawledPage(
            "https://shop.example/gone",
            1,
            HOME,
            "Old offer",
            error=HttpErrorStatus("https://shop.example/gone", 404, "404"),
        ),
    }
    contacts = {
        url: PageContacts(url=url, found=tuple(found), contact_forms=forms if url == CONTACT else 0)
        for url, found in pages.items()
    }
    return SiteContacts(crawl=crawl, pages=contacts, findings=site_findings(crawl, contacts))


def phone(url: str, value: str = "+442079460321", place: Place = FOOTER, *, tel: bool = False) -> Found:
    return Found("phone", value, "020 7946 0321", "tel-link" if tel else "text", url, place, tel)


def test_depth_is_the_nearest_page_a_visitor_sees_it_on() -> None:
    s = site({HOME: [], ABOUT: [], CONTACT: [phone(CONTACT)]})
    result = clicks_check(s, "phone", ERROR)
    assert (result.actual, result.verdict) == (2.0, Verdict.FAIL)
    assert result.message == "Phone is 2 clicks away: home page → “About us” → “Get in touch” (budget <= 1 click)"


def test_structured_data_alone_is_not_found_by_a_visitor() -> None:
    declared = Found("phone", "+442079460321", "+44 20 7946 0321", "json-ld", HOME, None)
    result = clicks_check(site({HOME: [declared]}), "phone", ERROR)
    assert result.actual is None and not result.passed
    assert "only declared in structured data" in result.message
    assert "look the number up elsewhere" in result.message


def test_hidden_occurrences_do_not_count() -> None:
    hidden = phone(HOME, place=Place(region="header", visible=False))
    assert clicks_check(site({HOME: [hidden]}), "phone", ERROR).actual is None


def test_contact_page_depth_is_the_pages_own() -> None:
    link = Found("contact-page", CONTACT, "Get in touch", "link", ABOUT, Place(region="content"), True)
    result = clicks_check(site({HOME: [], ABOUT: [link]}), "contact-page", ERROR)
    assert result.actual == 2.0


def test_tappable_and_consistent() -> None:
    s = site({HOME: [phone(HOME, place=HEADER)], CONTACT: [phone(CONTACT, "+442079460999", tel=True)]})
    assert tappable_check(s, "phone", REQUIRED).passed
    text_only = site({HOME: [phone(HOME)]})
    bad = tappable_check(text_only, "phone", REQUIRED)
    assert not bad.passed and "make it a tel: link" in bad.message
    mixed = consistent_check(s, "phone", [], REQUIRED)
    assert not mixed.passed and "pages lead with different values" in mixed.message
    owner = consistent_check(text_only, "phone", ["+442079460000"], REQUIRED)
    assert "the owner's +442079460000 is not shown" in owner.message


def test_contact_page_with_only_a_form() -> None:
    link = Found("contact-page", CONTACT, "Get in touch", "link", ABOUT, Place(region="content"), True)
    result = direct_contacts_check(site({ABOUT: [link], CONTACT: []}, forms=1), REQUIRED)
    assert not result.passed
    assert (
        result.message == "The contact page shows no phone and no email (it has a form): a visitor cannot call directly"
    )


def test_social_expectations_and_share_buttons() -> None:
    fb = Found("social:facebook", "https://www.facebook.com/shop", "Facebook", "link", HOME, FOOTER, True)
    s = site({HOME: [fb]})
    profiles, verified = social_checks(s, ["facebook", "instagram"], REQUIRED, REQUIRED)
    assert not profiles.passed and "does not link its Instagram profile" in profiles.message
    assert verified.level is Level.OFF  # nothing was opened


def test_tasks_by_words_and_by_content() -> None:
    s = site({})
    hours = find_task("opening-hours", TASKS["opening-hours"], s.crawl)
    assert (hours.depth, hours.page) == (0, HOME) and "09:00–18:00" in hours.because
    prices = find_task("prices", TASKS["prices"], s.crawl)
    assert prices.depth is None
    result = task_check(s, prices, Budget(Level.WARN, "maxNumericValue", 2))
    assert result.verdict is Verdict.WARN and "finds nothing" in result.message


def test_broken_links_name_the_page_that_links_them() -> None:
    result = broken_links_check(site({}), REQUIRED)
    assert not result.passed
    assert "linked as “Old offer” from https://shop.example/" in str(result.evidence)


def test_social_link_answers() -> None:
    url = "https://www.facebook.com/shop"
    assert judge(url, 200, url, "<h1>Shop</h1>").state == "live"
    assert judge(url, 404, url, "").state == "broken"
    assert judge(url, 429, url, "").state == "unverified"
    assert judge(url, 999, url, "").state == "unverified"
    assert judge(url, 200, "https://www.instagram.com/accounts/login/?next=/shop", "").state == "unverified"
    assert judge(url, 200, url, "Sorry, this page isn't available.").state == "broken"
    assert judge(url, 200, "https://www.facebook.com/", "").state == "broken"
    assert judge(url, None, url, "", "ConnectError").state == "unverified"


def test_a_dot_com_site_reads_local_numbers_in_the_region_of_its_own_tel_links() -> None:
    def page(url: str, *hrefs: str) -> CrawledPage:
        return CrawledPage(url, 0, None, "", 200, Snapshot(url, anchors=tuple(Anchor(h) for h in hrefs)))

    walked = CrawlResult(HOME, 10)
    walked.pages = {
        HOME: page(HOME, "tel:+61%202%209374%204000", "tel:0293744000", "mailto:a@shop.example"),
        ABOUT: page(ABOUT, "tel:+61 3 9123 4567", "tel:+44 20 7946 0321"),
    }
    assert region_of_own_numbers(walked) == "AU"
    walked.pages = {HOME: page(HOME, "tel:0293744000")}
    assert region_of_own_numbers(walked) is None


def test_one_address_however_it_is_spelt() -> None:
    from touchpoint.contacts.extract import address_key

    def page(url: str, *spellings: str) -> PageContacts:
        return PageContacts(
            url, found=tuple(Found("address", address_key(a), a, "address-text", url, FOOTER) for a in spellings)
        )

    walked = CrawlResult(HOME, 10)
    walked.pages = {HOME: CrawledPage(HOME, 0, None, ""), CONTACT: CrawledPage(CONTACT, 1, HOME, "Contact")}
    pages = {
        HOME: page(HOME, "ул. Мясницкая, д. 24/7"),
        CONTACT: page(CONTACT, "101000, г. Москва, ул. Мясницкая, д. 24/7", "Варшавское шоссе, 125Ж"),
    }
    found = site_findings(walked, pages)["address"]
    assert len(found.values) == 2 and found.raw[found.values[0]] == "ул. Мясницкая, д. 24/7"
