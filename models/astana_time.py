"""Astana time: the contract fixes UTC+5 for every date, working day and academic year."""

from datetime import datetime, timedelta, timezone

ASTANA = timezone(timedelta(hours=5))


def to_astana(moment: datetime) -> datetime:
    """The same instant in Astana time. Naive datetimes are refused: their instant is unknown."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a datetime without a UTC offset cannot be placed in Astana time")
    return moment.astimezone(ASTANA)
