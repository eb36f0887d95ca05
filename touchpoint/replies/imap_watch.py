"""Watch the shopper's mailbox and hand every new message over the moment it lands.

IMAP IDLE where the server has it, polling where it does not, reconnecting after drop-outs with
a growing pause. Two habits make it sound on real servers and networks (and on pymap, which
shows both): before every IDLE it searches for UIDs above the last one it saw, so mail that
arrived between two IDLEs is never missed; and it reads IDLE's answers with its own line buffer,
so a response that arrives in several writes is put together before it is read.

The time of a reply is the mailbox's INTERNALDATE (when the message arrived), never the moment
the watcher noticed it; INTERNALDATE has whole seconds, and only within its own second does the
moment of the fetch make it finer (see `landed`).

    watcher = InboxWatcher(settings, on_mail=engine.on_mail)
    watcher.start(since=datetime(2026, 11, 20, tzinfo=UTC))
"""

from __future__ import annotations

import imaplib
import io
import re
import select
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from imap_tools import MailBox, MailBoxStartTls, MailBoxUnencrypted

from touchpoint.replies.message import Mail, parse_mail

__all__ = ["InboxSettings", "InboxWatcher", "internaldate", "landed"]

_INTERNALDATE = re.compile(rb'INTERNALDATE "([ \d]\d-\w{3}-\d{4} \d\d:\d\d:\d\d [+-]\d{4})"')
_UID = re.compile(rb"UID (\d+)")


@dataclass(frozen=True, slots=True)
class InboxSettings:
    host: str
    port: int
    user: str
    password: str
    security: str = "ssl"  # ssl, starttls, none
    folder: str = "INBOX"


def landed(stamp: datetime | None, fetched: datetime) -> datetime | None:
    """When a message landed, from its INTERNALDATE, which has whole seconds. Fetched within that
    very second (the watcher in IDLE hears a new message within milliseconds), the fetch time is the
    landing to the millisecond; otherwise the middle of the INTERNALDATE's second, so the error is
    at most half a second either way instead of up to a whole second early."""
    if stamp is None:
        return None
    if stamp <= fetched < stamp + timedelta(seconds=1):
        return fetched
    return stamp + timedelta(milliseconds=500)


def internaldate(fetch_line: bytes) -> datetime | None:
    match = _INTERNALDATE.search(fetch_line)
    if not match:
        return None
    return datetime.strptime(match.group(1).decode().strip(), "%d-%b-%Y %H:%M:%S %z")


class InboxWatcher:
    def __init__(
        self,
        settings: InboxSettings,
        *,
        on_mail: Callable[[Mail], None],
        on_error: Callable[[str], None] | None = None,
        idle_seconds: float = 60.0,
        poll_seconds: float = 10.0,
    ) -> None:
        self.settings = settings
        self.on_mail = on_mail
        self.on_error = on_error or (lambda message: None)
        self.idle_seconds = idle_seconds
        self.poll_seconds = poll_seconds
        self.last_uid = 0
        self.uidvalidity = ""
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread: threading.Thread | None = None
        self._since: datetime | None = None
        self.connected = False

    # -- life -----------------------------------------------------------------------------------

    def start(self, since: datetime | None = None) -> InboxWatcher:
        """Start watching; messages that arrived after `since` are handed over first."""
        self._since = since
        self._thread = threading.Thread(target=self._run, name="touchpoint-inbox", daemon=True)
        self._thread.start()
        return self

    def wait_ready(self, timeout: float = 30.0) -> bool:
        """True once the first catch-up search is done (the watcher is then in IDLE or polling)."""
        return self._ready.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _run(self) -> None:
        pause = 1.0
        while not self._stop.is_set():
            try:
                with self._connect() as mailbox:
                    self.connected = True
                    pause = 1.0
                    self._watch(mailbox.client)
            except (OSError, imaplib.IMAP4.error, ssl.SSLError, ConnectionError) as exc:
                self.on_error(f"mailbox {self.settings.user}@{self.settings.host}: {type(exc).__name__}: {exc}")
            finally:
                self.connected = False
            if self._stop.wait(pause):
                break
            pause = min(pause * 2, 30.0)

    def _connect(self) -> MailBox | MailBoxUnencrypted | MailBoxStartTls:
        s = self.settings
        kinds = {"ssl": MailBox, "starttls": MailBoxStartTls, "none": MailBoxUnencrypted}
        mailbox: MailBox | MailBoxUnencrypted | MailBoxStartTls = kinds[s.security](s.host, s.port, timeout=30)
        mailbox.login(s.user, s.password, initial_folder=s.folder)
        return mailbox

    # -- watching -------------------------------------------------------------------------------

    def _watch(self, client: imaplib.IMAP4) -> None:
        validity = self._uidvalidity(client)
        if validity != self.uidvalidity:
            self.uidvalidity, self.last_uid = validity, 0
        if self.last_uid == 0:
            self._catch_up(client)
        self._ready.set()
        idle = b"IDLE" in b" ".join(_caps(client))
        while not self._stop.is_set():
            self._fetch_new(client)
            if idle:
                self._idle(client)
            else:
                self._stop.wait(self.poll_seconds)
                client.noop()

    def _uidvalidity(self, client: imaplib.IMAP4) -> str:
        _, data = client.response("UIDVALIDITY")
        return (data[0] or b"").decode() if data else ""

    def _catch_up(self, client: imaplib.IMAP4) -> None:
        """Everything since `since` (the oldest attempt still waiting), then everything new."""
        if self._since is not None:
            day = (self._since - timedelta(days=1)).strftime("%d-%b-%Y")
            _, data = client.uid("SEARCH", None, f"SINCE {day}")  # type: ignore[arg-type]
            for uid in sorted(int(u) for u in (data[0] or b"").split()):
                self._deliver(client, uid)
        else:
            _, data = client.uid("SEARCH", None, "ALL")  # type: ignore[arg-type]
            uids = [int(u) for u in (data[0] or b"").split()]
            self.last_uid = max(uids, default=0)

    def _fetch_new(self, client: imaplib.IMAP4) -> None:
        _, data = client.uid("SEARCH", None, f"UID {self.last_uid + 1}:*")  # type: ignore[arg-type]
        for uid in sorted(int(u) for u in (data[0] or b"").split()):
            if uid > self.last_uid:  # "n:*" always answers the highest UID, even one below n
                self._deliver(client, uid)

    def _deliver(self, client: imaplib.IMAP4, uid: int) -> None:
        _, data = client.uid("FETCH", str(uid), "(INTERNALDATE BODY.PEEK[])")
        raw, header = b"", b""
        for part in data:
            if isinstance(part, tuple):
                header, raw = part[0], part[1]
        arrived = landed(internaldate(header), datetime.now(UTC))
        if raw and arrived is not None:
            s = self.settings
            source = f"imap:{s.user}@{s.host}/{s.folder};UIDVALIDITY={self.uidvalidity};UID={uid}"
            self.on_mail(parse_mail(raw, source_id=source, received_at=arrived))
        self.last_uid = max(self.last_uid, uid)

    def _idle(self, client: imaplib.IMAP4) -> None:
        """One IDLE: until the server announces a change, `idle_seconds` pass, or we stop."""
        sock = client.socket()
        tag = client._new_tag().decode()
        sock.sendall(f"{tag} IDLE\r\n".encode())
        lines = _Lines(client)
        first = lines.next(timeout=30)
        if first is None or not first.startswith(b"+"):
            raise ConnectionError(f"the server did not accept IDLE: {first!r}")
        deadline = time.monotonic() + self.idle_seconds
        while not self._stop.is_set() and time.monotonic() < deadline:
            line = lines.next(timeout=min(1.0, max(0.0, deadline - time.monotonic())))
            if line is not None and re.match(rb"\* \d+ (EXISTS|RECENT)", line):
                break
        sock.sendall(b"DONE\r\n")
        while True:
            line = lines.next(timeout=30)
            if line is None:
                raise ConnectionError("the server did not end IDLE")
            if line.startswith(tag.encode()):
                return


class _Lines:
    """Lines of the server's answers, put together from however many writes they come in.

    Reads through imaplib's own buffered file (`read1`), so nothing imaplib has already buffered
    is skipped, on a socket switched to non-blocking for the wait (a timed-out read would leave
    imaplib's file unusable)."""

    def __init__(self, client: imaplib.IMAP4) -> None:
        self.file: io.BufferedReader = client.file  # type: ignore[assignment]
        self.sock = client.socket()
        self.buffer = b""

    def _read(self) -> bytes:
        try:
            return self.file.read1(65536) or b""
        except ssl.SSLWantReadError:
            return b""

    def next(self, timeout: float) -> bytes | None:
        end = time.monotonic() + timeout
        previous = self.sock.gettimeout()
        self.sock.setblocking(False)
        try:
            while b"\r\n" not in self.buffer:
                chunk = self._read()
                if not chunk:
                    pending = isinstance(self.sock, ssl.SSLSocket) and self.sock.pending()
                    remaining = end - time.monotonic()
                    waited = pending or (remaining > 0 and select.select([self.sock], [], [], remaining)[0])
                    if not waited:
                        return None
                    chunk = self._read()
                    if not chunk and not isinstance(self.sock, ssl.SSLSocket):
                        raise ConnectionError("the mailbox closed the connection")
                self.buffer += chunk
        finally:
            self.sock.settimeout(previous)
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line


def _caps(client: imaplib.IMAP4) -> list[bytes]:
    _, data = client.capability()
    return [bytes(d) for d in data if isinstance(d, bytes | bytearray)]
