"""A page read from its HTML without a browser, as the same `Snapshot` the browser's snapshot.js
makes: links with their words, text blocks that may hold a phone or an email, addresses,
protected emails, forms, headings and the page's text.

What only a browser knows is left unknown, not guessed: boxes have no size (so nothing read here
is ever "above the fold" or "covered"), and a part is invisible only when the markup itself hides
it (`hidden`, `display:none` or `visibility:hidden` in its style, <template>). Regions come from
landmarks, roles and class words, as in snapshot.js.

Parsed with selectolax (lexbor), chosen over the design card's BeautifulSoup with lxml by
measure (bench/crawl_speed.py, 200 pages): parsing alone takes 0.003 s against 0.096 s (x35);
this module's whole read, a Python walk over the tree, takes 0.12 s, where the same walk's
lighter BeautifulSoup version takes 0.15 s. Neither decides the crawl's speed (the browser's start
does), so the choice buys headroom on large pages, not the target.

    snapshot = static_snapshot(html, "https://acme.example/about/")
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from touchpoint.contacts.snapshot import (
    COMPONENT_FOOTER,
    LIMITS,
    REGION_WORDS,
    TEXT_HINT,
    Anchor,
    Form,
    Place,
    Snapshot,
    TextBlock,
)

__all__ = ["StaticPage", "meta_refresh", "static_snapshot"]

# A click handler that goes somewhere (as in snapshot.js): sets location or opens a window.
_NAVIGATES = re.compile(
    r"(?:location(?:\.href)?\s*=|location\.(?:assign|replace)\(|window\.open\()\s*['\"]([^'\"]+)['\"]"
)
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object"})
_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset", "figcaption",
        "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
        "nav", "ol", "p", "pre", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
        "body", "html", "details", "summary", "dialog", "menu", "caption", "option", "select",
    }
)  # fmt: skip
_REGION_TAGS = {"header": "header", "nav": "nav", "footer": "footer", "aside": "aside", "main": "main"}
_REGION_ROLES = {
    "banner": "header",
    "navigation": "nav",
    "contentinfo": "footer",
    "complementary": "aside",
    "main": "main",
}
_HIDING_STYLE = re.compile(r"(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden)\b", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class StaticPage:
    """What the HTML says beyond the snapshot: enough to tell whether scripts build the page."""

    snapshot: Snapshot
    scripts: tuple[str, ...]  # inline scripts' text (not JSON-LD), for contact data only in scripts
    script_sources: int  # <script src=...> count
    body_text_chars: int
    noscript_text: str
    empty_roots: tuple[str, ...]  # framework mount points with nothing in them (#root, #app, ...)
    links_total: int = 0  # every link on the page, past the snapshot's cap too


def _clip(text: str | None, limit: int) -> str:
    return _SPACES.sub(" ", text or "").strip()[:limit]


def _attr(node: LexborNode, name: str) -> str:
    return node.attributes.get(name) or ""


_SCOPES = frozenset({"article", "blockquote", "main"})  # a <header>/<footer> inside one is that part's own


def _own_region(node: LexborNode, scoped: bool = False) -> str | None:
    role = _attr(node, "role")
    if role in _REGION_ROLES:
        return _REGION_ROLES[role]
    tag = node.tag or ""
    if tag in _REGION_TAGS and not (scoped and tag in ("header", "footer")):
        return _REGION_TAGS[tag]
    words = COMPONENT_FOOTER.sub(" ", f"{_attr(node, 'class')} {_attr(node, 'id')}"[:200]).strip()
    if words:
        for pattern, region in REGION_WORDS:
            if pattern.search(words):
                return region
    return None


def _hides(node: LexborNode) -> bool:
    attrs = node.attributes
    return "hidden" in attrs or bool(_HIDING_STYLE.search(attrs.get("style") or "")) or node.tag == "template"


def _visible_text(root: LexborNode) -> str:
    """The element's text as a visitor reads it (innerText): no scripts or hidden parts, a line
    break between blocks."""
    parts: list[str] = []
    stack: list[LexborNode] = []
    node = root.child
    while node is not None or stack:
        if node is None:
            done = stack.pop()
            if done.tag in _BLOCK:
                parts.append("\n")
            node = done.next
            continue
        tag = node.tag or ""
        if tag == "-text":
            parts.append(node.text_content or "")
            node = node.next
        elif tag.startswith("-") or tag in _SKIP or _hides(node):
            node = node.next
        elif tag == "br":
            parts.append("\n")
            node = node.next
        else:
            if tag in _BLOCK:
                parts.append("\n")
            stack.append(node)
            node = node.child
    return "".join(parts)


class _Reader:
    def __init__(self, tree: LexborHTMLParser, url: str) -> None:
        self.url = url
        base = tree.css_first("base[href]")
        self.base = urljoin(url, _attr(base, "href")) if base is not None else url
        self.max_items = LIMITS["maxItems"]
        self.anchors: list[Anchor] = []
        self.navigating: list[Anchor] = []  # buttons and elements whose click goes somewhere
        self.links_total = 0
        self.hinted: list[tuple[LexborNode, Place]] = []
        self.addresses: list[TextBlock] = []
        self.cfemails: list[tuple[str, Place]] = []
        self.forms: list[Form] = []
        self.scripts: list[str] = []
        self.script_sources = 0
        self.noscript: list[str] = []
        self.empty_roots: list[str] = []

    def walk(self, body: LexborNode) -> None:
        # Depth first, carrying each element's region and whether the markup hides it.
        stack: list[tuple[LexborNode, str, bool, bool]] = [(body, _own_region(body) or "content", _hides(body), False)]
        while stack:
            node, region, hidden, scoped = stack.pop()
            tag = node.tag or ""
            if tag == "-text":
                text = node.text_content or ""
                if TEXT_HINT.search(text) and node.parent is not None:
                    self.hinted.append((node, Place(region=region, visible=not hidden, covered=None)))
                continue
            if tag.startswith("-"):
                continue
            if tag == "script":
                if _attr(node, "src"):
                    self.script_sources += 1
                elif "ld+json" not in _attr(node, "type").lower():
                    self.scripts.append(node.text(deep=True) or "")
                continue
            if tag == "noscript":
                self.noscript.append(node.text(deep=True) or "")
                continue
            if tag in _SKIP:
                continue
            region = _own_region(node, scoped) or region
            hidden = hidden or _hides(node)
            scoped = scoped or tag in _SCOPES
            self._element(node, tag, region, hidden)
            children = []
            child = node.child
            while child is not None:
                children.append((child, region, hidden, scoped))
                child = child.next
            stack.extend(reversed(children))

    def _element(self, node: LexborNode, tag: str, region: str, hidden: bool) -> None:
        place = Place(region=region, visible=not hidden, covered=None)
        attrs = node.attributes
        if tag in ("a", "area") and "href" in attrs:
            self.links_total += 1
            raw = (attrs.get("href") or "").strip()
            if raw and not raw.lower().startswith("javascript:") and len(self.anchors) < self.max_items:
                self.anchors.append(self._link(node, tag, raw, place))
        elif "href" in attrs or "data-href" in attrs or "onclick" in attrs:
            handler = _NAVIGATES.search(attrs.get("onclick") or "")
            if tag == "button" or "data-href" in attrs or handler:
                raw = (
                    (attrs.get("href") if tag == "button" else None)
                    or attrs.get("data-href")
                    or (handler.group(1) if handler else "")
                    or ""
                ).strip()
                if raw and not raw.lower().startswith(("javascript:", "#")):
                    self.navigating.append(self._link(node, tag, raw, place))
        if (tag == "address" or attrs.get("itemprop") == "address" or _has_class(node, ("h-adr", "p-adr"))) and len(
            self.addresses
        ) < 50:
            self.addresses.append(TextBlock(text=_clip(_visible_text(node), 400), tag="address", place=place))
        if "data-cfemail" in attrs and len(self.cfemails) < self.max_items:
            self.cfemails.append((attrs.get("data-cfemail") or "", place))
        if tag == "form" and len(self.forms) < 50:
            self.forms.append(self._form(node, place))
        if (
            _attr(node, "id").lower() in ("root", "app", "__next", "__nuxt", "___gatsby", "svelte")
            or tag == "app-root"
            or "data-reactroot" in attrs
            or "ng-app" in attrs
        ) and not _visible_text(node).strip():
            self.empty_roots.append(f"{tag}#{_attr(node, 'id')}" if _attr(node, "id") else tag)

    def _link(self, node: LexborNode, tag: str, raw: str, place: Place) -> Anchor:
        attrs = node.attributes
        alts = " ".join(_attr(img, "alt") for img in node.css("img[alt]"))
        return Anchor(
            href=urljoin(self.base, raw),
            raw=raw[:500],
            text=_clip(_visible_text(node), 200),
            aria=_clip(attrs.get("aria-label"), 200),
            title=_clip(attrs.get("title"), 200),
            rel=attrs.get("rel") or "",
            img_alt=_clip(alts, 100),
            cls=_clip(f"{attrs.get('class') or ''} {attrs.get('id') or ''}", 120),
            tag=tag,
            place=place,
        )

    def _form(self, node: LexborNode, place: Place) -> Form:
        fields = []
        for field in node.css("input, textarea, select")[:40]:
            fields.append(
                {
                    "tag": field.tag or "",
                    "type": _attr(field, "type").lower(),
                    "name": _attr(field, "name"),
                    "autocomplete": _attr(field, "autocomplete"),
                    "placeholder": _clip(_attr(field, "placeholder"), 80),
                }
            )
        action = _attr(node, "action")
        return Form(
            action=urljoin(self.base, action) if action else self.url,
            method=(_attr(node, "method") or "get").lower(),
            fields=tuple(fields),
            submit=node.css_first("button, input[type=submit], input[type=image]") is not None,
            place=place,
        )

    def texts(self) -> list[TextBlock]:
        """Each hinted text node read with its smallest block (a number split over <span>s reads
        whole), a table cell or <dd> with its label, once per block (as snapshot.js does)."""
        blocks: set[int] = set()
        out: list[TextBlock] = []
        for text_node, place in self.hinted:
            if len(out) >= self.max_items:
                break
            block = text_node.parent
            while (
                block is not None
                and block.parent is not None
                and (block.tag or "") not in _BLOCK
                and block.tag != "a"
                and block.parent.tag not in ("-document", None)
            ):
                block = block.parent
            if block is None or block.mem_id in blocks:
                continue
            blocks.add(block.mem_id)
            label = ""
            if block.tag in ("td", "th"):
                cell = block.prev
                while cell is not None and len(label) < 60:
                    if cell.tag in ("td", "th"):
                        label = f"{_clip(_visible_text(cell), 60)} {label}"
                    cell = cell.prev
            elif block.tag == "dd":
                term = block.prev
                while term is not None and term.tag == "-text":
                    term = term.prev
                if term is not None and term.tag == "dt":
                    label = f"{_clip(_visible_text(term), 60)} "
            out.append(TextBlock(text=_clip(label + _visible_text(block), 460), tag=block.tag or "", place=place))
        return out


def _has_class(node: LexborNode, names: tuple[str, ...]) -> bool:
    classes = _attr(node, "class").split()
    return any(name in classes for name in names)


def static_snapshot(html: str, url: str) -> StaticPage:
    """Read a page's HTML (already decoded) as a visitor with no browser would see its parts."""
    tree = LexborHTMLParser(html)
    reader = _Reader(tree, url)
    body = tree.body
    text = ""
    if body is not None:
        reader.walk(body)
        text = _visible_text(body)
    title = tree.css_first("title")
    html_node = tree.css_first("html")
    headings = tuple(_clip(_visible_text(h), 200) for h in tree.css("h1, h2, h3")[:40])
    snapshot = Snapshot(
        url=url,
        title=_clip(title.text() if title is not None else "", 300),
        lang=_attr(html_node, "lang") if html_node is not None else "",
        html=html[: LIMITS["maxHtml"]],
        text=re.sub(r"\n\s*\n+", "\n", text).strip()[: LIMITS["maxText"]],
        headings=headings,
        anchors=tuple([*reader.anchors, *reader.navigating][: LIMITS["maxItems"]]),
        texts=tuple(reader.texts()),
        addresses=tuple(reader.addresses),
        cfemails=tuple(reader.cfemails),
        forms=tuple(reader.forms),
    )
    return StaticPage(
        snapshot=snapshot,
        scripts=tuple(reader.scripts),
        script_sources=reader.script_sources,
        body_text_chars=len(_SPACES.sub("", text)),
        noscript_text=_clip(" ".join(reader.noscript), 500),
        empty_roots=tuple(reader.empty_roots),
        links_total=reader.links_total,
    )


_REFRESH = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?refresh[\"']?[^>]*>", re.IGNORECASE)
_REFRESH_CONTENT = re.compile(
    r"\bcontent\s*=\s*[\"']\s*([\d.]+)\s*(?:[;,]\s*(?:url\s*=\s*)?['\"]?([^'\">]+))?", re.IGNORECASE
)


def meta_refresh(html: str, url: str) -> tuple[float, str] | None:
    """A <meta http-equiv="refresh"> in the page's head: (seconds, where to), the page itself when
    it names no address; None when there is none."""
    tag = _REFRESH.search(html[:100_000])
    if tag is None:
        return None
    content = _REFRESH_CONTENT.search(tag.group(0))
    if content is None:
        return None
    try:
        delay = float(content.group(1))
    except ValueError:
        return None
    target = (content.group(2) or "").strip()
    return delay, urljoin(url, target) if target else url
