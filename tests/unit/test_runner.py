"""The Lighthouse runner around a stand-in `lighthouse` command (real subprocesses)."""

from __future__ import annotations

import itertools
import multiprocessing
import subprocess
from pathlib import Path

import pytest
from filelock import FileLock

from tests import fake_lighthouse
from tests.conftest import DATA
from touchpoint.browser.launch import DEVICES
from touchpoint.errors import HttpErrorStatus, LighthouseFailed, LighthouseNotInstalled
from touchpoint.speed.runner import Lighthouse, find_lighthouse


@pytest.fixture
def fake(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FAKE_LHR", str(DATA / "lhr" / "demo-home-mobile.json.gz"))
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "runs.log"))
    return fake_lighthouse.make(tmp_path)


def tool(fake: Path, tmp_path: Path) -> Lighthouse:
    return Lighthouse([str(fake)], chrome_path="/usr/bin/true", lock=FileLock(tmp_path / "lh.lock"))


def test_a_run_is_parsed_and_timed(fake: Path, tmp_path: Path) -> None:
    record = tool(fake, tmp_path).run(
        "http://127.0.0.1:1/", device=DEVICES["mobile"], output_stem=tmp_path / "out" / "home"
    )
    assert record.run.value("largest-contentful-paint") is not None
    assert record.run.html_report.endswith("home.report.html")
    assert record.ran_s > 0 and record.waited_s >= 0


def test_argv_asks_for_both_reports_and_the_device_preset(fake: Path, tmp_path: Path) -> None:
    lh = tool(fake, tmp_path)
    desktop = lh.argv("http://x/", DEVICES["desktop"], tmp_path / "s")
    mobile = lh.argv("http://x/", DEVICES["mobile"], tmp_path / "s")
    assert "--preset=desktop" in desktop and not any(a.startswith("--preset") for a in mobile)
    assert "--output=json" in mobile and "--output=html" in mobile
    flags = next(a for a in mobile if a.startswith("--chrome-flags="))
    assert "--disable-background-networking" in flags and "--headless=new" in flags
    assert lh.env()["CHROME_PATH"] == "/usr/bin/true"
    remote = Lighthouse([str(fake)], remote="http://10.0.0.5:9333").argv("http://x/", DEVICES["mobile"], tmp_path / "s")
    assert "--hostname=10.0.0.5" in remote and "--port=9333" in remote
    assert not any(a.startswith("--chrome-flags") for a in remote)


def test_a_runtime_error_in_the_result_is_the_sites_finding(
    fake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_LHR", str(DATA / "lhr" / "demo-about-500.json.gz"))
    with pytest.raises(HttpErrorStatus):
        tool(fake, tmp_path).run("http://x/", device=DEVICES["mobile"], output_stem=tmp_path / "a")


def test_a_failed_run_keeps_lighthouses_output(fake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_FAIL", "Error: something broke inside Lighthouse")
    with pytest.raises(LighthouseFailed) as caught:
        tool(fake, tmp_path).run("http://x/", device=DEVICES["mobile"], output_stem=tmp_path / "a")
    assert "something broke inside Lighthouse" in str(caught.value)
    assert "something broke" in caught.value.stderr


def test_a_hung_lighthouse_is_stopped(fake: Path, tmp_path: Path) -> None:
    def hung(argv: list[str], *, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
        raise subprocess.TimeoutExpired(argv, timeout, output="", stderr="still waiting")

    lh = Lighthouse([str(fake)], runner=hung, lock=FileLock(tmp_path / "l"))
    with pytest.raises(LighthouseFailed, match="did not finish"):
        lh.run("http://x/", device=DEVICES["mobile"], output_stem=tmp_path / "a")


def test_missing_lighthouse_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(LighthouseNotInstalled, match="does not exist"):
        find_lighthouse(str(tmp_path / "nope"))
    lh = Lighthouse([str(tmp_path / "nope")], lock=FileLock(tmp_path / "l"))
    with pytest.raises(LighthouseNotInstalled, match="make setup"):
        lh.run("http://x/", device=DEVICES["mobile"], output_stem=tmp_path / "a")


def _one_run(fake: str, lock: str, stem: str) -> None:
    Lighthouse([fake], lock=FileLock(lock)).run("http://x/", device=DEVICES["mobile"], output_stem=Path(stem))


def test_runs_in_separate_processes_never_overlap(fake: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAKE_SLEEP", "0.4")
    lock = str(tmp_path / "machine.lock")
    context = multiprocessing.get_context("spawn")
    procs = [context.Process(target=_one_run, args=(str(fake), lock, str(tmp_path / f"r{i}"))) for i in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    spans = sorted(tuple(map(float, line.split()[:2])) for line in (tmp_path / "runs.log").read_text().splitlines())
    assert len(spans) == 3
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start >= end, f"two Lighthouse runs overlapped: {spans}"
