"""The demo business's website: Harbour Lane Plumbing & Heating, a small London firm.

Six pages and a blog post, a phone in the header, contacts and a callback form on the contacts
page, LocalBusiness JSON-LD, social profiles in the footer and a slot for a chat widget. Knobs
(`DemoKnobs`) make it slow or broken for tests: a server delay on every page, a heavy hero
image, a render-blocking script, error statuses on chosen paths, no phone in the header.
"""

from __future__ import annotations

import asyncio
import json
import os
import struct
import zlib
from datetime import UTC, datetime
from functools import cache
from http import HTTPStatus
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

from touchpoint.attempts.shopper import find_token
from touchpoint.demo.mail import DemoMail
from touchpoint.profile.model import DemoKnobs

__all__ = ["BUSINESS", "PAGES", "make_app"]

HERE = Path(__file__).parent
KNOBS = web.AppKey("knobs", DemoKnobs)
CALLBACKS = web.AppKey("callbacks", list)
MAIL = web.AppKey("mail", DemoMail)

BUSINESS: dict[str, Any] = {
    "@context": "https://schema.org",
    "@type": "Plumber",
    "name": "Harbour Lane Plumbing & Heating",
    "telephone": "+44 20 7946 0321",
    "email": "hello@harbourlane.example",
    "address": {
        "@type": "PostalAddress",
        "streetAddress": "14 Harbour Lane",
        "addressLocality": "London",
        "postalCode": "E14 9XY",
        "addressCountry": "GB",
    },
    "openingHours": ["Mo-Fr 08:00-18:00", "Sa 09:00-13:00"],
    "sameAs": [
        "https://www.facebook.com/harbourlaneplumbing",
        "https://www.instagram.com/harbourlane.plumbing/",
        "https://www.youtube.com/@harbourlaneplumbing",
    ],
}

# path -> (template, title, description, active nav item)
PAGES: dict[str, tuple[str, str, str, str]] = {
    "/": (
        "home.html",
        "Plumbers in East London",
        "Same-day plumbers and heating engineers in East London.",
        "home",
    ),
    "/services": (
        "services.html",
        "Services",
        "Emergency plumbing, boilers, bathrooms and landlord certificates.",
        "services",
    ),
    "/prices": ("prices.html", "Prices", "Fixed plumbing prices, VAT included.", "prices"),
    "/about": ("about.html", "About us", "A family-run plumbing firm in East London since 2009.", "about"),
    "/blog/": ("blog_index.html", "Advice", "Plumbing advice from our engineers.", "blog"),
    "/blog/frozen-pipes": (
        "blog_post.html",
        "How to stop your pipes freezing",
        "Five things to do before the first frost.",
        "blog",
    ),
    "/contacts": ("contacts.html", "Contact us", "Phone, email, address and callback requests.", "contacts"),
}

_templates = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, enable_async=False)


@cache
def heavy_png(width: int = 1600, height: int = 1000) -> bytes:
    """A photo-sized PNG of noise (about 4.8 MB), which no compression can shrink."""
    raw = b"".join(b"\x00" + os.urandom(width * 3) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b"")


async def _page(request: web.Request) -> web.Response:
    knobs = request.app[KNOBS]
    path = request.path
    if knobs.server_delay_ms:
        await asyncio.sleep(knobs.server_delay_ms / 1000)
    if path in knobs.broken:
        status = knobs.broken[path]
        return _render(
            "error.html",
            status=status,
            title=f"Error {status}",
            reason=HTTPStatus(status).phrase,
            knobs=knobs,
        )
    template, title, description, active = PAGES[path]
    return _render(
        template,
        title=title,
        description=description,
        active=active,
        knobs=knobs,
        hero_src="/static/hero-photo.png" if knobs.heavy_image else "/static/hero.svg",
    )


def _render(template: str, *, status: int = 200, **context: Any) -> web.Response:
    context.setdefault("description", "")
    context.setdefault("active", "")
    html = _templates.get_template(template).render(
        business_json_ld=json.dumps(BUSINESS, ensure_ascii=False).replace("</", "<\\/"), **context
    )
    return web.Response(text=html, status=status, content_type="text/html", charset="utf-8")


async def _blocking_script(request: web.Request) -> web.Response:
    await asyncio.sleep(request.app[KNOBS].blocking_script_ms / 1000)
    return web.Response(text="window.demoBlockingScript = true;\n", content_type="application/javascript")


async def _heavy_image(request: web.Request) -> web.Response:
    return web.Response(body=heavy_png(), content_type="image/png")


def _form_handler(channel: str, required: str) -> Any:
    async def handle(request: web.Request) -> web.Response:
        form = await request.post()
        if not str(form.get(required, "")).strip():
            return web.json_response({"ok": False, "error": f"{required} is required"}, status=422)
        fields = {key: str(value) for key, value in form.items()}
        request.app[CALLBACKS].append({"channel": channel, "received": datetime.now(UTC).isoformat(), **fields})
        mail = request.app.get(MAIL)
        if mail is not None:
            mail.inquiry(
                channel,
                reply_to=fields.get("email", "").strip(),
                name=fields.get("name", ""),
                subject=f"Your {channel} request",
                text=fields.get("message", ""),
            )
        return web.json_response({"ok": True})

    return handle


async def _chat_widget(request: web.Request) -> web.Response:
    html = _templates.get_template("chat_widget.html").render()
    return web.Response(text=html, content_type="text/html", charset="utf-8")


async def _chat_socket(request: web.Request) -> web.WebSocketResponse:
    """The demo's chat backend: its bot greets at once and acknowledges, Maria answers later."""
    knobs = request.app[KNOBS]
    socket = web.WebSocketResponse()
    await socket.prepare(request)
    bot = "Harbour Lane assistant"

    async def say(author: str, name: str, text: str, delay: float = 0.0) -> None:
        await asyncio.sleep(delay)
        if not socket.closed:
            await socket.send_json({"author": author, "name": name, "text": text})

    if not knobs.chat_online:
        await socket.send_json(
            {
                "type": "status",
                "state": "offline",
                "text": "We're offline right now. Leave a message and we'll email you.",
            }
        )
        await socket.close()
        return socket
    await socket.send_json({"type": "status", "state": "online", "text": "We usually reply in a few minutes"})
    await say("bot", bot, "Hi! I'm the Harbour Lane assistant. Ask us anything about plumbing and heating.")
    answered = False
    tasks: set[asyncio.Task[None]] = set()
    async for message in socket:
        if message.type is not web.WSMsgType.TEXT:
            continue
        tasks.add(asyncio.create_task(say("bot", bot, "Thanks! One of our engineers will be with you shortly.", 0.3)))
        if "chat" in knobs.answers and not answered:
            answered = True
            # A person answers this visitor, not every visitor: she picks up their reference.
            reference = find_token(message.data)
            about = f" about {reference}" if reference else ""
            tasks.add(
                asyncio.create_task(
                    say(
                        "operator",
                        "Maria Okafor",
                        f"Hello, Maria here from Harbour Lane{about}. A boiler service is £89 and we have a slot "
                        "tomorrow morning. Shall I book it for you?",
                        knobs.chat_delay.total_seconds(),
                    )
                )
            )
    for task in tasks:
        task.cancel()
    return socket


async def _not_found(request: web.Request) -> web.Response:
    return _render("error.html", status=404, title="Not found", reason="Not found", knobs=request.app[KNOBS])


def make_app(knobs: DemoKnobs | None = None, mail: DemoMail | None = None) -> web.Application:
    app = web.Application()
    app[KNOBS] = knobs or DemoKnobs(serve=True)
    if mail is not None:
        app[MAIL] = mail
    app[CALLBACKS] = []
    for path in PAGES:
        app.router.add_get(path, _page)
    app.router.add_get("/blog", _blog_redirect)
    app.router.add_get("/static/blocking.js", _blocking_script)
    app.router.add_get("/static/hero-photo.png", _heavy_image)
    app.router.add_static("/static/", HERE / "static")
    app.router.add_get("/chat/widget", _chat_widget)
    app.router.add_get("/chat/ws", _chat_socket)
    app.router.add_post("/api/chat-offline", _form_handler("chat", "email"))
    app.router.add_post("/api/callback", _form_handler("callback", "phone"))
    app.router.add_post("/api/quote", _form_handler("quote", "email"))
    app.router.add_get("/robots.txt", _robots)
    app.router.add_route("*", "/{tail:.*}", _not_found)
    return app


async def _blog_redirect(request: web.Request) -> web.Response:
    raise web.HTTPMovedPermanently("/blog/")


async def _robots(request: web.Request) -> web.Response:
    return web.Response(text="User-agent: *\nAllow: /\n", content_type="text/plain")
