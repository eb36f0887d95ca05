"""The business-hours SLA clock, by example and by property (weekends, holidays, DST changes)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from touchpoint.profile.model import Hours
from touchpoint.replies.sla import BusinessHours, business_time, due_at

WEEKDAYS = {d: ((time(9), time(18)),) for d in ("mon", "tue", "wed", "thu", "fri")}
ZONES = ["Europe/London", "Europe/Vilnius", "Europe/Moscow", "America/New_York", "UTC"]


def office(zone: str = "Europe/London", holidays: tuple[date, ...] = (), **days: object) -> BusinessHours:
    return BusinessHours(Hours(**(days or WEEKDAYS), holidays=holidays), zone)  # type: ignore[arg-type]


def test_friday_night_is_due_on_monday_morning() -> None:
    london = ZoneInfo("Europe/London")
    sent = datetime(2026, 11, 20, 23, 0, tzinfo=london)  # a Friday
    assert due_at(sent, timedelta(minutes=15), office()) == datetime(2026, 11, 23, 9, 15, tzinfo=london)


def test_holidays_are_closed() -> None:
    london = ZoneInfo("Europe/London")
    sent = datetime(2026, 12, 24, 17, 50, tzinfo=london)  # Thursday, 10 minutes before closing
    hours = office(holidays=(date(2026, 12, 25), date(2026, 12, 28)))
    assert due_at(sent, timedelta(minutes=15), hours) == datetime(2026, 12, 29, 9, 5, tzinfo=london)


def test_split_days_and_midnight() -> None:
    vilnius = ZoneInfo("Europe/Vilnius")
    hours = office(
        "Europe/Vilnius",
        mon=((time(9), time(13)), (time(14), time(18))),
        tue=((time(20), time.max),),
        wed=((time(0), time(2)),),
    )
    assert due_at(datetime(2026, 11, 23, 12, 50, tzinfo=vilnius), timedelta(minutes=30), hours) == datetime(
        2026, 11, 23, 14, 20, tzinfo=vilnius
    )
    assert due_at(datetime(2026, 11, 24, 23, 30, tzinfo=vilnius), timedelta(hours=1), hours) == datetime(
        2026, 11, 25, 0, 30, tzinfo=vilnius
    )


def test_across_the_spring_dst_change() -> None:
    london = ZoneInfo("Europe/London")
    hours = office(sat=((time(0), time.max),), sun=((time(0), time.max),))
    sent = datetime(2027, 3, 28, 0, 30, tzinfo=london)  # clocks go 01:00 -> 02:00 that night
    due = due_at(sent, timedelta(hours=1), hours)
    assert due == datetime(2027, 3, 28, 2, 30, tzinfo=london)  # one real hour later
    assert business_time(sent, due, hours) == timedelta(hours=1)


def test_no_hours_means_always_open() -> None:
    utc = ZoneInfo("UTC")
    always = BusinessHours(Hours(), "UTC")
    assert due_at(datetime(2026, 11, 21, 3, 0, tzinfo=utc), timedelta(minutes=5), always) == datetime(
        2026, 11, 21, 3, 5, tzinfo=utc
    )


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        due_at(datetime(2026, 1, 1), timedelta(minutes=1), office())


ranges = st.sampled_from(
    [
        (),
        ((time(9), time(18)),),
        ((time(8), time(12)), (time(13), time(17))),
        ((time(0), time.max),),
        ((time(22), time.max),),
        ((time(0), time(6)),),
    ]
)


@st.composite
def businesses(draw: st.DrawFn) -> BusinessHours:
    days = {d: draw(ranges) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    if not any(days.values()):
        days["wed"] = ((time(9), time(17)),)
    holidays = tuple(draw(st.lists(st.dates(date(2026, 1, 1), date(2028, 12, 31)), max_size=5)))
    return BusinessHours(Hours(**days, holidays=holidays), draw(st.sampled_from(ZONES)))  # type: ignore[arg-type]


moments = st.datetimes(datetime(2026, 1, 1), datetime(2028, 6, 30), timezones=st.just(ZoneInfo("UTC")))
slas = st.timedeltas(timedelta(0), timedelta(days=3))


@settings(max_examples=300, deadline=None)
@given(businesses(), moments, slas)
def test_due_is_exactly_the_sla_of_open_time_later(hours: BusinessHours, sent: datetime, sla: timedelta) -> None:
    due = due_at(sent, sla, hours)
    assert due >= sent
    assert business_time(sent, due, hours) == sla


@settings(max_examples=200, deadline=None)
@given(businesses(), moments, slas, slas)
def test_a_longer_sla_is_never_due_sooner(hours: BusinessHours, sent: datetime, a: timedelta, b: timedelta) -> None:
    short, long_ = sorted((a, b))
    assert due_at(sent, short, hours) <= due_at(sent, long_, hours)


@settings(max_examples=200, deadline=None)
@given(businesses(), moments, st.timedeltas(timedelta(microseconds=1), timedelta(days=2)))
def test_a_deadline_falls_in_open_time(hours: BusinessHours, sent: datetime, sla: timedelta) -> None:
    due = due_at(sent, sla, hours)
    instant = timedelta(microseconds=1)
    # The instant before the deadline is open time: a deadline never falls in closed hours.
    assert business_time(due - instant, due, hours) == instant
