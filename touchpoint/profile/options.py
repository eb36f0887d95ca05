"""The `--site` option: which profile to audit, loaded and checked before anything starts."""

from __future__ import annotations

import pytest

from touchpoint.errors import ProfileError
from touchpoint.profile.load import load_profile
from touchpoint.profile.model import SiteProfile

__all__ = ["PROFILE", "add_options", "configure", "profile_of"]

PROFILE = pytest.StashKey[SiteProfile]()
SOURCE = pytest.StashKey[str]()


def add_options(group: pytest.OptionGroup, parser: pytest.Parser) -> None:
    group.addoption(
        "--site",
        dest="audit_site",
        metavar="PROFILE.toml",
        default=None,
        help="site profile to audit, e.g. sites/demo.toml",
    )
    parser.addini("audit_site", "site profile to audit when --site is not given", default="")


def configure(config: pytest.Config) -> None:
    raw = config.getoption("audit_site") or config.getini("audit_site")
    if not raw:
        return
    try:
        profile = load_profile(raw)
    except ProfileError as exc:
        # A usage error stops pytest before collection: no page is loaded, no browser starts.
        raise pytest.UsageError(str(exc)) from None
    config.stash[PROFILE] = profile
    config.stash[SOURCE] = str(raw)


def profile_of(config: pytest.Config) -> SiteProfile | None:
    return config.stash.get(PROFILE, None)
