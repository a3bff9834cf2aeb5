"""One order for every list, whatever order the files were found in.

Pelican finds content files as a set, whose order follows Python's hash seed,
and sorts them by date (or the site's ``ARTICLE_ORDER_BY``) with a stable
sort: items of one date kept the order the set gave, so two builds of the
same content wrote news lists, category and tag pages and feeds in different
orders. Every list here is ordered by date, then key, then language (the
site's order of languages), then source file: a total order.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from pelican.utils import order_content

from .config import Config


def tiebreak(config: Config) -> Any:
    """The sort key that decides between items the site's order ties: key,
    language, file."""
    rank = {code: n for n, code in enumerate(config.languages)}

    def key(item: Any) -> tuple[str, int, str, str]:
        metadata = getattr(item, "metadata", {}) or {}
        lang = getattr(item, "lang", "") or ""
        return (
            str(metadata.get(config.key, "")),
            rank.get(lang, len(rank)),
            lang,
            str(getattr(item, "source_path", "") or ""),
        )

    return key


def newest_first(items: Iterable[Any], config: Config) -> list[Any]:
    """Newest first; items of one date by key, then language."""
    ordered = sorted(items, key=tiebreak(config))
    ordered.sort(key=attrgetter("date"), reverse=True)  # stable: ties keep the key order
    return ordered


def _reorder(items: list[Any], order_by: Any, config: Config) -> None:
    """Sort in place: the tiebreak first, then the site's own order (stable)."""
    items.sort(key=tiebreak(config))
    order_content(items, order_by)


def _by_rank(items: list[Any], rank: dict[int, int]) -> None:
    items.sort(key=lambda item: rank.get(id(item), len(rank)))


def settle_core_order(articles: Any, pages: Any, config: Config) -> None:
    """Give the lists Pelican put into the templates' context (``articles``,
    ``dates``, the articles of each category, tag and author, ``pages``) the
    total order, in place, so every template sees the same order in every build."""
    if articles is not None:
        order_by = articles.settings.get("ARTICLE_ORDER_BY", "reversed-date")
        for items in (articles.articles, articles.hidden_articles, articles.drafts):
            _reorder(items, order_by, config)
        rank = {id(item): n for n, item in enumerate(articles.articles)}
        _by_rank(articles.dates, rank)
        articles.dates.sort(
            key=attrgetter("date"), reverse=articles.context.get("NEWEST_FIRST_ARCHIVES", True)
        )
        for name in ("categories", "tags", "authors"):
            groups = getattr(articles, name, None)
            pairs = groups.items() if hasattr(groups, "items") else groups or []
            for _term, members in pairs:
                if isinstance(members, list):
                    _by_rank(members, rank)
    if pages is not None:
        order_by = pages.settings.get("PAGE_ORDER_BY", "basename")
        for items in (pages.pages, pages.hidden_pages, pages.draft_pages):
            _reorder(items, order_by, config)
