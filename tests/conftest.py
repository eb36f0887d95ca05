"""Shared helpers of the engine's own tests.

Three tiers: tests/unit (pure, saved data), tests/plugin (pytester), tests/browser (real
Chromium and Lighthouse against the demo business on 127.0.0.1, port 0).
"""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from touchpoint.browser.find import find_browser
from touchpoint.demo.server import DemoServer
from touchpoint.profile.model import DemoKnobs

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent

pytest_plugins = ["pytester"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        # Warnings are errors in the engine's own tests (not in audits of real sites).
        item.add_marker(pytest.mark.filterwarnings("error"))
        item.add_marker(pytest.mark.filterwarnings("ignore::DeprecationWarning:pytest_html"))
        if "browser" in item.path.parts[-2:-1]:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def lhr() -> Callable[[str], dict[str, Any]]:
    """A saved, real Lighthouse result from tests/data/lhr."""

    def load(name: str) -> dict[str, Any]:
        with gzip.open(DATA / "lhr" / f"{name}.json.gz", "rt", encoding="utf-8") as f:
            data: dict[str, Any] = json.load(f)
        return data

    return load


@pytest.fixture
def demo_site() -> Iterator[Callable[..., DemoServer]]:
    """Start the demo business with knobs: `server = demo_site(server_delay_ms=1500)`."""
    started: list[DemoServer] = []

    def start(**knobs: Any) -> DemoServer:
        server = DemoServer(DemoKnobs(serve=True, **knobs)).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def chromium() -> str:
    return find_browser().path


@pytest.fixture(scope="session")
def lighthouse_cmd() -> list[str]:
    local = ROOT / "node_modules" / ".bin" / "lighthouse"
    if not local.is_file() and not shutil.which("lighthouse"):
        pytest.fail("Lighthouse is not installed: run `make setup`", pytrace=False)
    return [str(local)] if local.is_file() else [str(shutil.which("lighthouse"))]


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    """A real PostgreSQL server for this test process (one a pytest-xdist worker)."""
    from tests.postgres import PostgresServer

    with PostgresServer.started() as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty ledger on each engine: a SQLite file, and a database on a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    server = request.getfixturevalue("postgres")
    return str(server.new_database())
