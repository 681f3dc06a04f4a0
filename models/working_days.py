"""The Kazakhstan working-day calendar: when a submission is registered and when the answer is due.

The standard (item 7) takes applications round the clock; one submitted after working hours, on a
day off or on a holiday is taken on the next working day, and the service term is one working day
(item 3). Working days are Monday-Friday minus public holidays and moved days off, plus moved
working days (a Saturday or, as on 5 January 2020 and 2025, a Sunday). The `holidays` package's KZ
calendar supplies both: holidays with their observed (carried-over) days and substituted days off,
and `weekend_workdays` for the moved working days. Government decrees that move days off are often
published late in the year before; the override tables in Settings (`extra_days_off`,
`extra_working_days`) take them without a release, and the built-in table below holds what the
package lacked when this module was written.
"""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays

from models.astana_time import to_astana

# Moved days off that `holidays` 0.109 lacks. Checked for 2025 (one transfer: 5 Jan -> 3 Jan, which
# the package has) and 2026 (no transfers decreed as of the package's data; Constitution Day on
# 30 August is no longer a holiday from 2026 and moves to 15 March from 2027, which the package
# has). Empty for now; add a decree here (with its reference) when the package lags behind it.
BUILTIN_DAYS_OFF: frozenset[date] = frozenset()
BUILTIN_WORKING_DAYS: frozenset[date] = frozenset()

_MAX_SEARCH_DAYS = 366  # a year of days off in a row means a broken override table, not a calendar


@lru_cache(maxsize=64)
def _kz_year(year: int) -> holidays.HolidayBase:
    """The package's KZ calendar for one year; cached because building it is the slow part."""
    return holidays.country_holidays("KZ", years=year)


class WorkCalendar:
    """Working days and hours in Astana; pure apart from the package's holiday data."""

    def __init__(
        self,
        work_start: time = time(9, 0),
        work_end: time = time(18, 30),
        extra_days_off: Iterable[date] = (),
        extra_working_days: Iterable[date] = (),
    ) -> None:
        if work_start >= work_end:
            raise ValueError("work_start must be before work_end")
        self.work_start = work_start
        self.work_end = work_end
        self.extra_days_off = frozenset(extra_days_off)
        self.extra_working_days = frozenset(extra_working_days)
        both = self.extra_days_off & self.extra_working_days
        if both:
            raise ValueError(f"dates both off and working: {sorted(both)}")

    def is_working_day(self, day: date) -> bool:
        """The configured tables win over the built-in one, which wins over the package."""
        if day in self.extra_working_days:
            return True
        if day in self.extra_days_off:
            return False
        if day in BUILTIN_WORKING_DAYS:
            return True
        if day in BUILTIN_DAYS_OFF:
            return False
        kz = _kz_year(day.year)
        if day.weekday() >= 5:
            return day in kz.weekend_workdays
        return day not in kz

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        candidate = day
        for _ in range(_MAX_SEARCH_DAYS):
            candidate += timedelta(days=1)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within {_MAX_SEARCH_DAYS} days after {day}")

    def registered_on(self, submitted_at: datetime) -> date:
        """The working day a submission is registered on.

        Before the end of working hours on a working day: that day (a submission before 09:00 waits
        for the day to start, it is not moved). After `work_end` (18:30), or on a day off: the next
        working day. `work_end` itself still counts as within hours.
        """
        local = to_astana(submitted_at)
        day = local.date()
        if self.is_working_day(day) and local.time() <= self.work_end:
            return day
        return self.next_working_day(day)

    def due_by(self, registered: date) -> date:
        """One working day after registration: the service term of item 3."""
        return self.next_working_day(registered)
