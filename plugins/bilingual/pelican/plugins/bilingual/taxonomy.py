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
from .order import newest_first
from .registry import ListPage
from .slugs import slugify

KINDS = ("category", "tag")


def terms_of(article: Any, kind: str) -> list[Any]:
    if kind == "category":
        return [article.category] if getattr(article, "category", None) else []
    return list(getattr(article, "tags", []) or [])


def _group(articles: list[Any], kind: str) -> dict[tuple[str, str], list[Any]]:
    """Articles by (language, slug): ``Music`` and ``music`` are one list, as in core."""
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for article in articles:
        for slug in {slugify(str(term), article.lang) for term in terms_of(article, kind)}:
            groups[(article.lang, slug)].append(article)
    return groups


def _point_terms_here(
    members: list[Any], kind: str, lang: str, slug: str, settings: dict[str, Any]
) -> None:
    """Core gave each article's category and tags core's own address, a page
    the plugin turned off; themes link ``article.category.url``, so it must
    lead to this language's list instead."""
    for article in members:
        for term in terms_of(article, kind):
            if slugify(str(term), lang) == slug:
                term.settings = settings
                term.slug = slug


def _term(members: list[Any], kind: str, lang: str, slug: str) -> Any:
    """The category or tag object itself, as core passes it to its templates."""
    return next(t for t in terms_of(members[-1], kind) if slugify(str(t), lang) == slug)


def _partner(
    members: list[Any], kind: str, default: str, groups: dict[tuple[str, str], list[Any]]
) -> str | None:
    """The default language's term whose articles are most nearly the
    translations of these (Jaccard index); ties go to the first slug."""
    overlap: Counter[str] = Counter()
    for article in members:
        for translation in getattr(article, "translations", []):
            if translation.lang == default:
                slugs = {slugify(str(term), default) for term in terms_of(translation, kind)}
                overlap.update(slugs)
    if not overlap:
        return None

    def score(slug: str) -> tuple[float, str]:
        union = len(members) + len(groups.get((default, slug), [])) - overlap[slug]
        return (-overlap[slug] / union, slug)

    return min(overlap, key=score)


def taxonomy_pages(articles: list[Any], config: Config, kind: str) -> list[ListPage]:
    groups = _group(articles, kind)
    pages: list[ListPage] = []
    taken: set[tuple[str, str]] = set()
    linking: dict[str, dict[str, Any]] = {}
    for (lang, slug), members in sorted(groups.items()):
        pattern_url = config.setting(lang, f"{kind.upper()}_URL")
        pattern_save = config.setting(lang, f"{kind.upper()}_SAVE_AS")
        if not pattern_url or not pattern_save:
            continue
        members = newest_first(members, config)
        term = _term(members, kind, lang, slug)
        anchor = slug if lang == config.default else _partner(members, kind, config.default, groups)
        key = f"{kind}:{anchor}" if anchor else f"{kind}:{lang}:{slug}"
        if (key, lang) in taken:
            key = f"{kind}:{lang}:{slug}"
        taken.add((key, lang))
        if lang not in linking:
            # Its address is this language's list; core must still write nothing.
            linking[lang] = {**config.per_language[lang], f"{kind.upper()}_SAVE_AS": ""}
        _point_terms_here(members, kind, lang, slug, linking[lang])
        pages.append(
            ListPage(
                key=key,
                lang=lang,
                url=pattern_url.format(slug=slug),
                save_as=pattern_save.format(slug=slug),
                title=str(term),
                items=members,
                template=kind,
                metadata={"kind": kind},
                term=term,
            )
        )
    return pages
