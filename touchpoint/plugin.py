"""The pytest plugin: it only wires. Each concern brings its options and its configure step.

Registered once: by the `pytest11` entry point when the package is installed, or by the
repository's conftest.py when it is not.
"""

from __future__ import annotations

import pytest

from touchpoint import fixtures, parametrize
from touchpoint.browser import options as browser_options
from touchpoint.profile import options as profile_options
from touchpoint.profile.options import SOURCE, profile_of
from touchpoint.report import options as report_options
from touchpoint.report.html import CSS, AuditReport
from touchpoint.report.options import report_dir
from touchpoint.speed import options as speed_options

CONCERNS = (profile_options, report_options, browser_options, speed_options)


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
    config.pluginmanager.register(parametrize, "touchpoint.parametrize")
    profile = profile_of(config)
    if profile is None:
        return
    if config.getoption("css", None) is not None:
        config.option.css = [*config.option.css, str(CSS)]
    config.pluginmanager.register(
        AuditReport(
            config,
            site=profile.name,
            url=profile.base_url or "",
            address=profile.base_url or "the embedded demo business, on 127.0.0.1",
            folder=report_dir(config),
            profile_path=str(config.stash[SOURCE]),
        ),
        "touchpoint.report",
    )
