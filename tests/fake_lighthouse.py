"""A stand-in for the `lighthouse` command, for tests of what surrounds Lighthouse (the
machine-wide lock, argument passing, failure handling). It writes a saved real LHR where
Lighthouse would, logs when it ran, and can fail like Lighthouse fails.

Environment: FAKE_LHR (a .json.gz to write), FAKE_LOG (append "start end" lines),
FAKE_SLEEP (seconds), FAKE_FAIL ("stderr text" to print and exit 1 without writing a result).
"""

from __future__ import annotations

import gzip
import os
import sys
import time
from pathlib import Path


def make(folder: Path) -> Path:
    """Write an executable `lighthouse` script into `folder` and return its path."""
    script = folder / "lighthouse"
    script.write_text(
        f"#!{sys.executable}\nimport runpy\nrunpy.run_path({str(Path(__file__))!r}, run_name='__main__')\n"
    )
    script.chmod(0o755)
    return script


def main() -> int:
    start = time.time()
    stem = next(a.split("=", 1)[1] for a in sys.argv if a.startswith("--output-path="))
    fail = os.environ.get("FAKE_FAIL")
    time.sleep(float(os.environ.get("FAKE_SLEEP", "0")))
    if log := os.environ.get("FAKE_LOG"):
        with open(log, "a", encoding="utf-8") as f:
            f.write(f"{start} {time.time()} {' '.join(sys.argv[1:])}\n")
    if fail:
        print(fail, file=sys.stderr)
        return 1
    with gzip.open(os.environ["FAKE_LHR"], "rt", encoding="utf-8") as f:
        Path(f"{stem}.report.json").write_text(f.read(), encoding="utf-8")
    Path(f"{stem}.report.html").write_text("<html>fake report</html>", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
