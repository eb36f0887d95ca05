"""Serve aiohttp apps on 127.0.0.1, port 0, from a background thread.

    with DemoServer(knobs) as server:
        print(server.base_url)   # http://127.0.0.1:40123/

`LoopbackServer` serves any aiohttp app the same way (the demo's site now, its chat and
mail backends later; tests' own small sites).
"""

from __future__ import annotations

import asyncio
import threading
from types import TracebackType

from aiohttp import web

from touchpoint.demo.mail import PASSWORD_ENV, SHOPPER_USER, DemoMail
from touchpoint.demo.site import BUSINESS, make_app
from touchpoint.profile.model import DemoKnobs, Inbox, Outbox, SiteProfile

__all__ = ["DemoServer", "LoopbackServer"]


class LoopbackServer:
    def __init__(self, app: web.Application, *, host: str = "127.0.0.1") -> None:
        self.app = app
        self.host = host
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="touchpoint-loopback", daemon=True)
        self._runner = web.AppRunner(self.app, access_log=None)

    @property
    def base_url(self) -> str:
        if not self.port:
            raise RuntimeError("the server is not running; call start() first")
        return f"http://{self.host}:{self.port}/"

    def start(self) -> LoopbackServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=30)
        return self

    async def _start(self) -> None:
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, 0).start()
        addresses = self._runner.addresses
        if not addresses:
            raise RuntimeError("the server did not bind a socket")
        self.port = int(addresses[0][1])

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop.close()

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


class DemoServer(LoopbackServer):
    """The demo business: its website, and (with `mail=True`) its mail and staff."""

    def __init__(self, knobs: DemoKnobs | None = None, *, host: str = "127.0.0.1", mail: bool = True) -> None:
        knobs = knobs or DemoKnobs(serve=True)
        self.mail = DemoMail(knobs, business=BUSINESS, host=host) if mail else None
        super().__init__(make_app(knobs, self.mail), host=host)

    def start(self) -> DemoServer:
        if self.mail is not None:
            self.mail.start()
        super().start()
        return self

    def stop(self) -> None:
        super().stop()
        if self.mail is not None:
            self.mail.stop()

    def __enter__(self) -> DemoServer:
        return self.start()


def demo_profile(profile: SiteProfile, server: DemoServer) -> SiteProfile:
    """The profile with the running demo's addresses: its site, its mailbox and its mail server."""
    update: dict[str, object] = {"base_url": server.base_url}
    if server.mail is not None:
        mail = server.mail
        update["inbox"] = Inbox(
            host=mail.host, port=mail.imap_port, user=SHOPPER_USER, password_env=PASSWORD_ENV, security="none"
        )
        update["outbox"] = Outbox(host=mail.host, port=mail.business_smtp_port, security="none")
        if not profile.shopper.email:
            update["shopper"] = profile.shopper.model_copy(update={"email": "alex.morgan@shopper.example"})
    return profile.model_copy(update=update)


def demo_profile_toml(profile: SiteProfile, server: DemoServer) -> str:
    """A profile for auditing a demo served by another process: its addresses, the demo's channels."""
    live = demo_profile(profile, server)
    lines = [
        f'name = "{profile.name} (served)"',
        f'base_url = "{live.base_url}"',
        f'timezone = "{profile.timezone}"',
        'phone_region = "GB"',
        "[[pages]]",
        'name = "home"',
        'path = "/"',
        "[[pages]]",
        'name = "contacts"',
        'path = "/contacts"',
        "[audit]",
        "runs = 1",
        f'max_wait = "{int(profile.audit.max_wait.total_seconds())}s"',
        "[shopper]",
        f'email = "{live.shopper.email}"',
        f'phone = "{profile.shopper.phone or ""}"',
        "[inbox]",
        f'host = "{live.inbox.host}"',
        f"port = {live.inbox.port}",
        f'user = "{live.inbox.user}"',
        f'password_env = "{live.inbox.password_env}"',
        'security = "none"',
        "[outbox]",
        f'host = "{live.outbox.host}"',
        f"port = {live.outbox.port}",
        'security = "none"',
    ]
    for name, channel in profile.channels.items():
        lines += [
            f"[channels.{name}]",
            f'kind = "{channel.kind}"',
            f"submit = {str(channel.submit).lower()}",
            f'sla = "{int(channel.sla.total_seconds())}s"',
            f'level = "{channel.level.value}"',
            f'min_interval = "{int(channel.min_interval.total_seconds())}s"',
        ]
        if channel.page:
            lines.append(f'page = "{channel.page}"')
    return "\n".join(lines) + "\n"
