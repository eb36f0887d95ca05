"""Writes the audit's check results into the ledger and closes the run (controller only)."""

from __future__ import annotations

import pytest

from touchpoint.ledger.options import RUN
from touchpoint.ledger.store import Ledger
from touchpoint.recorder import results_of

__all__ = ["LedgerRecorder"]


class LedgerRecorder:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.ledger = Ledger.open(config.stash[RUN].ledger_url)
        self.run_id = config.stash[RUN].run_id

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if hasattr(self.config, "workerinput") or report.when != "call":
            return
        for result in results_of(report.user_properties):
            self.ledger.record_check(self.run_id, result.to_json())

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if not hasattr(self.config, "workerinput"):
            self.ledger.finish_run(self.run_id, "passed" if exitstatus == 0 else f"exit {exitstatus}")
