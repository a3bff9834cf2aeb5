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
"""

from __future__ import annotations

from typing import Any

from .config import Config

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
