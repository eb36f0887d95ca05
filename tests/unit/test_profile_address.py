"""A base_url with a path is where the audit starts: page paths sit under it, for a quick look at
an address and for a profile file alike."""

from __future__ import annotations

import pytest

from touchpoint.errors import ProfileError
from touchpoint.profile import load_profile, parse_profile
from touchpoint.profile.address import folder_of, resolve
from touchpoint.profile.load import looks_like_address, site_key

PAGES = '\n[[pages]]\nname = "home"\npath = "/"\n[[pages]]\nname = "contact"\npath = "/contact/"\n'


def test_a_quick_look_at_an_address_with_a_path_starts_there() -> None:
    profile = load_profile("https://www.example.com/en/?ref=tp#top")
    home = profile.page("home")
    assert profile.page_url(home) == "https://www.example.com/en/?ref=tp"  # as given, query kept, fragment dropped
    assert profile.start_url == "https://www.example.com/en/?ref=tp"
    assert profile.url_of("/contact/") == "https://www.example.com/en/contact/"
    assert profile.url_of("/en/contact/") == "https://www.example.com/en/contact/"  # written in full: kept
    assert (profile.name, site_key("https://www.example.com/en/")) == ("example.com", "example.com")


def test_a_profile_files_base_url_with_a_path_reads_the_same() -> None:
    profile = parse_profile('name = "Acme"\nbase_url = "https://x.example/en/"\n' + PAGES)
    assert [profile.page_url(p) for p in profile.pages] == ["https://x.example/en/", "https://x.example/en/contact/"]
    at_root = parse_profile('name = "Acme"\nbase_url = "https://x.example/"\n' + PAGES)
    assert [at_root.page_url(p) for p in at_root.pages] == ["https://x.example/", "https://x.example/contact/"]


@pytest.mark.parametrize(
    ("base", "path", "url"),
    [
        ("https://x.example/en", "/", "https://x.example/en"),
        ("https://x.example/en", "/contact/", "https://x.example/en/contact/"),
        ("https://x.example/en/index.html", "/", "https://x.example/en/index.html"),
        ("https://x.example/en/index.html", "/contact/", "https://x.example/en/contact/"),
        ("https://x.example/en/?lang=1", "/contact?x=1", "https://x.example/en/contact?x=1"),
        ("https://x.example/en/", "/?lang=lt", "https://x.example/en/?lang=lt"),
        ("https://x.example/en/", "/en", "https://x.example/en"),
        ("https://x.example/en/", "/english/", "https://x.example/en/english/"),
        ("https://x.example/en/", "https://shop.example/", "https://shop.example/"),
        ("https://x.example", "/contact/", "https://x.example/contact/"),
        ("https://x.example", "/", "https://x.example/"),
    ],
)
def test_paths_resolve_under_the_base_folder(base: str, path: str, url: str) -> None:
    assert resolve(base, path) == url


def test_the_folder_of_a_base() -> None:
    bases = ("https://x/", "https://x", "https://x/en/", "https://x/a/b.php")
    assert [folder_of(u) for u in bases] == ["", "", "/en", "/a"]


def test_an_address_without_its_scheme_is_refused_with_the_address_to_write() -> None:
    with pytest.raises(ProfileError, match=r"write the address with its scheme: https://www\.example\.com/en/ "):
        load_profile("www.example.com/en/")
    with pytest.raises(ProfileError, match="no such file") as missing:
        load_profile("sites/no-such-site.toml")
    assert "scheme" not in str(missing.value)
    assert looks_like_address("127.0.0.1:8000/en/") and looks_like_address("localhost:8080")
    assert not any(looks_like_address(t) for t in ("acme", "sites/acme.toml", "acme.yaml", "./acme.toml"))
