"""The print view: every language's program, session by session, with a QR
code per language that leads to the online program. The template puts up to
three languages side by side and stacks more (A4 and phones have no room for
a fourth column); either way the rows below pair the languages."""

from __future__ import annotations

import ast
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
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


def qr_svg(url: str, title: str, version: int | None = None) -> Markup:
    """An inline SVG QR code; no image file, no request. Always a standard QR
    code (phone cameras do not read Micro QR); ``version`` gives codes printed
    side by side one size."""
    code = segno.make(url, error="m", micro=False, version=version)
    # A viewBox (omitsize) lets print CSS scale the code instead of cropping it.
    svg = code.svg_inline(scale=3, title=title, omitsize=True)
    size = code.symbol_size(scale=3)
    return Markup(svg.replace("<svg ", f'<svg width="{size[0]}" height="{size[1]}" ', 1))


def qr_version(urls: list[str]) -> int:
    """The smallest version that holds every one of ``urls``."""
    return max(segno.make(url, error="m", micro=False).version for url in urls)


def publish_siteurl(settings: dict[str, Any]) -> str:
    """The site's public address, for what a visitor carries away (a printed QR
    code): SITEURL when it is one (a publish build), else ``PUBLIC_SITEURL``,
    else the SITEURL that publishconf.py beside the content folder sets – a
    string, or ``os.environ.get("SITEURL", "…")`` as CI may override it."""
    site = settings.get("SITEURL", "") or ""
    if site.startswith("https://"):
        return site
    if settings.get("PUBLIC_SITEURL"):
        return settings["PUBLIC_SITEURL"]
    conf = Path(settings.get("PATH", ".")).resolve().parent / "publishconf.py"
    try:
        tree = ast.parse(conf.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, UnicodeDecodeError):
        return site
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "SITEURL" for t in node.targets
        ):
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                return value.value
            if isinstance(value, ast.Call) and len(value.args) == 2:
                name, default = value.args
                if all(isinstance(a, ast.Constant) for a in (name, default)):
                    return os.environ.get(name.value, default.value)
    return site


def print_days(programs: dict[str, Program], facts: Any, locales: dict[str, str]) -> list[PrintDay]:
    """Sessions paired by key; the first language's program gives the order (by
    time, parallel sessions as the program lists them, as on the web)."""
    first = next(iter(programs.values()))
    by_key = {lang: program.by_key() for lang, program in programs.items()}
    days = []
    for day in first.days:
        rows = []
        for session in sorted(first.on(day), key=lambda s: s.span):
            views = [
                session_view(by_key[lang][session.key], program, facts, locales[lang], None)
                for lang, program in programs.items()
            ]
            rows.append(PrintRow(session.key, views))
        days.append(PrintDay(day, rows))
    return days
