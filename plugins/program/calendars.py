"""iCalendar files of the program: the whole conference, and one working group.

Times carry ``TZID`` of the venue with a matching VTIMEZONE, so no calendar
shifts them by an hour. UIDs are made from the language-neutral session key,
so they stay the same across builds, languages and changed slugs; DTSTAMP is
the build's "as of" moment in UTC, so two builds of one commit are identical.
Past sessions stay in: a rebuild after the conference still has them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event

from .model import Program, Session


def uid(session: Session, namespace: str) -> str:
    return f"{session.key}@{namespace}"


def build_calendar(
    program: Program,
    sessions: Iterable[Session],
    *,
    name: str,
    zone: dt.tzinfo,
    namespace: str,
    stamp: dt.datetime,
    url: str,
    place_name: dict[str, str],
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{namespace}//program {program.lang}//")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(zone))
    for session in sessions:
        event = Event()
        event.add("uid", uid(session, namespace))
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", session.starts(zone))
        event.add("dtend", session.ends(zone))
        event.add("summary", session.title)
        if session.place in place_name:
            event.add("location", place_name[session.place])
        if session.description:
            event.add("description", session.description)
        event.add("url", f"{url}#{session.key}")
        event.add("status", "TENTATIVE" if program.provisional else "CONFIRMED")
        calendar.add_component(event)
    days = sorted(program.days) or [stamp.date()]
    calendar.add_missing_timezones(
        first_date=days[0] - dt.timedelta(days=366), last_date=days[-1] + dt.timedelta(days=366)
    )
    return calendar.to_ical()
