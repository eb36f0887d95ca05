"""Issue 13's classes of real-web misses, one rule a test, on the markup shapes real small-business
sites use (icon links whose font did not load, chat links with the only number, home-page contact
sections, credits in the footer, spellings of phones and emails)."""

from __future__ import annotations

import pytest

from touchpoint.budgets import Budget
from touchpoint.contacts.contact_page import contact_section, is_contact_link
from touchpoint.contacts.emails import emails_in_text
from touchpoint.contacts.extract import PageContacts, extract
from touchpoint.contacts.found import Found
from touchpoint.contacts.phones import messenger_number, phones_in_text
from touchpoint.contacts.snapshot import Anchor, Place, Snapshot, TextBlock
from touchpoint.contacts.social import classify
from touchpoint.crawl import CrawledPage, CrawlResult
from touchpoint.findability.checks import SiteContacts, consistent_check, tappable_check
from touchpoint.findability.site import site_findings
from touchpoint.result import Level

HOME = "https://firma.example/"
REQUIRED = Budget(Level.ERROR, "minScore", 1)
FOOTER = Place(region="footer", y=1800, w=120, h=20)


def crawl_of(*urls: str) -> CrawlResult:
    crawl = CrawlResult(start=HOME, limit=50)
    crawl.pages = {
        url: CrawledPage(url=url, depth=depth, parent=None if depth == 0 else HOME, via="", status=200)
        for depth, url in enumerate(urls)
    }
    return crawl


# --- icon links whose icon did not draw -------------------------------------------------------


def test_snapshot_reads_drawn_and_the_clickable_element_with_defaults() -> None:
    icon = {"href": "https://www.facebook.com/Metalworksfab", "rect": {"x": 10, "y": 40, "w": 0, "h": 0}}
    snap = Snapshot.from_json(
        {"url": HOME, "anchors": [{**icon, "visible": True, "drawn": False}, {**icon, "tag": "button"}]}
    )
    undrawn, button = snap.anchors
    assert undrawn.place.visible and not undrawn.place.drawn and undrawn.tag == "a"
    assert button.tag == "button" and button.place.drawn  # older snapshots and static pages: unknown
    assert not undrawn.place.above_fold(768)  # offered, but nothing to see on the first screen
    assert Place(y=40, h=20).above_fold(768)


def test_an_icon_link_that_did_not_draw_is_still_offered() -> None:
    # <a target="_blank" href="https://www.instagram.com/metalworkslt/"><i class="fa fa-instagram"></i></a>
    place = Place(region="content", y=900, visible=True, drawn=False)
    snap = Snapshot(url=HOME, anchors=(Anchor(href="https://www.instagram.com/metalworkslt/", place=place),))
    page = extract(snap, "LT")
    [found] = page.of("social:instagram")
    assert found.seen and found.value == "https://www.instagram.com/metalworkslt"
    finding = site_findings(crawl_of(HOME), {HOME: page})["social:instagram"]
    assert finding.found and finding.depth == 0
    hidden = Snapshot(url=HOME, anchors=(Anchor(href="viber://chat?number=79137588607", place=Place(visible=False)),))
    assert not site_findings(crawl_of(HOME), {HOME: extract(hidden, "RU")})["messenger:viber"].found


# --- numbers behind messenger links ----------------------------------------------------------


@pytest.mark.parametrize(
    ("href", "value", "number"),
    [
        ("https://api.whatsapp.com/send?phone=+79284495077", "whatsapp:+79284495077", "+79284495077"),
        ("https://wa.me/37060728919?text=Labas", "whatsapp:+37060728919", "+37060728919"),
        ("viber://chat?number=%2B375291234567", "viber:+375291234567", "+375291234567"),
        ("viber://add?number=37060728919", "viber:+37060728919", "+37060728919"),
        ("https://t.me/+79205558559", "telegram:+79205558559", "+79205558559"),
        ("https://t.me/+AbCdEf12345", "telegram:+abcdef12345", None),  # an invite, not a number
        ("https://t.me/OOOPutnik", "https://t.me/oooputnik", None),  # a handle: a profile link
    ],
)
def test_the_number_a_messenger_link_reaches(href: str, value: str, number: str | None) -> None:
    link = classify(href)
    assert link is not None and link.value == value
    assert messenger_number(link.value) == number


def test_a_number_only_a_chat_link_gives_is_a_phone_marked_messenger_only() -> None:
    # ru-netaxisochi: a WhatsApp icon in the contact row, the number written nowhere.
    chat = Anchor(href="https://api.whatsapp.com/send?phone=+79284495077", cls="elementor-icon", place=FOOTER)
    tel = Anchor(href="tel:+78622000000", text="+7 862 200-00-00", place=FOOTER)
    page = extract(Snapshot(url=HOME, anchors=(chat, tel)), "RU")
    [phone] = [f for f in page.of("phone") if f.value == "+79284495077"]
    assert phone.source == "messenger:whatsapp" and not phone.actionable
    crawl = crawl_of(HOME)
    site = SiteContacts(crawl=crawl, pages={HOME: page}, findings=site_findings(crawl, {HOME: page}))
    finding = site.finding("phone")
    assert finding.messenger_only == ("+79284495077",)
    consistent = consistent_check(site, "phone", ["+78622000000", "+79284495077"], REQUIRED)
    assert consistent.passed and "(messenger only)" in str(consistent.evidence["shown"])
    only = extract(Snapshot(url=HOME, anchors=(chat,)), "RU")
    alone = SiteContacts(crawl=crawl, pages={HOME: only}, findings=site_findings(crawl, {HOME: only}))
    tappable = tappable_check(alone, "phone", REQUIRED)
    assert not tappable.passed and "only through a messenger link" in tappable.message


def test_max_messenger_links() -> None:
    link = classify("https://max.ru/u/f9LHodD0cOL1sA7X4KFQdmaOjnWu4t6U")
    assert link is not None and (link.network, link.kind) == ("max", "messenger")
    assert link.value == "max:https://max.ru/u/f9LHodD0cOL1sA7X4KFQdmaOjnWu4t6U"


# --- a contact section on the home page ------------------------------------------------------


def test_links_to_a_contact_section() -> None:
    assert is_contact_link(Anchor(href=HOME + "#kontakt", raw="#kontakt", text="Kontakt"), HOME)
    # a button with other words, to a section whose id says contacts
    assert is_contact_link(Anchor(href=HOME + "#kontakt", raw="#kontakt", text="Nezávazně se zeptat"), HOME)
    assert is_contact_link(Anchor(href=HOME + "#contacts", raw="/#contacts", text="Contacts"), HOME + "about")
    assert not is_contact_link(Anchor(href=HOME + "#top", raw="#top", text="↑"), HOME)
    assert not is_contact_link(Anchor(href=HOME + "#", raw="#", text="Kontakty"), HOME)  # a script's
    assert not is_contact_link(Anchor(href=HOME + "#form", raw="#form", text="Order now"), HOME)


@pytest.mark.parametrize(
    ("html", "section"),
    [
        ('<div id="kontaktai" class="elementor-menu-anchor"></div>', "#kontaktai"),
        ('<section class="section section-grey" id="kontakty">', "#kontakty"),
        ("<a id=kontakt></a>", "#kontakt"),
        ('<footer><h4 class="footer-col-title">Kontaktai</h4>', "Kontaktai"),
        ('<h2 class="elementor-heading-title"><span>Mūsų kontaktai</span></h2>', "Mūsų kontaktai"),
        ("<h3>Кантакты</h3>", "Кантакты"),
        ('<h2>Contact lenses for every eye</h2><form id="contactform">', ""),
        ('<div id="contact-form-7">', ""),
    ],
)
def test_contact_sections_by_id_or_heading(html: str, section: str) -> None:
    assert contact_section(html) == section


def _page(url: str, *found: Found, forms: int = 0) -> PageContacts:
    return PageContacts(url=url, found=found, contact_forms=forms)


def test_the_contact_page_a_site_names_beats_a_section_and_a_section_beats_an_empty_page() -> None:
    kontaktai = HOME + "kontaktai/"
    phone = Found("phone", "+37060728919", "+370 607 28919", "tel-link", HOME, FOOTER, True)
    named = Found("contact-page", kontaktai, "Kontaktai", "link", HOME, FOOTER, True)
    section = Found("contact-page", HOME, "#contacts", "section", HOME, None)
    self_ = Found("contact-page", kontaktai, "Kontaktai", "self", kontaktai, None)
    crawl = crawl_of(HOME, kontaktai)
    # lt-tvorteka: the menu names /kontaktai/, which shows the contacts; the home page has a section too
    with_contacts = {HOME: _page(HOME, phone, named, section), kontaktai: _page(kontaktai, self_, phone)}
    assert site_findings(crawl, with_contacts)["contact-page"].pages[0] == kontaktai
    # lt-metalworks: /kontaktai/ holds only a map; the contacts are in the home page's id="contacts"
    map_only = {HOME: _page(HOME, phone, named, section), kontaktai: _page(kontaktai, self_)}
    finding = site_findings(crawl, map_only)["contact-page"]
    assert finding.pages[0] == HOME and finding.depth == 0
    # no page named at all (a footer column "Kontaktai" on every page): the nearest section
    footer_only = {HOME: _page(HOME, phone, section)}
    assert site_findings(crawl_of(HOME), footer_only)["contact-page"].pages == (HOME,)


def test_a_page_holds_a_contact_section_only_with_a_way_to_reach_the_business() -> None:
    html = '<html><body><div id="contacts"><a href="tel:+37060728919"></a></div></body></html>'
    tel = Anchor(href="tel:+37060728919", place=Place(visible=True, drawn=False))
    page = extract(Snapshot(url=HOME, html=html, anchors=(tel,)), "LT")
    assert [(f.value, f.source) for f in page.of("contact-page")] == [(HOME, "section")]
    empty = extract(Snapshot(url=HOME, html=html), "LT")
    assert not empty.of("contact-page")


# --- profiles that are not the business's ----------------------------------------------------


def test_a_person_named_in_the_copyright_line_is_not_the_business() -> None:
    # cz-vyklizeni-bednar: <p><a href="https://www.instagram.com/jakub.holub68/">Jakub Holub </a>© 2024 | ...</p>
    credit = Anchor(href="https://www.instagram.com/jakub.holub68/", text="Jakub Holub", place=FOOTER)
    own = Anchor(href="https://www.instagram.com/vyklizeni.bednar/", text="Instagram", place=FOOTER)
    text = "Kontakt\n+420 731 731 721\nInstagram\nJakub Holub © 2024 | vyklizenibednar.cz"
    page = extract(Snapshot(url=HOME, text=text, anchors=(credit, own)), "CZ")
    assert {f.value for f in page.of("social:instagram")} == {"https://www.instagram.com/vyklizeni.bednar"}
    assert [link.kind for link, _ in page.other_social] == ["credit"]
    studio = Anchor(href="https://vk.com/webstudio_nsk", text="Webstudio NSK", place=FOOTER)
    made = extract(Snapshot(url=HOME, text="© 2025 Молоток. Сайт разработан Webstudio NSK", anchors=(studio,)), "RU")
    assert not made.of("social:vk")


def test_a_numeric_vk_page_is_a_person_unless_the_site_declares_it() -> None:
    link = classify("https://vk.com/id123456")
    assert link is not None and link.kind == "person"
    club = classify("https://vk.com/club123456")
    assert club is not None and club.kind == "profile"
    person = Anchor(href="https://vk.com/id123456", text="Анна, администратор", place=FOOTER)
    assert not extract(Snapshot(url=HOME, anchors=(person,)), "RU").of("social:vk")
    declared = (
        '<script type="application/ld+json">{"@type": "LocalBusiness", "sameAs": ["https://vk.com/id123456"]}</script>'
    )
    page = extract(Snapshot(url=HOME, html=declared, anchors=(person,)), "RU")
    assert any(f.seen for f in page.of("social:vk"))


# --- spellings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("Tel.: + 370 612 34567", "LT", ["+37061234567"]),
        ("+(370) 612-34567", "LT", ["+37061234567"]),
        ("+ (375) 29 123 45 67", "BY", ["+375291234567"]),
        ("Tel. +370\xa0612\xa034567", "LT", ["+37061234567"]),
        ("+420 603 123 456, +420 603 123 457", "CZ", ["+420603123456", "+420603123457"]),
        ("+7 (495)\n123-45-67", "RU", ["+74951234567"]),  # <span>+7 (495)</span><br><span>123-45-67</span>
        ("Darbo laikas 8-17\nLT-01103 Vilnius", "LT", []),
    ],
)
def test_phone_spellings_of_real_sites(text: str, region: str, expected: list[str]) -> None:
    assert [value for value, _ in phones_in_text(text, region)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("info zavináč firma tečka cz", ["info@firma.cz"]),
        ("jana.r (zavináč) seznam.cz", ["jana.r@seznam.cz"]),
        ("biuro małpa firma kropka pl", ["biuro@firma.pl"]),
        ("biuro [małpa] firma [kropka] pl", ["biuro@firma.pl"]),
        ("zakaz собака magazin.ru", ["zakaz@magazin.ru"]),
        ("info eta imone taškas lt", ["info@imone.lt"]),
        ("info @ firma.lt", ["info@firma.lt"]),
        ("info at firma dot lt", ["info@firma.lt"]),
        ("Arrive at Vilnius dot com", []),
        ("Find us at booking.com", []),
        ("Мы в Instagram @studio.name", []),
        ("моя собака в парке", []),
    ],
)
def test_email_spellings_of_real_sites(text: str, expected: list[str]) -> None:
    assert [value for value, _ in emails_in_text(text)] == expected


def test_a_phone_split_over_text_blocks_reads_whole_only_once() -> None:
    block = TextBlock(text="+7 (495)\n123-45-67", place=FOOTER)
    page = extract(Snapshot(url=HOME, texts=(block,)), "RU")
    assert [f.value for f in page.of("phone")] == ["+74951234567"]


def test_a_customers_profile_in_a_home_page_testimonial_is_not_a_second_profile() -> None:
    own = Found("social:instagram", "https://www.instagram.com/shchenki_mopsa", "Instagram", "link", HOME, FOOTER, True)
    body = Place(region="content", y=1200, w=80, h=20)
    customer = Found("social:instagram", "https://www.instagram.com/alenkazvezda", "@alenkazvezda", "link", HOME, body)
    youtube = Found("social:youtube", "https://www.youtube.com/@pitomnik", "YouTube", "link", HOME, body, True)
    findings = site_findings(crawl_of(HOME), {HOME: _page(HOME, own, customer, youtube)})
    assert findings["social:instagram"].values == ("https://www.instagram.com/shchenki_mopsa",)
    assert findings["social:youtube"].found  # the only profile of its network, on the home page: its own


def test_a_lenders_line_is_not_the_business_phone() -> None:
    text = (
        "We partner with Hearthstone Home Lending to offer 0% APR for 12 months. Apply online in about 2 minutes, "
        "or call Hearthstone’s loan line at (888) 555-0123 (Mon–Sat). Questions? Call us at (512) 555-0142."
    )
    assert [value for value, _ in phones_in_text(text, "US")] == ["+15125550142"]


def test_a_facebook_p_address_is_the_profile_of_its_id() -> None:
    # facebook.com/p/<Name>-<id>/ (the new pages' addresses) and profile.php?id=<id> are one profile.
    from touchpoint.contacts.social import classify

    link = classify("https://www.facebook.com/p/CrossGain-Care-61552099803227/")
    assert link is not None and link.kind == "profile"
    assert link.value == "https://www.facebook.com/profile.php?id=61552099803227"
    other = classify("https://www.facebook.com/p/")
    assert other is not None and other.kind != "profile"


def test_a_messenger_links_number_needs_only_to_be_possible() -> None:
    # wa.me/447700900123 is in a range libphonenumber does not list as allocated; the link says
    # it is a number, and a visitor's WhatsApp opens it. Digits that cannot be a number are not.
    from touchpoint.contacts.phones import messenger_number

    assert messenger_number("whatsapp:+447700900123") == "+447700900123"
    assert messenger_number("whatsapp:+4412") is None
