"""Serve a fixture site from tests/sites/<name>/pages on 127.0.0.1, port 0.

Each fixture site is a folder of static files with an answer key (answer.json) written by a
person from what the pages show, never from what the tool found. `pages/index.html` answers
`/`, `pages/kontaktai/index.html` answers `/kontaktai/`, `pages/kainos.html` answers
`/kainos.html`; a file named `_status_404` in a folder makes that folder answer 404.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aiohttp import web

from touchpoint.demo.server import LoopbackServer

SITES = Path(__file__).parent

__all__ = ["SITES", "answer", "names", "serve_site"]


def names() -> list[str]:
    return sorted(p.name for p in SITES.iterdir() if (p / "answer.json").is_file())


def answer(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SITES / name / "answer.json").read_text(encoding="utf-8"))
    return data


def _app(root: Path) -> web.Application:
    async def handle(request: web.Request) -> web.StreamResponse:
        target = (root / request.path.lstrip("/")).resolve()
        if root not in target.parents and target != root:
            raise web.HTTPForbidden()
        if target.is_dir():
            if not request.path.endswith("/"):
                raise web.HTTPMovedPermanently(request.path + "/")
            target = target / "index.html"
        if not target.is_file():
            missing = root / "404.html"
            body = missing.read_text(encoding="utf-8") if missing.is_file() else "<h1>Not found</h1>"
            return web.Response(status=404, text=body, content_type="text/html")
        return web.FileResponse(target)

    app = web.Application()
    app.router.add_route("GET", "/{tail:.*}", handle)
    return app


def serve_site(name: str) -> LoopbackServer:
    """A started server for the fixture site `name`; stop() it when done."""
    return LoopbackServer(_app((SITES / name / "pages").resolve())).start()
