"""Where the audit suites (probes/, journeys/) and the demo profile are.

An installed wheel carries them under `touchpoint/_bundled/`; a checkout has them at its root.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["AUDIT_INI", "demo_profile", "suite_root", "suites"]

PACKAGE = Path(__file__).resolve().parent
AUDIT_INI = PACKAGE / "audit.ini"


def suite_root() -> Path:
    for root in (PACKAGE / "_bundled", PACKAGE.parent):
        if (root / "probes").is_dir():
            return root
    raise FileNotFoundError(
        f"the audit suites (probes/, journeys/) are neither in {PACKAGE / '_bundled'} nor in "
        f"{PACKAGE.parent}; reinstall touchpoint-audit"
    )


def suites() -> list[Path]:
    root = suite_root()
    return [root / name for name in ("probes", "journeys") if (root / name).is_dir()]


def demo_profile() -> Path:
    return suite_root() / "sites" / "demo.toml"
