"""Pairs every page and article with its translations by a shared key.

Pelican core pairs translations by slug, which forces one slug for all
languages. Pairing by an explicit key (Hugo's ``translationKey``) lets every
language keep its own readable URL, and makes every mistake detectable: a
missing key, an unknown language, two files claiming one key and language,
two items written to one URL.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .config import Config
from .errors import Problem, shown_path
from .frontmatter import line_of


@dataclass
class ListPage:
    """A list the plugin writes (news, a category, a tag), paired like content.

    ``page_urls`` holds the address of each page of the list once it is
    paginated, so the switcher on page 3 can lead to page 3 of the other
    language.
    """

    key: str
    lang: str
    url: str
    save_as: str
    title: str
    items: list[Any] = field(default_factory=list)
    template: str = "index"
    page_urls: list[str] = field(default_factory=list)
    page_save_as: list[str] = field(default_factory=list)  # the files of those pages
    source_path: str = "(generated)"
    metadata: dict[str, Any] = field(default_factory=dict)
    term: Any = None  # the category or tag object of a taxonomy list

    def url_of_page(self, number: int) -> str | None:
        urls = self.page_urls or [self.url]
        return urls[number - 1] if 1 <= number <= len(urls) else None


class Registry:
    """Every item by key and language; answers the templates' questions.

    Drafts are kept apart (``drafts``): nothing a reader sees – a menu, the
    switcher, hreflang, the sitemap, a feed – may lead to a text that is not
    published, and a draft translation counts as a missing one.
    """

    def __init__(self, config: Config):
        self.config = config
        self.items: dict[str, dict[str, Any]] = defaultdict(dict)
        self.drafts: dict[tuple[str, str], Any] = {}

    def add(self, key: str, lang: str, item: Any) -> None:
        self.items[key][lang] = item

    def get(self, key: str, lang: str) -> Any | None:
        return self.items.get(key, {}).get(lang)

    def translations(self, key: str, lang: str) -> list[Any]:
        group = self.items.get(key, {})
        return [group[code] for code in self.config.languages if code in group and code != lang]

    def missing(self) -> Iterable[tuple[str, str, Any]]:
        """(key, missing language, an existing item) for every gap."""
        for key, group in self.items.items():
            if any(isinstance(item, ListPage) for item in group.values()):
                continue
            for code in self.config.languages:
                if code not in group:
                    yield key, code, next(iter(group.values()))


def pair(items: Iterable[Any], config: Config) -> tuple[Registry, list[Problem]]:
    """Build the registry from content objects, collecting every problem."""
    registry = Registry(config)
    problems: list[Problem] = []
    for item in items:
        source = item.source_path
        key = item.metadata.get(config.key)
        if "lang" not in item.metadata:
            known = ", ".join(config.languages)
            message = (
                "lies in no language folder: move it into a folder named by its language"
                f" (known: {known}), or give it 'Lang:'"
            )
            problems.append(Problem(source, 0, message))
            continue
        if item.lang not in config.languages:
            known = ", ".join(config.languages)
            problems.append(
                Problem(
                    source,
                    line_of(source, "lang"),
                    f"unknown language '{item.lang}' (known: {known}); the language"
                    " is the name of the folder the file lies in",
                )
            )
            continue
        if not key:
            problems.append(
                Problem(
                    source,
                    1,
                    f"no '{config.key}:' in the metadata; add the key it shares"
                    " with its translation",
                )
            )
            continue
        draft = is_draft(item)
        other = registry.drafts.get((key, item.lang)) if draft else registry.get(key, item.lang)
        if other is not None:
            problems.append(
                Problem(
                    source,
                    line_of(source, config.key),
                    f"{config.key} '{key}' in language '{item.lang}' is already used"
                    f" by {shown_path(other.source_path)}",
                )
            )
            continue
        if draft:
            registry.drafts[(key, item.lang)] = item
        else:
            registry.add(key, item.lang, item)
    return registry, problems


def is_draft(item: Any) -> bool:
    return getattr(item, "status", "") == "draft"


def link_translations(registry: Registry) -> None:
    """Give each item Pelican's ``translations`` list, in language order."""
    for key, group in registry.items.items():
        for lang, item in group.items():
            if not isinstance(item, ListPage):
                item.translations = registry.translations(key, lang)
