"""The sites the nightly audit runs on: one matrix job for each profile in sites/.

Left out: the template (example.toml), profiles that serve the embedded demo business
([demo] serve = true: demo.toml, demo-rival.toml) and the release gate's staging.toml, which is
audited on each deployment instead. A profile that is not valid TOML stays in, so its job fails
with the profile's own message instead of the whole night failing here.

    python3 .github/scripts/nightly_sites.py sites     # ["acme", "rival"]; with GITHUB_OUTPUT
                                                       # set, also sites=[...] for the matrix
Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import json
import os
import sys
import tomllib
from pathlib import Path

__all__ = ["LEFT_OUT", "nightly_sites"]

LEFT_OUT = ("example", "staging")  # file stems: the template, and the release gate's profile


def _serves_demo(profile: Path) -> bool:
    try:
        data = tomllib.loads(profile.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    demo = data.get("demo")
    return isinstance(demo, dict) and demo.get("serve") is True


def nightly_sites(folder: Path) -> list[str]:
    """The stems of the profiles in `folder` the nightly audit runs on, sorted."""
    return [
        profile.stem
        for profile in sorted(folder.glob("*.toml"))
        if profile.stem not in LEFT_OUT and not _serves_demo(profile)
    ]


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else "sites")
    sites = json.dumps(nightly_sites(folder))
    print(sites)
    output = os.environ.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as out:
            out.write(f"sites={sites}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
