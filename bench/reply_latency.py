"""How exactly and how quickly the reply engine times an answer.

The demo business's staff answer N messages by real SMTP into a real IMAP mailbox (pymap);
the engine's watcher (IDLE) hands each one over. For every answer this prints
  at the source: the measured reply time (the mailbox's INTERNALDATE) minus the true moment the
                 staff sent it (target: at most 1 s either way);
  noticed:       when the watcher handed it over minus when it landed in the mailbox
                 (target: at most 1 s).

    .venv/bin/python bench/reply_latency.py [--messages 20]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from touchpoint.demo.mail import SHOPPER_USER
from touchpoint.demo.server import DemoServer
from touchpoint.profile.model import DemoKnobs
from touchpoint.replies.imap_watch import InboxSettings, InboxWatcher
from touchpoint.replies.message import Mail


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=20)
    args = parser.parse_args()
    noticed: dict[str, datetime] = {}
    arrived: dict[str, datetime] = {}

    def on_mail(mail: Mail) -> None:
        noticed[mail.headers.get("message-id", "")] = datetime.now(UTC)
        arrived[mail.headers.get("message-id", "")] = mail.received_at

    knobs = DemoKnobs(serve=True, reply_delay=timedelta(seconds=0.3), answers=("email",), auto_reply=False)
    with DemoServer(knobs) as demo:
        mail = demo.mail
        assert mail is not None
        watcher = InboxWatcher(
            InboxSettings("127.0.0.1", mail.imap_port, SHOPPER_USER, mail.password, "none"),
            on_mail=on_mail,
            idle_seconds=30,
        )
        watcher.start()
        watcher.wait_ready()
        for n in range(args.messages):
            mail.inquiry("email", reply_to=f"alex+tp{n:06d}@shopper.example", name="Alex", subject=f"Question {n}")
            time.sleep(0.37 + (n % 5) * 0.11)  # answers land at uneven moments, also between two IDLEs
        deadline = time.monotonic() + 30
        while len(noticed) < args.messages and time.monotonic() < deadline:
            time.sleep(0.05)
        watcher.stop()
        source, latency = [], []
        for sent in mail.sent:
            landed = dict(mail.delivered).get(sent.message_id)
            if sent.message_id in arrived and landed is not None:
                source.append((arrived[sent.message_id] - sent.sent_at).total_seconds())
                latency.append((noticed[sent.message_id] - landed).total_seconds())
    print(f"{len(source)} of {args.messages} answers seen")
    print(
        f"at the source (INTERNALDATE - true send): median {statistics.median(source):+.3f} s, "
        f"worst {max(source, key=abs):+.3f} s (target within 1 s; INTERNALDATE has whole seconds)"
    )
    print(
        f"noticed after landing in the mailbox:     median {statistics.median(latency):.3f} s, "
        f"worst {max(latency):.3f} s (target at most 1 s)"
    )
    ok = len(source) == args.messages and max(map(abs, source)) <= 1.0 and max(latency) <= 1.0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
