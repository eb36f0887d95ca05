"""The `--site` option: which profile to audit, loaded and checked before anything starts;
`--audit-base-url`: the same profile at another address (a staging or preview deployment)."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from touchpoint.errors import ProfileError
from touchpoint.profile.fields import HttpUrl
from touchpoint.profile.load import load_profile
from touchpoint.profile.model import SiteProfile

__all__ = ["PROFILE", "add_options", "at_address", "configure", "profile_of"]

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
    group.addoption(
        "--audit-base-url",
        metavar="URL",
        default=None,
        help="audit the profile's pages at this address instead of its base_url (a staging or preview deployment)",
    )
    parser.addini("audit_site", "site profile to audit when --site is not given", default="")


def at_address(profile: SiteProfile, raw: str) -> SiteProfile:
    """The profile with the deployed address as its base_url, or a usage error that says what to write."""
    if profile.demo.serve:
        raise pytest.UsageError(
            f"--audit-base-url {raw}: this profile serves the embedded demo, whose address is set when it "
            "starts; leave --audit-base-url out, or give a profile of the deployed site"
        )
    try:
        url = TypeAdapter(HttpUrl).validate_python(raw)
    except ValidationError as exc:
        said = str(exc.errors(include_url=False)[0]["msg"]).removeprefix("Value error, ")
        raise pytest.UsageError(f"--audit-base-url: {said}") from None
    return profile.with_base_url(url)


def configure(config: pytest.Config) -> None:
    raw = config.getoption("audit_site") or config.getini("audit_site")
    if not raw:
        return
    try:
        profile = load_profile(raw)
    except ProfileError as exc:
        # A usage error stops pytest before collection: no page is loaded, no browser starts.
        raise pytest.UsageError(str(exc)) from None
    base_url = config.getoption("audit_base_url")
    if base_url:
        profile = at_address(profile, base_url)
    config.stash[PROFILE] = profile
    config.stash[SOURCE] = str(raw)


def profile_of(config: pytest.Config) -> SiteProfile | None:
    return config.stash.get(PROFILE, None)
