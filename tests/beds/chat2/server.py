"""A blind test bed of live-chat widgets: tawk.to, Jivo and Crisp stand-ins on small shop pages.

The stand-ins in ``www/vendors/`` were written from the vendors' public documentation and from
how their widgets look on real sites (see README.md), without reading the project's adapters.
Every page reports what it shows to ``/__truth`` at the moment it shows it; ``CASES`` is the
static answer key (also ``cases.json``)::

    from tests.beds.chat2.server import ChatBed, CASES
    with ChatBed() as bed:
        url = bed.url("tawk-online")      # open it in any browser, from any process
        ...
        truth = bed.truth("tawk-online")  # what the page reported, in arrival order

Run ``python -m tests.beds.chat2.server`` to serve it by hand and print the pages' addresses.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TypedDict
from urllib.parse import urlencode, urlsplit

from aiohttp import web

HERE = Path(__file__).resolve().parent
WWW = HERE / "www"
VENDORS = WWW / "vendors"

State = Literal["online", "offline", "hidden", "failed to load", "cannot be written in"]


class Case(TypedDict):
    id: str
    page: str
    vendors: list[str]
    state: State
    human_answer: bool
    agent_after_s: float | None
    notes: str


def _load_cases() -> list[Case]:
    raw: list[Case] = json.loads((HERE / "cases.json").read_text(encoding="utf-8"))
    return raw


CASES: list[Case] = _load_cases()
CASES_BY_ID: dict[str, Case] = {case["id"]: case for case in CASES}

CLOUD: dict[str, dict[str, dict[str, Any]]] = {
    vendor: accounts
    for vendor, accounts in json.loads((HERE / "cloud.json").read_text(encoding="utf-8")).items()
    if not vendor.startswith("_")
}

# Sites that serve a vendor's loader from their own path (self-hosted, proxied): the path, and the
# account the copy was made for (a real self-hosted copy carries its ids inside, as these do).
SELF_HOSTED: dict[str, tuple[str, str]] = {
    "/assets/js/livechat-loader.js": ("tawk", "64f1c2a9b7e3d51a2c8e4d11/1h9k2m3pr"),
    "/js/widget/support-chat.js": ("jivo", "Xk3pQ9rT2e"),
    "/static/vendor/chat/l.js": ("crisp", ""),
}

NO_STORE = {"Cache-Control": "no-store"}
JS = "application/javascript"


def _vendor_script(vendor: str, account: str) -> str:
    """A stand-in loader as the vendor's CDN would serve it: the bed's truth reporter, the
    account's settings where the real loader carries them inline, then the widget code."""
    body = (VENDORS / f"{vendor}.js").read_text(encoding="utf-8")
    truth = (VENDORS / "_truth.js").read_text(encoding="utf-8")
    inline: dict[str, Any] = {"vendor": vendor, "account": account}
    if vendor == "tawk":  # tawk's embed script carries the property's settings inline
        prop = CLOUD["tawk"].get(account, {"broken": True})
        settings: dict[str, Any] = {"property": prop}
        if not prop.get("broken"):  # a broken one lacks its widget block, as a half-published property would
            settings["widget"] = {"theme": {"color": prop.get("color")}, "position": prop.get("position", "br")}
        inline["settings"] = settings
    body = body.replace("/*@@BED_TRUTH@@*/", truth)
    return body.replace("/*@@BED_INLINE@@*/null", json.dumps(inline, ensure_ascii=False))


class _Truth:
    """What the pages reported, per case id, in arrival order (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._events: dict[str, list[dict[str, Any]]] = {}

    def add(self, case: str, event: dict[str, Any]) -> None:
        with self._lock:
            self._events.setdefault(case, []).append(event)

    def get(self, case: str) -> list[dict[str, Any]]:
        with self._lock:
            return [dict(event) for event in self._events.get(case, [])]

    def reset(self, case: str | None = None) -> None:
        with self._lock:
            if case is None:
                self._events.clear()
            else:
                self._events.pop(case, None)


def make_app(truth: _Truth) -> web.Application:
    routes = web.RouteTableDef()

    @routes.get("/")
    async def index(_: web.Request) -> web.Response:
        items = "".join(
            f'<li><a href="{c["page"]}">{c["id"]}</a> - {", ".join(c["vendors"])}: {c["state"]}</li>' for c in CASES
        )
        return web.Response(text=f"<!doctype html><title>chat bed</title><ul>{items}</ul>", content_type="text/html")

    @routes.get("/favicon.ico")
    async def favicon(_: web.Request) -> web.Response:
        return web.Response(status=204)

    @routes.post("/__truth")
    async def truth_post(request: web.Request) -> web.Response:
        case = request.query.get("case", "")
        try:
            event = json.loads(await request.text())
        except ValueError:
            return web.Response(status=400, text="not JSON")
        if not case or not isinstance(event, dict):
            return web.Response(status=400, text="case and a JSON object are needed")
        event["received"] = int(time.time() * 1000)
        truth.add(case, event)
        return web.Response(status=204, headers=NO_STORE)

    @routes.get("/__truth")
    async def truth_get(request: web.Request) -> web.Response:
        return web.json_response(truth.get(request.query.get("case", "")), headers=NO_STORE)

    # --- tawk.to: embed.tawk.to/<propertyId>/<widgetId> and the chunks it loads --------------
    @routes.get("/embed.tawk.to/_s/v4/app/{build}/languages/{lang}.js")
    async def tawk_language(request: web.Request) -> web.Response:
        strings = {  # the v4 composer's placeholder, and the form strings of a real (self-hosted) embed script
            "chatInputPlaceholder": "Type here and press enter..",
            "newConversation": "New Conversation",
            "SubmitButton": "Submit",
            "StartChatButton": "Start Chat",
            "PreChatFormMessage": "Please fill out the form below to start chatting with the next available agent.",
            "OfflineFormMessage": "Please fill out the form below and we will get back to you as soon as possible.",
            "OfflineMessageSent": "Your message was sent successfully!",
            "NameErrorMessage": "Name must be provided.",
            "EmailErrorMessage": "Invalid email address.",
            "MessageErrorMessage": "Message is required and must not be longer then 500 characters.",
            "AGENT_JOIN_CONVERSATION": "#n has joined the conversation",
            "online": "We are online",
            "away": "We are away",
            "offline": "We are offline",
        }
        js = f"window.$_Tawk_i18n = window.$_Tawk_i18n || {{}}; window.$_Tawk_i18n.en = {json.dumps(strings)};"
        return web.Response(text=js, content_type=JS, headers=NO_STORE)

    @routes.get("/embed.tawk.to/{property}/{widget}")
    async def tawk_embed(request: web.Request) -> web.Response:
        account = f"{request.match_info['property']}/{request.match_info['widget']}"
        return web.Response(text=_vendor_script("tawk", account), content_type=JS, headers=NO_STORE)

    # --- Jivo: code.jivosite.com/widget/<id> (or code.jivo.ru) and its configuration --------
    @routes.get("/code.jivosite.com/widget/{wid}")
    @routes.get("/code.jivo.ru/widget/{wid}")
    async def jivo_widget(request: web.Request) -> web.Response:
        return web.Response(text=_vendor_script("jivo", request.match_info["wid"]), content_type=JS, headers=NO_STORE)

    @routes.get("/code.jivosite.com/script/widget/config/{wid}")
    async def jivo_config(request: web.Request) -> web.Response:
        settings = CLOUD["jivo"].get(request.match_info["wid"])
        await asyncio.sleep(0.15)
        if settings is None or settings.get("broken"):
            page = (
                "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n"
                "<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n"
            )
            return web.Response(status=502, text=page, content_type="text/html", headers=NO_STORE)
        return web.json_response(settings, headers=NO_STORE)

    # --- Crisp: client.crisp.chat/l.js and the website's settings -----------------------------
    @routes.get("/client.crisp.chat/l.js")
    async def crisp_loader(_: web.Request) -> web.Response:
        return web.Response(text=_vendor_script("crisp", ""), content_type=JS, headers=NO_STORE)

    @routes.get("/client.crisp.chat/settings/website/{website}/")
    async def crisp_settings(request: web.Request) -> web.Response:
        settings = CLOUD["crisp"].get(request.match_info["website"])
        await asyncio.sleep(0.15)
        if settings is None or settings.get("broken"):
            return web.json_response(
                {"error": True, "reason": "website_not_found", "data": {}}, status=404, headers=NO_STORE
            )
        website = {"website_id": request.match_info["website"], "name": settings.get("name", ""), "locale": "en"}
        return web.json_response(
            {"error": False, "reason": "resolved", "data": {"website": website, "chatbox": settings}}, headers=NO_STORE
        )

    # --- the sites' own copies of the loaders -------------------------------------------------
    def self_hosted(vendor: str, account: str) -> Any:
        async def handler(_: web.Request) -> web.Response:
            return web.Response(text=_vendor_script(vendor, account), content_type=JS, headers=NO_STORE)

        return handler

    app = web.Application()
    app.add_routes(routes)
    for path, (vendor, account) in SELF_HOSTED.items():
        app.router.add_get(path, self_hosted(vendor, account))
    app.router.add_static("/pages/", WWW / "pages")
    app.router.add_static("/assets/", WWW / "assets")
    return app


class ChatBed:
    """Serves the bed on 127.0.0.1 (port 0 by default) from a background thread."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self._requested_port = port
        self.port = 0
        self._truth = _Truth()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    def __enter__(self) -> ChatBed:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._serve, name="chat-bed", daemon=True)
        self._thread.start()
        self._ready.wait(15)
        if self._error is not None:
            raise RuntimeError("the chat bed did not start") from self._error
        if not self.port:
            raise RuntimeError("the chat bed did not start within 15 s")

    def stop(self) -> None:
        loop, runner, thread = self._loop, self._runner, self._thread
        if loop is None or thread is None:
            return
        if runner is not None:
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        self._loop = self._runner = self._thread = None

    def _serve(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._loop = loop
        try:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self._requested_port))
            sock.listen(128)
            runner = web.AppRunner(make_app(self._truth), access_log=None)
            loop.run_until_complete(runner.setup())
            loop.run_until_complete(web.SockSite(runner, sock).start())
            self._runner = runner
            self.port = int(sock.getsockname()[1])
        except BaseException as error:  # reported to start()
            self._error = error
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    # -- addresses and answers ---------------------------------------------------------------
    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, case: str | Case, **query: str | int | float) -> str:
        """The page's address for a case, with the case's query string (extra ``query`` overrides)."""
        page = _case(case)["page"]
        if query:
            parts = urlsplit(page)
            params = dict(pair.split("=", 1) for pair in parts.query.split("&") if "=" in pair)
            params.update({key: str(value) for key, value in query.items()})
            page = f"{parts.path}?{urlencode(params)}"
        return self.base_url + page

    def truth(self, case: str | Case) -> list[dict[str, Any]]:
        """Every event the case's page reported so far, in arrival order."""
        return self._truth.get(_case(case)["id"])

    def reset(self, case: str | Case | None = None) -> None:
        """Forget what a case's page (or every page) reported."""
        self._truth.reset(None if case is None else _case(case)["id"])


def _case(case: str | Case) -> Case:
    if isinstance(case, str):
        try:
            return CASES_BY_ID[case]
        except KeyError:
            raise KeyError(f"no chat bed case {case!r}; known: {', '.join(CASES_BY_ID)}") from None
    return case


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Serve the chat bed on 127.0.0.1 until interrupted.")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    with ChatBed(port=args.port) as bed:
        print(f"chat bed on {bed.base_url}/")
        for case in CASES:
            print(f"  {case['id']:14} {bed.url(case)}")
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                time.sleep(3600)


if __name__ == "__main__":
    main()
