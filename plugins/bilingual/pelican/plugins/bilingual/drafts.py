"""Drafts: previewed in a development build, never in a published one.

Pelican writes every ``Status: draft`` item (at ``DRAFT_URL``, or at its own
``Save_as``) in every build, and core knows nothing of the plugin's menus,
switcher and sitemap. The registry keeps drafts apart from what is published
(``Registry.drafts``), so nothing a reader sees leads to them and the other
language falls back as for a missing translation. Here the drafts themselves
are dealt with: a publish build (``BILINGUAL_STRICT``) does not write them at
all; a development build writes each at its draft address only, so a draft
can never take the place of a published page (or of the fallback shown in
its stead) through its ``Save_as``/``Url``.

Content can still link to a draft's file (``{filename}kontakty.md``); Pelican
would lead such a link to the draft. In a development build a link to a draft
translation leads to the page shown in its place (the fallback); a link to a
text that exists only as a draft is a warning there and stops a publish
build, where it would lead nowhere.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from .config import Config
from .errors import Problem, shown_path
from .registry import ListPage, Registry

logger = logging.getLogger("pelican.bilingual")

# Pelican's lists of drafts, per generator.
DRAFT_LISTS = ("drafts", "drafts_translations", "draft_pages", "draft_translations")


def withhold(generators: list[Any]) -> None:
    """Empty the drafts Pelican would write (in place: the template context
    holds the same lists)."""
    for generator in generators:
        for name in DRAFT_LISTS:
            drafts = getattr(generator, name, None)
            if isinstance(drafts, list):
                drafts.clear()


def to_draft_address(drafts: list[Any]) -> None:
    """A draft's own ``Save_as``/``Url`` (often the published page's address)
    gives way to the draft address of its language."""
    for draft in drafts:
        for name in ("override_url", "override_save_as"):
            if hasattr(draft, name):
                delattr(draft, name)


def handle(generators: list[Any], drafts: list[Any], config: Config) -> None:
    if config.strict:
        withhold(generators)
    else:
        to_draft_address(drafts)


def lead_to_published(registry: Registry) -> None:
    """A draft's address becomes that of the page shown in its place, so a
    content link to the draft's file leads there (development builds)."""
    for (key, lang), draft in registry.drafts.items():
        shown = registry.get(key, lang)
        if shown is not None:
            draft.override_url = shown.url


def _linked_paths(item: Any) -> list[tuple[str, list[str]]]:
    """(as written, [content-relative paths it may mean]) of every ``{filename}`` link."""
    found = []
    text = getattr(item, "_content", None) or ""
    for match in item._get_intrasite_link_regex().finditer(text):
        if match["what"] != "filename":
            continue
        path = urlparse(match["value"]).path
        candidates = []
        for written in dict.fromkeys((path, unquote(path))):
            if written.startswith("/"):
                candidates.append(written[1:])
            else:
                joined = os.path.join(item.relative_dir, written)
                candidates.append(item.get_relative_source_path(joined))
        found.append((match["value"], candidates))
    return found


def _line_of_text(path: str, text: str) -> int:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    return next((n for n, line in enumerate(lines, start=1) if text in line), 0)


def link_problems(registry: Registry, config: Config) -> list[Problem]:
    """Links from published content to a draft that nothing stands in for."""
    by_path = {
        draft.get_relative_source_path(): draft
        for (key, lang), draft in registry.drafts.items()
        if config.strict or registry.get(key, lang) is None
    }
    if not by_path:
        return []
    problems = []
    for group in registry.items.values():
        for item in group.values():
            if isinstance(item, ListPage) or getattr(item, "fallback_of", None) is not None:
                continue
            for written, candidates in _linked_paths(item):
                draft = next((by_path[c] for c in candidates if c in by_path), None)
                if draft is None:
                    continue
                line = _line_of_text(item.source_path, written)
                message = (
                    f"links to {shown_path(draft.source_path)}, a draft ('Status: draft'),"
                    " which is never published"
                )
                problems.append(Problem(item.source_path, line, message))
    return problems
