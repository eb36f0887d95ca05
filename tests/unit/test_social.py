from __future__ import annotations

import pytest

from touchpoint.contacts.social import classify


@pytest.mark.parametrize(
    ("url", "network", "kind", "value"),
    [
        (
            "https://www.facebook.com/harbourlaneplumbing",
            "facebook",
            "profile",
            "https://www.facebook.com/harbourlaneplumbing",
        ),
        (
            "https://m.facebook.com/profile.php?id=1000123",
            "facebook",
            "profile",
            "https://www.facebook.com/profile.php?id=1000123",
        ),
        (
            "https://www.facebook.com/RosemaryLaneBakery/",
            "facebook",
            "profile",
            "https://www.facebook.com/rosemarylanebakery",
        ),
        (
            "https://instagram.com/rosemarylanebakes",
            "instagram",
            "profile",
            "https://www.instagram.com/rosemarylanebakes",
        ),
        ("https://vk.com/club123", "vk", "profile", "https://vk.com/club123"),
        ("https://ok.ru/group/5678", "ok", "profile", "https://ok.ru/group/5678"),
        ("https://t.me/acme_shop", "telegram", "profile", "https://t.me/acme_shop"),
        ("https://www.youtube.com/@Harbour", "youtube", "profile", "https://www.youtube.com/@harbour"),
        (
            "https://www.youtube.com/channel/UCabc",
            "youtube",
            "profile",
            "https://www.youtube.com/channel/UCabc",
        ),
        (
            "https://www.linkedin.com/company/acme/",
            "linkedin",
            "profile",
            "https://www.linkedin.com/company/acme",
        ),
        ("https://twitter.com/BrightSmileNYC", "x", "profile", "https://x.com/brightsmilenyc"),
        ("https://www.tiktok.com/@acme", "tiktok", "profile", "https://www.tiktok.com/@acme"),
        ("https://www.threads.net/@acme", "threads", "profile", "https://www.threads.net/@acme"),
        ("https://zen.yandex.ru/id/5f3", "dzen", "profile", "https://dzen.ru/id/5f3"),
        ("https://rutube.ru/channel/12345/", "rutube", "profile", "https://rutube.ru/channel/12345"),
        ("https://wa.me/37061234567", "whatsapp", "messenger", "whatsapp:+37061234567"),
        (
            "https://api.whatsapp.com/send?phone=+37061234567&text=hi",
            "whatsapp",
            "messenger",
            "whatsapp:+37061234567",
        ),
        ("viber://chat?number=%2B37061234567", "viber", "messenger", "viber:+37061234567"),
        ("tg://resolve?domain=AcmeBot", "telegram", "messenger", "telegram:acmebot"),
        ("https://t.me/+37061234567", "telegram", "messenger", "telegram:+37061234567"),
        ("https://t.me/Salon_Moscow_Bot?start=site", "telegram", "messenger", "telegram:salon_moscow_bot"),
        (
            "https://nextdoor.com/pages/austin-pro-plumbing-austin-tx/",
            "nextdoor",
            "profile",
            "https://nextdoor.com/pages/austin-pro-plumbing-austin-tx",
        ),
        ("https://nextdoor.com/neighborhood/hydepark--austin--tx/", "nextdoor", "other", "nextdoor"),
    ],
)
def test_profiles_and_messengers(url: str, network: str, kind: str, value: str) -> None:
    link = classify(url)
    assert link is not None
    assert (link.network, link.kind, link.value) == (network, kind, value)


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.facebook.com/sharer/sharer.php?u=x", "share"),
        ("https://vk.com/share.php?url=x", "share"),
        ("https://connect.ok.ru/dk?st.cmd=WidgetSharePreview&st.shareUrl=x", "share"),
        ("https://t.me/share/url?url=x", "share"),
        ("https://twitter.com/intent/tweet?url=x", "share"),
        ("https://www.linkedin.com/sharing/share-offsite/?url=x", "share"),
        ("https://www.pinterest.com/pin/create/button/?url=x", "share"),
        ("https://wa.me/?text=share", "share"),
        ("https://www.instagram.com/p/Cxyz/", "content"),
        ("https://www.youtube.com/watch?v=abc", "content"),
        ("https://youtu.be/abc", "content"),
        ("https://vk.com/wall-12345_678", "content"),
        ("https://twitter.com/acme/status/123", "content"),
        ("https://facebook.com/", "home"),
        ("https://www.instagram.com/", "home"),
    ],
)
def test_not_profiles(url: str, kind: str) -> None:
    link = classify(url)
    assert link is not None and link.kind == kind


def test_other_sites_are_not_social() -> None:
    assert classify("https://example.com/contact") is None
    assert classify("mailto:a@b.lt") is None
