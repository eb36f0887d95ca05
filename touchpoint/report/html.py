"""pytest-html hooks that turn check results into the owner's audit.

Registered by the plugin when a site profile is given. Rows get the columns Verdict, Category,
Check, Measured and Budget; the top of the report gets the headline, what to fix first and the
pages-at-a-glance table; `results.json` beside the report keeps every result for machines. The
report is written only on the controller, never on a pytest-xdist worker.
"""

from __future__ import annotations

import json
from collections.abc import Generator
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from touchpoint.errors import TouchpointError
from touchpoint.recorder import results_of
from touchpoint.report.owner import history_html, plan_html, scorecard_html
from touchpoint.report.owner_view import LANG, OwnerView, owner_view, write_plan
from touchpoint.report.render import budget_text, evidence_html, measured_text, verdict_badge
from touchpoint.report.summary import (
    Headline,
    contacts_table_html,
    headline_html,
    replies_table_html,
    speed_table_html,
)
from touchpoint.result import CheckResult, Verdict
from touchpoint.scoring.plan import N_

__all__ = ["AuditReport"]

CSS = Path(__file__).with_name("audit.css")


class AuditReport:
    def __init__(
        self, config: pytest.Config, *, site: str, url: str, address: str, folder: Path, profile_path: str
    ) -> None:
        self.config = config
        self.site = site
        self.url = url
        self.address = address
        self.folder = folder
        self.profile_path = profile_path
        self.started = datetime.now().astimezone()
        self.results: list[CheckResult] = []
        self.broken: list[str] = []  # tests that failed without recording a result
        self._view: OwnerView | None = None

    def view(self) -> OwnerView:
        """The owner's part, gathered once (the scorecard, history, plan) at the end of the run."""
        if self._view is None:
            self._view = owner_view(self.config, self.results, self.folder.parent.parent.name)
            write_plan(self._view, self.folder, self.site)
        return self._view

    # -- collecting -----------------------------------------------------------------------

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, None]:
        outcome = yield
        report = outcome.get_result()
        if report.failed and call.excinfo is not None and isinstance(call.excinfo.value, TouchpointError):
            # A site's fault or a missing tool is a finding: its message, not a traceback.
            report.longrepr = f"{type(call.excinfo.value).__name__}: {call.excinfo.value}"
        if report.when != "call":
            return
        from pytest_html import extras

        from touchpoint.fixtures import RECORDER

        recorder = item.stash.get(RECORDER, None)
        if recorder is None:
            return
        added = []
        for attachment in recorder.attachments:
            if attachment.kind == "link":
                added.append(extras.url(attachment.content, name=attachment.name))
            elif attachment.kind == "file":
                added.append(extras.url(_relative(attachment.content, self.folder), name=attachment.name))
            elif attachment.kind == "png":
                added.append(extras.png(attachment.content, name=attachment.name))
            else:
                added.append(extras.jpg(attachment.content, name=attachment.name))
        report.extras = [*getattr(report, "extras", []), *added]

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        found = results_of(report.user_properties) if report.when == "call" else []
        self.results.extend(found)
        if report.failed and not found:
            self.broken.append(report.nodeid)

    # -- pytest-html ----------------------------------------------------------------------

    def pytest_metadata(self, metadata: dict[str, Any], config: pytest.Config) -> None:
        metadata.clear()
        metadata.update({"Site": self.site, "Address": self.address, "Profile": self.profile_path})

    def pytest_html_report_title(self, report: Any) -> None:
        report.title = self.config.stash[LANG]("Touchpoint audit: {site}").format(site=self.site)

    def pytest_html_results_table_header(self, cells: list[str]) -> None:
        result, test, duration, links = cells[:4]
        cells[:] = [
            result,
            '<th class="sortable" data-column-type="verdict">Verdict</th>',
            '<th class="sortable" data-column-type="category">Category</th>',
            '<th class="sortable" data-column-type="check">Check</th>',
            "<th>Measured</th>",
            "<th>Budget</th>",
            links,
            test,
            duration,
        ]

    def pytest_html_results_table_row(self, report: pytest.TestReport, cells: list[str]) -> None:
        result, test, duration, links = cells[:4]
        found = results_of(getattr(report, "user_properties", []))
        if found:
            worst = min(found, key=lambda r: _RANK[r.verdict])
            verdict = verdict_badge(worst.verdict)
            category = escape(worst.category)
            check = "<br>".join(f"{escape(r.title)} <small>({escape(r.subject)})</small>" for r in found)
            measured = "<br>".join(escape(measured_text(r)) for r in found)
            budget = "<br>".join(escape(budget_text(r)) for r in found)
        else:
            verdict = verdict_badge(Verdict.FAIL if report.failed else Verdict.PASS)
            category = check = measured = budget = ""
        cells[:] = [
            result,
            f'<td class="col-verdict">{verdict}</td>',
            f'<td class="col-category">{category}</td>',
            f'<td class="col-check">{check}</td>',
            f'<td class="col-measured">{measured}</td>',
            f'<td class="col-budget">{budget}</td>',
            links,
            test,
            duration,
        ]

    def pytest_html_results_table_html(self, report: pytest.TestReport, data: list[str]) -> None:
        found = results_of(getattr(report, "user_properties", []))
        if not found:
            return
        keep = [] if report.passed else data[:]
        data[:] = [evidence_html(found), *keep]

    def pytest_html_results_summary(
        self, prefix: list[str], summary: list[str], postfix: list[str], session: pytest.Session
    ) -> None:
        head = Headline(
            site=self.site,
            url=self.url or _site_url(self.results),
            started=self.started,
            finished=datetime.now().astimezone(),
            errors=len(self.broken),
            tools=tools_used(self.results),
        )
        view = self.view()
        lang = view.lang
        files = lang("The plan as a task list: {md} · {csv}").format(md="plan.md", csv="plan.csv")
        links = f"{escape(files)}".replace("plan.md", '<a href="plan.md">plan.md</a>').replace(
            "plan.csv", '<a href="plan.csv">plan.csv</a>'
        )
        prefix[:0] = [
            headline_html(head, self.results, lang),
            scorecard_html(view.card, lang),
            plan_html(view.steps, view.done, lang, files=links),
            replies_table_html(self.results, lang),
            contacts_table_html(self.results, lang),
            speed_table_html(self.results, lang),
            history_html(view.history, lang),
            f'<h2 class="tp-every">{escape(lang("Every check, for the people who debug"))}</h2>',
        ]

    # -- results.json -------------------------------------------------------------------------

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if hasattr(self.config, "workerinput"):
            return
        data = {
            "site": self.site,
            "url": self.url or _site_url(self.results),
            "started": self.started.isoformat(),
            "finished": datetime.now().astimezone().isoformat(),
            "exit_fails": any(r.verdict is Verdict.FAIL for r in self.results) or bool(self.broken),
            "broken": self.broken,
            "tools": tools_used(self.results),
            "language": self.view().lang.code,
            "scorecard": self.view().card.to_json(),
            "plan": [
                {
                    "category": st.category,
                    "action": st.words(),
                    "who": st.who,
                    "due": st.due.isoformat(),
                    "impact": st.impact,
                    "checks": list(st.checks),
                }
                for st in self.view().steps
            ],
            "done_since_last_run": [st.words() for st in self.view().done],
            "history": self.view().history.to_json(),
            "results": [r.to_json() for r in self.results],
        }
        (self.folder / "results.json").write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def _site_url(results: list[CheckResult]) -> str:
    """The audited origin as the checks saw it (the demo's port is only known at run time)."""
    for result in results:
        if result.url:
            parts = urlsplit(result.url)
            return f"{parts.scheme}://{parts.netloc}/"
    return ""


def _relative(path: str, folder: Path) -> str:
    try:
        return Path(path).resolve().relative_to(folder).as_posix()
    except ValueError:
        return Path(path).resolve().as_uri()


_RANK = {Verdict.FAIL: 0, Verdict.WARN: 1, Verdict.PASS: 2, Verdict.INFO: 3}
TOOL_KEYS = ("Lighthouse", "browser")


def tools_used(results: list[CheckResult]) -> dict[str, str]:
    """Versions of the tools that measured, as the checks recorded them."""
    found: dict[str, str] = {}
    for result in results:
        for key in TOOL_KEYS:
            if key in result.evidence and key not in found:
                found[key] = str(result.evidence[key])
    return found


# pybabel does not look inside f-strings: the words used there are marked here for the catalogs.
_IN_F_STRINGS = (
    N_("Touchpoint audit: {site}"),
    N_("The plan as a task list: {md} · {csv}"),
    N_("Every check, for the people who debug"),
)
