"""Registers the touchpoint plugin for runs from a checkout where it is not installed.

When the package is installed (`make setup` installs it in editable mode), its pytest11 entry
point registers the plugin and this file adds nothing, so the plugin is registered once.
"""

from __future__ import annotations

import importlib.metadata
import os


def _installed() -> bool:
    if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        return False
    entry_points = importlib.metadata.entry_points(group="pytest11")
    return any(ep.value == "touchpoint.plugin" for ep in entry_points)


pytest_plugins = [] if _installed() else ["touchpoint.plugin"]
