"""The program as the templates show it: times in the venue's and the
visitors' home time zone, places with their gaps marked, links to groups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from babel.dates import format_time

from .model import Program, Session


@dataclass(frozen=True)
class SessionView:
    session: Session
    start_iso: str
    end_iso: str
    local: tuple[str, str]  # start and end at the venue, e.g. ("15:00", "18:00")
    home: tuple[str, str]  # the same on the visitors' home clocks
    # Days from the day the session is listed under to each time's day: (0, 1) for
    # 20:00–01:00 at the venue; at home e.g. (-1, 0) for 00:30–02:00 an hour behind.
    local_days: tuple[int, int]
    home_days: tuple[int, int]
    place: str  # the place's name in the page's language (may hold a [[TBA: …]] gap)
    group_url: str | None


@dataclass(frozen=True)
class DayView:
    date: dt.date
    anchor: str
    slots: list[list[SessionView]]


def _span(start: dt.datetime, end: dt.datetime, locale: str) -> tuple[str, str]:
    return format_time(start, "short", locale=locale), format_time(end, "short", locale=locale)


def _days(day: dt.date, start: dt.datetime, end: dt.datetime) -> tuple[int, int]:
    return (start.date() - day).days, (end.date() - day).days


def session_view(
    session: Session, program: Program, facts: Any, locale: str, group_url: str | None
) -> SessionView:
    start, end = session.starts(facts.timezone), session.ends(facts.timezone)
    home_start, home_end = (
        start.astimezone(facts.home_timezone),
        end.astimezone(facts.home_timezone),
    )
    place = program.places.get(session.place)
    return SessionView(
        session=session,
        start_iso=start.isoformat(),
        end_iso=end.isoformat(),
        local=_span(start, end, locale),
        home=_span(home_start, home_end, locale),
        local_days=_days(session.day, start, end),
        home_days=_days(session.day, home_start, home_end),
        place=place.name if place else "",
        group_url=group_url,
    )


def day_views(
    program: Program, facts: Any, locale: str, group_urls: dict[str, str]
) -> list[DayView]:
    return [
        DayView(
            day,
            day.isoformat(),
            [
                [
                    session_view(s, program, facts, locale, group_urls.get(s.group or ""))
                    for s in slot
                ]
                for slot in program.slots(day)
            ],
        )
        for day in program.days
    ]
