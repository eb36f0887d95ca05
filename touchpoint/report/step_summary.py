"""In GitHub Actions, the audit appends its Markdown summary to the job's summary page.

GitHub names the file in GITHUB_STEP_SUMMARY for each step; the summary is appended once an audit
has written its results.json, by the controller only (never by a pytest-xdist worker). Elsewhere
this does nothing. The words are `touchpoint.report.github.summary_markdown`'s.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from touchpoint.report.github import append_summary, run_url, shown_path, summary_markdown
from touchpoint.report.options import REPORT_DIR

__all__ = ["ENV", "pytest_unconfigure"]

ENV = "GITHUB_STEP_SUMMARY"


def pytest_unconfigure(config: pytest.Config) -> None:
    target = os.environ.get(ENV)
    folder = config.stash.get(REPORT_DIR, None)
    if not target or folder is None or getattr(config, "workerinput", None) is not None:
        return
    results = folder / "results.json"
    if not results.is_file():  # the run stopped before its report (a usage error says why)
        return
    try:
        data = json.loads(results.read_text(encoding="utf-8"))
        text = summary_markdown(data, report=shown_path(folder / "audit.html"), run_url=run_url(os.environ))
        append_summary(Path(target), text)
    except (OSError, ValueError) as exc:  # the audit's own result stands; the summary is a courtesy
        print(f"touchpoint: could not write the job summary to {target}: {exc}", file=sys.stderr)
