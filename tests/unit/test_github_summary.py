"""GitHub's habits: the audit's Markdown summary (job summary, pull request comment,
`touchpoint summary`), the workflows that run it, the nightly matrix's sites, the release gate's
profile and the docker-compose file the README shows."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from touchpoint.cli import main
from touchpoint.profile import load_profile
from touchpoint.report.github import append_summary, breaches, regressions, run_url, summary_markdown
from touchpoint.result import CheckResult, Level, Verdict

ROOT = Path(__file__).parents[2]
SAVED = ROOT / "tests" / "data" / "results" / "demo.json"
WORKFLOWS = ROOT / ".github" / "workflows"
EVIL = "<script>alert(1)</script> | [click](https://evil.example) @octocat **now**"


def check(name: str, category: str, message: str, *, passed: bool, level: str = "error", **more: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "name": name,
        "category": category,
        "title": more.pop("title", name),
        "subject": more.pop("subject", "home · mobile"),
        "actual": more.pop("actual", None),
        "expected": more.pop("expected", None),
        "operator": more.pop("operator", ""),
        "level": level,
        "passed": passed,
        "message": message,
        **more,
    }
    return {**fields, "verdict": CheckResult.from_json(fields).verdict.value}


def synthetic() -> dict[str, Any]:
    """A run with a speed regression, a breach, a request nobody answered, one still waiting and
    a page whose words try to be Markdown and HTML."""
    results = [
        check(
            "largest-contentful-paint", "speed", "LCP 2,100 ms", passed=True, actual=2100.0, expected=2500, unit="ms"
        ),
        check(
            "regression:largest-contentful-paint",
            "speed",
            "LCP is slower than the last 5 runs: 3,900 ms against 2,100 ms (p = 0.01, large effect)",
            passed=False,
            title="LCP against earlier runs",
        ),
        check(
            "regression:total-blocking-time", "speed", "TBT is as before", passed=True, title="TBT against earlier runs"
        ),
        check(
            "reply:callback",
            "replies",
            "breached: A person answered after 40 min (40 min of business hours); due within 15 min",
            passed=False,
            subject="callback",
            actual=2400.0,
            expected=900.0,
            operator="<=",
            unit="duration",
        ),
        check(
            "reply:email",
            "replies",
            "unanswered: Nobody answered within 7 days 0 h",
            passed=False,
            level="warn",
            subject="email",
            expected=14400.0,
            operator="<=",
            unit="duration",
        ),
        check(
            "reply:quote",
            "replies",
            "pending: No answer from a person yet",
            passed=False,
            level="off",
            subject="quote",
            expected=3600.0,
        ),
        check("phone:above-fold", "contacts", EVIL, passed=False, title=EVIL, subject=EVIL, actual="no"),
    ]
    return {
        "site": "Acme @devs | <b>Dental</b>",
        "url": "https://acme.example/",
        "started": "2026-12-07T03:17:00+00:00",
        "finished": "2026-12-07T03:29:30+00:00",
        "exit_fails": True,
        "broken": [],
        "scorecard": {
            "overall": 2.5,
            "categories": [
                {"key": "speed", "score": 4, "value": 0.81, "measure": "performance", "checks": [], "detail": {}},
                {
                    "key": "reply:callback",
                    "score": 2,
                    "value": 2.67,
                    "measure": "sla-ratio",
                    "checks": [],
                    "detail": {"seconds": 2400.0, "sla_seconds": 900.0, "outcome": "breached"},
                },
                {"key": "quality", "score": None, "value": None, "measure": "quality-share", "checks": []},
            ],
        },
        "results": results,
    }


def test_the_saved_demo_run_reads_as_a_summary() -> None:
    text = summary_markdown(json.loads(SAVED.read_text()), report="reports/demo/audit.html")
    assert text.startswith("### Touchpoint audit: Harbour Lane Plumbing (demo) — ✅ within budget\n")
    assert "**Overall: 4.3 of 5**" in text  # its results.json predates the scorecard: the same rubric, from its checks
    assert "| Page speed | ★★★★★ 5 | median speed score 100 over 6 pages and devices |" in text  # the report's words
    assert "| Response: quote | ★☆☆☆☆ 1 | nobody answered; the promise is 45 sec |" in text
    assert "| Reply quality | – | not measured in this run |" in text
    assert "#### Failed at level error" not in text and "#### Speed regressions" not in text
    assert "#### Breaches: answered late or never (1)" in text
    assert re.search(r"\| quote \| breached \| 45 s \| nobody \| Nobody answered by the deadline", text)
    assert "Report: reports/demo/audit.html" in text


def test_a_regression_a_breach_and_a_page_that_writes_markdown() -> None:
    data = synthetic()
    text = summary_markdown(data, run_url="https://github.com/acme/site/actions/runs/42")
    assert "— ❌ fails the run" in text
    assert "2026-12-07 03:17 UTC, took 12 min" in text
    assert "**Overall: 2.5 of 5**" in text and "| Response: callback | ★★☆☆☆ 2 | answered after 40 min" in text
    assert "#### Failed at level error (3)" in text  # the regression, the breach and the phone

    slower = regressions([CheckResult.from_json(r) for r in data["results"]])
    assert [r.name for r in slower] == ["regression:largest-contentful-paint"]  # the passing one is not
    assert "#### Speed regressions (1)" in text and "3,900 ms against 2,100 ms" in text

    late = breaches([CheckResult.from_json(r) for r in data["results"]])
    assert [(r.subject, r.verdict) for r in late] == [("callback", Verdict.FAIL), ("email", Verdict.WARN)]
    assert "| callback | breached | 15 min | 40 min |" in text
    assert "| email | unanswered | 4 h 0 min | nobody |" in text
    assert "1 request still waiting for an answer; the next run settles them." in text
    assert "[the run's artifacts](https://github.com/acme/site/actions/runs/42)" in text

    # what the site wrote stays words: no HTML, no link, no extra cell, no mention, no bold
    assert "<script>" not in text and "<b>" not in text and "[click](" not in text
    assert "| replies | reply:callback | callback | 40 min | ≤ 15 min (error) |" in text
    inert = r"\<script\>alert(1)\</script\> \| \[click\](https://evil.example) @" + "\u2060" + r"octocat \*\*now\*\*"
    assert inert in text
    assert "@octocat" not in text and "@devs" not in text
    for line in text.splitlines():
        if line.startswith("| "):
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            assert len(cells) in (3, 4, 5), line


def test_long_lists_are_cut_and_counted() -> None:
    data = synthetic()
    data["results"] = [check(f"page-opens:{i}", "pages", f"page {i} is down", passed=False) for i in range(40)]
    text = summary_markdown(data)
    assert "#### Failed at level error (40)" in text and "… and 15 more in the report" in text
    assert "page-opens:24" in text and "page-opens:25" not in text


def test_the_summary_is_appended_as_github_expects(tmp_path: Path) -> None:
    target = tmp_path / "step_summary.md"
    target.write_text("Ledger: new\n", encoding="utf-8")
    append_summary(target, summary_markdown(synthetic()))
    append_summary(target, summary_markdown(json.loads(SAVED.read_text())))
    text = target.read_text(encoding="utf-8")
    assert text.startswith("Ledger: new\n### Touchpoint audit: Acme")
    assert text.count("### Touchpoint audit:") == 2 and text.endswith("\n\n")


def test_the_run_link_comes_from_githubs_variables() -> None:
    env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/site", "GITHUB_RUN_ID": "7"}
    assert run_url(env) == "https://github.com/acme/site/actions/runs/7"
    assert run_url({}) == "" and run_url({**env, "GITHUB_RUN_ID": ""}) == ""


def test_touchpoint_summary_prints_the_same_markdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports" / "acme"
    folder.mkdir(parents=True)
    (folder / "results.json").write_text(json.dumps(synthetic()), encoding="utf-8")
    (folder / "audit.html").write_text("<html></html>", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"):
        monkeypatch.delenv(name, raising=False)

    assert main(["summary", "reports/acme"]) == 0
    printed = capsys.readouterr().out
    assert printed == summary_markdown(synthetic(), report="reports/acme/audit.html")

    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/site")
    monkeypatch.setenv("GITHUB_RUN_ID", "9")
    assert main(["summary", str(folder / "results.json")]) == 0
    assert "(https://github.com/acme/site/actions/runs/9)" in capsys.readouterr().out

    assert main(["summary", "reports/nowhere"]) == 4
    said = capsys.readouterr()
    assert said.out == "" and "no results.json there" in said.err and "touchpoint audit sites/acme.toml" in said.err


# -- the workflows -------------------------------------------------------------------------------


def workflow(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in data["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", sorted(p.name for p in WORKFLOWS.glob("*.yml")))
def test_every_workflow_parses_caches_and_says_its_permissions(name: str) -> None:
    data = workflow(name)
    assert data["on"] and data["jobs"]
    assert "permissions" in data, f"{name}: permissions are explicit"
    for step in steps(data):
        uses = str(step.get("uses", ""))
        if uses.startswith("actions/setup-python"):
            assert step["with"]["cache"] == "pip", name
        if uses.startswith("actions/setup-node"):
            assert step["with"]["cache"] == "npm", name
        assert "${{ inputs." not in str(step.get("run", "")), f"{name}: inputs reach scripts through env"


def test_the_nightly_audit_keeps_each_sites_memory() -> None:
    data = workflow("nightly-audit.yml")
    listing = " ".join(str(s.get("run", "")) for s in data["jobs"]["sites"]["steps"])
    assert ".github/scripts/nightly_sites.py sites" in listing
    audit = data["jobs"]["audit"]
    assert audit["strategy"]["matrix"]["site"] == "${{ fromJson(needs.sites.outputs.sites) }}"
    assert audit["env"]["TOUCHPOINT_LEDGER_URL"] == "${{ secrets.TOUCHPOINT_LEDGER_URL }}"
    by_uses = {str(s.get("uses", "")).split("@")[0]: s for s in audit["steps"]}
    restore, save = by_uses["actions/cache/restore"], by_uses["actions/cache/save"]
    key = "ledger/${{ matrix.site }}/${{ github.run_id }}-${{ github.run_attempt }}"
    assert restore["with"]["key"] == save["with"]["key"] == key
    assert restore["with"]["restore-keys"].strip() == "ledger/${{ matrix.site }}/"
    assert "always()" in save["if"] and "TOUCHPOINT_LEDGER_URL == ''" in restore["if"]
    assert by_uses["actions/upload-artifact"]["with"]["name"] == "audit-${{ matrix.site }}"
    run = next(s["run"] for s in audit["steps"] if "touchpoint audit" in str(s.get("run", "")))
    assert '--audit-ledger "$ledger"' in run and "ledgers/$SITE.sqlite" in run


def test_the_release_gate_runs_on_deployments_with_a_profile_that_exists() -> None:
    data = workflow("release-gate.yml")
    assert "deployment_status" in data["on"] and "workflow_dispatch" in data["on"]
    default = data["on"]["workflow_dispatch"]["inputs"]["profile"]["default"]
    profile = load_profile(ROOT / default)
    assert profile.base_url and not any(c.submit for c in profile.channels.values())
    assert any(b.level is Level.ERROR for b in profile.budgets.speed.common.values())
    gate = data["jobs"]["gate"]
    assert "deployment_status.state == 'success'" in gate["if"]
    assert gate["permissions"] == {"contents": "read"}
    assert "environment_url" in gate["env"]["BASE_URL"] and gate["env"]["PROFILE"].endswith("'sites/staging.toml' }}")
    run = " ".join(str(s.get("run", "")) for s in gate["steps"])
    assert '--audit-base-url "$BASE_URL"' in run and 'touchpoint summary "reports/$SITE"' in run
    comment = data["jobs"]["comment"]
    assert comment["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert data["permissions"] == {}


# -- the nightly matrix's sites ----------------------------------------------------------------------


def nightly() -> ModuleType:
    spec = importlib.util.spec_from_file_location("nightly_sites", ROOT / ".github" / "scripts" / "nightly_sites.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_nightly_matrix_leaves_out_the_template_the_demo_and_the_gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    script = nightly()
    from touchpoint.fleet import LEFT_OUT

    assert set(script.LEFT_OUT) == set(LEFT_OUT)  # the fleet leaves out of a folder what the nights leave out
    assert script.nightly_sites(ROOT / "sites") == []  # demo, demo-rival, example, staging
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "acme.toml").write_text('name = "Acme"\nbase_url = "https://acme.example/"\n')
    (sites / "rival.toml").write_text('name = "Rival"\nbase_url = "https://rival.example/"\n[demo]\nserve = false\n')
    (sites / "broken.toml").write_text("name = \n")  # its own job says what is wrong with it
    (sites / "example.toml").write_text('name = "Template"\n')
    (sites / "staging.toml").write_text('name = "Staging"\n')
    (sites / "showroom.toml").write_text('name = "Demo copy"\n[demo]\nserve = true\n')
    (sites / "notes.txt").write_text("not a profile")
    assert script.nightly_sites(sites) == ["acme", "broken", "rival"]

    output = tmp_path / "github_output"
    monkeypatch.setenv("GITHUB_OUTPUT", str(output))
    assert script.main([str(sites)]) == 0
    assert capsys.readouterr().out == '["acme", "broken", "rival"]\n'
    assert output.read_text() == 'sites=["acme", "broken", "rival"]\n'


# -- the shared parts ------------------------------------------------------------------------------


def test_the_compose_file_the_readme_shows() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    ledger, chromium = compose["services"]["ledger"], compose["services"]["chromium"]
    assert ledger["image"] == "postgres:16" and "pg_isready" in " ".join(ledger["healthcheck"]["test"])
    assert ledger["environment"]["POSTGRES_PASSWORD"].startswith("${TOUCHPOINT_DB_PASSWORD:?")
    assert all(str(port).startswith("127.0.0.1:") for s in (ledger, chromium) for port in s["ports"])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Running it nightly and before releases" in readme and "docker compose up -d --wait" in readme
    assert "--audit-cdp http://127.0.0.1:9222" in readme and "postgresql+psycopg://touchpoint:" in readme
