"""The metadata of every content file, checked before Pelican reads it.

Pelican stops on a bad date or broken front matter with a traceback that
names no line; an editor needs ``file:line: what is wrong``. So this reads
each file's header itself, the way Python-Markdown's meta extension does
(``Name: value`` lines up to the first blank line, indented lines continue
the previous value), and checks it against what its kind of page needs.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path

from pelican.plugins.bilingual.errors import Problem

FIELD = re.compile(r"^(?P<name>[A-Za-z][A-Za-z0-9_-]*):\s*(?P<value>.*)$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
SLUG = re.compile(r"^[a-z0-9]+(?:[-/][a-z0-9]+)*$")
STAMP = re.compile(r"^[a-z]{2,3}@[0-9a-f]{8,64}$")
STATUSES = ("published", "hidden", "draft")


@dataclass(frozen=True)
class Schema:
    """What one kind of content file needs and may carry."""

    required: tuple[str, ...]
    known: frozenset[str]


PAGE_FIELDS = frozenset(
    [
        *("title", "key", "slug", "summary", "template", "menu_title", "url", "save_as"),
        *("status", "kind", "translated_from", "lang", "modified", "provisional"),
    ]
)
SCHEMAS = {
    "page": Schema(("title", "key"), PAGE_FIELDS),
    "article": Schema(
        ("title", "key", "date"), PAGE_FIELDS | {"date", "category", "tags", "author"}
    ),
}


def read_header(path: Path) -> tuple[dict[str, tuple[str, int]], list[Problem]]:
    """{field (lower case): (value, line)} and the lines that are not metadata."""
    fields: dict[str, tuple[str, int]] = {}
    problems: list[Problem] = []
    last: str | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            break
        if line[:1] in (" ", "\t") and last is not None:
            value, first = fields[last]
            fields[last] = (f"{value} {line.strip()}", first)
            continue
        match = FIELD.match(line)
        if match is None:
            message = (
                f"'{line.strip()[:40]}' is not a metadata line like 'Title: …';"
                " a blank line must separate the metadata from the text"
            )
            problems.append(Problem(str(path), number, message))
            break
        name = match["name"].lower()
        if name in fields:
            problems.append(
                Problem(
                    str(path),
                    number,
                    f"'{match['name']}' is given twice (also line {fields[name][1]})",
                )
            )
        fields[name] = (match["value"].strip(), number)
        last = name
    return fields, problems


def _valid_date(value: str) -> bool:
    if not DATE.match(value):
        return False
    try:
        dt.datetime.fromisoformat(value.replace(" ", "T"))
    except ValueError:
        return False
    return True


def check_file(
    path: Path, kind: str, templates: Iterable[str], lang: str | None, languages: Iterable[str]
) -> list[Problem]:
    schema = SCHEMAS[kind]
    fields, problems = read_header(path)
    if problems:
        return problems
    where = str(path)
    for name, (value, line) in fields.items():
        if name not in schema.known:
            guess = get_close_matches(name, schema.known, n=1)
            hint = f" – did you mean '{guess[0].capitalize()}'?" if guess else ""
            problems.append(Problem(where, line, f"unknown field '{name.capitalize()}'{hint}"))
        elif not value:
            problems.append(Problem(where, line, f"'{name.capitalize()}' is empty"))
    for name in schema.required:
        if name not in fields:
            problems.append(Problem(where, 1, f"'{name.capitalize()}:' is missing"))
    problems.extend(_check_values(where, fields, templates))
    known_languages = list(languages)
    if lang is not None and lang not in known_languages:
        problems.append(
            Problem(
                where,
                1,
                f"the folder says language '{lang}', known are: {', '.join(known_languages)}",
            )
        )
    return problems


def _check_values(
    where: str, fields: dict[str, tuple[str, int]], templates: Iterable[str]
) -> list[Problem]:
    problems = []
    for name in ("date", "modified", "provisional"):
        if name in fields and fields[name][0] and not _valid_date(fields[name][0]):
            value, line = fields[name]
            problems.append(
                Problem(
                    where,
                    line,
                    f"'{value}' is not a valid date like 2017-03-15 or 2017-03-15 10:00",
                )
            )
    checks = (
        (
            "slug",
            lambda v: SLUG.match(v),
            "a slug has lower-case Latin letters, digits, '-' and '/' only",
        ),
        ("status", lambda v: v in STATUSES, f"status must be one of: {', '.join(STATUSES)}"),
        (
            "translated_from",
            lambda v: STAMP.match(v),
            "write it as de@1a2b3c4d (invoke translations --acknowledge KEY does)",
        ),
        ("template", lambda v: v in set(templates), "there is no such template in the theme"),
    )
    for name, valid, hint in checks:
        if name in fields and fields[name][0] and not valid(fields[name][0]):
            value, line = fields[name]
            problems.append(Problem(where, line, f"'{value}': {hint}"))
    return problems


def check_content(settings: dict) -> list[Problem]:
    """Every Markdown file under PAGE_PATHS and ARTICLE_PATHS."""
    base = Path(settings["PATH"])
    theme = Path(settings["THEME"]) / "templates"
    templates = {p.stem for p in theme.glob("*.html")}
    languages = list(settings.get("BILINGUAL_LANGUAGES") or [settings.get("DEFAULT_LANG", "en")])
    pattern = re.compile(settings.get("PATH_METADATA") or "^$")
    problems: list[Problem] = []
    for folders, kind in ((settings["PAGE_PATHS"], "page"), (settings["ARTICLE_PATHS"], "article")):
        for folder in folders:
            for path in sorted((base / folder).rglob("*.md")):
                match = pattern.match(path.relative_to(base).as_posix())
                lang = match.groupdict().get("lang") if match else None
                problems.extend(check_file(path, kind, templates, lang, languages))
    return problems
