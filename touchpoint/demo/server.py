"""Serve the demo business on 127.0.0.1, port 0, from a background thread.

with DemoServer(knobs) as server:
    print(server.base_url)   # http://127.0.0.1:40123/
"""

from __future__ import annotations

import asyncio
import threading
from types import TracebackType

from aiohttp import web

from touchpoint.demo.site import make_app
from touchpoint.profile.model import DemoKnobs

__all__ = ["DemoServer"]


class DemoServer:
    def __init__(self, knobs: DemoKnobs | None = None, *, host: str = "127.0.0.1") -> None:
        self.app = make_app(knobs)
        self.host = host
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="touchpoint-demo", daemon=True)
        self._runner = web.AppRunner(self.app, access_log=None)

    @property
    def base_url(self) -> str:
        if not self.port:
            raise RuntimeError("the demo server is not running; call start() first")
        return f"http://{self.host}:{self.port}/"

    def start(self) -> DemoServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=30)
        return self

    async def _start(self) -> None:
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        addresses = self._runner.addresses
        if not addresses:
            raise RuntimeError("the demo server did not bind a socket")
        self.port = int(addresses[0][1])

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
