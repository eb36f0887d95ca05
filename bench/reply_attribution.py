"""Are the answers right on businesses the code was not written for?

Runs the audit as a user does (`touchpoint audit` on a profile pointing at the test bed, then
`touchpoint replies` where the answer comes after the run) over the second test beds, written
blind by helpers from RFCs and vendors' documentation (tests/beds/mailbiz, tests/beds/chat2),
and compares what the audit recorded with the answer keys the beds recorded themselves:

  mail: messages attributed right and wrong (to which request; counted as the answer or not),
        messages wrongly taken as the answer, breaches reported as met, outcomes right, and the
        timing error of the first person's answer against its true delivery (median, worst);
  chat: the chat state right or wrong per page, vendors named, and the person's answer timed
        against the moment the page showed it.

    .venv/bin/python bench/reply_attribution.py [--only mail|chat] [-k name]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def touchpoint(*args: str, env: Mapping[str, str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "touchpoint.cli", *args],
        env=dict(env),
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def rows(db: Path, query: str) -> list[dict[str, Any]]:
    if not db.exists():
        return []
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute(query)]
    finally:
        con.close()


def when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


# -- mail -------------------------------------------------------------------------------------------


def _reply_for(message: dict[str, Any], replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The ledger's rows for one delivered message: by Message-ID, else (an older ledger without
    that column) by subject and delivery time."""
    if replies and "message_id" in replies[0]:
        return [r for r in replies if r["message_id"] and r["message_id"] == message["message_id"]]
    delivered = when(message["delivered_at"])
    found = []
    for r in replies:
        at = when(r["received_at"])
        if at and delivered and abs((at - delivered).total_seconds()) <= 2 and r["subject"] == message["subject"]:
            found.append(r)
    return found


def mail_scenario(scenario: Any, work: Path) -> dict[str, Any]:
    from tests.beds.mailbiz import MailBusiness

    with MailBusiness(scenario) as biz:
        profile = work / "biz.toml"
        profile.write_text(biz.profile_toml(), encoding="utf-8")
        env = {**os.environ, **biz.env}
        reports = work / "reports"
        started = time.perf_counter()
        audit = touchpoint(
            "audit", str(profile), "--reports", str(reports), "-k", "reply_time", "-q", env=env, cwd=work
        )
        biz.wait_done(timeout=90)
        # What came after the run stopped waiting is settled as the next run would, with
        # `touchpoint replies`: so every message the business sent is judged, with its own time.
        later = touchpoint("replies", str(profile), "--reports", str(reports), env=env, cwd=work, timeout=180)
        elapsed = time.perf_counter() - started
        truth = biz.truth()
    db = reports / "ledger.sqlite"
    attempts = {a["id"]: a for a in rows(db, "SELECT * FROM attempts")}
    by_channel = {a["channel"]: a for a in attempts.values()}
    replies = rows(db, "SELECT * FROM replies")
    result: dict[str, Any] = {
        "scenario": truth["scenario"],
        "exit": audit.returncode,
        "seconds": elapsed,
        "later": later.returncode if later else None,
        "messages": [],
        "channels": {},
    }
    if audit.returncode not in (0, 1):
        result["error"] = (audit.stdout[-1500:] + audit.stderr[-1500:]).strip()
    for message in truth["messages"]:
        found = _reply_for(message, replies)
        attributed = [
            attempts[r["attempt_id"]]["channel"]
            for r in found
            if r.get("verdict", "") not in ("other-conversation", "about-another")
        ]
        counted = [attempts[r["attempt_id"]]["channel"] for r in found if r["human"]]
        expected_about = message["about"]
        expected_counted = [message["about"]] if message["answers"] and message["about"] else []
        result["messages"].append(
            {
                "subject": message["subject"][:60],
                "kind": message["kind"],
                "about": expected_about,
                "answers": message["answers"],
                "attributed": attributed[0] if attributed else None,
                "counted": counted,
                "right": (attributed[0] if attributed else None) == expected_about and counted == expected_counted,
                "wrong_answer": bool([c for c in counted if c not in expected_counted]),
                "verdicts": [r.get("verdict", "") for r in found],
            }
        )
    for channel, expected in truth["expected"].items():
        attempt = by_channel.get(channel)
        measured = when(attempt["human_reply_at"]) if attempt else None
        true_at = when(expected.get("answered_at"))
        error = (measured - true_at).total_seconds() if measured and true_at else None
        result["channels"][channel] = {
            "expected": expected["outcome"],
            "outcome": attempt["outcome"] if attempt else "(no attempt)",
            "error_s": error,
            "answered_expected": bool(true_at),
            "answered_measured": bool(measured),
        }
    return result


def run_mail(only: str | None) -> list[dict[str, Any]]:
    from tests.beds.mailbiz import SCENARIOS

    results = []
    for scenario in SCENARIOS:
        if only and only not in scenario.name:
            continue
        with tempfile.TemporaryDirectory(prefix="tp-bench-mail-") as work:
            result = mail_scenario(scenario, Path(work))
        results.append(result)
        channels = " ".join(
            f"{c}:{v['outcome']}{'' if v['outcome'] == v['expected'] else '≠' + v['expected']}"
            + (f"({v['error_s']:+.2f}s)" if v["error_s"] is not None else "")
            for c, v in result["channels"].items()
        )
        wrong = sum(not m["right"] for m in result["messages"])
        print(
            f"  {result['scenario']:<38} {len(result['messages']):2d} msgs, {wrong} misattributed  {channels}"
            f"  [{result['seconds']:.0f} s, exit {result['exit']}]",
            flush=True,
        )
        if "error" in result:
            print("    " + result["error"].replace("\n", "\n    ")[:1500])
        for m in result["messages"]:
            if not m["right"]:
                print(
                    f"      ✗ {m['kind']:<10} “{m['subject']}”: truly about {m['about']} (answer: {m['answers']}); "
                    f"the audit: about {m['attributed']}, counted for {m['counted'] or 'nothing'} {m['verdicts']}"
                )
    return results


def mail_summary(results: list[dict[str, Any]]) -> None:
    messages = [m for r in results for m in r["messages"]]
    channels = [c for r in results for c in r["channels"].values()]
    errors = [abs(c["error_s"]) for c in channels if c["error_s"] is not None]
    print("\nmail, over", len(results), "scenarios:")
    print(f"  messages attributed right: {sum(m['right'] for m in messages)} / {len(messages)}")
    print(f"  messages wrongly taken as the answer: {sum(m['wrong_answer'] for m in messages)}")
    missed = [m for m in messages if m["answers"] and m["about"] not in m["counted"]]
    print(f"  real answers not counted: {len(missed)}")
    print(f"  breaches reported as met: {sum(c['outcome'] == 'met' and c['expected'] != 'met' for c in channels)}")
    print(f"  outcomes right: {sum(c['outcome'] == c['expected'] for c in channels)} / {len(channels)}")
    if errors:
        print(
            f"  timing error of the first answer: median {statistics.median(errors):.3f} s, worst {max(errors):.3f} s"
        )


# -- chat -------------------------------------------------------------------------------------------

CHAT_PROFILE = """
name = "Chat bed {case}"
base_url = "{base}"
[[pages]]
name = "home"
path = "/"
lighthouse = false
[audit]
runs = 1
devices = ["desktop"]
max_wait = "{wait}s"
crawl_limit = 3
[channels.chat]
kind = "chat"
page = "{page}"
submit = true
sla = "2m"
min_interval = "0s"
[shopper]
name = "Alex Morgan"
email = "alex.morgan@shopper.example"
message = "Hello! How much is a check-up, and when is your next free slot?"
"""


def chat_case(bed: Any, case: Mapping[str, Any], work: Path) -> dict[str, Any]:
    base = bed.url(case)
    origin = base.split("/", 3)
    root = f"{origin[0]}//{origin[2]}/"
    page = "/" + origin[3] if len(origin) > 3 else "/"
    wait = int((case.get("agent_after_s") or 4) + 10)
    profile = work / "chat.toml"
    profile.write_text(CHAT_PROFILE.format(case=case["id"], base=root, page=page, wait=wait), encoding="utf-8")
    reports = work / "reports"
    done = touchpoint(
        "audit",
        str(profile),
        "--reports",
        str(reports),
        "-k",
        "start_the_chat or person_answers_in",
        "-q",
        env=os.environ,
        cwd=work,
    )
    folder = next(reports.glob("*/results.json"), None)
    results = json.loads(folder.read_text()) if folder else {"results": []}
    start = next((r for r in results["results"] if r["name"] == "chat-start:chat"), None)
    evidence = start["evidence"] if start else {}
    state = str(evidence.get("chat state", "")) if start else "(no result)"
    named = [str(evidence.get("vendor", ""))] + [
        v.strip() for v in str(evidence.get("also on the page", "")).split(",") if v.strip()
    ]
    truth = bed.truth(case)
    agent = [t for t in truth if t.get("author") == "agent"]
    db = reports / "ledger.sqlite"
    people = rows(db, "SELECT received_at FROM replies WHERE human = 1 ORDER BY received_at")
    measured = when(people[0]["received_at"]) if people else None
    true_at = datetime.fromtimestamp(agent[0]["at"] / 1000, UTC) if agent else None
    error = (measured - true_at).total_seconds() if measured and true_at else None
    return {
        "case": case["id"],
        "expected": case["state"],
        "state": state,
        "vendors_expected": list(case["vendors"]),
        "vendors": [v for v in named if v and v != "none found"],
        "human_expected": bool(case.get("human_answer")),
        "human_measured": measured is not None,
        "error_s": error,
        "exit": done.returncode,
        "message": start["message"] if start else (done.stdout[-800:] + done.stderr[-800:]),
    }


def run_chat(only: str | None) -> list[dict[str, Any]]:
    from tests.beds.chat2.server import CASES, ChatBed

    results = []
    with ChatBed() as bed:
        for case in CASES:
            if only and only not in case["id"]:
                continue
            with tempfile.TemporaryDirectory(prefix="tp-bench-chat-") as work:
                r = chat_case(bed, case, Path(work))
            results.append(r)
            ok = r["state"] == r["expected"]
            human = (
                f"person {r['error_s']:+.2f}s"
                if r["error_s"] is not None
                else ("person missed" if r["human_expected"] else ("PERSON INVENTED" if r["human_measured"] else ""))
            )
            print(
                f"  {r['case']:<30} {'✓' if ok else '✗'} {r['state'] or '—':<22} (truth: {r['expected']})"
                f"  vendors {r['vendors']} (truth {r['vendors_expected']})  {human}",
                flush=True,
            )
            if not ok:
                print(f"      the audit said: {r['message'][:300]}")
    return results


def chat_summary(results: list[dict[str, Any]]) -> None:
    errors = [abs(r["error_s"]) for r in results if r["error_s"] is not None]
    print("\nchat, over", len(results), "pages:")
    print(f"  state right: {sum(r['state'] == r['expected'] for r in results)} / {len(results)}")
    print(f"  vendors named right: {sum(set(r['vendors']) == set(r['vendors_expected']) for r in results)}")
    print(
        f"  a person's answer found: {sum(r['human_measured'] and r['human_expected'] for r in results)}"
        f" / {sum(r['human_expected'] for r in results)}; invented: "
        f"{sum(r['human_measured'] and not r['human_expected'] for r in results)}"
    )
    if errors:
        median, worst = statistics.median(errors), max(errors)
        print(f"  timing error of the person's answer: median {median:.3f} s, worst {worst:.3f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["mail", "chat"])
    parser.add_argument("-k", dest="name", default=None, help="only scenarios / pages whose name contains this")
    parser.add_argument("--json", type=Path, default=None, help="also write every result here")
    ns = parser.parse_args()
    out: dict[str, Any] = {}
    if ns.only in (None, "mail"):
        print("mail scenarios (tests/beds/mailbiz):")
        out["mail"] = run_mail(ns.name)
        mail_summary(out["mail"])
    if ns.only in (None, "chat"):
        print("\nchat pages (tests/beds/chat2):")
        out["chat"] = run_chat(ns.name)
        chat_summary(out["chat"])
    if ns.json:
        ns.json.write_text(json.dumps(out, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
