"""Open each social profile link the way a visitor's browser would, and say whether it is live.

Networks defend themselves against robots: a 429, a 403, LinkedIn's 999, a login wall or an
anti-bot page means "could not verify", never "broken". Only a clear 404/410, or a page the
network itself says is gone, is broken. Requests to one host are paced (one a second by
default); hosts are asked in parallel.

    statuses = SocialVerifier().verify(["https://www.facebook.com/acme"])
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from touchpoint.contacts.social import classify

__all__ = ["LinkStatus", "SocialVerifier", "judge"]

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
_GONE = re.compile(
    r"this (content|page) isn.t available|page not found|sorry, this page isn.t available|"
    r"this channel does not exist|this account doesn.t exist|страница удалена|страница не найдена|"
    r"сообщество заблокировано|пользователь удал[её]н|puslapis nerastas",
    re.IGNORECASE,
)
_WALL = re.compile(
    r"/(login|log-in|signin|sign-in|accounts/login|authwall|checkpoint|challenge|captcha)", re.IGNORECASE
)
_BOT = re.compile(r"captcha|are you a robot|unusual traffic|verify you are human|cf-chl|just a moment", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class LinkStatus:
    url: str
    state: str  # live, broken, unverified
    reason: str
    status: int | None = None
    final_url: str = ""


def judge(url: str, status: int | None, final_url: str, body: str, error: str = "") -> LinkStatus:
    """What an answer means for a profile link (pure)."""
    if error or status is None:
        return LinkStatus(url, "unverified", f"could not reach the network: {error or 'no answer'}", status, final_url)
    if status in (404, 410):
        return LinkStatus(url, "broken", f"the network answers {status}: the profile does not exist", status, final_url)
    if status in (401, 403, 429, 999) or status >= 500:
        why = {429: "asks us to slow down (429)", 999: "refuses robots (999)"}.get(status, f"answers {status}")
        return LinkStatus(url, "unverified", f"the network {why}; a person should check it", status, final_url)
    if 300 <= status < 400:
        return LinkStatus(url, "unverified", f"redirects ({status}) where we could not follow", status, final_url)
    if _WALL.search(urlsplit(final_url).path) or _BOT.search(body[:20_000]):
        return LinkStatus(url, "unverified", "the network shows a login wall or an anti-robot check", status, final_url)
    if _GONE.search(body[:50_000]):
        return LinkStatus(url, "broken", "the network says the page is not available", status, final_url)
    landed = classify(final_url)
    if landed is not None and landed.kind == "home":
        return LinkStatus(
            url, "broken", "redirects to the network's home page: the profile seems gone", status, final_url
        )
    return LinkStatus(url, "live", f"opens ({status})", status, final_url)


class SocialVerifier:
    def __init__(
        self,
        *,
        pace_s: float = 1.0,
        timeout_s: float = 15.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.pace_s = pace_s
        self.timeout_s = timeout_s
        self.transport = transport

    def verify(self, urls: Sequence[str]) -> dict[str, LinkStatus]:
        """Check every URL (blocking; runs its own event loop in a thread)."""
        result: dict[str, LinkStatus] = {}
        failure: list[BaseException] = []

        def run() -> None:
            try:
                result.update(asyncio.run(self._verify(list(dict.fromkeys(urls)))))
            except BaseException as exc:
                failure.append(exc)

        thread = threading.Thread(target=run, name="touchpoint-social", daemon=True)
        thread.start()
        thread.join()
        if failure:
            raise failure[0]
        return result

    async def _verify(self, urls: list[str]) -> dict[str, LinkStatus]:
        by_host: dict[str, list[str]] = defaultdict(list)
        for url in urls:
            by_host[(urlsplit(url).hostname or "").removeprefix("www.")].append(url)
        async with httpx.AsyncClient(
            follow_redirects=True,
            timeout=self.timeout_s,
            transport=self.transport,
            headers={"User-Agent": USER_AGENT, "Accept-Language": "en,ru;q=0.8,lt;q=0.6"},
        ) as client:
            groups = await asyncio.gather(*(self._host(client, group) for group in by_host.values()))
        return {status.url: status for group in groups for status in group}

    async def _host(self, client: httpx.AsyncClient, urls: list[str]) -> list[LinkStatus]:
        out = []
        for i, url in enumerate(urls):
            if i:
                await asyncio.sleep(self.pace_s)
            try:
                response = await client.get(url)
                body = response.text if "html" in response.headers.get("content-type", "") else ""
                out.append(judge(url, response.status_code, str(response.url), body))
            except httpx.TooManyRedirects:
                out.append(judge(url, None, url, "", "too many redirects"))
            except httpx.HTTPError as exc:
                out.append(judge(url, None, url, "", type(exc).__name__))
        return out
