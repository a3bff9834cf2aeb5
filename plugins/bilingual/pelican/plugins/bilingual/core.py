"""The core settings a bilingual site needs, set by the plugin unless the site set them.

Pelican core pairs translations by slug, writes one news index, one set of
category, tag, author and archive pages and one feed for the whole site, and
reads no language from folders. With every language in one run those would
mix the languages or collide with the per-language lists the plugin writes.
So, when the plugin starts, it turns core's own lists and feeds off and gives
content addresses a language prefix – but only where the site still has
Pelican's default: a value the site chose is kept.

The site's values for the lists it writes itself (``CATEGORY_URL``, ``TAG_URL``
…, ``FEED_ATOM``) are read by the plugin *before* core's are turned off; see
``config.LIST_PATTERNS``.
"""

from __future__ import annotations

import re
from typing import Any

from pelican.settings import DEFAULT_CONFIG

# Core writes these for the whole site; the plugin writes its own per language.
CORE_LISTS_OFF: dict[str, Any] = {
    **{
        name: ""
        for name in (
            "CATEGORY_SAVE_AS",
            "CATEGORIES_SAVE_AS",
            "TAG_SAVE_AS",
            "TAGS_SAVE_AS",
            "AUTHOR_SAVE_AS",
            "AUTHORS_SAVE_AS",
            "ARCHIVES_SAVE_AS",
            "YEAR_ARCHIVE_SAVE_AS",
            "MONTH_ARCHIVE_SAVE_AS",
            "DAY_ARCHIVE_SAVE_AS",
        )
    },
    **{
        name: None
        for name in (
            "FEED_ATOM",
            "FEED_RSS",
            "FEED_ALL_ATOM",
            "FEED_ALL_RSS",
            "CATEGORY_FEED_ATOM",
            "CATEGORY_FEED_RSS",
            "AUTHOR_FEED_ATOM",
            "AUTHOR_FEED_RSS",
            "TAG_FEED_ATOM",
            "TAG_FEED_RSS",
            "TRANSLATION_FEED_ATOM",
            "TRANSLATION_FEED_RSS",
        )
    },
}

# Content addresses: Pelican's default patterns, one folder per language.
PREFIXED = (
    "ARTICLE_URL",
    "ARTICLE_SAVE_AS",
    "PAGE_URL",
    "PAGE_SAVE_AS",
    "DRAFT_URL",
    "DRAFT_SAVE_AS",
    "DRAFT_PAGE_URL",
    "DRAFT_PAGE_SAVE_AS",
)


def is_default(settings: dict[str, Any], name: str) -> bool:
    """True when the site left ``name`` as Pelican has it."""
    return name not in settings or settings[name] == DEFAULT_CONFIG.get(name)


def language_folders(settings: dict[str, Any]) -> str:
    """PATH_METADATA that reads the language from the first folder below the
    content's own folders (``pages/de/…``, ``de/…``). Any folder name is taken,
    so that a folder of a language the site does not have is reported, not
    silently read as the default language."""
    roots = {root for root in (*settings["PAGE_PATHS"], *settings["ARTICLE_PATHS"]) if root}
    alternatives = "|".join(re.escape(root) for root in sorted(roots, key=len, reverse=True))
    prefix = f"(?:(?:{alternatives})/)?" if alternatives else ""
    return rf"{prefix}(?P<lang>[^/]+)/.*"


def core_defaults(settings: dict[str, Any]) -> dict[str, Any]:
    """The values the plugin sets: only where the site kept Pelican's default."""
    wanted: dict[str, Any] = {
        "ARTICLE_TRANSLATION_ID": None,
        "PAGE_TRANSLATION_ID": None,
        "DIRECT_TEMPLATES": [],
        "USE_FOLDER_AS_CATEGORY": False,
        "PATH_METADATA": language_folders(settings),
        **{name: f"{{lang}}/{DEFAULT_CONFIG[name]}" for name in PREFIXED},
    }
    changes = {name: value for name, value in wanted.items() if is_default(settings, name)}
    changes.update(CORE_LISTS_OFF)  # the plugin writes these lists itself
    return changes
