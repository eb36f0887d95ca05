"""The fleet's pure parts: which profiles a folder gives, the worst exit code, the lines it prints,
and how `touchpoint audit` tells one site from a fleet."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from touchpoint import cli, fleet
from touchpoint.fleet import (
    Outcome,
    Planned,
    default_jobs,
    error_line,
    fleet_line,
    plan_fleet,
    site_argv,
    site_line,
    user_option,
    worst,
)

GOOD = 'name = "{name}"\nbase_url = "https://{name}.example.org/"\n'


def write(folder: Path, name: str, text: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(GOOD.format(name=path.stem) if text is None else text, encoding="utf-8")
    return path


def test_a_folder_gives_its_profiles_sorted_but_the_template_and_the_gates_profile(tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    for name in ("zeta.toml", "acme.toml", "example.toml", "staging.toml", "notes.txt"):
        write(sites, name)
    write(sites / "nested", "deep.toml")
    planned, skipped = plan_fleet([str(sites)])
    assert [p.key for p in planned] == ["acme", "zeta"]
    assert [p.name for p in planned] == ["acme", "zeta"] and not any(p.problems for p in planned)
    assert skipped == [
        f"{sites / 'example.toml'}: left out, the template to copy; name it to audit it",
        f"{sites / 'staging.toml'}: left out, the release gate's profile, audited at a deployed address "
        "(--audit-base-url); name it to audit it",
    ]


def test_a_template_named_on_the_command_line_is_audited(tmp_path: Path) -> None:
    example = write(tmp_path, "example.toml")
    planned, skipped = plan_fleet([str(example), "https://www.acme.example/"])
    assert [p.key for p in planned] == ["example", "acme.example"] and skipped == []


def test_a_profile_that_does_not_load_is_planned_with_every_problem(tmp_path: Path) -> None:
    write(tmp_path, "good.toml")
    write(tmp_path, "bad.toml", 'name = "Bad"\n[audit]\nruns = "x"\n')
    planned, _ = plan_fleet([str(tmp_path), str(tmp_path / "missing.toml")])
    by_key = {p.key: p for p in planned}
    assert by_key["good"].problems == ()
    assert len(by_key["bad"].problems) == 2
    assert any(p.startswith("base_url: missing") for p in by_key["bad"].problems)
    assert by_key["missing"].problems[0].startswith("no such file")


def test_two_profiles_with_one_report_folder_are_refused(tmp_path: Path) -> None:
    first = write(tmp_path / "a", "acme.toml")
    second = write(tmp_path / "b", "acme.toml")
    planned, _ = plan_fleet([str(first), str(second)])
    assert planned[0].problems == ()
    assert "reports/acme/ is also" in planned[1].problems[0] and str(first) in planned[1].problems[0]


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ([], 0),
        ([0, 0], 0),
        ([0, 1, 0], 1),
        ([1, 5], 5),
        ([5, 2, 1], 2),
        ([2, 3], 3),
        ([3, 4, 1], 4),
        ([1, 4, 0], 4),
        ([0, 7], 3),  # an unknown status is an internal error
    ],
)
def test_the_worst_exit_code(codes: list[int], expected: int) -> None:
    assert worst(codes) == expected


def test_default_jobs_follow_the_cores() -> None:
    assert [default_jobs(n) for n in (None, 1, 2, 4, 6, 16, 64)] == [2, 2, 2, 2, 3, 8, 8]


def test_options_the_user_gave_for_every_site_are_found() -> None:
    extra = ["-k", "contacts", "--audit-cdp", "http://10.0.0.5:9222", "--audit-browser=/opt/chrome"]
    assert user_option(extra, "--audit-cdp") == "http://10.0.0.5:9222"
    assert user_option(extra, "--audit-browser") == "/opt/chrome"
    assert user_option(extra, "--audit-reports") is None
    assert user_option(["--audit-cdp"], "--audit-cdp") is None


def test_each_site_runs_this_pythons_audit_with_the_shared_browser_last() -> None:
    argv = site_argv("sites/acme.toml", "out", ["-k", "--weird"], "http://127.0.0.1:4000")
    assert argv[:5] == [sys.executable, "-m", "touchpoint.cli", "audit", "sites/acme.toml"]
    assert argv[5:] == ["--reports", "out", "--", "-k", "--weird", "--audit-cdp", "http://127.0.0.1:4000"]
    assert site_argv("a.toml", None, [], None)[4:] == ["a.toml", "--"]


def test_a_site_line_says_what_an_owner_and_a_pipeline_need() -> None:
    acme = Planned("sites/acme.toml", "acme", "Acme Dental")
    line = site_line(Outcome(acme, 1, 41.4, 3.44, "reports/acme/audit.html"), 2, 12)
    assert line == "[ 2/12] acme (Acme Dental): failed a budget (exit 1), overall 3.4, 41 s, reports/acme/audit.html"
    bad = Planned("sites/bad.toml", "bad", problems=("base_url: missing",))
    line = site_line(Outcome(bad, 4, 0.0, reason="not audited: base_url: missing"), 3, 3)
    assert line == "[3/3] bad: usage error (exit 4): not audited: base_url: missing"
    unscored = site_line(Outcome(acme, 0, 9.0, None, "reports/acme/audit.html"), 1, 1)
    assert "within budget (exit 0), overall not scored, 9 s" in unscored


def test_the_fleet_line_counts_by_outcome_and_names_the_worst() -> None:
    def outcome(key: str, code: int) -> Outcome:
        return Outcome(Planned(f"{key}.toml", key), code, 1.0)

    outcomes = [outcome("a", 0), outcome("b", 4), outcome("c", 1), outcome("d", 0), outcome("e", 4)]
    assert fleet_line(outcomes, 212.3, 2) == (
        "fleet: 5 sites in 212 s, 2 at a time: 2 within budget, 1 failed a budget, 2 usage error; exit 4 (b, e)"
    )
    assert fleet_line([outcome("a", 0)], 9, 1) == "fleet: 1 site in 9 s, 1 at a time: 1 within budget; exit 0"
    many = fleet_line([outcome(f"s{i}", 2) for i in range(7)], 60, 4)
    assert many.endswith("7 interrupted; exit 2 (s0, s1, s2, s3, s4 and 2 more)")


def test_the_audits_own_words_for_its_failure() -> None:
    usage = "===\nERROR: --audit-cdp http://x:1: no browser answers there\n\n"
    assert error_line(usage) == "--audit-cdp http://x:1: no browser answers there"
    argparse = "ERROR: usage: pytest.main() [options] [file_or_dir]\npytest.main(): error: unrecognized arguments: -z\n"
    assert error_line(argparse) == "pytest.main(): error: unrecognized arguments: -z"
    internal = "INTERNALERROR> Traceback\nINTERNALERROR> RuntimeError: boom\n=== 1 error ==="
    assert error_line(internal) == "RuntimeError: boom"
    assert error_line("a\nlast words\n") == "last words"
    assert error_line("") is None


def test_one_profile_is_one_audit_and_a_folder_or_several_are_a_fleet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[object, ...]] = []

    def one(profile: str, reports: str | None, extra: list[str]) -> int:
        calls.append(("one", profile, extra))
        return 0

    def many(sources: list[str], **kw: Any) -> int:
        calls.append(("fleet", sources, kw))
        return 0

    monkeypatch.setattr(cli, "_run_audit", one)
    monkeypatch.setattr(fleet, "run_fleet", many)
    site = write(tmp_path, "acme.toml")
    assert cli.main(["audit", str(site), "-k", "prices", "--", "--audit-cdp", "http://h:1"]) == 0
    assert cli.main(["audit", str(tmp_path), "--jobs", "3", "--", "-k", "x y", "--reports", "r"]) == 0
    assert cli.main(["audit", str(site), str(site), "-x"]) == 0
    assert calls == [
        ("one", str(site), ["-k", "prices", "--audit-cdp", "http://h:1"]),
        ("fleet", [str(tmp_path)], {"jobs": 3, "reports": None, "extra": ["-k", "x y", "--reports", "r"]}),
        ("fleet", [str(site), str(site)], {"jobs": None, "reports": None, "extra": ["-x"]}),
    ]
    with pytest.raises(SystemExit):
        cli.main(["audit", str(tmp_path), "--jobs", "0"])
