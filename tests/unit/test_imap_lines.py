"""The watcher's IDLE reader puts answers together from however many writes they come in."""

from __future__ import annotations

import imaplib
import socket
import threading
import time

from touchpoint.replies.imap_watch import _Lines, internaldate


class FakeClient:
    """Just the two things _Lines uses of an imaplib client: its socket and its buffered file."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.file = sock.makefile("rb")

    def socket(self) -> socket.socket:
        return self.sock


def test_a_line_split_over_several_writes_is_read_whole() -> None:
    ours, server = socket.socketpair()
    lines = _Lines(FakeClient(ours))  # type: ignore[arg-type]

    def send() -> None:
        for part in (b"+ idl", b"ing\r\n* 4 EXI", b"STS", b"\r\n* 1 RECENT\r\n"):
            server.sendall(part)
            time.sleep(0.05)

    threading.Thread(target=send).start()
    assert lines.next(timeout=2) == b"+ idling"
    assert lines.next(timeout=2) == b"* 4 EXISTS"
    assert lines.next(timeout=2) == b"* 1 RECENT"
    assert lines.next(timeout=0.2) is None  # nothing more: a timeout, and the reader still works
    server.sendall(b"A1 OK IDLE terminated\r\n")
    assert lines.next(timeout=2) == b"A1 OK IDLE terminated"
    for closable in (lines.file, ours, server):
        closable.close()


def test_what_imaplib_already_buffered_is_not_lost() -> None:
    ours, server = socket.socketpair()
    client = FakeClient(ours)
    server.sendall(b"* 7 EXISTS\r\n")
    time.sleep(0.05)
    client.file.peek(1)  # imaplib read ahead into its buffer
    assert _Lines(client).next(timeout=1) == b"* 7 EXISTS"  # type: ignore[arg-type]
    for closable in (client.file, ours, server):
        closable.close()


def test_internaldate() -> None:
    line = b'1 (INTERNALDATE " 3-Nov-2026 09:05:07 +0200" UID 101 BODY[] {12}'
    moment = internaldate(line)
    assert moment is not None and moment.isoformat() == "2026-11-03T09:05:07+02:00"
    assert internaldate(b"1 (UID 101)") is None
    assert imaplib  # the module the watcher drives


def test_the_landing_time_is_the_internaldate_made_finer_only_within_its_own_second() -> None:
    from datetime import UTC, datetime, timedelta

    from touchpoint.replies.imap_watch import landed

    stamp = datetime(2026, 12, 4, 10, 0, 7, tzinfo=UTC)  # INTERNALDATE: whole seconds
    heard = stamp + timedelta(milliseconds=712)  # the watcher, in IDLE, fetched it 712 ms into that second
    assert landed(stamp, heard) == heard
    later = stamp + timedelta(minutes=40)  # fetched on a later run: the middle of the second it landed in
    assert landed(stamp, later) == stamp + timedelta(milliseconds=500)
    assert landed(stamp, stamp - timedelta(seconds=2)) == stamp + timedelta(milliseconds=500)  # clocks apart
    assert landed(None, later) is None
