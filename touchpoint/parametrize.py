"""Tests run once per page, device and metric of the profile.

A test that asks for `audited_page` runs once per page of the profile (only the pages with
`lighthouse = true` when it also asks for `speed`); `device` once per device; `speed_metric`
once per Lighthouse metric; `gated_metric` once per metric the regression gate compares (only
when the gate is on: --audit-baseline or [audit] baseline); `browser_metric` once per browser
timing with a budget; `task` once per findability task. Items of
one page and device share an xdist group, so `-n auto --dist loadgroup` keeps their visit and
Lighthouse runs on one worker.
"""

from __future__ import annotations

import pytest

from touchpoint.browser.options import BROWSER
from touchpoint.fixtures import NO_SITE
from touchpoint.profile.options import profile_of
from touchpoint.result import Level
from touchpoint.speed.metrics import LIGHTHOUSE_METRICS
from touchpoint.speed.options import SPEED
from touchpoint.speed.regression import GATED

__all__ = ["pytest_collection_modifyitems", "pytest_generate_tests"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    profile = profile_of(metafunc.config)
    if profile is None:
        return
    names = metafunc.fixturenames
    if "audited_page" in names:
        pages = [p.name for p in profile.pages if p.lighthouse or "speed" not in names]
        metafunc.parametrize("audited_page", pages, indirect=True, ids=pages)
    if "device" in names:
        devices = list(metafunc.config.stash[BROWSER].devices or profile.audit.devices)
        metafunc.parametrize("device", devices, indirect=True, ids=devices)
    if "speed_metric" in names:
        ids = [m.id for m in LIGHTHOUSE_METRICS]
        metafunc.parametrize("speed_metric", ids, ids=ids)
    if "gated_metric" in names:
        metafunc.parametrize("gated_metric", GATED, ids=GATED)
    if "contact_channel" in names:
        channels = [name for name, c in profile.channels.items() if c.kind in ("form", "email")]
        _parametrize(metafunc, "contact_channel", channels, _NO_CONTACT_CHANNEL)
    if "chat_channel" in names:
        chats = [name for name, c in profile.channels.items() if c.kind == "chat"]
        _parametrize(metafunc, "chat_channel", chats, _NO_CHAT_CHANNEL)
    if "task" in names:
        tasks = [t.name for t in profile.tasks]
        metafunc.parametrize("task", tasks, ids=tasks)
    if "browser_metric" in names:
        ids = [k for k, b in profile.budgets.for_browser().items() if b.level is not Level.OFF]
        metafunc.parametrize("browser_metric", ids, ids=ids)


_NO_CONTACT_CHANNEL = (
    "the profile names no callback form or email channel to try; add one under [channels] "
    "(see sites/example.toml) to time a person's reply"
)
_NO_CHAT_CHANNEL = 'the profile names no chat channel; add one under [channels] with kind = "chat" to time the chat'


def _parametrize(metafunc: pytest.Metafunc, name: str, values: list[str], none_reason: str) -> None:
    """One item per value; with none, one skipped item that says what to add (pytest's own
    "got empty parameter set" tells an owner nothing)."""
    if values:
        metafunc.parametrize(name, values, ids=values)
    else:
        metafunc.parametrize(name, [pytest.param(None, marks=pytest.mark.skip(reason=none_reason), id="none")])


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if profile_of(config) is None:
        needing = [item.nodeid for item in items if _uses_our_site(item)]
        if needing:
            raise pytest.UsageError(f"{NO_SITE} ({len(needing)} checks need one, e.g. {needing[0]})")
        return
    if config.stash[SPEED].baseline is None:
        _deselect_gate(config, items)
    # Contact attempts go first, so replies travel while the rest runs; waiting for them goes last.
    items.sort(
        key=lambda item: 0 if item.get_closest_marker("fire") else 2 if item.get_closest_marker("collect") else 1
    )
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "audited_page" in params and "device" in params:
            item.add_marker(pytest.mark.xdist_group(f"{params['audited_page']}@{params['device']}"))


def _deselect_gate(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With the regression gate off, its checks are not part of the audit (not skipped rows)."""
    off = [item for item in items if "gated_metric" in getattr(getattr(item, "callspec", None), "params", {})]
    if off:
        config.hook.pytest_deselected(items=off)
        items[:] = [item for item in items if item not in off]


def _uses_our_site(item: pytest.Item) -> bool:
    """Whether the item needs the plugin's own `site` fixture (a conftest may define its own)."""
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.get("site") if info is not None else None
    return definitions is not None and len(definitions) > 0 and definitions[-1].baseid == ""
