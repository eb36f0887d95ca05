"""How long do my pages make people wait? Lighthouse, run N times, the median run checked.

One row a metric, page and device; the budgets come from the profile's [budgets.speed]. With the
regression gate on, one more row a gated metric compares this run's runs with earlier runs'.
"""

from touchpoint.profile import PageSpec, SiteProfile
from touchpoint.recorder import Recorder
from touchpoint.speed.gate import Baseline
from touchpoint.speed.probe import SpeedProbe


def test_lighthouse(
    site: SiteProfile,
    audited_page: PageSpec,
    device: str,
    speed_metric: str,
    speed: SpeedProbe,
    audit: Recorder,
) -> None:
    url = site.page_url(audited_page)
    budget = site.budgets.for_speed(device)[speed_metric]
    audit.check(speed.check(audited_page.name, url, device, speed_metric, budget))
    measured = speed.cached(audited_page.name, device)
    if measured is not None and measured.run.html_report:
        audit.attach_file(measured.run.html_report, "Lighthouse report")


def test_lighthouse_regression(
    site: SiteProfile,
    audited_page: PageSpec,
    device: str,
    gated_metric: str,
    speed: SpeedProbe,
    baseline: Baseline,
    audit: Recorder,
) -> None:
    """The regression gate (--audit-baseline): this run's Lighthouse runs against earlier runs'.

    A metric fails only when it is slower by a significant, large and practical amount.
    """
    url = site.page_url(audited_page)
    audit.check(baseline.check(speed, audited_page.name, url, device, gated_metric))
