"""The metadata of every content file, checked before Pelican reads it.

Pelican stops on a bad date or broken front matter with a traceback that
names no line; an editor needs ``file:line: what is wrong``. So this reads
each file's front matter with the bilingual plugin's reader (the one the
outdated-translation check and ``Translated_from`` writer use too) and checks
it against the fields the site's plugins declared (``fields.declare`` in each
plugin): unknown fields (with a guess), empty values, required fields and each
field's own value check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from pelican.plugins.bilingual import frontmatter
from pelican.plugins.bilingual.errors import Problem
from pelican.plugins.bilingual.fields import Declaration, declared


def fields_for(kind: str, settings: Mapping[str, Any]) -> dict[str, Declaration]:
    """The fields a ``kind`` of file may carry on this site, by their names here."""
    return {declaration.name_in(settings): declaration for declaration in declared(kind)}


def check_file(
    path: Path,
    kind: str,
    settings: Mapping[str, Any],
    lang: str | None = None,
    languages: Iterable[str] = (),
) -> list[Problem]:
    """What is wrong with one file's front matter, each with its line."""
    where = str(path)
    try:
        matter = frontmatter.read(path)
    except UnicodeDecodeError:
        return [Problem(where, 1, "the file is not UTF-8 text; save it as UTF-8")]
    if matter.problems:
        return matter.problems
    known = fields_for(kind, settings)
    problems = []
    for name, entry in matter.fields.items():
        declaration = known.get(name)
        if declaration is None:
            guess = get_close_matches(name, known, n=1)
            hint = f" – did you mean '{guess[0].capitalize()}'?" if guess else ""
            message = f"unknown field '{name.capitalize()}'{hint}"
            problems.append(Problem(where, entry.line, message))
        elif not entry.value:
            problems.append(Problem(where, entry.line, f"'{name.capitalize()}' is empty"))
        elif declaration.check is not None:
            message = declaration.check(entry.value, settings)
            if message:
                problems.append(Problem(where, entry.line, message))
    for name, declaration in known.items():
        if declaration.required and name not in matter.fields:
            problems.append(Problem(where, 1, f"'{name.capitalize()}:' is missing"))
    known_languages = list(languages)
    if lang is not None and lang not in known_languages:
        message = f"the folder says language '{lang}', known are: {', '.join(known_languages)}"
        problems.append(Problem(where, 1, message))
    return problems


def check_content(settings: Mapping[str, Any]) -> list[Problem]:
    """Every Markdown file under PAGE_PATHS and ARTICLE_PATHS."""
    base = Path(settings["PATH"])
    languages = list(settings.get("BILINGUAL_LANGUAGES") or [settings.get("DEFAULT_LANG", "en")])
    pattern = re.compile(settings.get("PATH_METADATA") or "^$")
    problems: list[Problem] = []
    for folders, kind in ((settings["PAGE_PATHS"], "page"), (settings["ARTICLE_PATHS"], "article")):
        for folder in folders:
            for path in sorted((base / folder).rglob("*.md")):
                match = pattern.match(path.relative_to(base).as_posix())
                lang = match.groupdict().get("lang") if match else None
                problems.extend(check_file(path, kind, settings, lang, languages))
    return problems
