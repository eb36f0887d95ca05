from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from touchpoint.speed.lhr import LighthouseRun
from touchpoint.speed.representative import median, representative_run


def run(fcp: float | None, tti: float | None) -> LighthouseRun:
    return LighthouseRun("u", "u", "mobile", "simulate", "12", "", {"first-contentful-paint": fcp, "interactive": tti})


def test_median() -> None:
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5


def test_the_run_closest_to_both_medians_is_chosen() -> None:
    runs = [run(1000, 5000), run(1200, 3000), run(1100, 3100), run(3000, 9000), run(900, 2900)]
    # medians: FCP 1100, TTI 3100 -> the third run sits exactly on them
    assert representative_run(runs) == 2


def test_runs_without_the_metrics_are_skipped() -> None:
    assert representative_run([run(None, 3000), run(1000, 2000)]) == 1
    assert representative_run([run(None, None), run(None, 1)]) == 0


@given(st.lists(st.tuples(st.floats(1, 1e5), st.floats(1, 1e5)), min_size=1, max_size=9))
def test_the_representative_is_never_farther_than_any_other(pairs: list[tuple[float, float]]) -> None:
    runs = [run(f, t) for f, t in pairs]
    chosen = representative_run(runs)
    mf, mt = median([f for f, _ in pairs]), median([t for _, t in pairs])

    def distance(i: int) -> float:
        return (pairs[i][0] - mf) ** 2 + (pairs[i][1] - mt) ** 2

    assert all(distance(chosen) <= distance(i) for i in range(len(pairs)))
