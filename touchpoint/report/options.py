"""Where the audit lands: reports/<site>/audit.html, junit.xml and results.json, <site> being
the profile's file name."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from touchpoint.profile.load import site_key
from touchpoint.profile.options import SOURCE, profile_of

__all__ = ["REPORT_DIR", "add_options", "configure", "report_dir"]

REPORT_DIR = pytest.StashKey[Path]()


def add_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    group.addoption(
        "--audit-reports",
        metavar="DIR",
        default=None,
        help="folder for audit reports (default: reports); each site gets DIR/<site>/",
    )
    parser.addini("audit_reports", "folder for audit reports", default="reports")


def configure(config: pytest.Config) -> None:
    profile = profile_of(config)
    if profile is None:
        return
    root = Path(config.getoption("audit_reports") or config.getini("audit_reports"))
    folder = (root / site_key(config.stash[SOURCE])).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    if not hasattr(config, "workerinput"):
        # Artifacts of an earlier audit would pass for this one's (workers share them by name).
        shutil.rmtree(folder / "lighthouse", ignore_errors=True)
    config.stash[REPORT_DIR] = folder
    # pytest-html and junitxml read these in their own pytest_configure, which runs after ours.
    if not config.getoption("htmlpath", None):
        config.option.htmlpath = str(folder / "audit.html")
        config.option.self_contained_html = True
    if not config.getoption("xmlpath", None):
        config.option.xmlpath = str(folder / "junit.xml")


def report_dir(config: pytest.Config) -> Path:
    return config.stash[REPORT_DIR]
