"""A writer that renders each page with its own language's settings.

Pelican renders every template with one context, the site's settings. In a
run that writes several languages, a page in Russian must see Russian
settings: ``DEFAULT_LANG`` (themes write it into ``<html lang>``),
``SITENAME`` and anything else the site set per language, and its lists must
be paginated by that language's ``DEFAULT_PAGINATION`` and
``PAGINATION_PATTERNS`` – the same the sitemap counts with.

The writer also sees every file written through it: a second write of one
file (which Pelican turns into a silent overwrite, or a silent skip) stops the
build naming both writers, as ``addresses.py`` does for everything it can
foresee.
"""

from __future__ import annotations

import os
from typing import Any

from pelican.writers import Writer

from .addresses import Claim, content_claim, list_claims, normal
from .errors import Problem, stop_on
from .registry import ListPage
from .runtime import current_or_none


def str_title(page: ListPage) -> tuple[str, str, str]:
    """Terms by title, as a reader looks for them; the key decides a tie."""
    return (page.title.casefold(), page.title, page.key)


def claim_of_write(name: str, template: Any, kwargs: dict[str, Any]) -> Claim:
    """Who writes this file, as a clash names it."""
    item = kwargs.get("article") or kwargs.get("page")
    if item is not None and getattr(item, "source_path", None):
        return content_claim(item, save_as=name)
    listing = kwargs.get("listing")
    if isinstance(listing, ListPage):
        return list_claims(listing)[0]
    if kwargs.get("landing"):
        what = "the site-wide 404 page" if kwargs.get("not_found") else "the landing page"
        return Claim(name, what)
    template_name = getattr(template, "name", None) or "?"
    return Claim(name, f"the page of template '{template_name}'")


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
        self._written: dict[str, Claim] = {}  # every file written, by its full path
        self._writing: Claim | None = None  # who writes what is opened now

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        """Every file is opened here: the second writer of one stops the build."""
        if filename != os.devnull:
            relative = os.path.relpath(filename, self.output_path).replace(os.sep, "/")
            claim = self._writing or Claim(relative, "another writer")
            if normal(claim.path) != relative:  # a later page of a paginated list
                what = f"a page of {claim.what}"
                claim = Claim(relative, what, claim.where, claim.at, f"'{relative}' ({what})")
            first = self._written.setdefault(filename, claim)
            if first is not claim:
                if claim.where == "settings" and first.where != "settings":
                    # Name the content file's field, whichever was written first.
                    first, claim = claim, first
                problem = Problem(
                    claim.where, claim.line, f"{claim.head} is also written by {first.what}"
                )
                stop_on([problem], "addresses")
        return super()._open_w(filename, encoding, override)

    def write_feed(self, elements: Any, context: Any, path: Any = None, *args: Any, **kwargs: Any):
        self._writing = Claim(path, f"the feed {path}") if path else None
        try:
            return super().write_feed(elements, context, path, *args, **kwargs)
        finally:
            self._writing = None

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
        self._writing = claim_of_write(name, template, kwargs)
        try:
            return self._write_in_language(name, template, context, *args, **kwargs)
        finally:
            self._writing = None

    def _write_in_language(
        self, name: str, template: Any, context: dict[str, Any], *args, **kwargs
    ):
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
