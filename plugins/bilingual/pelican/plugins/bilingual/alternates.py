"""Which page is the same page in another language.

One function answers it for the switcher, the ``hreflang`` links in the head
and ``sitemap.xml``, so the three can never disagree. A fallback page (the
text of another language shown while a translation is missing) or the first
page of a shorter list is a place the switcher may lead to, but it is not an
equivalent: hreflang never names it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .config import Config
from .registry import ListPage, Registry


@dataclass(frozen=True)
class Alternate:
    lang: str
    name: str
    url: str
    current: bool
    equivalent: bool


def is_fallback(item: Any) -> bool:
    return getattr(item, "fallback_of", None) is not None


def _target_url(item: Any, page: int) -> tuple[str, bool]:
    """Address of page ``page`` of the item, and whether it is that same page."""
    if isinstance(item, ListPage):
        url = item.url_of_page(page)
        return (url, True) if url is not None else (item.url_of_page(1), False)
    return item.url, page == 1


def alternates_for(
    registry: Registry, config: Config, key: str | None, lang: str, page: int = 1
) -> list[Alternate]:
    """The page itself and its counterpart in every other language, in language order."""
    result = []
    for code, language in config.languages.items():
        target = registry.get(key, code) if key else None
        if target is None:
            continue
        url, same_page = _target_url(target, page)
        equivalent = same_page and not is_fallback(target)
        result.append(Alternate(code, language.name, url, code == lang, equivalent))
    return result


def x_default_for(
    registry: Registry, config: Config, key: str | None, landing_url: str | None, page: int = 1
) -> str | None:
    """For readers of none of the languages: the landing page for the home
    pages, else the default language's version (if it is a real one)."""
    if key is None:
        return None
    if key == config.home_key and landing_url is not None:
        return landing_url
    target = registry.get(key, config.default)
    if target is None or is_fallback(target):
        return None
    url, same_page = _target_url(target, page)
    return url if same_page else None


def hreflang_links(
    registry: Registry,
    config: Config,
    key: str | None,
    lang: str,
    landing_url: str | None,
    page: int = 1,
) -> list[tuple[str, str]]:
    """(hreflang, address) pairs for a page's head and its sitemap entry:
    the real equivalents, plus x-default where there is more than one."""
    alternates = alternates_for(registry, config, key, lang, page)
    links = [(alt.lang, alt.url) for alt in alternates if alt.equivalent]
    default = x_default_for(registry, config, key, landing_url, page)
    if default is not None and len(links) > 1:
        links.append(("x-default", default))
    return links
