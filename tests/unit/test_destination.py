"""Where a form's data goes decides whether the shopper may send it."""

from __future__ import annotations

import pytest

from touchpoint.attempts.destination import allowed, carries, registrable


@pytest.mark.parametrize(
    ("url", "base", "hosts", "ok"),
    [
        ("https://forms.acme.co.uk/send", "https://www.acme.co.uk/", (), True),  # one registrable domain
        ("https://acme.co.uk/send", "https://www.acme.co.uk/", (), True),
        ("https://evil.co.uk/send", "https://www.acme.co.uk/", (), False),  # co.uk is a public suffix
        ("https://acme.github.io/x", "https://bob.github.io/", (), False),  # so is github.io
        ("https://formspree.io/f/xyz", "https://acme.lt/", (), False),
        ("https://api.hsforms.com/submissions/v3", "https://acme.lt/", ("api.hsforms.com",), True),
        ("https://eu1.api.hsforms.com/x", "https://acme.lt/", ("hsforms.com",), True),  # a listed host's subdomain
        ("http://127.0.0.2:8080/collect", "http://127.0.0.1:8080/", (), False),  # by IP: exactly
        ("http://127.0.0.1:9/lead", "http://127.0.0.1:8080/", (), True),
        ("about:blank", "https://acme.lt/", (), True),
    ],
)
def test_allowed_destinations(url: str, base: str, hosts: tuple[str, ...], ok: bool) -> None:
    assert allowed(url, base, hosts) is ok


def test_registrable_domains_come_from_the_shipped_public_suffix_list() -> None:
    assert registrable("www.kavine.vilnius.lt") == registrable("kavine.vilnius.lt")
    assert registrable("shop.example.com.ru") == "example.com.ru"


def test_what_the_shopper_typed_is_found_however_it_is_encoded() -> None:
    typed = ["alex.morgan+tp7k3q9m@shopper.example", "+44 7700 900123", "TP-7K3Q9M"]
    assert carries("name=Alex&email=alex.morgan%2Btp7k3q9m%40shopper.example", typed)
    assert carries('{"contact": {"email": "alex.morgan+tp7k3q9m@shopper.example"}}', typed)
    assert carries("https://px.example/collect?ph=447700900123&ev=lead", typed)  # a phone in digits
    assert carries("message=Hello+(TP-7K3Q9M)", typed)
    assert not carries("https://px.example/collect?ev=submit&page=%2Fcontact", typed)  # a beacon without data
    assert not carries("", typed)
