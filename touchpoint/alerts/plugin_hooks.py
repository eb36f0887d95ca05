"""Alerts after the audit: once the report is written, on the controller (never on a pytest-xdist
worker), this run's results are compared with the site's open incidents and what changed is sent
through the profile's Apprise URLs. A receiver that fails is a warning in the terminal, and the
message waits for the next run; the audit's outcome never depends on it.

    [alerts]
    urls = ["json://alerts.internal:8080/touchpoint"]
    urls_env = ["TOUCHPOINT_ALERT_URL"]
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path
from urllib.parse import quote

import pytest

from touchpoint.alerts.notify import Told, raise_alerts
from touchpoint.alerts.receivers import Receiver, receivers_of
from touchpoint.errors import ProfileError
from touchpoint.ledger import Ledger
from touchpoint.ledger.options import RUN
from touchpoint.profile.model import SiteProfile
from touchpoint.profile.options import SOURCE, profile_of
from touchpoint.report.options import REPORT_DIR, reports_root
from touchpoint.result import Level

__all__ = ["AlertHooks", "add_options", "configure", "report_link"]


def add_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    group.addoption(
        "--audit-no-alerts",
        action="store_true",
        default=False,
        help="send no alerts from this run, and leave the site's incidents as they are",
    )


def configure(config: pytest.Config) -> None:
    """Alerts for a profile with [alerts], on the controller; a variable of urls_env that is not
    set (or holds a URL Apprise cannot read) is a usage error before any page loads."""
    profile = profile_of(config)
    if profile is None or not profile.alerts.wanted or hasattr(config, "workerinput"):
        return
    if config.getoption("audit_no_alerts"):
        return
    problems = profile.alerts.problems(os.environ)
    if problems:
        raise pytest.UsageError(str(ProfileError(config.stash[SOURCE], problems)))
    receivers = receivers_of(profile.alerts.urls, profile.alerts.urls_env, os.environ)
    config.pluginmanager.register(AlertHooks(config, profile, receivers), "touchpoint.alerts")


def report_link(html: Path, reports_root: Path, report_url: str | None) -> str:
    """The run's report as the message links it: under `report_url` when the reports folder is
    published there, else the file itself."""
    html = html.resolve()
    if report_url:
        try:
            relative = html.relative_to(reports_root.resolve()).as_posix()
        except ValueError:
            return html.as_uri()
        return f"{report_url.rstrip('/')}/{quote(relative)}"
    return html.as_uri()


class AlertHooks:
    def __init__(self, config: pytest.Config, profile: SiteProfile, receivers: list[Receiver]) -> None:
        self.config = config
        self.profile = profile
        self.receivers = receivers
        self.told: Told | None = None

    @pytest.hookimpl(wrapper=True, trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> Generator[None, None, None]:
        # Inside every other plugin's sessionfinish: the report, results.json and the run's
        # record are written when this goes on, and the terminal summary comes after it.
        yield
        if session.testscollected and not self.config.option.collectonly:
            self.told = self.alert()

    def alert(self) -> Told:
        run = self.config.stash[RUN]
        folder = self.config.stash[REPORT_DIR]
        html = Path(self.config.getoption("htmlpath", None) or folder / "audit.html")
        link = report_link(html, reports_root(self.config), self.profile.alerts.report_url)
        try:
            ledger = Ledger.open(run.ledger_url)
            wanted = {name for name, channel in self.profile.channels.items() if channel.level is not Level.OFF}
            return raise_alerts(
                ledger,
                site=run.site,
                name=self.profile.name,
                run_id=run.run_id,
                results=ledger.checks(run.run_id),
                attempts=[a for a in ledger.settled_attempts(run.site) if a.channel in wanted],
                receivers=self.receivers,
                link=link,
            )
        except Exception as exc:  # the ledger went away at the end: the audit stands, alerts wait
            why = str(exc).splitlines()[0][:300] if str(exc) else ""
            return Told(warnings=[f"alerts were not evaluated ({type(exc).__name__}: {why}); the next run will"])

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        told = self.told
        if told is None or not (told.sent or told.warnings):
            return
        terminalreporter.section("alerts")
        for title in told.sent:
            terminalreporter.write_line(f"sent: {title}")
        for warning in told.warnings:
            terminalreporter.write_line(f"WARNING: {warning}", yellow=True)
