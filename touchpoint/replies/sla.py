"""The SLA clock: deadlines and waits counted in the business's own working time.

A form sent at 23:00 on a Friday with a 15-minute SLA and hours Mon-Fri 09:00-18:00 is due at
09:15 on Monday, in the site's time zone. Holidays are closed all day. A business with no hours
in its profile is open around the clock. Pure functions on timezone-aware datetimes.

    due = due_at(sent, timedelta(minutes=15), hours)          # aware datetime
    waited = business_time(sent, replied, hours)              # timedelta of open time between
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from touchpoint.profile.model import Hours

__all__ = ["BusinessHours", "business_time", "due_at"]

DAY_END = time.max


class BusinessHours:
    """Opening hours in a time zone; iterates the open intervals from any moment on."""

    def __init__(self, hours: Hours, timezone: str) -> None:
        self.hours = hours
        self.zone = ZoneInfo(timezone)
        self.always_open = all(not hours.on(d) for d in range(7))
        self.holidays = set(hours.holidays)

    def _ranges(self, day: date) -> tuple[tuple[time, time], ...]:
        if self.always_open:
            return ((time.min, DAY_END),)
        if day in self.holidays:
            return ()
        return self.hours.on(day.weekday())

    def _at(self, day: date, moment: time) -> datetime:
        if moment == DAY_END:
            return datetime.combine(day + timedelta(days=1), time.min, self.zone)
        return datetime.combine(day, moment, self.zone)

    def intervals(self, start: datetime) -> Iterator[tuple[datetime, datetime]]:
        """Open intervals (aware, in the site's zone) that end after `start`, in order; the first
        is clipped to begin at `start`. Adjacent intervals (a day open until midnight and the
        next from midnight) come as they are."""
        local = start.astimezone(self.zone)
        day = local.date()
        for _ in range(366 * 3):  # a business closed for three years has no deadline
            for begin, end in self._ranges(day):
                opens, closes = self._at(day, begin), self._at(day, end)
                if closes <= local:
                    continue
                yield max(opens, local), closes
            day += timedelta(days=1)


def due_at(sent: datetime, sla: timedelta, hours: BusinessHours) -> datetime:
    """When `sla` of open time has passed since `sent`."""
    if sent.tzinfo is None:
        raise ValueError("sent must be timezone-aware")
    left = sla
    for opens, closes in hours.intervals(sent):
        # Work in UTC: wall-clock arithmetic across a daylight-saving change would be off by an hour.
        span = closes.astimezone(ZoneInfo("UTC")) - opens.astimezone(ZoneInfo("UTC"))
        if left <= span:
            return (opens.astimezone(ZoneInfo("UTC")) + left).astimezone(hours.zone)
        left -= span
    raise ValueError("the business is never open: no deadline can be computed")


def business_time(start: datetime, end: datetime, hours: BusinessHours) -> timedelta:
    """Open time between two moments (zero if `end` is not after `start`)."""
    total = timedelta(0)
    if end <= start:
        return total
    for opens, closes in hours.intervals(start):
        if opens >= end:
            break
        total += min(closes, end).astimezone(ZoneInfo("UTC")) - opens.astimezone(ZoneInfo("UTC"))
    return total
