"""Linden Row Dental's website: a home page, a treatments page and a contact page with a plain
callback form. Sending the form is a lead: the site mails a notification to the clinic."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import web

from .business import BUSINESS

__all__ = ["Lead", "make_app"]


@dataclass(frozen=True)
class Lead:
    name: str
    email: str
    phone: str
    message: str


CSS = """
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 "Segoe UI",Helvetica,Arial,sans-serif;color:#23302b;background:#fbfaf7}
a{color:#1d6b57}header{background:#fff;border-bottom:1px solid #e3e0d8}
.wrap{max-width:980px;margin:0 auto;padding:0 20px}
.top{display:flex;align-items:center;justify-content:space-between;padding:14px 0;gap:16px;flex-wrap:wrap}
.logo{font-weight:700;font-size:22px;color:#1d6b57;text-decoration:none}.logo span{color:#c58b3a}
nav a{margin-left:18px;text-decoration:none;font-weight:600;color:#23302b}nav a:hover{color:#1d6b57}
.call{background:#1d6b57;color:#fff!important;padding:8px 14px;border-radius:6px;text-decoration:none}
.hero{background:#e9f2ee;padding:48px 0}.hero h1{font-size:36px;margin:0 0 10px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(220px,1fr));gap:18px;margin:32px 0}
.card{background:#fff;border:1px solid #e3e0d8;border-radius:10px;padding:18px}
.btn{display:inline-block;background:#c58b3a;color:#fff;padding:11px 20px;border-radius:6px;text-decoration:none;
border:0;font:inherit;font-weight:600;cursor:pointer}
form.contact{background:#fff;border:1px solid #e3e0d8;border-radius:10px;padding:22px;max-width:560px}
form.contact label{display:block;font-weight:600;margin:12px 0 4px}
form.contact input,form.contact textarea{width:100%;padding:9px 10px;border:1px solid #c9c4b8;
border-radius:6px;font:inherit}
form.contact textarea{min-height:120px}.cols{display:grid;grid-template-columns:1fr 1fr;gap:28px}
@media(max-width:720px){.cols{grid-template-columns:1fr}}
.notice{background:#e9f2ee;border-left:4px solid #1d6b57;padding:14px 18px;border-radius:6px}
.error{background:#fbeaea;border-left:4px solid #a33;padding:10px 14px;border-radius:6px}
footer{margin-top:48px;background:#23302b;color:#d7dcd8;padding:28px 0;font-size:14px}footer a{color:#fff}
table.prices td{padding:6px 14px 6px 0;border-bottom:1px solid #eee}
"""


def _page(title: str, body: str) -> str:
    b = BUSINESS
    return f"""<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)} | {b.name}</title>
<meta name="description"
 content="Friendly private dental clinic in Stoke Newington, London: check-ups, hygiene, whitening.">
<style>{CSS}</style></head>
<body><header><div class="wrap top">
<a class="logo" href="/">Linden Row <span>Dental</span></a>
<nav><a href="/">Home</a><a href="/treatments">Treatments &amp; prices</a><a href="/contact">Contact</a>
<a class="call" href="tel:{b.phone.replace(" ", "")}">Call {b.phone_display}</a></nav>
</div></header>
<main>{body}</main>
<footer><div class="wrap">
<p><strong>{b.name}</strong> · {b.street} · <a href="tel:{b.phone.replace(" ", "")}">{b.phone_display}</a> ·
<a href="mailto:{b.address}">{b.address}</a></p>
<p>Mon–Fri 8:30–18:00 · Sat 9:00–13:00 · Registered with the Care Quality Commission ·
GDC registered practice</p><p>© 2026 {b.name} Ltd. <a href="/contact">Privacy</a></p>
</div></footer></body></html>"""


HOME = f"""
<section class="hero"><div class="wrap">
<h1>Gentle, unhurried dentistry in Stoke Newington</h1>
<p>Private check-ups, hygiene, whitening and Invisalign, five minutes from Church Street.
New patients welcome.</p>
<p><a class="btn" href="/contact">Request a callback</a></p>
</div></section>
<div class="wrap">
<div class="cards">
<div class="card"><h3>Check-ups</h3><p>A thorough examination with Dr Kazlauskienė, X-rays when needed.</p></div>
<div class="card"><h3>Hygiene</h3><p>Scale and polish with our hygienist Olga, with advice you can use.</p></div>
<div class="card"><h3>Whitening</h3><p>Home whitening kits made for your teeth, with follow-up.</p></div>
</div>
<p>Questions? Call <a href="tel:{BUSINESS.phone.replace(" ", "")}">{BUSINESS.phone_display}</a> or write to
<a href="mailto:{BUSINESS.address}">{BUSINESS.address}</a>.</p>
</div>"""

TREATMENTS = """
<div class="wrap"><h1>Treatments &amp; prices</h1>
<table class="prices">
<tr><td>New patient examination</td><td>£65</td></tr>
<tr><td>Routine check-up</td><td>£55</td></tr>
<tr><td>Hygiene appointment (30 min)</td><td>£70</td></tr>
<tr><td>Check-up &amp; hygiene together</td><td>£115</td></tr>
<tr><td>Home whitening</td><td>from £295</td></tr>
</table>
<p>Payment plans available. <a href="/contact">Ask us a question</a>.</p></div>"""


def _contact(error: str = "", values: dict[str, str] | None = None) -> str:
    v = {k: html.escape(x) for k, x in (values or {}).items()}
    b = BUSINESS
    err = f'<p class="error">{html.escape(error)}</p>' if error else ""
    return f"""
<div class="wrap"><h1>Contact us</h1>
<div class="cols">
<div>
<p>Leave your details and we will call you back, usually the same working day.</p>
{err}
<form class="contact" method="post" action="/contact">
<label for="name">Your name</label>
<input id="name" name="name" type="text" autocomplete="name" required value="{v.get("name", "")}">
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" required value="{v.get("email", "")}">
<label for="phone">Phone</label>
<input id="phone" name="phone" type="tel" autocomplete="tel" value="{v.get("phone", "")}">
<label for="message">Message</label>
<textarea id="message" name="message" required>{v.get("message", "")}</textarea>
<p><button class="btn" type="submit">Send</button></p>
</form>
</div>
<div>
<h2>Find us</h2>
<p>{b.street}</p>
<p>Phone: <a href="tel:{b.phone.replace(" ", "")}">{b.phone_display}</a><br>
Email: <a href="mailto:{b.address}">{b.address}</a></p>
<p>Mon–Fri 8:30–18:00<br>Sat 9:00–13:00</p>
</div></div></div>"""


THANKS = """
<div class="wrap"><h1>Contact us</h1>
<div class="notice" role="status"><p><strong>Thank you, we will call you back.</strong></p>
<p>Your message has been sent to our reception team.</p></div>
<p><a href="/">Back to the home page</a></p></div>"""


def make_app(on_lead: Callable[[Lead], Awaitable[None]]) -> web.Application:
    """The site; `on_lead` runs (in the server's loop) for every form sent."""

    async def home(_: web.Request) -> web.Response:
        return web.Response(text=_page("Private dentist in Stoke Newington", HOME), content_type="text/html")

    async def treatments(_: web.Request) -> web.Response:
        return web.Response(text=_page("Treatments & prices", TREATMENTS), content_type="text/html")

    async def contact(_: web.Request) -> web.Response:
        return web.Response(text=_page("Contact us", _contact()), content_type="text/html")

    async def send(request: web.Request) -> web.Response:
        form = await request.post()
        values = {k: str(form.get(k, "")).strip() for k in ("name", "email", "phone", "message")}
        if not values["name"] or "@" not in values["email"] or not values["message"]:
            page = _page("Contact us", _contact("Please fill in your name, email and message.", values))
            return web.Response(text=page, content_type="text/html", status=400)
        await on_lead(Lead(**values))
        return web.Response(text=_page("Thank you", THANKS), content_type="text/html")

    async def favicon(_: web.Request) -> web.Response:
        return web.Response(status=204)

    app = web.Application()
    app.router.add_get("/", home)
    app.router.add_get("/treatments", treatments)
    app.router.add_get("/contact", contact)
    app.router.add_post("/contact", send)
    app.router.add_get("/favicon.ico", favicon)
    return app
