"""Reads the ```program block of a program page.

The format (documented in docs/ and the README), one statement a line::

    place venue: Tagungsort [[TBA: Adresse folgt]]
    day 2017-06-28
    15:00–18:00 | opening | plenary | Eröffnung der Konferenz | venue
        An indented line below a session is its short description.
    09:30–12:30 | economy-1 | working-group wg-economy | Wirtschaft, Teil 1 | room-1

A session line holds the time range, a session key (the same in every
language), the kind (with the working group's key for ``working-group``),
the title and the place's key. An end before the start is on the next day
(``20:00–01:00``, listed under the day it starts). Every line that cannot be
read is a Problem naming the file and line; parsing goes on to find them all.
"""

from __future__ import annotations

import datetime as dt
import re

from .model import KINDS, Place, Program, Session

FENCE = re.compile(r"^(`{3,}|~{3,})\s*program\s*$")
PLACE = re.compile(r"^place\s+(?P<key>[a-z0-9][a-z0-9-]*)\s*:\s*(?P<name>.+)$")
DAY = re.compile(r"^day\s+(?P<date>\S+)\s*$")
TIMES = re.compile(r"^(?P<start>\d{1,2}:\d{2})\s*[–—-]\s*(?P<end>\d{1,2}:\d{2})$")
KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class ProgramError(ValueError):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


def program_block(text: str) -> tuple[int, list[str]] | None:
    """(line number of the block's first line, its lines) or None."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        match = FENCE.match(line.strip())
        if match:
            fence = match.group(1)
            for end in range(number + 1, len(lines)):
                if lines[end].strip().startswith(fence[0] * 3):
                    return number + 2, lines[number + 1 : end]
            return number + 2, lines[number + 1 :]
    return None


def _time(value: str, line: int) -> dt.time:
    hours, minutes = (int(part) for part in value.split(":"))
    if hours > 23 or minutes > 59:
        raise ProgramError(line, f"'{value}' is not a time of day")
    return dt.time(hours, minutes)


def _date(value: str, line: int) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ProgramError(line, f"'{value}' is not a date (write YYYY-MM-DD)") from None


def _session(text: str, day: dt.date | None, line: int) -> Session:
    parts = [part.strip() for part in text.split("|")]
    if len(parts) != 5:
        raise ProgramError(line, "a session line needs 5 parts: time | key | kind | title | place")
    times, key, kind_field, title, place = parts
    if day is None:
        raise ProgramError(line, "a session before the first 'day' line")
    match = TIMES.match(times)
    if not match:
        raise ProgramError(line, f"'{times}' is not a time range like 09:30–12:30")
    if not KEY.match(key):
        raise ProgramError(line, f"'{key}' is not a key (lower-case letters, digits, '-')")
    kind, _, group = kind_field.partition(" ")
    if kind not in KINDS:
        raise ProgramError(line, f"unknown kind '{kind}' (known: {', '.join(KINDS)})")
    if (kind == "working-group") != bool(group.strip()):
        raise ProgramError(line, "a working-group session names its group: 'working-group KEY'")
    if not title:
        raise ProgramError(line, "the session has no title")
    start, end = _time(match["start"], line), _time(match["end"], line)
    return Session(key, day, start, end, kind, title, place, group.strip() or None, line)


def _looks_like(line: str) -> str | None:
    """What statement an indented line is ("session", "day line"), or None
    for prose: a time range before the first '|' is never a description."""
    if DAY.match(line):
        return "day line"
    if "|" in line and TIMES.match(line.split("|", 1)[0].strip()):
        return "session"
    return None


def parse(path: str, lang: str, text: str) -> tuple[Program | None, list[ProgramError]]:
    """The program in one page's source text, and every line that is wrong."""
    block = program_block(text)
    if block is None:
        return None, []
    first, lines = block
    program, errors = Program(path, lang), []
    day: dt.date | None = None
    describing: Session | None = None  # the session an indented line describes
    for offset, raw in enumerate(lines):
        number, line = first + offset, raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            if raw[:1] in (" ", "\t"):
                statement = _looks_like(line)
                if statement:
                    # Read as a description, it would silently vanish from the program.
                    raise ProgramError(
                        number, f"looks like a {statement} but is indented: remove the indentation"
                    )
                if describing is None:
                    raise ProgramError(number, "an indented line belongs below a session")
                describing.description = f"{describing.description} {line}".strip()
                continue
            describing = None
            if match := PLACE.match(line):
                program.places[match["key"]] = Place(match["key"], match["name"].strip(), number)
            elif match := DAY.match(line):
                day = _date(match["date"], number)
                if day in program.day_lines:
                    raise ProgramError(
                        number,
                        f"day {day} is listed twice (also line {program.day_lines[day]}):"
                        " list each day once, with all its sessions below it",
                    )
                program.days.append(day)
                program.day_lines[day] = number
            else:
                describing = _session(line, day, number)
                program.sessions.append(describing)
        except ProgramError as error:
            errors.append(error)
    return program, errors
