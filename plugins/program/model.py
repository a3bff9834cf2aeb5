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

    @property
    def ends_next_day(self) -> bool:
        """An end before the start is on the next day (a session lasts under 24 h)."""
        return self.end < self.start

    @property
    def end_day(self) -> dt.date:
        return self.day + dt.timedelta(days=1) if self.ends_next_day else self.day

    @property
    def span(self) -> tuple[dt.datetime, dt.datetime]:
        """Start and end on the venue's wall clock, the end on its own day."""
        return dt.datetime.combine(self.day, self.start), dt.datetime.combine(
            self.end_day, self.end
        )

    def starts(self, zone: dt.tzinfo) -> dt.datetime:
        return dt.datetime.combine(self.day, self.start, tzinfo=zone)

    def ends(self, zone: dt.tzinfo) -> dt.datetime:
        return dt.datetime.combine(self.end_day, self.end, tzinfo=zone)


@dataclass
class Program:
    path: str
    lang: str
    places: dict[str, Place] = field(default_factory=dict)
    sessions: list[Session] = field(default_factory=list)
    days: list[dt.date] = field(default_factory=list)
    day_lines: dict[dt.date, int] = field(default_factory=dict)
    # While its times are placeholders (``Provisional: yes`` on its page).
    provisional: bool = False

    def on(self, day: dt.date) -> list[Session]:
        return [session for session in self.sessions if session.day == day]

    def slots(self, day: dt.date) -> list[list[Session]]:
        """Sessions of a day grouped by time: parallel sessions share a slot."""
        slots: dict[tuple[dt.time, dt.time], list[Session]] = {}
        for session in sorted(self.on(day), key=lambda s: s.span):
            slots.setdefault((session.start, session.end), []).append(session)
        return list(slots.values())

    def of_group(self, group: str) -> list[Session]:
        return [session for session in self.sessions if session.group == group]

    def by_key(self) -> dict[str, Session]:
        return {session.key: session for session in self.sessions}
