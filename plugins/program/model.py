"""The program as data: places, days and sessions of one language's program."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

KINDS = ("plenary", "working-group", "break", "excursion", "arrival", "social", "other")


@dataclass(frozen=True)
class Place:
    key: str
    name: str
    line: int


@dataclass
class Session:
    """One item of the program. ``key`` is the same in every language."""

    key: str
    day: dt.date
    start: dt.time
    end: dt.time
    kind: str
    title: str
    place: str
    group: str | None
    line: int
    description: str = ""

    def starts(self, zone: dt.tzinfo) -> dt.datetime:
        return dt.datetime.combine(self.day, self.start, tzinfo=zone)

    def ends(self, zone: dt.tzinfo) -> dt.datetime:
        return dt.datetime.combine(self.day, self.end, tzinfo=zone)


@dataclass
class Program:
    path: str
    lang: str
    places: dict[str, Place] = field(default_factory=dict)
    sessions: list[Session] = field(default_factory=list)
    days: list[dt.date] = field(default_factory=list)
    day_lines: dict[dt.date, int] = field(default_factory=dict)
    # The date of a provisional program (``Provisional:`` on its page); None once final.
    provisional: dt.date | None = None

    def on(self, day: dt.date) -> list[Session]:
        return [session for session in self.sessions if session.day == day]

    def slots(self, day: dt.date) -> list[list[Session]]:
        """Sessions of a day grouped by time: parallel sessions share a slot."""
        slots: dict[tuple[dt.time, dt.time], list[Session]] = {}
        for session in sorted(self.on(day), key=lambda s: (s.start, s.end)):
            slots.setdefault((session.start, session.end), []).append(session)
        return list(slots.values())

    def of_group(self, group: str) -> list[Session]:
        return [session for session in self.sessions if session.group == group]

    def by_key(self) -> dict[str, Session]:
        return {session.key: session for session in self.sessions}
