"""Site profiles: one TOML file a site, validated into `SiteProfile`."""

from touchpoint.profile.load import load_profile, parse_profile
from touchpoint.profile.model import PageSpec, SiteProfile

__all__ = ["PageSpec", "SiteProfile", "load_profile", "parse_profile"]
