"""iCalendar files of the program: the whole conference, one member's conference (the
sessions for everyone and one working group's), and each session on its own.

Times carry ``TZID`` of the venue with a matching VTIMEZONE, so no calendar
shifts them by an hour. UIDs are made from the language-neutral session key,
so they stay the same across builds, languages and changed slugs; DTSTAMP is
the build's "as of" moment in UTC, so two builds of one commit are identical.
Past sessions stay in: a rebuild after the conference still has them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from icalendar import Calendar, Event, Timezone

from .model import Program, Session


def uid(session: Session, namespace: str) -> str:
    return f"{session.key}@{namespace}"


def my_conference(program: Program, group: str) -> list[Session]:
    """A group member's conference: the sessions that belong to no group (plenaries,
    arrival, breaks, excursions) and this group's own. The other groups' parallel
    sessions stay out, so nothing in the member's calendar overlaps; the UIDs are
    those of the whole program's calendar, so subscribing to both shows each once."""
    return [session for session in program.sessions if session.group in (None, group)]


def session_calendar_path(program_calendar: str, session: Session) -> str:
    """A single session's calendar file: in a folder beside the program's calendar,
    named after the session's language-neutral key."""
    folder = program_calendar.rsplit("/", 1)[0]
    return f"{folder}/calendar/{session.key}.ics"


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
    first, last = days[0] - dt.timedelta(days=366), days[-1] + dt.timedelta(days=366)
    # Before the events, where calendar programs expect it: spliced in as the
    # bytes worked out once, not parsed back and written again for every file.
    return _with_timezone(calendar.to_ical(), vtimezone(str(zone), first, last))


def _with_timezone(calendar: bytes, timezone: bytes) -> bytes:
    """The calendar with the VTIMEZONE as its first component (after its own properties)."""
    start = calendar.find(b"\r\nBEGIN:", 1)
    at = start + 2 if start >= 0 else calendar.rindex(b"END:VCALENDAR")
    return calendar[:at] + timezone + calendar[at:]


@lru_cache(maxsize=16)
def vtimezone(tzid: str, first: dt.date, last: dt.date) -> bytes:
    """The zone's VTIMEZONE, worked out once: icalendar derives it transition by
    transition from the time zone database, which costs more than the rest of
    all calendars together (its documentation asks callers to cache it)."""
    return Timezone.from_tzid(tzid, first_date=first, last_date=last).to_ical()
