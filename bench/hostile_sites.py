"""The hostile-sites bed (tests/beds/hostile_sites, issue 13 item 5), audited as a user would.

For each case (39 hostile sites and 2 controls on loopback, key.json written blind) this writes a
small profile - base_url the case's address, pages home (Lighthouse, mobile, 1 run) and /contact/
where the case has one, no contact attempts - runs `.venv/bin/touchpoint audit <profile>` with a
timeout, and compares reports/<case>/results.json with the key:

* finding: the case's finding in the report's words. Lenient: some result that did not pass
  (title, message, evidence; addresses cut to their host, error codes such as ERR_... removed)
  matches every pattern of one of the case's alternatives in `FINDING_WORDS`, derived from the
  key's `finding` and `finding_also_acceptable`; and no result matches `MUST_NOT` (from
  `must_not_find`). Controls (finding null): only MUST_NOT.
* opens: the home page's page-opens result (mobile) against `opens`: yes = it passed; no = it did
  not; partial = it did not, saying the page did not finish loading. tls-control may say "no"
  when the report says the certificate is not trusted (the key's `finding_also_acceptable`: the
  bed's CA is not trusted by the machine's Chromium, and nothing lets the audit trust it).
* speed: a numeric Lighthouse (category "speed") result for the home page only where
  `may_score` allows it ("with-finding": only together with the finding).
* forbidden: none of `forbidden_everywhere` or the case's `forbidden` in any text of
  results.json (the report's data: every check, evidence, plan) or on the console (the audit's
  output). A finding said only inside such words (ERR_CONNECTION_REFUSED) is not a finding.
* time: the audit's wall time at most `time_bound_s` over the control's in the same run.
* completed: exit code 0 or 1 (a budget failed), no INTERNALERROR, results.json written.

Also shown, not in the six criteria: contacts (the key's expected phone, email and contact page
in the contacts results; `must_not_report` nowhere) and limits (requests the bed counted against
`limits`). A case is right when all six criteria hold ("strict": contacts and limits too).

    .venv/bin/python bench/hostile_sites.py [--case ID ...] [--no-lighthouse] [--timeout 420] [-v]
    .venv/bin/python bench/hostile_sites.py --rejudge /tmp/tp-hostile-XXXX [-v]   # judge a run again

First score, before the issue-13 fixes (commit 0a172cd, Lighthouse on, one run, 32 min): 10 of 41
cases right (8 of the 39 hostile ones); finding 12, opens 32, speed 37, forbidden 28, time 34,
completed 40 of 41; contacts 30, limits 40 of 41.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.beds.hostile_sites import CASES, HostileSites
from tests.beds.hostile_sites.judge import _NOT_TRUSTED, FINDING_WORDS, MUST_NOT
from tests.beds.hostile_sites.server import KEY

ROOT = Path(__file__).resolve().parents[1]
TOUCHPOINT = ROOT / ".venv" / "bin" / "touchpoint"

CRITERIA = ("finding", "opens", "speed", "forbidden", "time", "completed")
HEADER = (
    f"{'case':26} {'exit':>4} {'secs':>6} {'+ctrl':>6}/{'max':<4} {'finding':7} {'opens key/audit':15} "
    f"{'speed':9} {'forbid':6} {'time':4} {'done':4} | {'contacts':8} {'limits':6} | right"
)
EXTRA = ("contacts", "limits")


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield str(k)
            yield from _texts(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _texts(v)
    elif value is not None:
        yield str(value)


_URL = re.compile(r"\bhttps?://([^/\s\"'()<>]+)[^\s\"'()<>]*")


def _result_text(result: Mapping[str, Any]) -> str:
    """What a result says in words: title, message, evidence (not the check's standing
    explanation); each address cut to its host (a path such as /redirect-other-host/ names the
    case, not a finding)."""
    evidence = {k: v for k, v in (result.get("evidence") or {}).items() if k != "what it means"}
    text = " | ".join(_texts({"title": result.get("title"), "message": result.get("message"), "evidence": evidence}))
    return _URL.sub(lambda m: m.group(1), text)


@dataclass
class Outcome:
    case: str
    exit_code: int | None  # None: killed at the timeout
    seconds: float
    console: str
    results: dict[str, Any] | None
    verdicts: dict[str, bool] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    audit_opens: str = "?"
    scored: bool = False
    console_forbidden: list[str] = field(default_factory=list)

    @property
    def right(self) -> bool:
        return all(self.verdicts.get(c, False) for c in CRITERIA)

    @property
    def strict(self) -> bool:
        return self.right and all(self.verdicts.get(c, False) for c in EXTRA)


def profile_toml(case: Mapping[str, Any], url: str, lighthouse: bool) -> str:
    business = case["business"]
    has_contact = any(c["kind"] == "contact_page" for c in case["contacts"]["expected"])
    lines = [
        f"name = {json.dumps(business['name'])}",
        f"base_url = {json.dumps(url)}",
        'language = "en"',
        'phone_region = "GB"',
        'timezone = "Europe/London"',
        "",
        "[[pages]]",
        'name = "home"',
        f"path = {json.dumps(case['path'])}",
        f"lighthouse = {'true' if lighthouse else 'false'}",
    ]
    if has_contact:
        lines += ["", "[[pages]]", 'name = "contacts"', 'path = "/contact/"', "lighthouse = false"]
    lines += ["", "[audit]", "runs = 1", 'devices = ["mobile"]', ""]
    return "\n".join(lines)


def run_case(
    case: Mapping[str, Any], url: str, workdir: Path, reports: Path, lighthouse: bool, timeout: float
) -> Outcome:
    cid = case["id"]
    profile = workdir / f"{cid}.toml"
    profile.write_text(profile_toml(case, url, lighthouse), encoding="utf-8")
    log = workdir / f"{cid}.console.txt"
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(TOUCHPOINT), "audit", str(profile), "--reports", str(reports)],
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=workdir,
            start_new_session=True,
        )
        try:
            exit_code: int | None = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            exit_code = None
            os.killpg(process.pid, signal.SIGTERM)  # the audit and the browsers it started
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=20)
    seconds = time.perf_counter() - started
    return load_outcome(cid, exit_code, seconds, workdir, reports)


def load_outcome(cid: str, exit_code: int | None, seconds: float, workdir: Path, reports: Path) -> Outcome:
    results_file = reports / cid / "results.json"
    results = json.loads(results_file.read_text(encoding="utf-8")) if results_file.is_file() else None
    console = (workdir / f"{cid}.console.txt").read_text(encoding="utf-8", errors="replace")
    return Outcome(cid, exit_code, seconds, console, results)


def _without(text: str, words: list[str]) -> str:
    text = re.sub(r"(net::)?ERR_[A-Z0-9_]+", " ", text)
    for word in words:
        text = re.sub(re.escape(word), " ", text, flags=re.IGNORECASE)
    return text


def _matches(patterns: list[str], text: str) -> bool:
    return all(re.search(p, text, re.IGNORECASE) for p in patterns)


def judge(out: Outcome, case: Mapping[str, Any], control_seconds: float, counts: Mapping[str, int]) -> None:
    cid = case["id"]
    results: list[dict[str, Any]] = list((out.results or {}).get("results", []))
    texts = [_result_text(r) for r in results]
    words = [*KEY["forbidden_everywhere"], *case.get("forbidden", [])]
    # The finding must be in words: an error code (ERR_CONNECTION_REFUSED) does not say "refuses".
    plain = [_without(t, words) for t in texts]
    # completed
    out.verdicts["completed"] = (
        out.exit_code in (0, 1) and "INTERNALERROR" not in out.console and out.results is not None
    )
    if out.exit_code is None:
        out.notes.append("killed at the timeout")
    elif out.exit_code not in (0, 1):
        out.notes.append(f"exit code {out.exit_code}")
    # finding
    alternatives = FINDING_WORDS.get(cid, [])
    # A finding is something the report holds against the site: a result that did not pass.
    found = [
        t
        for r, t in zip(results, plain, strict=True)
        if r.get("verdict") != "pass" and any(_matches(alt, t) for alt in alternatives)
    ]
    wrong = [t for t in texts for p in MUST_NOT.get(cid, []) if re.search(p, t, re.IGNORECASE)]
    needs_finding = case["finding"] is not None
    out.verdicts["finding"] = (bool(found) or not needs_finding) and not wrong and out.results is not None
    not_trusted = cid.startswith("tls-") and any(_matches(_NOT_TRUSTED, t) for t in plain)
    if needs_finding and not found:
        out.notes.append("finding not in the report")
    for t in wrong[:2]:
        out.notes.append(f"says what it must not: {t[:160]}")
    # opens
    home = next(
        (r for r in results if r.get("name") == "page-opens" and str(r.get("subject", "")).startswith("home")), None
    )
    if home is None:
        out.audit_opens = "?"
    elif home.get("passed"):
        out.audit_opens = "yes"
    elif re.search(r"finish|still loading|never (ended|finished)|keeps loading", str(home.get("message")), re.I):
        out.audit_opens = "partial"
    else:
        out.audit_opens = "no"
    want = case["opens"]
    if want == "partial":
        opens_ok = out.audit_opens == "partial"
    elif want == "yes" and cid == "tls-control" and not_trusted:
        opens_ok = out.audit_opens in ("no", "yes")
    else:
        opens_ok = out.audit_opens == want or (want == "no" and out.audit_opens == "partial")
    out.verdicts["opens"] = opens_ok
    if not opens_ok and home is not None:
        out.notes.append(f"opens: {str(home.get('message'))[:160]}")
    # speed
    out.scored = any(
        r.get("category") == "speed"
        and str(r.get("subject", "")).startswith("home")
        and isinstance(r.get("actual"), int | float)
        and not isinstance(r.get("actual"), bool)
        for r in results
    )
    allowed = {"yes": True, "no": False, "with-finding": bool(found)}[case["may_score"]]
    out.verdicts["speed"] = allowed or not out.scored
    # forbidden words, in the report's data and on the console
    report_text = "\n".join(_texts(out.results)) if out.results else ""
    hits = sorted({w for w in words if w.lower() in report_text.lower()})
    out.console_forbidden = sorted({w for w in words if w.lower() in out.console.lower()})
    out.verdicts["forbidden"] = not hits and not out.console_forbidden and out.results is not None
    if hits:
        where = next((t for t in texts if any(w.lower() in t.lower() for w in hits)), "")
        out.notes.append(f"forbidden {hits} in the report: {where[:200]}")
    if out.console_forbidden:
        line = next(
            (x for x in out.console.splitlines() if any(w.lower() in x.lower() for w in out.console_forbidden)), ""
        )
        out.notes.append(f"forbidden {out.console_forbidden} on the console: {line.strip()[:200]}")
    # time
    bound = case["time_bound_s"]
    out.verdicts["time"] = out.seconds - control_seconds <= bound
    # contacts (extra)
    contact_texts = [t for r, t in zip(results, texts, strict=True) if r.get("category") in ("contacts", "findability")]
    joined = "\n".join(contact_texts)
    missing = []
    for item in case["contacts"]["expected"]:
        if item["kind"] == "phone":
            ok = item["tel"] in joined or item["value"] in joined
        elif item["kind"] == "email":
            ok = item["value"].lower() in joined.lower()
        else:
            ok = any(
                r.get("name", "").startswith("contact-page:") and item["value"] in str(r.get("url", ""))
                for r in results
            )
        if not ok:
            missing.append(f"{item['kind']} {item.get('tel') or item['value']}")
    everything = "\n".join(texts)
    leaked = [
        f"{i['kind']} {i.get('tel') or i.get('value')}"
        for i in case["contacts"]["must_not_report"]
        if (i.get("tel") and i["tel"] in everything) or (i.get("value") and str(i["value"]) in everything)
    ]
    out.verdicts["contacts"] = not missing and not leaked and out.results is not None
    if missing:
        out.notes.append(f"contacts not found: {', '.join(missing)}")
    if leaked:
        out.notes.append(f"reported someone else's contacts: {', '.join(leaked)}")
    # limits (extra)
    limits = case["limits"]
    over = []
    for name, limit in (("site", limits["site_requests"]), ("elsewhere", limits["elsewhere_requests"])):
        if limit is not None and counts[name] > limit:
            over.append(f"{counts[name]} requests to {name} (limit {limit})")
    if limits["posts"] is not None and counts["posts"] > limits["posts"]:
        over.append(f"{counts['posts']} POSTs (limit {limits['posts']})")
    out.verdicts["limits"] = not over
    if over:
        out.notes.append("limits: " + "; ".join(over))


def print_row(out: Outcome, case: Mapping[str, Any], control_seconds: float, verbose: bool) -> None:
    mark = {True: "ok", False: "NO"}
    v = out.verdicts
    speed = f"{'scored' if out.scored else 'none'}/{case['may_score'][:4]}"
    print(
        f"{case['id']:26} {out.exit_code if out.exit_code is not None else 'kill':>4} {out.seconds:6.1f} "
        f"{out.seconds - control_seconds:+6.0f}/{case['time_bound_s']:<4} {mark[v['finding']]:7} "
        f"{case['opens'] + '/' + out.audit_opens:12} {mark[v['opens']]:2} {speed:6} {mark[v['speed']]:2} "
        f"{mark[v['forbidden']]:6} {mark[v['time']]:4} {mark[v['completed']]:4} | "
        f"{mark[v['contacts']]:8} {mark[v['limits']]:6} | {'RIGHT' if out.right else '-'}",
        flush=True,
    )
    if verbose:
        for note in out.notes:
            print(f"    {note}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--case", action="append", help="only this case (repeatable; control always runs)")
    parser.add_argument("--no-lighthouse", action="store_true", help="no Lighthouse on the home page")
    parser.add_argument("--timeout", type=float, default=420.0, help="seconds an audit may take (default 420)")
    parser.add_argument("--reports", default=None, help="reports folder (default: a new temporary folder)")
    parser.add_argument("-v", "--verbose", action="store_true", help="say why each criterion failed")
    parser.add_argument("--rejudge", default=None, help="judge an earlier run's folder again, without auditing")
    args = parser.parse_args()
    chosen = [c for c in CASES if c["id"] == "control" or not args.case or c["id"] in args.case]
    if args.rejudge:
        workdir = Path(args.rejudge)
        return rejudge(workdir, Path(args.reports) if args.reports else workdir / "reports", chosen, args.verbose)
    workdir = Path(tempfile.mkdtemp(prefix="tp-hostile-"))
    reports = Path(args.reports).resolve() if args.reports else workdir / "reports"
    print(
        f"{len(chosen)} cases; Lighthouse {'off' if args.no_lighthouse else 'on the home page, mobile, 1 run'}; "
        f"timeout {args.timeout:.0f} s a case; profiles, console logs and reports in {workdir}",
        flush=True,
    )
    started = time.perf_counter()
    outcomes: list[tuple[Outcome, Mapping[str, Any]]] = []
    with HostileSites.started() as beds:
        control_seconds = 0.0
        print(HEADER, flush=True)
        for case in chosen:
            cid = case["id"]
            out = run_case(case, beds.url(cid), workdir, reports, not args.no_lighthouse, args.timeout)
            if cid == "control":
                control_seconds = out.seconds
            counts = {
                "site": beds.count(cid, "site"),
                "elsewhere": beds.count(cid, "elsewhere"),
                "posts": beds.count(cid, method="POST"),
            }
            facts = {"exit_code": out.exit_code, "seconds": out.seconds, "counts": counts}
            (workdir / f"{cid}.outcome.json").write_text(json.dumps(facts), encoding="utf-8")
            judge(out, case, control_seconds, counts)
            outcomes.append((out, case))
            print_row(out, case, control_seconds, args.verbose)
    total = time.perf_counter() - started
    return summary(outcomes, control_seconds, total, reports)


def rejudge(workdir: Path, reports: Path, chosen: list[dict[str, Any]], verbose: bool) -> int:
    """Judge a finished run again (its consoles, timings and counts in `workdir`, reports in `reports`)."""
    outcomes: list[tuple[Outcome, Mapping[str, Any]]] = []
    control_seconds = 0.0
    total = 0.0
    print(HEADER)
    for case in chosen:
        facts_file = workdir / f"{case['id']}.outcome.json"
        if not facts_file.is_file():
            continue
        facts = json.loads(facts_file.read_text(encoding="utf-8"))
        out = load_outcome(case["id"], facts["exit_code"], facts["seconds"], workdir, reports)
        if case["id"] == "control":
            control_seconds = out.seconds
        total += out.seconds
        judge(out, case, control_seconds, facts["counts"])
        outcomes.append((out, case))
        print_row(out, case, control_seconds, verbose)
    return summary(outcomes, control_seconds, total, reports)


def summary(
    outcomes: list[tuple[Outcome, Mapping[str, Any]]], control_seconds: float, total: float, reports: Path
) -> int:
    n = len(outcomes)
    print()
    print(f"cases right (all six criteria): {sum(o.right for o, _ in outcomes)} of {n}")
    print(f"cases right with contacts and limits too: {sum(o.strict for o, _ in outcomes)} of {n}")
    per = Counter[str]()
    for o, _ in outcomes:
        for c in (*CRITERIA, *EXTRA):
            per[c] += o.verdicts.get(c, False)
    for c in (*CRITERIA, *EXTRA):
        print(f"  {c:10} {per[c]:3} of {n}" + ("   (not in 'right')" if c in EXTRA else ""))
    console = sum(bool(o.console_forbidden) for o, _ in outcomes)
    print(f"  (forbidden words on the console: {console} of {n} cases)")
    print(f"\ncontrol: {control_seconds:.0f} s; whole run {total:.0f} s; reports in {reports}")
    return 0 if all(o.right for o, _ in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
