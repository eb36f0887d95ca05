"""Real receivers of alerts on 127.0.0.1 (port 0): an HTTP endpoint for Apprise's JSON
notifications (aiohttp) and an SMTP server for its email (aiosmtpd), in one event loop thread.

    with Receivers() as got:
        url = got.json_url          # json://127.0.0.1:<port>/touchpoint
        url = got.mailto_url        # mailto://127.0.0.1:<port>?mode=insecure&from=...&to=...
        got.posts, got.mails        # what arrived
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from types import TracebackType
from typing import Any

from aiohttp import web
from aiosmtpd.smtp import SMTP, Envelope, Session

FROM = "alerts@touchpoint.test"
TO = "owner@harbourlane.test"


@dataclass
class Receivers:
    posts: list[dict[str, Any]] = field(default_factory=list)  # the JSON bodies, with "path"
    mails: list[EmailMessage] = field(default_factory=list)
    http_port: int = 0
    smtp_port: int = 0
    fail_http: bool = False  # answer 503 instead of taking the notification

    def __enter__(self) -> Receivers:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    @property
    def json_url(self) -> str:
        return f"json://127.0.0.1:{self.http_port}/touchpoint"

    @property
    def mailto_url(self) -> str:
        # A plain local SMTP server: no TLS (mode=insecure), no login; sender and recipient given.
        return f"mailto://127.0.0.1:{self.smtp_port}?mode=insecure&from={FROM}&to={TO}"

    def wait(self, posts: int, mails: int, seconds: float = 10.0) -> None:
        """Until at least this many have arrived (they are sent synchronously; this is a margin)."""
        deadline = time.monotonic() + seconds
        while (len(self.posts) < posts or len(self.mails) < mails) and time.monotonic() < deadline:
            time.sleep(0.02)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._post)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.http_port = int(self._runner.addresses[0][1])
        self._smtp = await self._loop.create_server(lambda: SMTP(_Handler(self)), host="127.0.0.1", port=0)
        self.smtp_port = int(self._smtp.sockets[0].getsockname()[1])

    async def _stop(self) -> None:
        await self._runner.cleanup()
        self._smtp.close()
        await self._smtp.wait_closed()

    async def _post(self, request: web.Request) -> web.Response:
        if self.fail_http:
            return web.Response(status=503, text="down for maintenance")
        body = await request.json()
        self.posts.append({"path": request.path, **body})
        return web.Response(text="ok")


class _Handler:
    def __init__(self, receivers: Receivers) -> None:
        self.receivers = receivers

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # noqa: N802
        raw = envelope.original_content or envelope.content or b""
        data = raw if isinstance(raw, bytes) else raw.encode()
        message = email.message_from_bytes(data, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.receivers.mails.append(message)
        return "250 OK"
