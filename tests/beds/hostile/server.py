"""Two loopback servers: the business's SITE (127.0.0.1) and ELSEWHERE (127.0.0.2), counting every request.

Written from how real sites and form providers behave (see README.md), without reading the
project's form code. ``PAGES`` (= ``pages.json``) is the answer key.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import re
import threading
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Literal, NotRequired, TypedDict
from urllib.parse import parse_qsl, unquote, unquote_plus, urlencode

from aiohttp import web
from aiohttp.typedefs import Middleware

HERE = Path(__file__).resolve().parent
WWW = HERE / "www"

Server = Literal["site", "elsewhere"]
SERVERS: tuple[Server, ...] = ("site", "elsewhere")


class Endpoint(TypedDict):
    server: Server
    method: str
    path: str
    query: NotRequired[dict[str, str]]
    role: Literal["data", "fallback"]


class Page(TypedDict):
    name: str
    path: str
    business: str
    data_goes_to: Literal["site", "elsewhere"]
    elsewhere_host: str | None
    how: str
    expected_posts_per_submission: dict[str, int]
    may_send: bool
    confirmation: str | None
    answer: str
    endpoints: list[Endpoint]
    models: list[str]
    notes: str


def _load_pages() -> list[Page]:
    pages: list[Page] = json.loads((HERE / "pages.json").read_text(encoding="utf-8"))
    return pages


PAGES: list[Page] = _load_pages()
PAGES_BY_NAME: dict[str, Page] = {page["name"]: page for page in PAGES}

# An e-mail address somewhere in a request: the default test for "carries form data".
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

NO_STORE = {"Cache-Control": "no-store"}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _views(query: str, body: bytes) -> list[str]:
    """The request's query and body as text, raw and decoded the ways browsers encode forms."""
    views: list[str] = []
    for text in (query, body.decode("utf-8", "replace")):
        if text:
            views += [text, unquote(text), unquote_plus(text)]
    with contextlib.suppress(ValueError, UnicodeDecodeError):
        views.append(json.dumps(json.loads(body), ensure_ascii=False))
    return views


@dataclass(frozen=True)
class Hit:
    """One request either server received (recorded once its whole body had been read)."""

    server: Server
    host: str
    port: int
    method: str
    path: str
    query: str
    content_type: str
    body_size: int
    time: float  # time.time() when the whole body had been read
    page: str | None  # the page whose form this endpoint serves, if any
    carries_form_data: bool  # an e-mail address in the query or body
    origin: str | None
    referer: str | None
    body: bytes = field(repr=False)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}{self.path}" + (f"?{self.query}" if self.query else "")

    def contains(self, values: Iterable[str]) -> bool:
        """Whether the query or body holds any of these values (as typed), in any usual encoding."""
        wanted = [value for value in values if value]
        return any(value in view for view in _views(self.query, self.body) for value in wanted)


def _carries_email(query: str, body: bytes) -> bool:
    return any(EMAIL_RE.search(view) for view in _views(query, body))


def attribute(server: Server, method: str, path: str, query: dict[str, str]) -> str | None:
    """The page whose form data this request would carry, from the key's endpoints; a request to a
    page's own address (a form with action="" or no action) belongs to that page."""
    for page in PAGES:
        if server == "site" and path == page["path"]:
            return page["name"]
        for endpoint in page["endpoints"]:
            if (
                endpoint["server"] == server
                and endpoint["method"] == method
                and endpoint["path"] == path
                and all(query.get(key) == value for key, value in endpoint.get("query", {}).items())
            ):
                return page["name"]
    return None


def _urlencoded(body: bytes) -> list[tuple[str, str]]:
    """A form-urlencoded body's fields (the body was already read, and is cached, by the recorder)."""
    return parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)


def _thanks_html(title: str, heading: str, text: str, *, back: str | None = None) -> str:
    link = f'<p><a href="{html.escape(back)}">Back to the site</a></p>' if back else ""
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        '<meta name=viewport content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title>"
        "<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}"
        "h1{font-size:1.6rem}</style></head><body>"
        f'<main><h1 class="thanks">{html.escape(heading)}</h1><p>{html.escape(text)}</p>{link}</main>'
        "</body></html>"
    )


class HostileSites:
    """The SITE on 127.0.0.1 and ELSEWHERE on 127.0.0.2, each on port 0, served from one thread::

    with HostileSites() as bed:
        bed.base_url                 # "http://127.0.0.1:PORT/"
        bed.page_path("own")         # "/contact-own/"
        bed.posts("own")             # {"site": n, "elsewhere": n}
        bed.requests()               # every request, in arrival order
        bed.reset()
    """

    def __init__(
        self,
        *,
        hang_seconds: float = 60.0,
        slow_seconds: float = 8.0,
        site_host: str = "127.0.0.1",
        elsewhere_host: str = "127.0.0.2",
    ) -> None:
        self.hang_seconds = hang_seconds
        self.slow_seconds = slow_seconds
        self.hosts: dict[Server, str] = {"site": site_host, "elsewhere": elsewhere_host}
        self.ports: dict[Server, int] = {"site": 0, "elsewhere": 0}
        self._hits: list[Hit] = []
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="hostile-bed", daemon=True)
        self._stopping: asyncio.Event | None = None
        self._runners: dict[Server, web.AppRunner] = {
            "site": web.AppRunner(self._site_app(), access_log=None, shutdown_timeout=2.0),
            "elsewhere": web.AppRunner(self._elsewhere_app(), access_log=None, shutdown_timeout=2.0),
        }

    # ------------------------------------------------------------------ public

    @property
    def base_url(self) -> str:
        return self.origin("site") + "/"

    @property
    def elsewhere_url(self) -> str:
        return self.origin("elsewhere") + "/"

    def origin(self, server: Server) -> str:
        if not self.ports[server]:
            raise RuntimeError("the bed is not running; use it as a context manager or call start()")
        return f"http://{self.hosts[server]}:{self.ports[server]}"

    def page_path(self, name: str) -> str:
        return PAGES_BY_NAME[name]["path"]

    def page_url(self, name: str) -> str:
        return self.origin("site") + self.page_path(name)

    def page(self, name: str) -> Page:
        return PAGES_BY_NAME[name]

    def requests(self, server: Server | None = None) -> list[Hit]:
        """Every request received so far (of one server, if given), in arrival order."""
        with self._lock:
            hits = list(self._hits)
        return [hit for hit in hits if server is None or hit.server == server]

    def form_posts(self, name: str, values: Iterable[str] | None = None) -> list[Hit]:
        """The requests carrying form data that arrived at an endpoint of this page's form. Form
        data: the given values (what the visitor typed), else any e-mail address."""
        wanted = list(values) if values is not None else None
        return [
            hit
            for hit in self.requests()
            if hit.page == name and (hit.contains(wanted) if wanted is not None else hit.carries_form_data)
        ]

    def posts(self, name: str, values: Iterable[str] | None = None) -> dict[str, int]:
        """{"site": n, "elsewhere": n}: requests carrying form data received for this page's form."""
        if name not in PAGES_BY_NAME:
            raise KeyError(f"no page {name!r}; pages: {', '.join(PAGES_BY_NAME)}")
        counts: dict[str, int] = dict.fromkeys(SERVERS, 0)
        for hit in self.form_posts(name, values):
            counts[hit.server] += 1
        return counts

    def stray(self, values: Iterable[str] | None = None) -> list[Hit]:
        """Requests carrying form data that belong to no page's form (should be none)."""
        wanted = list(values) if values is not None else None
        return [
            hit
            for hit in self.requests()
            if hit.page is None and (hit.contains(wanted) if wanted is not None else hit.carries_form_data)
        ]

    def wait_posts(
        self, name: str, at_least: dict[str, int], *, timeout: float = 10.0, values: Iterable[str] | None = None
    ) -> dict[str, int]:
        """Poll posts(name) until every count in at_least is reached or timeout passes; return the counts."""
        wanted = list(values) if values is not None else None
        deadline = time.monotonic() + timeout
        while True:
            counts = self.posts(name, wanted)
            if all(counts.get(server, 0) >= n for server, n in at_least.items()) or time.monotonic() > deadline:
                return counts
            time.sleep(0.05)

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()

    def start(self) -> HostileSites:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=30)
        return self

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()

    def __enter__(self) -> HostileSites:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    # ----------------------------------------------------------------- serving

    async def _start(self) -> None:
        self._stopping = asyncio.Event()
        for server, runner in self._runners.items():
            await runner.setup()
            await web.TCPSite(runner, self.hosts[server], 0).start()
            addresses = runner.addresses
            if not addresses:
                raise RuntimeError(f"the {server} server did not bind a socket")
            self.ports[server] = int(addresses[0][1])

    async def _stop(self) -> None:
        if self._stopping is not None:
            self._stopping.set()  # releases the hanging and slow answers
        for runner in self._runners.values():
            await runner.cleanup()

    async def _wait(self, seconds: float) -> bool:
        """Sleep, or stop early when the bed stops; True when the full time passed."""
        assert self._stopping is not None
        try:
            await asyncio.wait_for(self._stopping.wait(), seconds)
        except TimeoutError:
            return True
        return False

    def _recorder(self, server: Server) -> Middleware:
        @web.middleware
        async def record(request: web.Request, handler: Handler) -> web.StreamResponse:
            try:
                body = await request.read()
            except (ConnectionError, asyncio.CancelledError, web.HTTPException):
                body = b""
            query = dict(request.query)
            raw_query = request.rel_url.raw_query_string
            hit = Hit(
                server=server,
                host=self.hosts[server],
                port=self.ports[server],
                method=request.method,
                path=request.path,
                query=raw_query,
                content_type=request.headers.get("Content-Type", ""),
                body_size=len(body),
                time=time.time(),
                page=attribute(server, request.method, request.path, query),
                carries_form_data=_carries_email(raw_query, body),
                origin=request.headers.get("Origin"),
                referer=request.headers.get("Referer"),
                body=body,
            )
            with self._lock:
                self._hits.append(hit)
            response = await handler(request)
            if server == "elsewhere" and request.headers.get("Origin"):
                # Providers' collection endpoints allow cross-origin AJAX (HubSpot, Tilda, Bitrix24).
                response.headers["Access-Control-Allow-Origin"] = request.headers["Origin"]
                response.headers["Vary"] = "Origin"
            return response

        return record

    def _render(self, relative: str) -> str:
        text = (WWW / relative).read_text(encoding="utf-8")
        return text.replace("{{SITE}}", self.origin("site")).replace("{{ELSEWHERE}}", self.origin("elsewhere"))

    # -------------------------------------------------------------------- SITE

    def _site_app(self) -> web.Application:
        app = web.Application(middlewares=[self._recorder("site")])
        app.router.add_get("/", self._site_index)
        app.router.add_get("/assets/site.css", self._site_css)
        for page in PAGES:
            app.router.add_route("*", page["path"], self._site_page)
        app.router.add_get("/thanks/", self._site_thanks)
        app.router.add_post("/contact/send", self._site_thanks)  # own
        app.router.add_post("/contact/callback/", self._site_thanks)  # offsite-script (native fallback)
        app.router.add_post("/contact/message", self._site_thanks)  # analytics-and-own
        app.router.add_post("/contact/quote", self._site_thanks)  # analytics-leak
        app.router.add_post("/lead", self._site_lead_307)  # offsite-redirect
        app.router.add_post("/enquiry/submit", self._site_enquiry_302)  # offsite-redirect-302
        app.router.add_post("/slow-send", self._site_hanging)  # hanging
        app.router.add_post("/callback/request", self._site_slow)  # slow-ok
        app.router.add_post("/api/lead", self._site_api_lead)  # own-api
        app.router.add_post("/wp-json/contact-form-7/v1/contact-forms/214/feedback", self._site_cf7)  # own-cf7
        return app

    async def _site_index(self, request: web.Request) -> web.Response:
        items = "".join(f'<li><a href="{page["path"]}">{html.escape(page["business"])}</a></li>' for page in PAGES)
        body = (
            "<!doctype html><html lang=en><head><meta charset=utf-8><title>Local businesses</title>"
            '<link rel=stylesheet href="/assets/site.css"></head><body><main>'
            f"<h1>Local businesses</h1><ul>{items}</ul></main></body></html>"
        )
        return web.Response(text=body, content_type="text/html", headers=NO_STORE)

    async def _site_css(self, request: web.Request) -> web.Response:
        return web.Response(text=(WWW / "site" / "site.css").read_text(encoding="utf-8"), content_type="text/css")

    async def _site_page(self, request: web.Request) -> web.StreamResponse:
        name = next(page["name"] for page in PAGES if page["path"] == request.path)
        if request.method == "POST" and name == "own-cf7":
            # WordPress answers a no-script CF7 post on the page itself, with the same message.
            text = self._render("site/own-cf7.html").replace(
                '<div class="wpcf7-response-output" aria-hidden="true"></div>',
                '<div class="wpcf7-response-output">Thank you for your message. It has been sent.</div>',
            )
            return web.Response(text=text, content_type="text/html", headers=NO_STORE)
        if request.method not in ("GET", "HEAD", "POST"):
            raise web.HTTPMethodNotAllowed(request.method, ["GET", "HEAD", "POST"])
        return web.Response(text=self._render(f"site/{name}.html"), content_type="text/html", headers=NO_STORE)

    async def _site_thanks(self, request: web.Request) -> web.Response:
        return web.Response(
            text=_thanks_html(
                "Thank you",
                "Thank you, we will call you back",
                "Your request has reached us. A member of our team will ring you shortly.",
                back="/",
            ),
            content_type="text/html",
            headers=NO_STORE,
        )

    async def _site_lead_307(self, request: web.Request) -> web.Response:
        # A lead router: keep method and body, hand the POST to the collector.
        raise web.HTTPTemporaryRedirect(self.origin("elsewhere") + "/collect?src=web&acct=keystone-locks")

    async def _site_enquiry_302(self, request: web.Request) -> web.Response:
        fields = _urlencoded(await request.read())
        raise web.HTTPFound(self.origin("elsewhere") + "/crm/lead/add?" + urlencode([("src", "brightwell"), *fields]))

    async def _site_hanging(self, request: web.Request) -> web.Response:
        if await self._wait(self.hang_seconds):
            text = (
                "<html><head><title>504 Gateway Time-out</title></head><body>"
                "<center><h1>504 Gateway Time-out</h1></center><hr><center>nginx</center></body></html>"
            )
            return web.Response(status=504, text=text, content_type="text/html")
        return web.Response(status=503, text="stopping", content_type="text/plain")

    async def _site_slow(self, request: web.Request) -> web.Response:
        await self._wait(self.slow_seconds)
        return await self._site_thanks(request)

    async def _site_api_lead(self, request: web.Request) -> web.Response:
        try:
            data = json.loads(await request.read())
        except ValueError:
            return web.json_response({"ok": False, "error": "bad json"}, status=400)
        if not isinstance(data, dict) or not data.get("email"):
            return web.json_response({"ok": False, "error": "email is required"}, status=422)
        return web.json_response({"ok": True}, headers=NO_STORE)

    async def _site_cf7(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "contact_form_id": 214,
                "status": "mail_sent",
                "message": "Thank you for your message. It has been sent.",
                "posted_data_hash": "9f1c2e0b7d4a8c3e5f6a7b8c9d0e1f2a",
                "into": "#wpcf7-f214-o1",
                "invalid_fields": [],
            },
            headers=NO_STORE,
        )

    # --------------------------------------------------------------- ELSEWHERE

    def _elsewhere_app(self) -> web.Application:
        app = web.Application(middlewares=[self._recorder("elsewhere")])
        app.router.add_route("OPTIONS", "/{tail:.*}", self._cors_preflight)
        app.router.add_get("/", self._else_index)
        app.router.add_post("/f/mqkzvlpa", self._else_formspree)
        app.router.add_get("/thanks", self._else_formspree_thanks)
        app.router.add_post(
            "/submissions/v3/integration/submit/4012345/7c1e0d2a-5b3f-4e61-9a8d-2f4b6c8e1a90", self._else_hubspot
        )
        app.router.add_post("/procces/", self._else_tilda)
        app.router.add_get("/b4471203/crm/form/loader_32.js", self._else_b24_loader)
        app.router.add_post("/bitrix/services/main/ajax.php", self._else_b24_fill)
        app.router.add_post("/collect", self._else_collect)
        app.router.add_get("/crm/lead/add", self._else_collect)
        app.router.add_get("/forms/d/e/{form_id}/viewform", self._else_gform)
        app.router.add_post("/forms/d/e/{form_id}/formResponse", self._else_gform_response)
        app.router.add_get("/gtag/js", self._else_script("gtag.js"))
        app.router.add_get("/en_US/fbevents.js", self._else_script("fbevents.js"))
        app.router.add_get("/gtm.js", self._else_script("gtm.js"))
        app.router.add_route("*", "/g/collect", self._else_no_content)
        app.router.add_get("/tr", self._else_pixel)
        app.router.add_post("/tr", self._else_pixel)
        return app

    async def _cors_preflight(self, request: web.Request) -> web.Response:
        return web.Response(
            status=204,
            headers={
                "Access-Control-Allow-Origin": request.headers.get("Origin", "*"),
                "Access-Control-Allow-Methods": "POST, GET, OPTIONS",
                "Access-Control-Allow-Headers": request.headers.get("Access-Control-Request-Headers", "Content-Type"),
                "Access-Control-Max-Age": "600",
                "Vary": "Origin",
            },
        )

    async def _else_index(self, request: web.Request) -> web.Response:
        return web.Response(text="forms, analytics and CRM collection endpoints", content_type="text/plain")

    async def _else_formspree(self, request: web.Request) -> web.Response:
        back = dict(_urlencoded(await request.read())).get("_next")
        raise web.HTTPFound(back or "/thanks?language=en")

    async def _else_formspree_thanks(self, request: web.Request) -> web.Response:
        return web.Response(
            text=_thanks_html("Thanks!", "Thanks!", "The form was submitted successfully."),
            content_type="text/html",
        )

    async def _else_hubspot(self, request: web.Request) -> web.Response:
        try:
            data = json.loads(await request.read())
        except ValueError:
            return web.json_response({"status": "error", "message": "Invalid JSON"}, status=400)
        if not isinstance(data, dict) or not isinstance(data.get("fields"), list):
            return web.json_response({"status": "error", "message": "fields are required"}, status=400)
        return web.json_response({"inlineMessage": "Thanks for submitting the form."})

    async def _else_tilda(self, request: web.Request) -> web.Response:
        return web.json_response({"message": "OK", "results": ["435521223:8803114451"]})

    async def _else_b24_loader(self, request: web.Request) -> web.Response:
        return web.Response(
            text=self._render("elsewhere/b24-loader.js"), content_type="application/javascript", headers=NO_STORE
        )

    async def _else_b24_fill(self, request: web.Request) -> web.Response:
        return web.json_response(
            {
                "status": "success",
                "data": {"resultId": 5521, "pay": False, "message": "Thank you, we will call you back"},
                "errors": [],
            }
        )

    async def _else_collect(self, request: web.Request) -> web.Response:
        return web.Response(
            text=_thanks_html(
                "Thank you",
                "Thank you, we will call you back",
                "Your request has been received and passed to the team.",
            ),
            content_type="text/html",
            headers=NO_STORE,
        )

    async def _else_gform(self, request: web.Request) -> web.Response:
        return web.Response(text=self._render("elsewhere/gform.html"), content_type="text/html", headers=NO_STORE)

    async def _else_gform_response(self, request: web.Request) -> web.Response:
        body = (
            "<!doctype html><html lang=en><head><meta charset=utf-8><title>Removals quote</title>"
            "<style>body{font:15px/1.5 Roboto,Arial,sans-serif;background:#f0ebf8;margin:0;padding:1rem}"
            ".card{background:#fff;border-radius:8px;padding:1.2rem 1.5rem}</style></head><body>"
            '<div class="card"><h1>Removals quote</h1>'
            '<div class="freebirdFormviewerViewResponseConfirmationMessage">Your response has been recorded.</div>'
            '<a href="viewform?embedded=true">Submit another response</a></div></body></html>'
        )
        return web.Response(text=body, content_type="text/html", headers=NO_STORE)

    def _else_script(self, name: str) -> Handler:
        async def serve(request: web.Request) -> web.Response:
            return web.Response(
                text=self._render(f"elsewhere/{name}"), content_type="application/javascript", headers=NO_STORE
            )

        return serve

    async def _else_no_content(self, request: web.Request) -> web.Response:
        return web.Response(status=204)

    async def _else_pixel(self, request: web.Request) -> web.Response:
        gif = (
            b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
            b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
        )
        return web.Response(body=gif, content_type="image/gif", headers=NO_STORE)


def main() -> None:
    """Serve the bed by hand: ``python -m tests.beds.hostile.server``; Ctrl-C stops it."""
    with HostileSites() as bed:
        print(f"SITE      {bed.base_url}")
        print(f"ELSEWHERE {bed.elsewhere_url}")
        for page in PAGES:
            print(f"  {page['name']:<22} {bed.page_url(page['name'])}")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
