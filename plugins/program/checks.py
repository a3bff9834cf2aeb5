"""What must hold for a program, and between the languages' programs.

Every rule gives a Problem naming the file and line an editor must change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import combinations

from .model import Program, Session


def _problem(program: Program, line: int, message: str) -> tuple[str, int, str]:
    return (program.path, line, message)


def check_program(
    program: Program, first_day: dt.date, last_day: dt.date, groups: Iterable[str]
) -> list[tuple[str, int, str]]:
    """One language's program on its own."""
    problems = []
    known_groups = set(groups)
    seen: dict[str, Session] = {}
    for day in program.days:
        if not first_day <= day <= last_day:
            message = f"{day} lies outside the conference ({first_day} to {last_day})"
            problems.append(_problem(program, program.day_lines[day], message))
    for session in program.sessions:
        line = session.line
        if session.key in seen:
            message = (
                f"session key '{session.key}' is used twice (also line {seen[session.key].line})"
            )
            problems.append(_problem(program, line, message))
        seen.setdefault(session.key, session)
        if session.end == session.start:
            message = "the session ends when it starts (an earlier end is on the next day)"
            problems.append(_problem(program, line, message))
        if session.place and session.place not in program.places:
            message = f"unknown place '{session.place}' (add a line 'place {session.place}: …')"
            problems.append(_problem(program, line, message))
        if session.group is not None and session.group not in known_groups:
            known = ", ".join(sorted(known_groups)) or "none"
            message = f"unknown working group '{session.group}' (known: {known})"
            problems.append(_problem(program, line, message))
    problems.extend(overlaps(program))
    return problems


def overlaps(program: Program) -> list[tuple[str, int, str]]:
    problems = []
    for first, second in combinations(program.sessions, 2):
        if not first.place or first.place != second.place:
            continue
        # On the wall clock, so that a session past midnight meets the next day's.
        (first_start, first_end), (second_start, second_end) = first.span, second.span
        if first_start < second_end and second_start < first_end:
            message = (
                f"'{second.title}' overlaps '{first.title}' (line {first.line})"
                f" in place '{first.place}'"
            )
            problems.append(_problem(program, second.line, message))
    return problems


def compare(source: Program, other: Program) -> list[tuple[str, int, str]]:
    """Both languages must describe the same days, times and places."""
    problems = []
    theirs = source.by_key()
    ours = other.by_key()
    for key, session in ours.items():
        match = theirs.get(key)
        if match is None:
            message = f"session '{key}' is not in the {source.lang} program ({source.path})"
            problems.append(_problem(other, session.line, message))
            continue
        for label, mine, original in (
            ("day", session.day, match.day),
            ("time", (session.start, session.end), (match.start, match.end)),
            ("place", session.place, match.place),
        ):
            if mine != original:
                message = (
                    f"session '{key}': {label} differs from the {source.lang} program"
                    f" ({source.path}:{match.line})"
                )
                problems.append(_problem(other, session.line, message))
    for key in theirs.keys() - ours.keys():
        message = f"session '{key}' of the {source.lang} program is missing here"
        problems.append(_problem(other, other.day_lines.get(theirs[key].day, 1), message))
    if set(source.days) != set(other.days):
        message = f"the days differ from the {source.lang} program ({source.path})"
        problems.append(_problem(other, min(other.day_lines.values(), default=1), message))
    return problems
