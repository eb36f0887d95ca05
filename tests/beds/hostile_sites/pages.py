"""The pages: a normal-looking small-business site per case, and what the other host (127.0.0.2) shows.

Pure functions from a ``Business`` (from ``key.json``) to text or bytes; the server adds the hostility.
Phone numbers are Ofcom's drama range (020 7946 0000 to 0999), domains are RFC 2606 ``.example``.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

STYLE = (
    "body{font:16px/1.55 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1d2733;background:#fbfaf7}"
    "header.top{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;"
    "padding:.8rem 1.2rem;background:#17324d;color:#fff}header.top a{color:#fff}"
    ".brand{font-weight:700;font-size:1.15rem;text-decoration:none}nav a{margin-right:1rem}"
    "main{max-width:52rem;margin:0 auto;padding:1.5rem 1.2rem}h1{font-size:1.9rem;margin:.2rem 0 .6rem}"
    ".lead{font-size:1.15rem}.card{background:#fff;border:1px solid #e4e0d8;border-radius:8px;padding:1rem 1.2rem;"
    "margin:1rem 0}footer{border-top:1px solid #e4e0d8;padding:1rem 1.2rem;font-size:.9rem;color:#4a5866}"
    "label{display:block;margin:.5rem 0 .2rem}input,textarea{width:100%;max-width:28rem;padding:.45rem;"
    "font:inherit}button{margin-top:.8rem;padding:.55rem 1.2rem;font:inherit;background:#17324d;color:#fff;"
    "border:0;border-radius:6px}"
)


@dataclass(frozen=True)
class Business:
    name: str
    trade: str
    phone: str  # as printed: "020 7946 0101"
    tel: str  # E.164: "+442079460101"
    email: str
    street: str
    town: str
    postcode: str

    @classmethod
    def from_key(cls, data: dict[str, Any]) -> Business:
        return cls(**{name: str(data[name]) for name in cls.__dataclass_fields__})

    @property
    def address(self) -> str:
        return f"{self.street}, {self.town} {self.postcode}"


def e(text: str) -> str:
    return html.escape(text, quote=True)


def head(b: Business, title: str, *, charset: str = "utf-8", extra: str = "") -> str:
    return (
        "<!doctype html>\n"
        '<html lang="en-GB">\n<head>\n'
        f'<meta charset="{charset}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n"
        f'<meta name="description" content="{e(b.name)}: {e(b.trade)} in {e(b.town)}. Call {e(b.phone)}.">\n'
        '<link rel="icon" href="data:,">\n'
        f"<style>{STYLE}</style>\n{extra}</head>\n"
    )


def top(b: Business) -> str:
    return (
        '<header class="top">\n'
        f'  <a class="brand" href="/">{e(b.name)}</a>\n'
        '  <nav><a href="/">Home</a><a href="/services/">Services</a><a href="/contact/">Contact us</a></nav>\n'
        f'  <span class="call">Call us: <a href="tel:{e(b.tel)}">{e(b.phone)}</a></span>\n'
        "</header>\n"
    )


def contact_card(b: Business) -> str:
    return (
        '<section class="card" id="contact">\n'
        "  <h2>Get in touch</h2>\n"
        f'  <p>Phone: <a href="tel:{e(b.tel)}">{e(b.phone)}</a><br>\n'
        f'  Email: <a href="mailto:{e(b.email)}">{e(b.email)}</a><br>\n'
        f"  {e(b.address)}</p>\n"
        "  <p>Open Monday to Friday 8:00–18:00, Saturday 9:00–13:00.</p>\n"
        "</section>\n"
    )


def footer(b: Business) -> str:
    return (
        f'<footer>© 2025 {e(b.name)} · {e(b.address)} · <a href="/contact/">Contact</a> · '
        f'<a href="tel:{e(b.tel)}">{e(b.phone)}</a></footer>\n'
    )


def home_parts(
    b: Business, *, charset: str = "utf-8", head_extra: str = "", body_top: str = "", main_extra: str = ""
) -> tuple[str, str]:
    """The home page split where a case may put something big (before the footer): (start, end)."""
    start = (
        head(b, f"{b.name} – {b.trade} in {b.town}", charset=charset, extra=head_extra)
        + "<body>\n"
        + body_top
        + top(b)
        + "<main>\n"
        + f"<h1>{e(b.name)}</h1>\n"
        + f'<p class="lead">Friendly, local {e(b.trade.lower())} in {e(b.town)} since 1998. '
        + "Free quotes, fair prices, and a real person on the phone.</p>\n"
        + contact_card(b)
        + '<section class="card"><h2>What we do</h2><p>See our <a href="/services/">services</a> '
        + 'or <a href="/contact/">contact us</a> for a quote.</p></section>\n'
        + main_extra
    )
    end = "</main>\n" + footer(b) + "</body>\n</html>\n"
    return start, end


def home(b: Business, **parts: str) -> str:
    start, end = home_parts(b, **parts)
    return start + end


def contact_page(b: Business, *, charset: str = "utf-8", form: str = "", head_extra: str = "") -> str:
    return (
        head(b, f"Contact {b.name}", charset=charset, extra=head_extra)
        + "<body>\n"
        + top(b)
        + "<main>\n"
        + f"<h1>Contact {e(b.name)}</h1>\n"
        + contact_card(b)
        + form
        + "</main>\n"
        + footer(b)
        + "</body>\n</html>\n"
    )


def services_page(b: Business, *, charset: str = "utf-8") -> str:
    return (
        head(b, f"Services – {b.name}", charset=charset)
        + "<body>\n"
        + top(b)
        + "<main>\n<h1>Services</h1>\n"
        + f"<ul><li>Free quotes</li><li>Same-week appointments</li><li>Fully insured {e(b.trade.lower())}</li></ul>\n"
        + f'<p>Questions? Call <a href="tel:{e(b.tel)}">{e(b.phone)}</a>.</p>\n'
        + "</main>\n"
        + footer(b)
        + "</body>\n</html>\n"
    )


def product_page(b: Business, number: int) -> str:
    return (
        head(b, f"Part #{number} – {b.name}")
        + "<body>\n"
        + top(b)
        + f"<main>\n<h1>Part #{number}</h1>\n<p>In stock. £{4 + number % 90}.99, next-day delivery.</p>\n"
        + f'<p>Ask about this part: <a href="tel:{e(b.tel)}">{e(b.phone)}</a></p>\n</main>\n'
        + footer(b)
        + "</body>\n</html>\n"
    )


def plain_page(title: str, body: str, *, lang: str = "en") -> str:
    """A page that belongs to nobody in particular (a host's error page, another site's page)."""
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<title>{e(title)}</title>\n<link rel="icon" href="data:,">\n<style>{STYLE}</style>\n</head>\n'
        f"<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


ROBOTS = "User-agent: *\nAllow: /\n"


def pdf_menu(b: Business) -> bytes:
    """A one-page PDF 1.4 menu (Helvetica, uncompressed text; ISO 32000-1 §7.5 file structure)."""
    lines = [
        (24, b.name),
        (14, f"{b.trade} - {b.address}"),
        (14, "Menu: Antipasti 6.50 - Pasta 11.00 - Pizza 10.50 - Dolci 5.00"),
        (14, f"Bookings: {b.phone} - {b.email}"),
    ]
    text = ["BT"]
    y = 780
    for size, line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text.append(f"/F1 {size} Tf 1 0 0 1 56 {y} Tm ({escaped}) Tj")
        y -= 36
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
