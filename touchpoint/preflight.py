"""Before the first check runs: a part the selected checks need and cannot do without is a set-up
error (exit 4) that names the fix, not a green audit that measured nothing.

Today that part is Lighthouse: if the run has speed checks whose budgets are not all `off` and no
Lighthouse can be found, the run stops before any page loads. With every speed budget `off`, the
speed checks report "not measured" and the run goes on.
"""

from __future__ import annotations

import pytest

from touchpoint.errors import LighthouseNotInstalled
from touchpoint.profile.options import profile_of
from touchpoint.result import Level
from touchpoint.speed.options import SPEED
from touchpoint.speed.runner import find_lighthouse

__all__ = ["pytest_collection_modifyitems"]


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected: only what will really run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    profile = profile_of(config)
    if profile is None or getattr(config, "workerinput", None) is not None:
        return
    gated = []
    for item in items:
        params = getattr(getattr(item, "callspec", None), "params", {})
        if "speed_metric" in params and "device" in params:
            budget = profile.budgets.for_speed(str(params["device"])).get(str(params["speed_metric"]))
            if budget is not None and budget.level is not Level.OFF:
                gated.append(item)
        elif "gated_metric" in params:  # the regression gate fails at level error
            gated.append(item)
    if not gated:
        return
    try:
        find_lighthouse(config.stash[SPEED].lighthouse)
    except LighthouseNotInstalled as exc:
        raise pytest.UsageError(
            f"{exc}. {len(gated)} speed checks with budgets need it (e.g. {gated[0].name}); to audit without "
            "measuring speed, turn the speed budgets off in the profile or leave them out with -k 'not speed'"
        ) from None
