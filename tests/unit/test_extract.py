"""Extraction from real snapshots saved from Chromium (tests/data/snapshots)."""

from __future__ import annotations

import gzip
import json

from tests.conftest import DATA
from touchpoint.contacts.contact_page import is_contact_link
from touchpoint.contacts.extract import extract
from touchpoint.contacts.snapshot import Anchor, Snapshot


def snapshot(name: str) -> Snapshot:
    with gzip.open(DATA / "snapshots" / f"{name}.json.gz", "rt", encoding="utf-8") as f:
        return Snapshot.from_json(json.load(f))


def values(contacts, channel: str, *, seen: bool = True) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.value for f in contacts.of(channel) if f.seen or not seen}


def test_demo_home_on_a_phone() -> None:
    page = extract(snapshot("demo-home-mobile"), "GB")
    phones = [f for f in page.of("phone") if f.seen]
    assert {f.value for f in phones} == {"+442079460321"}
    tel = next(f for f in phones if f.source == "tel-link")
    assert tel.actionable and tel.place is not None and tel.place.region == "header"
    assert tel.place.above_fold(page_viewport := 839) and page_viewport
    assert values(page, "social:facebook") == {"https://www.facebook.com/harbourlaneplumbing"}
    assert {f.place.region for f in page.of("social:youtube") if f.place} == {"footer"}
    assert values(page, "contact-page") == {"https://site.example/contacts"}
    assert page.reviews.section == "What our customers say"
    declared = {f.value for f in page.of("email") if f.place is None}
    assert declared == {"hello@harbourlane.example"}  # JSON-LD only on the home page


def test_cloudflare_and_spelled_out_emails() -> None:
    page = extract(snapshot("bakery-contact"), "GB")
    assert values(page, "email") == {"orders@rosemarybakery.co.uk", "trade@rosemarybakery.co.uk"}
    sources = {f.source for f in page.of("email")}
    assert {"cfemail", "text"} <= sources
    assert values(page, "phone") == {"+441179460321", "+442079460958", "+447911123456"}
    assert values(page, "messenger:whatsapp") == {"whatsapp:+447911123456"}
    chat = next(f for f in page.of("phone") if f.value == "+447911123456")
    assert chat.source == "messenger:whatsapp" and not chat.actionable  # reachable, but a tap does not call
    assert any(f.source == "self" for f in page.of("contact-page"))  # the contact page knows itself


def test_share_buttons_and_videos_are_not_profiles() -> None:
    page = extract(snapshot("bakery-blog-post"), "GB")
    kinds = {(link.network, link.kind) for link, _ in page.other_social}
    assert {("facebook", "share"), ("x", "share"), ("pinterest", "share"), ("youtube", "content")} <= kinds
    assert not page.of("social:x") and not page.of("social:pinterest")


def test_contacts_built_by_javascript_and_icon_links() -> None:
    page = extract(snapshot("dental-home"), "US")
    assert "+16465550199" in values(page, "phone")  # written by a script after load
    assert "hello@brightsmile-nyc.com" in values(page, "email")  # "(at)" / "(dot)" by the script
    contact = [f for f in page.of("contact-page") if f.seen]
    assert contact and contact[0].raw == "Contact us"  # an icon link known by its aria-label
    assert page.structured.ratings and "Dentist" in page.structured.types


def test_contact_link_words_in_three_languages() -> None:
    base = "https://shop.example/"
    for words in (
        "Contact us",
        "Get in touch",
        "Контакты",
        "Связаться с нами",
        "Обратная связь",
        "Kontaktai",
        "Susisiekite",
        "Contact Us Today",
        "Contacts & Directions",
        "Контакты и реквизиты",
        "Адреса и контакты",
        "Adresai ir kontaktai",
    ):
        assert is_contact_link(Anchor(href=base + "x", text=words), base), words
    assert is_contact_link(Anchor(href=base + "kontaktai/", text="»"), base)
    assert not is_contact_link(Anchor(href="https://other.example/contact", text="Contact"), base)
    assert not is_contact_link(Anchor(href=base + "shop", text="Contact lenses for every eye, from £9"), base)
    assert not is_contact_link(Anchor(href="mailto:a@shop.example", text="Contact"), base)
    assert not is_contact_link(Anchor(href=base + "lenses", text="Contact lenses"), base)
    blog = Anchor(href=base + "blog/1", text="Contacts we lost in 2020 and how to keep yours")
    assert not is_contact_link(blog, base)
