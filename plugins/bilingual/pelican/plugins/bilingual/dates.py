"""Dates and date ranges in the reader's language, through Babel's CLDR data.

Never the operating system's locale: a build machine without ``ru_RU`` would
otherwise print German or English month names on Russian pages.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from babel.dates import parse_pattern

_ABBREVIATED_MONTH = re.compile(r"(?<!M)MMM(?!M)")


def format_date(value: dt.date, locale: str, fmt: str = "long") -> str:
    """A date (or the date of a datetime) in a CLDR format or pattern."""
    return babel_format_date(value, fmt, locale=locale)


def format_time(value: dt.datetime | dt.time, locale: str, fmt: str = "short") -> str:
    return babel_format_time(value, fmt, locale=locale)


@lru_cache(maxsize=1024)
def format_date_range(start: dt.date, end: dt.date, locale: str) -> str:
    """``28.–30. Juni 2017`` / ``28–30 июня 2017 г.``

    Remembered: a theme shows the conference's dates on every page, and Babel
    takes a while to put a range together.

    CLDR's interval patterns exist for the abbreviated month (``yMMMd``);
    written out in full the month reads better on a conference page, and in
    Russian only the full form takes the genitive (``июня``, not ``июн.``).
    """
    if start == end:
        return format_date(start, locale)
    loc = Locale.parse(locale)
    patterns = loc.interval_formats.get("yMMMd", {})
    for field, value_start, value_end in (
        ("y", start.year, end.year),
        ("M", start.month, end.month),
        ("d", start.day, end.day),
    ):
        if value_start != value_end and field in patterns:
            halves = patterns[field]
            return "".join(
                parse_pattern(_ABBREVIATED_MONTH.sub("MMMM", half)).apply(day, loc)
                for half, day in zip(halves, (start, end), strict=True)
            )
    return f"{format_date(start, locale)} – {format_date(end, locale)}"
