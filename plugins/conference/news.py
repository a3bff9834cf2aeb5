"""News items across languages and time: one date for all translations,
and nothing published before its date.

A news item and its translations announce one event, so they must carry the
same ``Date``; a typo in one language would list them on different days.
An item dated after the as-of date (``AS_OF_DATE`` or ``SOURCE_DATE_EPOCH``,
see facts.py) is an announcement prepared ahead: it is held back – not
written, listed, fed or put in the sitemap – until a build on or after its
date (the scheduled build) publishes it. Both act on Pelican's article lists
before categories, tags and the bilingual pairing see them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pelican.log import console
from pelican.plugins.bilingual.errors import Problem, shown_path
from pelican.plugins.bilingual.frontmatter import line_of

_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations")


def articles_of(generator: Any, default_lang: str | None = None) -> list[Any]:
    """Every article the generator read (drafts aside), the default language's first."""
    items = [item for name in _LISTS for item in getattr(generator, name, [])]
    return sorted(items, key=lambda item: getattr(item, "lang", None) != default_lang)


def date_disagreements(articles: Iterable[Any], key_field: str) -> list[Problem]:
    """One problem for each translation whose Date differs from the first
    language's (in the order given), naming both files and lines."""
    by_key: dict[str, list[Any]] = defaultdict(list)
    for article in articles:
        key = article.metadata.get(key_field)
        if key and getattr(article, "date", None) is not None:
            by_key[key].append(article)
    problems = []
    for key, group in by_key.items():
        first, *others = group
        for other in others:
            if other.date != first.date:
                where = f"{shown_path(first.source_path)}:{line_of(first.source_path, 'date')}"
                message = (
                    f"news item '{key}' is dated {_shown(other.date)} here but"
                    f" {_shown(first.date)} in its {first.lang} version ({where}):"
                    " give every language the same Date"
                )
                problems.append(
                    Problem(other.source_path, line_of(other.source_path, "date"), message)
                )
    return problems


def _shown(date: dt.datetime) -> str:
    return date.strftime("%Y-%m-%d %H:%M")


def is_ahead(article: Any, as_of: dt.date) -> bool:
    """Dated after the as-of day, on the calendar of the item's own time zone."""
    date = getattr(article, "date", None)
    return date is not None and date.date() > as_of


def hold_back(generator: Any, as_of: dt.date) -> list[Any]:
    """Take the items dated after ``as_of`` out of every article list, and
    tell the editor when each will appear."""
    held = [article for article in articles_of(generator) if is_ahead(article, as_of)]
    if not held:
        return []
    for name in _LISTS:
        items = getattr(generator, name, None)
        if items is not None:
            items[:] = [item for item in items if item not in held]
    for article in sorted(held, key=lambda a: (a.date, a.source_path)):
        # Not a warning: a strict build (invoke check) must still pass.
        console.print(
            f"Info: {shown_path(str(Path(article.source_path)))}: dated {article.date.date()},"
            f" held back until then (building as of {as_of})",
            soft_wrap=True,
            markup=False,
            highlight=False,
        )
    return held
