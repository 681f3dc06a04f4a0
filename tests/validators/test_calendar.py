"""The Kazakhstan working-day calendar: registered_on and due_by on concrete dates, and properties."""

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models.astana_time import ASTANA, to_astana
from models.working_days import WorkCalendar

CAL = WorkCalendar()


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("submitted", "registered", "due"),
    [
        # The contract's example: Monday evening after 18:30.
        ("2026-09-14T21:05:00+05:00", "2026-09-15", "2026-09-16"),
        # Within hours, before hours, and the edges.
        ("2026-09-14T12:00:00+05:00", "2026-09-14", "2026-09-15"),
        ("2026-09-14T06:00:00+05:00", "2026-09-14", "2026-09-15"),
        ("2026-09-14T00:00:00+05:00", "2026-09-14", "2026-09-15"),
        ("2026-09-14T18:30:00+05:00", "2026-09-14", "2026-09-15"),
        ("2026-09-14T18:30:01+05:00", "2026-09-15", "2026-09-16"),
        # Friday evening, Saturday, Sunday -> Monday.
        ("2026-09-18T19:00:00+05:00", "2026-09-21", "2026-09-22"),
        ("2026-09-19T10:00:00+05:00", "2026-09-21", "2026-09-22"),
        ("2026-09-20T23:59:00+05:00", "2026-09-21", "2026-09-22"),
        # Independence Day, Wednesday 16 December 2026.
        ("2026-12-15T19:00:00+05:00", "2026-12-17", "2026-12-18"),
        ("2026-12-16T11:00:00+05:00", "2026-12-17", "2026-12-18"),
        # Nauryz 2026: 21-23 March plus 24, 25 observed (21, 22 fell on the weekend).
        ("2026-03-20T19:00:00+05:00", "2026-03-26", "2026-03-27"),
        ("2026-03-22T10:00:00+05:00", "2026-03-26", "2026-03-27"),
        # Registered Friday 20 March within hours: due the next working day, Thursday 26 March.
        ("2026-03-20T10:00:00+05:00", "2026-03-20", "2026-03-26"),
        # Registration on the eve of a holiday: due skips it (Women's Day observed Monday 9 March 2026).
        ("2026-03-06T10:00:00+05:00", "2026-03-06", "2026-03-10"),
        # Constitution Day 30 August is no longer a holiday from 2026 (a Sunday anyway); 31 Aug works.
        ("2026-08-31T10:00:00+05:00", "2026-08-31", "2026-09-01"),
        # 2025: Constitution Day on Saturday 30 August, observed Monday 1 September.
        ("2025-08-29T19:00:00+05:00", "2025-09-02", "2025-09-03"),
        # 2025 transfer: Friday 3 January off, Sunday 5 January a working day.
        ("2025-01-02T10:00:00+05:00", "2025-01-05", "2025-01-06"),
        ("2025-01-05T10:00:00+05:00", "2025-01-05", "2025-01-06"),
        ("2025-01-04T10:00:00+05:00", "2025-01-05", "2025-01-06"),
        # 2024 transfer: Saturday 4 May worked, Wednesday 8 May off (7 and 9 are holidays).
        ("2024-05-04T10:00:00+05:00", "2024-05-04", "2024-05-06"),
        ("2024-05-06T19:00:00+05:00", "2024-05-10", "2024-05-13"),
        # New Year 2026: 1-2 January Thursday-Friday, then the weekend, 7 January Orthodox Christmas.
        ("2025-12-31T19:00:00+05:00", "2026-01-05", "2026-01-06"),
        ("2026-01-06T10:00:00+05:00", "2026-01-06", "2026-01-08"),
    ],
)
def test_registered_and_due(submitted: str, registered: str, due: str) -> None:
    reg = CAL.registered_on(at(submitted))
    assert reg == date.fromisoformat(registered)
    assert CAL.due_by(reg) == date.fromisoformat(due)


def test_utc_near_midnight_is_converted_first() -> None:
    # 18:59 UTC on Sunday is 23:59 Sunday in Astana: a day off -> Monday.
    assert CAL.registered_on(at("2026-09-13T18:59:00+00:00")) == date(2026, 9, 14)
    # 19:01 UTC Sunday is 00:01 Monday in Astana, before hours -> Monday.
    assert CAL.registered_on(at("2026-09-13T19:01:00Z")) == date(2026, 9, 14)
    # 13:00 UTC Monday is 18:00 Astana (within hours); 13:31 UTC is 18:31 (after hours).
    assert CAL.registered_on(at("2026-09-14T13:00:00Z")) == date(2026, 9, 14)
    assert CAL.registered_on(at("2026-09-14T13:31:00Z")) == date(2026, 9, 15)
    # 23:30 UTC Monday is already Tuesday 04:30 in Astana: before hours -> Tuesday.
    assert CAL.registered_on(datetime(2026, 9, 14, 23, 30, tzinfo=UTC)) == date(2026, 9, 15)
    # A western offset: Friday 10:00 at UTC-5 is Friday 20:00 in Astana -> Monday.
    assert CAL.registered_on(at("2026-09-18T10:00:00-05:00")) == date(2026, 9, 21)


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError):
        CAL.registered_on(datetime(2026, 9, 14, 12, 0))


def test_override_tables() -> None:
    # A late decree: Monday 14 September 2026 off, Saturday 19 September worked (hypothetical).
    cal = WorkCalendar(extra_days_off=[date(2026, 9, 14)], extra_working_days=[date(2026, 9, 19)])
    assert cal.registered_on(at("2026-09-14T10:00:00+05:00")) == date(2026, 9, 15)
    assert cal.registered_on(at("2026-09-18T19:00:00+05:00")) == date(2026, 9, 19)
    assert cal.due_by(date(2026, 9, 18)) == date(2026, 9, 19)
    # An override wins over a package holiday.
    cal2 = WorkCalendar(extra_working_days=[date(2026, 12, 16)])
    assert cal2.registered_on(at("2026-12-16T10:00:00+05:00")) == date(2026, 12, 16)


def test_custom_hours() -> None:
    cal = WorkCalendar(work_start=time(8, 0), work_end=time(17, 0))
    assert cal.registered_on(at("2026-09-14T17:30:00+05:00")) == date(2026, 9, 15)


def test_bad_configuration() -> None:
    with pytest.raises(ValueError):
        WorkCalendar(work_start=time(19, 0), work_end=time(9, 0))
    with pytest.raises(ValueError):
        WorkCalendar(extra_days_off=[date(2026, 1, 5)], extra_working_days=[date(2026, 1, 5)])


def test_all_days_off_does_not_loop_forever() -> None:
    start = date(2026, 9, 14)
    cal = WorkCalendar(extra_days_off=[start + timedelta(days=i) for i in range(400)])
    with pytest.raises(ValueError):
        cal.due_by(start)


def test_to_astana() -> None:
    assert to_astana(at("2026-09-14T19:30:00Z")) == datetime(2026, 9, 15, 0, 30, tzinfo=ASTANA)


moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
).flatmap(
    lambda dt: st.integers(-12 * 60, 14 * 60).map(lambda minutes: dt.astimezone(timezone(timedelta(minutes=minutes))))
)


@given(moments)
def test_registration_properties(moment: datetime) -> None:
    registered = CAL.registered_on(moment)
    local = moment.astimezone(ASTANA)
    assert CAL.is_working_day(registered)
    assert registered >= local.date()
    # Nothing in between is a working day on which the submission could have been taken.
    day = local.date() + timedelta(days=1)
    while day < registered:
        assert not CAL.is_working_day(day)
        day += timedelta(days=1)
    if CAL.is_working_day(local.date()) and local.time() <= time(18, 30):
        assert registered == local.date()
    else:
        assert registered > local.date()
    due = CAL.due_by(registered)
    assert due > registered and CAL.is_working_day(due)
    day = registered + timedelta(days=1)
    while day < due:
        assert not CAL.is_working_day(day)
        day += timedelta(days=1)


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
def test_weekdays_without_holidays_work(day: date) -> None:
    if day.weekday() < 5:
        assert CAL.is_working_day(day) == (day not in _holidays(day.year))


def _holidays(year: int) -> set[date]:
    import holidays

    return set(holidays.country_holidays("KZ", years=year))
