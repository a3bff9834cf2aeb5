"""The print view: every language's program, session by session, with a QR
code per language that leads to the online program. The template puts up to
three languages side by side and stacks more (A4 and phones have no room for
a fourth column); either way the rows below pair the languages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import segno
from markupsafe import Markup

from .model import Program
from .views import SessionView, session_view


@dataclass(frozen=True)
class PrintRow:
    """One session in every language, in the languages' order."""

    key: str
    views: list[SessionView]


@dataclass(frozen=True)
class PrintDay:
    date: dt.date
    rows: list[PrintRow]


def qr_svg(url: str, title: str) -> Markup:
    """An inline SVG QR code; no image file, no request."""
    return Markup(segno.make(url, error="m").svg_inline(scale=3, title=title))


def print_days(programs: dict[str, Program], facts: Any, locales: dict[str, str]) -> list[PrintDay]:
    """Sessions paired by key; the first language's program gives the order."""
    first = next(iter(programs.values()))
    by_key = {lang: program.by_key() for lang, program in programs.items()}
    days = []
    for day in first.days:
        rows = []
        for session in sorted(first.on(day), key=lambda s: (s.span, s.key)):
            views = [
                session_view(by_key[lang][session.key], program, facts, locales[lang], None)
                for lang, program in programs.items()
            ]
            rows.append(PrintRow(session.key, views))
        days.append(PrintDay(day, rows))
    return days
