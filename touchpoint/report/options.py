"""Where the audit lands. Each run writes its own folder, reports/<site>/runs/<when>-run<id>/
(audit.html, junit.xml, results.json, lighthouse/), so runs of one site at the same time never
overwrite each other; when a run ends, reports/<site>/audit.html (and its neighbours) point at it
as the site's latest report. <site> is the profile's file name.

    reports/acme/audit.html              -> runs/20261204-101500-run42/audit.html
    reports/acme/runs/20261204-101500-run42/
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from touchpoint.ledger.options import RUN
from touchpoint.profile.load import site_key
from touchpoint.profile.options import SOURCE, profile_of
from touchpoint.report.i18n import LANGUAGES
from touchpoint.report.owner_view import LANG, report_language

__all__ = ["PUBLISHED", "REPORT_DIR", "WORKER_KEY", "add_options", "configure", "publish", "report_dir", "reports_root"]

REPORT_DIR = pytest.StashKey[Path]()
WORKER_KEY = "touchpoint_report_dir"
PUBLISHED = ("audit.html", "junit.xml", "results.json", "plan.md", "plan.csv", "lighthouse")


def add_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    group.addoption(
        "--audit-reports",
        metavar="DIR",
        default=None,
        help="folder for audit reports (default: reports); each site gets DIR/<site>/, each run DIR/<site>/runs/",
    )
    group.addoption(
        "--audit-lang",
        choices=LANGUAGES,
        default=None,
        help="the owner's report in this language (default: the profile's report_language, else its language)",
    )
    parser.addini("audit_reports", "folder for audit reports", default="reports")


def configure(config: pytest.Config) -> None:
    profile = profile_of(config)
    if profile is None:
        return
    worker = getattr(config, "workerinput", None)
    if worker is not None and WORKER_KEY in worker:
        folder = Path(worker[WORKER_KEY])  # the controller's run folder: one audit, one folder
    else:
        root = reports_root(config)
        run = config.stash[RUN]
        folder = root / site_key(config.stash[SOURCE]) / "runs" / f"{datetime.now(UTC):%Y%m%d-%H%M%S}-run{run.run_id}"
        folder = folder.resolve()
    folder.mkdir(parents=True, exist_ok=True)
    config.stash[REPORT_DIR] = folder
    config.stash[LANG] = report_language(config)
    # pytest-html and junitxml read these in their own pytest_configure, which runs after ours.
    if not config.getoption("htmlpath", None):
        config.option.htmlpath = str(folder / "audit.html")
        config.option.self_contained_html = True
    if not config.getoption("xmlpath", None):
        config.option.xmlpath = str(folder / "junit.xml")


def report_dir(config: pytest.Config) -> Path:
    return config.stash[REPORT_DIR]


def publish(folder: Path) -> None:
    """Make the run's report the site's latest: reports/<site>/audit.html and its neighbours point
    at runs/<run>/ (symbolic links; copies where links cannot be made). A folder an older version
    wrote in their place is moved into runs/, never deleted."""
    site = folder.parent.parent
    for name in PUBLISHED:
        target = folder / name
        if not target.exists():
            continue
        link = site / name
        if link.exists() and not link.is_symlink():
            keep = site / "runs" / f"earlier-{datetime.fromtimestamp(link.stat().st_mtime, UTC):%Y%m%d-%H%M%S}"
            keep.mkdir(parents=True, exist_ok=True)
            shutil.move(str(link), str(keep / name))
        temporary = site / f".{name}.{os.getpid()}"
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        try:
            temporary.symlink_to(os.path.relpath(target, site), target_is_directory=target.is_dir())
        except OSError:  # no symbolic links here (Windows without the right): a copy
            if target.is_dir():
                shutil.copytree(target, temporary)
            else:
                shutil.copy2(target, temporary)
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link)
        os.replace(temporary, link)


def reports_root(config: pytest.Config) -> Path:
    """The folder every site's reports go under (--audit-reports, else the ini's audit_reports)."""
    return Path(config.getoption("audit_reports") or config.getini("audit_reports"))
