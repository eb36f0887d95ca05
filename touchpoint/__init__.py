"""touchpoint-audit: a synthetic mystery shopper for a business's website and touchpoints.

The public API; everything else lives in modules named for their concern.
"""

from touchpoint.budgets import Budget, assess, parse_budget
from touchpoint.errors import (
    BrowserCrashed,
    BrowserNotFound,
    DnsError,
    HttpErrorStatus,
    LighthouseFailed,
    LighthouseNotInstalled,
    NetworkError,
    PageTimeout,
    ProfileError,
    RedirectLoop,
    SetupError,
    SiteError,
    TlsError,
    ToolError,
    TouchpointError,
)
from touchpoint.profile import PageSpec, SiteProfile, load_profile, parse_profile
from touchpoint.result import CheckResult, Level, Verdict, unmeasured

__all__ = [
    "BrowserCrashed",
    "BrowserNotFound",
    "Budget",
    "CheckResult",
    "DnsError",
    "HttpErrorStatus",
    "Level",
    "LighthouseFailed",
    "LighthouseNotInstalled",
    "NetworkError",
    "PageSpec",
    "PageTimeout",
    "ProfileError",
    "RedirectLoop",
    "SetupError",
    "SiteError",
    "SiteProfile",
    "TlsError",
    "ToolError",
    "TouchpointError",
    "Verdict",
    "assess",
    "load_profile",
    "parse_budget",
    "parse_profile",
    "unmeasured",
]
