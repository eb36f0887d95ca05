"""One Chromium for many audits: started with remote debugging on 127.0.0.1 (a port the system
picks), which each audit then uses as a remote browser (`--audit-cdp`), each in contexts of its own.

    with SharedChromium.start(find_browser().path) as shared:
        print(shared.endpoint)   # http://127.0.0.1:40123

The port is read from the `DevToolsActivePort` file Chromium writes into its profile folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

from touchpoint.browser.launch import chromium_flags
from touchpoint.errors import BrowserCrashed

__all__ = ["SharedChromium", "shared_chromium_argv"]


def shared_chromium_argv(executable: str, profile_dir: Path) -> list[str]:
    """The command line: the audit's usual flags, headless, remote debugging on a free port."""
    return [
        executable,
        *chromium_flags(headless_flag=True),
        "--remote-debugging-port=0",
        f"--user-data-dir={profile_dir}",
        "about:blank",
    ]


def _active_port(profile_dir: Path) -> int | None:
    """The port in Chromium's DevToolsActivePort file ("40123\\n/devtools/browser/<id>"), once written."""
    try:
        first = (profile_dir / "DevToolsActivePort").read_text(encoding="ascii").split("\n", 1)[0].strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(first) if first.isdigit() and int(first) > 0 else None


class SharedChromium:
    """A headless Chromium with remote debugging, in its own process group and profile folder."""

    def __init__(self, process: subprocess.Popen[bytes], endpoint: str, version: str, folder: Path) -> None:
        self.process = process
        self.endpoint = endpoint
        self.version = version
        self._folder = folder

    @classmethod
    def start(cls, executable: str, *, timeout: float = 30.0) -> SharedChromium:
        import httpx

        folder = Path(tempfile.mkdtemp(prefix="touchpoint-shared-chromium-"))
        profile_dir = folder / "profile"
        with (folder / "chromium.log").open("wb") as log:
            process = subprocess.Popen(
                shared_chromium_argv(executable, profile_dir),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,  # Ctrl-C reaches the audits first; the browser is stopped after them
            )
        browser = cls(process, "", "", folder)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and process.poll() is None:
            port = _active_port(profile_dir)
            if port:
                endpoint = f"http://127.0.0.1:{port}"
                with contextlib.suppress(httpx.HTTPError, ValueError):
                    answer = httpx.get(f"{endpoint}/json/version", timeout=2.0)
                    browser.endpoint = endpoint
                    browser.version = str(answer.json().get("Browser", "Chromium"))
                    return browser
            time.sleep(0.1)
        said = browser._log_tail()
        browser.close()
        why = f"it exited with status {process.returncode}" if process.returncode is not None else "it did not answer"
        raise BrowserCrashed(
            f"could not start the shared browser {executable} ({why} within {timeout:.0f} s){said}. Check that it "
            "runs on its own (`chromium --headless --dump-dom about:blank`), set another with --audit-browser, "
            "or give a running one with --audit-cdp"
        )

    def _log_tail(self) -> str:
        try:
            lines = (self._folder / "chromium.log").read_text(errors="replace").strip().splitlines()
        except OSError:
            return ""
        useful = [line for line in lines if "dbus" not in line and line.strip()]
        return f": {useful[-1].strip()}" if useful else ""

    def close(self) -> None:
        """Stop the browser (and its helper processes) and remove its profile folder."""
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        shutil.rmtree(self._folder, ignore_errors=True)

    def __enter__(self) -> SharedChromium:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
