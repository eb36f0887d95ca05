"""A stand-in for the social networks, on loopback, for the demo and the tests.

The demo must never send traffic beyond 127.0.0.1, yet its report should show social links
being checked. `LoopbackTransport` sends httpx's requests for any host to one loopback server
(keeping the Host header and the URL the caller asked for), and `make_app` answers like the
networks do: a profile page for the handles it knows, 404 for the rest, and a login wall where
a profile is configured to hide behind one.
"""

from __future__ import annotations

from collections.abc import Iterable

import httpx
from aiohttp import web

__all__ = ["LoopbackTransport", "make_app"]

KNOWN = web.AppKey("known", set)
WALLED = web.AppKey("walled", set)


class LoopbackTransport(httpx.AsyncBaseTransport):
    """Every request goes to `base_url` (a loopback server); responses keep the original URL."""

    def __init__(self, base_url: str) -> None:
        self._target = httpx.URL(base_url)
        self._inner = httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        routed = httpx.Request(
            request.method,
            request.url.copy_with(scheme="http", host=self._target.host, port=self._target.port),
            headers=[
                *((k, v) for k, v in request.headers.items() if k.lower() != "host"),
                ("host", request.url.host),
            ],
            content=request.content,
        )
        response = await self._inner.handle_async_request(routed)
        response.request = request
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def _key(host: str, path: str) -> str:
    return f"{host.removeprefix('www.')}{path.rstrip('/')}".lower()


async def _answer(request: web.Request) -> web.Response:
    host = request.headers.get("Host", "").split(":")[0]
    key = _key(host, request.path)
    if key in request.app[WALLED]:
        raise web.HTTPFound(f"https://{host}/accounts/login/?next={request.path}")
    if request.path.startswith("/accounts/login"):
        return web.Response(
            text="<html><title>Log in</title><form>Log in to continue</form></html>", content_type="text/html"
        )
    if key in request.app[KNOWN]:
        return web.Response(
            text=f"<html><title>{request.path.strip('/')}</title><h1>Profile</h1></html>",
            content_type="text/html",
        )
    return web.Response(status=404, text="<html><h1>Page not found</h1></html>", content_type="text/html")


def make_app(profiles: Iterable[str], walled: Iterable[str] = ()) -> web.Application:
    """`profiles`: profile URLs that exist; `walled`: ones that answer with a login wall."""
    app = web.Application()
    app[KNOWN] = {_key(httpx.URL(u).host, httpx.URL(u).path) for u in profiles}
    app[WALLED] = {_key(httpx.URL(u).host, httpx.URL(u).path) for u in walled}
    app.router.add_route("*", "/{tail:.*}", _answer)
    return app
