"""Pages read from their HTML without a browser (touchpoint.crawl.static), the decision to render
(touchpoint.crawl.why_render), the site's origins and the HTTP helpers, on real markup shapes."""

from __future__ import annotations

from touchpoint.contacts.extract import extract
from touchpoint.crawl.fetch import decode_html
from touchpoint.crawl.origins import SiteOrigins, canonical_link, page_links
from touchpoint.crawl.static import static_snapshot
from touchpoint.crawl.why_render import differs, render_reason


def read(body: str, url: str = "https://acme.lt/apie/") -> tuple[object, object]:
    page = static_snapshot(
        f"<!doctype html><html lang='lt'><head><title>Apie</title></head><body>{body}</body></html>", url
    )
    return page, page.snapshot


def test_links_words_regions_and_what_the_markup_hides() -> None:
    _, snap = read(
        "<header class='site-header'><a href='tel:+37061234567'><i class='fa fa-phone'></i></a>"
        "<a href='/kontaktai' aria-label='Kontaktai'></a></header>"
        "<main><blockquote><p>Puiku!</p><footer class='blockquote-footer'>"
        "<a href='https://www.facebook.com/jonas.j'>Jonas J.</a>, 2024-01-02</footer></blockquote>"
        "<p style='display: none'>Skambinkite +370 699 99999</p></main>"
        "<div id='footer'><a href='https://www.facebook.com/acme.lt'>Facebook</a></div>"
        "<button onclick=\"window.open('https://wa.me/37061234567')\">WhatsApp</button>"
    )
    anchors = {a.href: a for a in snap.anchors}
    assert anchors["tel:+37061234567"].place.region == "header" and anchors["tel:+37061234567"].place.visible
    assert anchors["https://acme.lt/kontaktai"].label == "Kontaktai"  # no words: its aria-label says it
    assert anchors["https://www.facebook.com/jonas.j"].place.region == "main"  # a quote's footer is not the page's
    assert anchors["https://www.facebook.com/acme.lt"].place.region == "footer"
    assert anchors["https://wa.me/37061234567"].tag == "button"  # a click that goes somewhere is a link
    hidden = [t for t in snap.texts if "699" in t.text]
    assert hidden and not hidden[0].place.visible  # hidden by the page itself: read, marked invisible
    assert "699" not in snap.text  # and not in the text a visitor reads
    assert all(not a.place.above_fold(768) for a in snap.anchors)  # no box: never "on the first screen"


def test_a_number_split_over_elements_reads_whole_and_cells_read_with_their_label() -> None:
    _, snap = read(
        "<p>Tel.: <span>+370</span> <span>612</span> <b>34567</b></p>"
        "<table><tr><td>Įmonės kodas</td><td>304123456</td></tr></table>"
        "<dl><dt>Faksas</dt><dd>+370 5 212 3457</dd></dl>"
    )
    texts = [t.text for t in snap.texts]
    assert "Tel.: +370 612 34567" in texts
    assert "Įmonės kodas 304123456" in texts
    assert "Faksas +370 5 212 3457" in texts
    phones = {f.value for f in extract(snap, "LT").of("phone")}
    assert "+37061234567" in phones and "+370304123456" not in phones


def test_spelled_emails_in_any_language_are_picked_for_reading() -> None:
    _, snap = read(
        "<p>El. paštas: servisas (eta) ratas-servisas (taškas) lt</p>"
        "<p>Электронная пошта: majstar сабака santehnik-minsk кропка by</p>"
        "<p>Napište: info zavináč truhlarstvi tečka cz</p>"
    )
    emails = {f.value for f in extract(snap, "LT").of("email")}
    assert emails == {"servisas@ratas-servisas.lt", "majstar@santehnik-minsk.by", "info@truhlarstvi.cz"}


def test_base_href_scripts_and_noscript_are_read_as_a_browser_would() -> None:
    page, snap = read(
        "<base href='https://acme.lt/lt/'><a href='kontaktai'>Kontaktai</a>"
        "<script>var phone = '+370 612 34567';</script><noscript>Įjunkite JavaScript</noscript>"
    )
    assert [a.href for a in snap.anchors] == ["https://acme.lt/lt/kontaktai"]
    assert "612" not in snap.text and "JavaScript" not in snap.text
    assert page.scripts == ("var phone = '+370 612 34567';",)


def test_why_a_page_is_rendered() -> None:
    plain, _ = read(
        "<main><p>" + "Baldai pagal užsakymą. " * 30 + "</p><a href='tel:+37061234567'>Skambinti</a></main>"
    )
    assert render_reason(plain, depth=0, contact=False).startswith("home page")
    assert render_reason(plain, depth=1, contact=True).startswith("contact page")
    assert render_reason(plain, depth=2, contact=False) is None
    spa, _ = read("<div id='root'></div><script src='/app.js'></script>")
    assert "empty div#root" in render_reason(spa, depth=1, contact=False)
    hinted, _ = read(
        "<main><p>" + "Baldai pagal užsakymą. " * 30 + "</p><footer id='f'></footer></main>"
        "<script>document.getElementById('f').textContent = 'Tel. +370 612 34567';</script>"
    )
    assert "only in the page's scripts" in render_reason(hinted, depth=1, contact=False)
    retina, _ = read("<main><p>" + "Apie mus. " * 40 + "</p></main><script>var logo = 'logo@2x.png';</script>")
    assert render_reason(retina, depth=1, contact=False) is None  # an image name, not an address


def test_a_rendering_differs_by_contacts_or_by_a_menu_not_by_a_cookie_banner() -> None:
    _, static = read("<main><p>Apie mus</p></main>")
    _, banner = read("<main><p>Apie mus</p></main><div><a href='/privatumas'>Privatumo politika</a></div>")
    _, built = read("<main><p>Apie mus</p></main><footer><a href='tel:+37061234567'>+370 612 34567</a></footer>")
    _, menu = read(
        "<main><p>Apie mus</p></main><nav>" + "".join(f"<a href='/p{n}'>P{n}</a>" for n in range(4)) + "</nav>"
    )
    assert differs(static, banner) == []
    assert "tel:+37061234567" in differs(static, built)
    assert len(differs(static, menu)) == 4


def test_the_sites_other_origins_are_the_same_site_fetched_on_its_own() -> None:
    origins = SiteOrigins.of("https://acme.lt/")
    assert origins.internal("http://www.acme.lt/kontaktai#forma") == "https://acme.lt/kontaktai"
    assert origins.internal("https://acme.lt:8443/") is None  # another port is another site
    assert origins.internal("https://acme.com/") is None
    _, home = read(
        "<a href='https://cdn-acme.example.net/kainos'>Kainos</a><a href='/files/menu.pdf'>Meniu</a>",
        "https://acme.lt/",
    )
    assert page_links(home, origins) == []
    home_html = "<html><head><link rel='canonical' href='https://cdn-acme.example.net/'></head></html>"
    assert canonical_link(static_snapshot(home_html, "https://acme.lt/").snapshot) == "https://cdn-acme.example.net/"
    assert origins.adopt("https://cdn-acme.example.net/", "canonical")
    assert [t for t, _, _ in page_links(home, origins)] == ["https://acme.lt/kainos"]


def test_text_in_the_wrong_charset_is_read_and_said() -> None:
    body = "<p>Контакты: +7 495 123-45-67</p>".encode("cp1251")
    text, note = decode_html(body, "utf-8")
    assert "Контакты" in text and note is not None and "utf-8" in note
    text, note = decode_html('<meta charset="windows-1251"><p>Связь</p>'.encode("cp1251"), None)
    assert "Связь" in text and note is None
