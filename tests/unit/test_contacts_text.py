"""Phones and emails in the forms real sites write them (English, Russian, Lithuanian)."""

from __future__ import annotations

import pytest

from touchpoint.contacts.addresses import addresses_in_text
from touchpoint.contacts.emails import decode_cfemail, emails_from_mailto, emails_in_text, is_valid_email
from touchpoint.contacts.phones import guess_region, phone_from_tel, phones_in_text


@pytest.mark.parametrize(
    ("text", "region", "expected"),
    [
        ("Call 020 7946 0321 today", "GB", ["+442079460321"]),
        ("+44 (0) 20 7946 0321", None, ["+442079460321"]),
        ("Тел.: +7 (495) 123-45-67, 8 800 555-35-35", "RU", ["+74951234567", "+78005553535"]),
        ("Tel. +370 5 212 3456; mob. 8 612 34567", "LT", ["+37052123456", "+37061234567"]),
        ("Front desk (212) 555-0142", "US", ["+12125550142"]),
    ],
)
def test_phones_in_text(text: str, region: str | None, expected: list[str]) -> None:
    assert [value for value, _ in phones_in_text(text, region)] == expected


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("ИНН 7707083893 ОГРН 1027700132195", "RU"),
        ("Įmonės kodas 302845179, PVM kodas LT100006688411", "LT"),
        ("Gas Safe registered 512345 · Company number 08123456", "GB"),
        ("Open 08:00-18:00 since 2009-03-12", "GB"),
        ("Claim forms: fax 212-555-0177 is for insurers only", "US"),
        ("Order R-20250312-0042, total £1,250.00", "GB"),
    ],
)
def test_numbers_that_are_not_phones(text: str, region: str) -> None:
    assert list(phones_in_text(text, region)) == []


def test_tel_links() -> None:
    assert phone_from_tel("tel:+442079460321", "GB") == "+442079460321"
    assert phone_from_tel("tel:8%20(800)%20555-35-35", "RU") == "+78005553535"
    assert phone_from_tel("tel:020-7946-0321;ext=2", "GB") == "+442079460321"
    assert phone_from_tel("tel:", "GB") is None
    assert phone_from_tel("tel:12", "GB") is None


def test_region_from_domain_or_language() -> None:
    assert guess_region("https://baldai.lt/") == "LT"
    assert guess_region("https://bakery.co.uk/") == "GB"
    assert guess_region("https://shop.com/", "ru") == "RU"
    assert guess_region("https://shop.com/", "en-GB") == "GB"
    assert guess_region("https://shop.com/") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Write to hello@harbourlane.example or Sales@Shop.CO.UK.",
            ["hello@harbourlane.example", "sales@shop.co.uk"],
        ),
        ("info [at] ąžuolas [dot] lt", ["info@ąžuolas.lt"]),
        ("info (at) firma (dot) lt", ["info@firma.lt"]),
        ("trade [at] rosemarybakery [dot] co [dot] uk", ["trade@rosemarybakery.co.uk"]),
        ("zakaz собака magazin точка ru", ["zakaz@magazin.ru"]),
        ("info eta imone taškas lt", ["info@imone.lt"]),
        ("Пишите: почта@пример.рф", ["почта@пример.рф"]),
        ("logo@2x.png and we meet at 9 dot", []),
        ("user@example.com is a placeholder", []),
    ],
)
def test_emails_in_text(text: str, expected: list[str]) -> None:
    assert [value for value, _ in emails_in_text(text)] == expected


def test_mailto_links() -> None:
    assert emails_from_mailto("mailto:Info@Shop.lt?subject=Hi%20there&cc=boss@shop.lt") == [
        "info@shop.lt",
        "boss@shop.lt",
    ]
    assert emails_from_mailto("mailto:a@x.lt,b@y.lt") == ["a@x.lt", "b@y.lt"]
    assert emails_from_mailto("mailto:%20sales%40firma.lt") == ["sales@firma.lt"]
    assert emails_from_mailto("mailto:") == []


def test_cloudflare_email_protection() -> None:
    key = 0x42
    encoded = f"{key:02x}" + "".join(f"{b ^ key:02x}" for b in b"info@shop.lt")
    assert decode_cfemail(encoded) == "info@shop.lt"
    assert decode_cfemail("zz") is None
    assert decode_cfemail("42") is None


@pytest.mark.parametrize("address", ["a..b@x.lt", ".a@x.lt", "a@x", "a@x.png", "a@-x.lt", "@x.lt"])
def test_invalid_addresses(address: str) -> None:
    assert not is_valid_email(address)


def test_a_regulators_contacts_are_not_the_business_s_and_the_next_sentence_is() -> None:
    text = (
        "6. Jei manote, kad jūsų duomenys tvarkomi neteisėtai, galite pateikti skundą Valstybinei duomenų "
        "apsaugos inspekcijai (L. Sapiegos g. 17, LT-10312 Vilnius, tel. (8 5) 271 2804, el. p. ada@ada.lt). "
        "Rašykite mums: info@aura.lt, tel. +370 612 34567"
    )
    assert [a for a, _ in emails_in_text(text)] == ["info@aura.lt"]
    assert [p for p, _ in phones_in_text(text, "LT")] == ["+37061234567"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        (
            "Austin Pro Plumbing · 4512 Burnet Rd, Suite 200, Austin, TX 78756 · (512) 555-0142",
            "4512 Burnet Rd, Suite 200, Austin, TX 78756",
        ),
        ("Visit us: 221B Baker Street, London NW1 6XE", "221B Baker Street, London NW1 6XE"),
        (
            "Адрес: 197198, г. Санкт-Петербург, ул. Большая Пушкарская, д. 20",
            "197198, г. Санкт-Петербург, ул. Большая Пушкарская, д. 20",
        ),
        ("Москва, Ленинский проспект, 32А", "Ленинский проспект, 32А"),
        ("Gedimino pr. 9, LT-01103 Vilnius", "Gedimino pr. 9, LT-01103 Vilnius"),
    ],
)
def test_addresses_written_as_plain_text(text: str, address: str) -> None:
    assert list(addresses_in_text(text)) == [address]


@pytest.mark.parametrize(
    "text",
    [
        "Open 7 days, 9am to 5pm. Since 1998.",
        "Цена 1500 руб. за 2 часа, скидка 10%",
        "Skundą galite pateikti Valstybinei duomenų apsaugos inspekcijai (L. Sapiegos g. 17, LT-10312 Vilnius)",
        "We fixed 120 boilers on Main Street last year",
    ],
)
def test_no_address_where_there_is_none(text: str) -> None:
    assert list(addresses_in_text(text)) == []


def test_one_address_however_it_is_spelt_is_the_same_address() -> None:
    from touchpoint.contacts.addresses import same_address
    from touchpoint.contacts.extract import address_key

    assert same_address(address_key("Gedimino pr. 15-3, Vilnius"), address_key("LT-01103 Vilnius, Gedimino pr. 15-3"))
    assert not same_address(address_key("Gedimino pr. 15-3, Vilnius"), address_key("Pilies g. 14, Vilnius"))
