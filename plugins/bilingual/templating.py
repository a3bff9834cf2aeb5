"""What the theme's templates can ask of the plugin.

One Pelican run renders both languages, so the language of a template call is
that of the page being rendered, read from the render context: the
``article`` or ``page`` being written, or the ``lang`` the plugin passes when
it writes its own lists. Every helper below takes its language from there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context

from . import dates
from .registry import ListPage
from .runtime import current


@dataclass(frozen=True)
class Alternate:
    lang: str
    name: str
    url: str
    current: bool


@dataclass(frozen=True)
class MenuEntry:
    key: str
    title: str
    url: str
    current: bool


def _item(ctx: Context | dict[str, Any]) -> Any | None:
    return ctx.get("article") or ctx.get("page")


def lang_of(ctx: Context | dict[str, Any]) -> str:
    if ctx.get("lang"):
        return ctx["lang"]
    item = _item(ctx)
    if item is not None and getattr(item, "lang", None) in current().config.languages:
        return item.lang
    return current().config.default


def key_of(ctx: Context | dict[str, Any]) -> str | None:
    if ctx.get("bilingual_key"):
        return ctx["bilingual_key"]
    item = _item(ctx)
    return item.metadata.get(current().config.key) if item is not None else None


def url_of(item: Any) -> str:
    return item.url


@pass_context
def page_lang(ctx: Context) -> str:
    return lang_of(ctx)


@pass_context
def locale(ctx: Context) -> str:
    return current().config.languages[lang_of(ctx)].locale


@pass_context
def alternates(ctx: Context) -> list[Alternate]:
    """Self and every translation of the page being rendered, in language order."""
    runtime = current()
    lang, key = lang_of(ctx), key_of(ctx)
    result = []
    for code, language in runtime.config.languages.items():
        target = runtime.registry.get(key, code) if key else None
        if code == lang and ctx.get("page_url") is not None:
            url = ctx["page_url"]
        elif target is None:
            continue
        else:
            url = url_of(target)
        result.append(Alternate(code, language.name, url, code == lang))
    return result


@pass_context
def x_default(ctx: Context) -> str | None:
    """The page for readers of neither language: the landing page for the
    home pages, else the version in the default language."""
    runtime = current()
    config, key = runtime.config, key_of(ctx)
    if key == config.home_key and config.landing_save_as:
        return runtime.extras.get("landing_url", "")
    target = runtime.registry.get(key, config.default) if key else None
    return url_of(target) if target is not None else None


@pass_context
def setting(ctx: Context, name: str, default: Any = None) -> Any:
    """A setting as the page's language sees it (BILINGUAL_SETTINGS applied)."""
    return current().config.setting(lang_of(ctx), name, default)


@pass_context
def translate(ctx: Context, lang: str, message: str) -> str:
    """A theme string in a given language (for the bilingual landing page)."""
    return current().catalog(lang).ugettext(message)


@pass_context
def gettext(ctx: Context, message: str) -> str:
    return current().catalog(lang_of(ctx)).ugettext(message)


@pass_context
def ngettext(ctx: Context, singular: str, plural: str, count: int) -> str:
    return current().catalog(lang_of(ctx)).ungettext(singular, plural, count)


@pass_context
def link(ctx: Context, key: str, lang: str | None = None) -> str:
    """URL of the item with this key in the page's language (or ``lang``)."""
    item = current().registry.get(key, lang or lang_of(ctx))
    return url_of(item) if item is not None else ""


@pass_context
def item(ctx: Context, key: str, lang: str | None = None) -> Any | None:
    return current().registry.get(key, lang or lang_of(ctx))


@pass_context
def menu(ctx: Context, name: str) -> list[MenuEntry]:
    """A menu of keys, resolved in the page's language; costs O(menu), not O(pages)."""
    runtime = current()
    lang, this = lang_of(ctx), key_of(ctx)
    entries = []
    for key in runtime.config.menus.get(name, []):
        target = runtime.registry.get(key, lang)
        if target is None:
            continue
        title = (
            target.title
            if isinstance(target, ListPage)
            else (target.metadata.get("menu_title") or target.title)
        )
        entries.append(MenuEntry(key, title, url_of(target), key == this))
    return entries


def _locale(ctx: Context, lang: str | None) -> str:
    return current().config.languages[lang or lang_of(ctx)].locale


@pass_context
def format_date(ctx: Context, value: dt.date, fmt: str = "long", lang: str | None = None) -> str:
    return dates.format_date(value, _locale(ctx, lang), fmt)


@pass_context
def format_time(ctx: Context, value: dt.time, fmt: str = "short", lang: str | None = None) -> str:
    return dates.format_time(value, _locale(ctx, lang), fmt)


@pass_context
def date_range(ctx: Context, start: dt.date, end: dt.date, lang: str | None = None) -> str:
    return dates.format_date_range(start, end, _locale(ctx, lang))


def install(env: Environment) -> None:
    """Add gettext and the helpers to one generator's Jinja environment."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=True)
    env.globals.update(
        page_lang=page_lang,
        locale=locale,
        alternates=alternates,
        x_default=x_default,
        setting=setting,
        translate=translate,
        link=link,
        item=item,
        menu=menu,
        languages=lambda: current().config.languages,
    )
    env.filters.update(format_date=format_date, format_time=format_time, date_range=date_range)
