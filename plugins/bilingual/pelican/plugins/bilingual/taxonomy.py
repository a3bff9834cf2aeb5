"""Category and tag pages, one set per language, paired across languages.

Terms are words of their language ("Konferenz", «Конференция»), so they
cannot share a key written by an editor. They are paired by the articles
they hold instead: a Russian category is the counterpart of the German
category that most of its articles' German translations belong to.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from .config import Config
from .registry import ListPage
from .slugs import slugify

KINDS = ("category", "tag")


def terms_of(article: Any, kind: str) -> list[Any]:
    if kind == "category":
        return [article.category] if getattr(article, "category", None) else []
    return list(getattr(article, "tags", []) or [])


def _group(articles: list[Any], kind: str) -> dict[tuple[str, str], list[Any]]:
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for article in articles:
        for term in terms_of(article, kind):
            groups[(article.lang, str(term))].append(article)
    return groups


def _point_terms_here(
    members: list[Any], kind: str, name: str, slug: str, settings: dict[str, Any]
) -> None:
    """Core gave each article's category and tags core's own address, a page
    the plugin turned off; themes link ``article.category.url``, so it must
    lead to this language's list instead."""
    for article in members:
        for term in terms_of(article, kind):
            if str(term) == name:
                term.settings = settings
                term.slug = slug


def _term(members: list[Any], kind: str, name: str) -> Any:
    """The category or tag object itself, as core passes it to its templates."""
    return next(t for t in terms_of(members[0], kind) if str(t) == name)


def _partner(articles: list[Any], kind: str, lang: str) -> str | None:
    """The term in ``lang`` that most translations of these articles carry."""
    votes: Counter[str] = Counter()
    for article in articles:
        for translation in getattr(article, "translations", []):
            if translation.lang == lang:
                votes.update(str(term) for term in terms_of(translation, kind))
    return votes.most_common(1)[0][0] if votes else None


def taxonomy_pages(articles: list[Any], config: Config, kind: str) -> list[ListPage]:
    groups = _group(articles, kind)
    pages: list[ListPage] = []
    taken: set[tuple[str, str]] = set()
    linking: dict[str, dict[str, Any]] = {}
    for (lang, term), members in sorted(groups.items()):
        pattern_url = config.setting(lang, f"{kind.upper()}_URL")
        pattern_save = config.setting(lang, f"{kind.upper()}_SAVE_AS")
        if not pattern_url or not pattern_save:
            continue
        anchor = term if lang == config.default else _partner(members, kind, config.default)
        key = f"{kind}:{slugify(anchor, config.default)}" if anchor else f"{kind}:{lang}:{term}"
        if (key, lang) in taken:
            key = f"{kind}:{lang}:{term}"
        taken.add((key, lang))
        slug = slugify(term, lang)
        members = sorted(members, key=lambda a: a.date, reverse=True)
        if lang not in linking:
            # Its address is this language's list; core must still write nothing.
            linking[lang] = {**config.per_language[lang], f"{kind.upper()}_SAVE_AS": ""}
        _point_terms_here(members, kind, term, slug, linking[lang])
        pages.append(
            ListPage(
                key=key,
                lang=lang,
                url=pattern_url.format(slug=slug),
                save_as=pattern_save.format(slug=slug),
                title=term,
                items=members,
                template=kind,
                metadata={"kind": kind},
                term=_term(members, kind, term),
            )
        )
    return pages
