"""Which metadata fields a content file may carry: declared by whoever reads them.

A field nobody reads is almost always a typo (``Sumary:``), and Pelican
silently keeps it. So every plugin that reads a field declares it in its
``register()``, with the kinds of content it applies to, whether it is
required and how its value is checked; sitecheck then checks every file
against the declarations before Pelican reads anything. Pelican core's own
fields are declared once, below.

Declarations are static facts about code, so they live in one module-level
registry. ``register()`` runs again for every Pelican instance (tests build
many sites in one process), so declaring a field again is harmless; only two
plugins claiming one name is a mistake.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KINDS = ("page", "article")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
SLUG = re.compile(r"^[a-z0-9]+(?:[-/][a-z0-9]+)*$")
STATUSES = ("published", "hidden", "draft")

# A value check gets the value (never empty) and the site's settings and
# returns what is wrong with it, as the rest of ``file:line: …``, or None.
Check = Callable[[str, Mapping[str, Any]], str | None]


@dataclass(frozen=True)
class Declaration:
    """One metadata field as a plugin (or Pelican core) understands it."""

    name: str  # lower case, as in Pelican's metadata
    kinds: frozenset[str]  # "page", "article"
    required: bool
    check: Check | None
    plugin: str
    doc: str
    setting: str | None = None  # a setting that renames the field (BILINGUAL_KEY)

    def name_in(self, settings: Mapping[str, Any]) -> str:
        """The field's name on this site (a setting may rename it)."""
        if self.setting and settings.get(self.setting):
            return str(settings[self.setting]).lower()
        return self.name


_declared: dict[str, Declaration] = {}


def declare(
    name: str,
    *,
    plugin: str,
    doc: str,
    kinds: Iterable[str] = KINDS,
    required: bool = False,
    check: Check | None = None,
    setting: str | None = None,
) -> Declaration:
    """Declare a field; again with the same plugin replaces the declaration."""
    kinds = frozenset(kinds)
    if not kinds or not kinds <= set(KINDS):
        raise ValueError(f"field '{name}': kinds must be some of {', '.join(KINDS)}")
    declaration = Declaration(name.lower(), kinds, required, check, plugin, doc, setting)
    earlier = _declared.get(declaration.name)
    if earlier is not None and earlier.plugin != plugin:
        raise ValueError(
            f"field '{declaration.name}' is declared by {earlier.plugin} and by {plugin}"
        )
    _declared[declaration.name] = declaration
    return declaration


def declared(kind: str | None = None) -> list[Declaration]:
    """Every declared field (applying to ``kind`` if given), by name."""
    return [d for _, d in sorted(_declared.items()) if kind is None or kind in d.kinds]


# --- Checks several plugins use ------------------------------------------------


def is_date(value: str, settings: Mapping[str, Any] | None = None) -> str | None:
    """A date as Pelican reads it; refuses what it would misread (a 30 February)."""
    if DATE.match(value):
        try:
            dt.datetime.fromisoformat(value.replace(" ", "T"))
            return None
        except ValueError:
            pass
    return f"'{value}' is not a valid date (write YYYY-MM-DD or YYYY-MM-DD HH:MM)"


def _slug(value: str, settings: Mapping[str, Any]) -> str | None:
    if SLUG.match(value):
        return None
    return f"'{value}': a slug has lower-case Latin letters, digits, '-' and '/' only"


def _status(value: str, settings: Mapping[str, Any]) -> str | None:
    if value in STATUSES:
        return None
    return f"'{value}': status must be one of: {', '.join(STATUSES)}"


def _template(value: str, settings: Mapping[str, Any]) -> str | None:
    # Not cached: a template added while ``pelican -r`` runs must count.
    theme = settings.get("THEME")
    if not theme or value in {p.stem for p in (Path(theme) / "templates").glob("*.html")}:
        return None
    return f"'{value}': there is no such template in the theme"


def _address(value: str, settings: Mapping[str, Any]) -> str | None:
    """A Url or Save_as stays inside the site: Pelican would refuse to write
    outside the output folder only as it writes, with a traceback."""
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts:
        return f"'{value}' leads outside the output folder; write an address inside the site"
    return None


# --- Pelican core's own fields -------------------------------------------------

_CORE: tuple[tuple[str, tuple[str, ...], bool, Check | None, str], ...] = (
    ("title", KINDS, True, None, "the heading and the <title>"),
    ("slug", KINDS, False, _slug, "the last part of the address (from the title if not given)"),
    ("summary", KINDS, False, None, "one sentence for search engines, lists and the start page"),
    ("template", KINDS, False, _template, "a template of the theme other than page/article"),
    ("url", KINDS, False, _address, "the address, overriding the URL pattern"),
    ("save_as", KINDS, False, _address, "the output file, overriding the SAVE_AS pattern"),
    ("status", KINDS, False, _status, "published, hidden or draft"),
    ("lang", KINDS, False, None, "the language (usually from the folder)"),
    ("modified", KINDS, False, is_date, "when the text last changed"),
    ("date", ("article",), True, is_date, "when the news item appeared"),
    ("category", ("article",), False, None, "the news item's category"),
    ("tags", ("article",), False, None, "comma-separated tags"),
    ("author", ("article",), False, None, "the author (the language's AUTHOR if not given)"),
    ("authors", ("article",), False, None, "comma-separated authors"),
)
for _name, _kinds, _required, _check, _doc in _CORE:
    declare(_name, plugin="pelican", doc=_doc, kinds=_kinds, required=_required, check=_check)


# --- The bilingual plugin's own fields ----------------------------------------
# Declared by the plugin's register(), as every plugin declares its own.


def _stamp(value: str, settings: Mapping[str, Any]) -> str | None:
    from .outdated import parse_stamp

    if parse_stamp(value) is not None:
        return None
    return (
        f"'{value}': write it as de@1a2b3c4d"
        " (python -m pelican.plugins.bilingual acknowledge KEY does)"
    )


def declare_bilingual_fields() -> None:
    """The fields the bilingual plugin reads (idempotent)."""
    declare(
        "key",
        plugin="bilingual",
        doc="the same in every language: pairs a page with its translations",
        required=True,
        setting="BILINGUAL_KEY",
    )
    declare(
        "translated_from",
        plugin="bilingual",
        doc="the source's language and text hash when translated, e.g. de@1a2b3c4d",
        check=_stamp,
    )
    declare("menu_title", plugin="bilingual", doc="a shorter title for menus")
