"""How long do my pages make people wait? Lighthouse, run N times, the median run checked.

One row a metric, page and device; the budgets come from the profile's [budgets.speed].
"""

from touchpoint.profile import PageSpec, SiteProfile
from touchpoint.recorder import Recorder
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
