"""A writer that renders each page with its own language's settings.

Pelican renders every template with one context, the site's settings. In a
run that writes several languages, a page in Russian must see Russian
settings: ``DEFAULT_LANG`` (themes write it into ``<html lang>``),
``SITENAME`` and anything else the site set per language, and its lists must
be paginated by that language's ``DEFAULT_PAGINATION`` and
``PAGINATION_PATTERNS`` – the same the sitemap counts with.
"""

from __future__ import annotations

from typing import Any

from pelican.writers import Writer

from .registry import ListPage
from .runtime import current_or_none


def str_title(page: ListPage) -> str:
    return page.title.casefold()


def language_of_write(kwargs: dict[str, Any]) -> str | None:
    """The language of what is being written: the plugin's own lists say it
    (``lang=``), content carries it."""
    if kwargs.get("lang"):
        return kwargs["lang"]
    item = kwargs.get("article") or kwargs.get("page")
    return getattr(item, "lang", None)


class LanguageWriter(Writer):
    """Themes list ``pages`` (Pelican's default theme puts them in its menu),
    ``articles``, ``categories`` and ``tags``: a page in one language sees
    those of its language – the categories and tags as the plugin's lists,
    ``(term, articles)`` pairs like core's, whose terms link to those lists."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Each language's lists, worked out once per run (one writer per run).
        self._own: dict[tuple[str, str, int], list[Any]] = {}

    def _terms(self, registry: Any, lang: str, kind: str) -> list[tuple[Any, list[Any]]]:
        key = (kind, lang, id(registry))
        if key not in self._own:
            lists = [
                page
                for group in registry.items.values()
                if isinstance(page := group.get(lang), ListPage)
                and page.metadata.get("kind") == kind
            ]
            self._own[key] = [(page.term, page.items) for page in sorted(lists, key=str_title)]
        return self._own[key]

    def _in_language(self, context: dict[str, Any], lang: str) -> dict[str, Any]:
        runtime = current_or_none()
        lists: dict[str, Any] = {}
        if runtime is not None and runtime.registry is not None:
            lists["categories"] = self._terms(runtime.registry, lang, "category")
            lists["tags"] = self._terms(runtime.registry, lang, "tag")
        for name in ("pages", "articles"):
            items = context.get(name)
            if not isinstance(items, list):
                continue
            key = (name, lang, id(items))
            if key not in self._own:
                self._own[key] = [item for item in items if getattr(item, "lang", lang) == lang]
            lists[name] = self._own[key]
        return lists

    def write_file(self, name: str, template: Any, context: dict[str, Any], *args, **kwargs):
        runtime = current_or_none()
        lang = language_of_write(kwargs)
        if runtime is None or lang not in runtime.config.languages:
            return super().write_file(name, template, context, *args, **kwargs)
        context = {**context, **self._in_language(context, lang), **runtime.config.overlay(lang)}
        site_settings, self.settings = self.settings, runtime.config.per_language[lang]
        try:
            return super().write_file(name, template, context, *args, **kwargs)
        finally:
            self.settings = site_settings
