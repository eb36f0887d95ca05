"""The pytest plugin: it only wires. Each concern brings its options and its configure step.

Registered once: by the `pytest11` entry point when the package is installed, or by the
repository's conftest.py when it is not.
"""

from __future__ import annotations

from typing import Any

import pytest

from touchpoint import fixtures, journey_fixtures, parametrize, preflight
from touchpoint.alerts import plugin_hooks as alerts
from touchpoint.browser import options as browser_options
from touchpoint.bundled import suites
from touchpoint.ledger import options as ledger_options
from touchpoint.ledger.recorder import LedgerRecorder
from touchpoint.profile import options as profile_options
from touchpoint.profile.options import SOURCE, profile_of
from touchpoint.report import options as report_options
from touchpoint.report import step_summary
from touchpoint.report.html import CSS, AuditReport
from touchpoint.report.options import report_dir
from touchpoint.report.owner_view import LANG
from touchpoint.report.portfolio import write_portfolio
from touchpoint.speed import options as speed_options

# The ledger before the report: each run's report folder is named after its run.
CONCERNS = (profile_options, ledger_options, report_options, browser_options, speed_options, alerts)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("touchpoint", "touchpoint audit")
    for concern in CONCERNS:
        concern.add_options(group, parser)


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "xdist_group(name): run items of one page and device together")
    for concern in CONCERNS:
        concern.configure(config)
    config.pluginmanager.register(fixtures, "touchpoint.fixtures")
    config.pluginmanager.register(journey_fixtures, "touchpoint.journey_fixtures")
    config.addinivalue_line("markers", "fire: a contact attempt, made before the other checks")
    config.addinivalue_line("markers", "collect: waits for replies, after the other checks")
    config.pluginmanager.register(parametrize, "touchpoint.parametrize")
    config.pluginmanager.register(preflight, "touchpoint.preflight")
    config.pluginmanager.register(step_summary, "touchpoint.step_summary")  # GitHub's job summary
    profile = profile_of(config)
    if profile is None:
        return
    if config.args_source == pytest.Config.ArgsSource.TESTPATHS:
        # `pytest --site x.toml` in a folder whose pytest settings name its own tests (this
        # repository's do): the audit is what was asked for, not that folder's test suite.
        config.args = [str(path) for path in suites()]
    if config.getoption("css", None) is not None:
        config.option.css = [*config.option.css, str(CSS)]
    config.pluginmanager.register(LedgerRecorder(config), "touchpoint.ledger")
    config.pluginmanager.register(
        AuditReport(
            config,
            site=profile.name,
            url=profile.start_url if profile.base_url else "",
            address=profile.base_url or "the embedded demo business, on 127.0.0.1",
            folder=report_dir(config),
            profile_path=str(config.stash[SOURCE]),
        ),
        "touchpoint.report",
    )


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """pytest-xdist: workers record into the controller's run."""
    run = node.config.stash.get(ledger_options.RUN, None)
    if run is not None:
        node.workerinput[ledger_options.WORKER_KEY] = run.run_id
    folder = node.config.stash.get(report_options.REPORT_DIR, None)
    if folder is not None:
        node.workerinput[report_options.WORKER_KEY] = str(folder)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """The run's report, written by now, becomes the site's latest (on the controller only)."""
    folder = config.stash.get(report_options.REPORT_DIR, None)
    if folder is not None and getattr(config, "workerinput", None) is None:
        report_options.publish(folder)
        write_portfolio(folder.parent.parent.parent, config.stash[LANG])  # reports/index.html
