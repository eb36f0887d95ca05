"""Check the answer keys of tests/corpus/supplement against the pages they describe.

For every site folder with a key.json: the key parses, has the fields of
tests/corpus/realsites/key_schema.md, every page path exists, and every value is present in the
page's markup the way the key says (a `tel` phone has a tel: href or onclick with that number, a
`text` phone's display is visible text, a `messenger-only` number is never written nor tel:-linked,
a `words-obfuscated` e-mail's display is visible while the plain address is not, every icon-only
link is an <a> with no visible text, ...). It also checks the other way: every tel:, mailto:,
messenger and social-network link in a page is accounted for in its key.

Written without reading the extraction code under test. Run:
    /work/main/.venv/bin/python tests/corpus/supplement/check_keys.py [site ...]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

HERE = Path(__file__).parent
TOP = ["site", "business", "language", "kind", "default_country", "contact_page", "origins", "classes", "pages"]
CLASSES = [
    "icon_only_links",
    "messenger_only_numbers",
    "home_page_contact_section",
    "contact_page_is_home",
    "phone_spellings",
    "email_spellings",
    "not_business_links",
    "other_origin_links",
]
PAGE = [
    "phones",
    "emails",
    "address",
    "social",
    "not_business",
    "messengers",
    "contact_section",
    "icon_only_links",
    "internal_origins",
]
HIDDEN_CLASSES = {"elementor-screen-only", "screen-reader-text", "sr-only", "visually-hidden"}
SOCIAL_HOSTS = (
    "facebook.com",
    "instagram.com",
    "vk.com",
    "ok.ru",
    "youtube.com",
    "tiktok.com",
    "linkedin.com",
    "twitter.com",
    "x.com",
    "google.com/maps/contrib",
    "pinterest.com",
)
MESSENGER = re.compile(r"^(https?://(wa\.me|api\.whatsapp\.com|t\.me|telegram\.me)/|viber:|whatsapp:|tg:)", re.I)
CC = {"LT": "370", "RU": "7", "BY": "375", "CZ": "420", "PL": "48", "GB": "44"}


def e164(raw: str, country: str) -> str | None:
    """A phone string (href or text) -> +E164, with the site's default country for national forms."""
    s = unquote(raw).strip()
    s = re.sub(r"\(0\)", "", s)
    plus = s.lstrip().startswith("+")
    d = re.sub(r"\D", "", s)
    if not d:
        return None
    if plus:
        return "+" + d
    if d.startswith("00"):
        return "+" + d[2:]
    cc = CC[country]
    if country == "LT" and d.startswith("8") and len(d) == 9:
        return "+370" + d[1:]
    if country == "RU" and d.startswith("8") and len(d) == 11:
        return "+7" + d[1:]
    if country == "BY" and d.startswith("80") and len(d) == 11:
        return "+375" + d[2:]
    if country == "GB" and d.startswith("0") and len(d) == 11:
        return "+44" + d[1:]
    if country in ("CZ", "PL") and len(d) == 9:
        return "+" + cc + d
    if d.startswith(cc):
        return "+" + d
    return "+" + d


def messenger_target(href: str) -> str | None:
    h = unquote(href)
    m = re.search(r"(?:wa\.me/|phone=|number=|t\.me/)\+?(\d{7,15})", h)
    if m:
        return "+" + m.group(1)
    m = re.search(r"t\.me/([A-Za-z][\w]+)", h)
    return "@" + m.group(1) if m else None


def hidden(tag: Tag) -> bool:
    for t in [tag, *tag.parents]:
        if not isinstance(t, Tag):
            continue
        style = (t.get("style") or "").replace(" ", "").lower()
        if "display:none" in style or t.has_attr("hidden"):
            return True
        if HIDDEN_CLASSES & set(t.get("class") or []):
            return True
    return False


class Page:
    def __init__(self, path: Path) -> None:
        self.html = path.read_text(encoding="utf-8")
        self.soup = BeautifulSoup(self.html, "lxml")
        for t in self.soup(["script", "style", "noscript", "template", "head"]):
            t.decompose()
        for c in self.soup.find_all(string=lambda s: isinstance(s, Comment)):
            c.extract()
        self.full = BeautifulSoup(self.html, "lxml")
        self.nodes = [
            s for s in self.soup.find_all(string=True) if isinstance(s, NavigableString) and not hidden(s.parent)
        ]
        self.text = norm(" ".join(self.nodes))
        self.glued = norm("".join(self.nodes))
        self.anchors = self.soup.find_all("a")
        self.hrefs = [a.get("href") for a in self.full.find_all(["a", "link"]) if a.get("href")]
        self.onclicks = [t.get("onclick") for t in self.soup.find_all(onclick=True)]

    def visible(self, tag: Tag) -> str:
        return norm(" ".join(s for s in tag.find_all(string=True) if not hidden(s.parent)))

    def visible_contains(self, s: str) -> bool:
        n = norm(s)
        return n in self.text or n in self.glued


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\xa0", " ")).strip()


def tel_targets(page: Page, country: str) -> set[str]:
    out = set()
    for h in page.hrefs:
        if h.lower().startswith("tel:"):
            out.add(e164(h[4:], country))
    for oc in page.onclicks:
        for m in re.finditer(r"tel:([^'\"]+)", oc):
            out.add(e164(m.group(1), country))
    return out


def check_site(folder: Path) -> list[str]:
    errs: list[str] = []
    err = lambda page, msg: errs.append(f"{folder.name}/{page}: {msg}")  # noqa: E731
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    for f in TOP:
        if f not in key:
            err("key.json", f"missing top-level field {f}")
    if key.get("site") != folder.name:
        err("key.json", "site is not the folder name")
    for f in CLASSES:
        if f not in key["classes"]:
            err("key.json", f"classes lacks {f}")
    country = key["default_country"]
    pages = key["pages"]
    site_abs = {o for o in key["origins"] if o.startswith("http")}
    own_hosts = {urlsplit(o).hostname for o in site_abs}
    n_icons = n_nb = 0
    mo_list = []
    for name, pk in pages.items():
        path = folder / name
        if not path.is_file():
            err(name, "page file missing")
            continue
        for f in PAGE:
            if f not in pk:
                err(name, f"missing field {f}")
        page = Page(path)
        tels = tel_targets(page, country)
        mhrefs = [h for h in page.hrefs if MESSENGER.match(h)]
        mtargets = {messenger_target(h) for h in mhrefs}
        digits_text = re.sub(r"\D", "", page.text)
        # phones
        keyed_tel = set()
        for ph in pk["phones"]:
            num, shown = ph["e164"], ph["shown"]
            if not re.fullmatch(r"\+\d{8,15}", num):
                err(name, f"bad e164 {num}")
            if "tel" in shown:
                keyed_tel.add(num)
                if num not in tels:
                    err(name, f"{num}: shown tel but no tel: href/onclick for it ({sorted(t for t in tels if t)})")
            for d in ph.get("display", []):
                if not page.visible_contains(d.replace("↵", " ")):
                    err(name, f"{num}: display {d!r} not visible text")
                elif e164(d, country) != num:
                    err(name, f"{num}: display {d!r} reads as {e164(d, country)}")
            if "text" in shown and not ph.get("display"):
                err(name, f"{num}: shown text without display")
            if "split" in shown:
                for d in ph.get("display", []):
                    if any(norm(d) in norm(s) for s in page.nodes):
                        err(name, f"{num}: split but {d!r} sits whole in one text node")
            for s in shown:
                if s.startswith("messenger-only:"):
                    mo_list.append(f"{name}: {num} ({s})")
                    if num in tels:
                        err(name, f"{num}: messenger-only but tel:-linked")
                    if num[-9:] in digits_text:
                        err(name, f"{num}: messenger-only but its digits are visible")
                if s.startswith("messenger") and num not in mtargets:
                    err(name, f"{num}: {s} but no messenger href targets it")
        for t in tels:
            if t not in keyed_tel:
                err(name, f"tel: link to {t} not in key phones with shown tel")
        # e-mails
        mailtos = {}
        for a in page.full.find_all("a", href=True):
            if a["href"].lower().startswith("mailto:"):
                addr = unquote(a["href"][7:].split("?")[0]).strip().lower()
                mailtos.setdefault(addr, []).append(a)
        keyed_mail = set()
        for em in pk["emails"]:
            addr, shown = em["email"], em["shown"]
            if addr != addr.lower():
                err(name, f"{addr}: not lower case")
            if "mailto" in shown or "icon-only-mailto" in shown:
                keyed_mail.add(addr)
                if addr not in mailtos:
                    err(name, f"{addr}: no mailto link")
            if "icon-only-mailto" in shown and not any(
                not norm(
                    " ".join(
                        s for s in page.soup.find("a", href=a["href"]).find_all(string=True) if not hidden(s.parent)
                    )
                )
                for a in mailtos.get(addr, [])
            ):
                err(name, f"{addr}: icon-only-mailto but every mailto link has text")
            if "text" in shown and addr not in page.text.lower():
                err(name, f"{addr}: shown text but not in visible text")
            if "words-obfuscated" in shown:
                for d in em.get("display", []):
                    if not page.visible_contains(d):
                        err(name, f"{addr}: display {d!r} not visible")
                    for w in em.get("words", []):
                        if w.lower() not in d.lower():
                            err(name, f"{addr}: word {w!r} not in display {d!r}")
                if "text" not in shown and addr in page.text.lower():
                    err(name, f"{addr}: words-obfuscated only, but the plain address is visible")
                if not em.get("display"):
                    err(name, f"{addr}: words-obfuscated without display")
        for m in mailtos:
            if m not in keyed_mail:
                err(name, f"mailto:{m} not in key")
        # address
        if pk["address"]:
            for part in pk["address"].split(";"):
                part = re.sub(r"\s*\([^)]*\)\s*$", "", part).strip()
                if not page.visible_contains(part):
                    err(name, f"address {part!r} not visible")

        # social / not_business / messengers
        def href_present(url: str, page: Page = page) -> bool:
            return any(h == url or h.rstrip("/") == url.rstrip("/") for h in page.hrefs)

        for s in pk["social"]:
            if not href_present(s["url"]):
                err(name, f"social {s['url']} not an href on the page")
        for s in pk["not_business"]:
            if not href_present(s["url"]):
                err(name, f"not_business {s['url']} not an href on the page")
        n_nb += len(pk["not_business"])
        keyed_m = set()
        for m in pk["messengers"]:
            keyed_m.add(m["href"])
            if m["href"] not in page.hrefs:
                err(name, f"messenger href {m['href']} not in markup")
            if messenger_target(m["href"]) != m["target"]:
                err(name, f"messenger {m['href']} target {m['target']} != {messenger_target(m['href'])}")
        for h in mhrefs:
            if h not in keyed_m:
                err(name, f"messenger link {h} not in key")
        accounted = {s["url"].rstrip("/") for s in pk["social"] + pk["not_business"]}
        for h in page.hrefs:
            low = h.lower()
            if (
                any(x in low for x in SOCIAL_HOSTS)
                and "maps/place" not in low
                and "maps?q" not in low
                and h.rstrip("/") not in accounted
            ):
                err(name, f"social-network link {h} neither social nor not_business")
        # icon-only links
        empty = []
        for a in page.anchors:
            if hidden(a):  # a skip link or other visually hidden anchor is not an icon
                continue
            if not a.has_attr("href") and a.has_attr("name"):  # a named anchor (Tilda T215) is a target, not a link
                continue
            if not page.visible(a) and not a.find("img", alt=lambda v: bool(v and v.strip())):
                empty.append(a.get("href"))
        keyed_icons = [i["href"] for i in pk["icon_only_links"]]
        n_icons += len(keyed_icons)
        for h in keyed_icons:
            if h not in empty:
                err(name, f"icon-only link {h} is not an <a> without visible text")
        for h in set(empty):
            if h not in keyed_icons:
                err(name, f"<a href={h}> has no visible text but is not in icon_only_links")
            elif empty.count(h) != keyed_icons.count(h):
                err(name, f"<a href={h}>: {empty.count(h)} icon-only anchors, key lists {keyed_icons.count(h)}")
        # contact section
        cs = pk["contact_section"]
        if cs:
            if cs.get("anchor") and not (
                page.full.find(id=cs["anchor"]) or page.full.find(attrs={"name": cs["anchor"]})
            ):
                err(name, f"contact anchor #{cs['anchor']} not found")
            head = re.sub(r"\s*\([^)]*\)\s*$", "", cs["heading"]).strip()
            if not page.visible_contains(head):
                err(name, f"contact heading {head!r} not visible")
        # internal origins (<a>/<link> hrefs, the canonical included)
        used = set()
        for h in page.hrefs:
            if h.startswith("http"):
                p = urlsplit(h)
                if p.hostname in own_hosts:
                    used.add(f"{p.scheme}://{p.netloc}")
        listed = {o for o in pk["internal_origins"] if o.startswith("http")}
        if used != listed:
            err(name, f"internal_origins {sorted(listed)} but the page uses {sorted(used)}")
        if not listed <= site_abs:
            err(name, "internal_origins not all in the site's origins")
    cl = key["classes"]
    if cl["icon_only_links"] != n_icons:
        err("key.json", f"classes.icon_only_links {cl['icon_only_links']} != {n_icons}")
    if cl["not_business_links"] != n_nb:
        err("key.json", f"classes.not_business_links {cl['not_business_links']} != {n_nb}")
    if sorted(cl["messenger_only_numbers"]) != sorted(mo_list):
        err("key.json", "classes.messenger_only_numbers does not match the pages")
    cp = key["contact_page"]
    home = next(iter(pages))
    if cp.startswith("home#"):
        anchor = cp[5:]
        if not Page(folder / home).full.find(id=anchor) and not Page(folder / home).full.find(attrs={"name": anchor}):
            err("key.json", f"contact_page {cp}: no such anchor on {home}")
        if not cl["contact_page_is_home"]:
            err("key.json", "contact_page is home but contact_page_is_home is false")
    elif not (folder / cp).is_file():
        err("key.json", f"contact_page {cp} missing")
    return errs


def main(argv: list[str]) -> int:
    sites = [HERE / a for a in argv] if argv else sorted(p.parent for p in HERE.glob("*/key.json"))
    errs: list[str] = []
    for s in sites:
        try:
            errs += check_site(s)
        except (KeyError, json.JSONDecodeError, TypeError) as exc:
            errs.append(f"{s.name}: {type(exc).__name__}: {exc}")
    for e in errs:
        print(e)
    print(f"{len(sites)} sites, {len(errs)} problems")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
