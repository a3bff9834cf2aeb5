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

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal as babel_format_decimal
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import dates
from .alternates import Alternate, alternates_for, hreflang_links
from .references import check_key, check_menu
from .registry import ListPage
from .runtime import current


@dataclass(frozen=True)
class MenuEntry:
    key: str
    title: str
    url: str
    current: bool
    lang: str  # the language of the title (another one on a fallback page)


@dataclass(frozen=True)
class Notice:
    """Why the page's text is not (or not quite) in the page's language."""

    kind: str  # "fallback": no translation yet; "outdated": the source changed since
    source_url: str
    source_lang: str
    source_language: str  # its name, in the page's language


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


def page_number(ctx: Context | dict[str, Any]) -> int:
    paginated = ctx.get("articles_page")
    return getattr(paginated, "number", 1) if paginated is not None else 1


@pass_context
def alternates(ctx: Context) -> list[Alternate]:
    """Self and every translation of the page being rendered, in language order."""
    runtime = current()
    return alternates_for(
        runtime.registry, runtime.config, key_of(ctx), lang_of(ctx), page_number(ctx)
    )


@pass_context
def hreflang(ctx: Context) -> list[tuple[str, str]]:
    """(hreflang, address) pairs for the head: the same as in sitemap.xml."""
    runtime = current()
    landing = runtime.extras.get("landing_url")
    return hreflang_links(
        runtime.registry, runtime.config, key_of(ctx), lang_of(ctx), landing, page_number(ctx)
    )


@pass_context
def translation_notice(ctx: Context) -> Notice | None:
    item = _item(ctx)
    fallback = getattr(item, "fallback_of", None)
    source = fallback or getattr(item, "outdated_source", None)
    if source is None:
        return None
    languages = current().config.languages
    name = Locale.parse(languages[source.lang].locale).get_language_name(
        languages[lang_of(ctx)].locale
    )
    return Notice("fallback" if fallback else "outdated", source.url, source.lang, name)


@pass_context
def text_lang(ctx: Context) -> str:
    """The language the page's text is written in (the source's, on a fallback page)."""
    source = getattr(_item(ctx), "fallback_of", None)
    return source.lang if source is not None else lang_of(ctx)


@pass_context
def setting(ctx: Context, name: str, default: Any = None) -> Any:
    """A setting as the page's language sees it (BILINGUAL_SETTINGS applied)."""
    return current().config.setting(lang_of(ctx), name, default)


@pass_context
def translate(ctx: Context, lang: str, message: str, **variables: Any) -> str:
    """A theme string in a given language (for pages in several languages at once).

    Under autoescaping it behaves as Jinja's own ``_()``: the catalog's text is
    markup, a variable is escaped unless it is markup itself."""
    text = current().catalog(lang).ugettext(message)
    if ctx.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables if variables else text


@pass_context
def gettext(ctx: Context, message: str) -> str:
    return current().catalog(lang_of(ctx)).ugettext(message)


@pass_context
def ngettext(ctx: Context, singular: str, plural: str, count: int) -> str:
    return current().catalog(lang_of(ctx)).ungettext(singular, plural, count)


@pass_context
def link(ctx: Context, key: str, lang: str | None = None) -> str:
    """URL of the item with this key in the page's language (or ``lang``); a
    key or language that names nothing is reported (references.py)."""
    runtime = current()
    lang = lang or lang_of(ctx)
    item = runtime.registry.get(key, lang)
    if item is None:
        check_key(runtime, f"link({key!r})", key, lang)
    return url_of(item) if item is not None else ""


@pass_context
def item(ctx: Context, key: str, lang: str | None = None) -> Any | None:
    """The item with this key, or None: the way to ask whether a page exists."""
    return current().registry.get(key, lang or lang_of(ctx))


@pass_context
def menu(ctx: Context, name: str) -> list[MenuEntry]:
    """A menu of keys, resolved in the page's language; costs O(menu), not O(pages)."""
    runtime = current()
    lang, this = lang_of(ctx), key_of(ctx)
    if name not in runtime.config.menus:
        check_menu(runtime, name)
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
        text_lang = getattr(getattr(target, "fallback_of", None), "lang", lang)
        entries.append(MenuEntry(key, title, url_of(target), key == this, text_lang))
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
def format_number(ctx: Context, value: float, lang: str | None = None) -> str:
    return babel_format_decimal(value, locale=_locale(ctx, lang))


@pass_context
def date_range(ctx: Context, start: dt.date, end: dt.date, lang: str | None = None) -> str:
    return dates.format_date_range(start, end, _locale(ctx, lang))


@pass_context
def language_list(ctx: Context) -> str:
    """The site's languages named in the page's language, its own first, as
    CLDR joins a list: ``Deutsch und Russisch``, ``русский и немецкий``."""
    languages = current().config.languages
    lang = lang_of(ctx)
    names = Locale.parse(languages[lang].locale).languages
    codes = [lang, *(code for code in languages if code != lang)]
    words = [
        names.get(languages[code].locale.split("_")[0], languages[code].name) for code in codes
    ]
    return format_list(words, locale=languages[lang].locale)


def first_upper(text: str) -> str:
    """The first letter in upper case, the rest as written. CLDR writes a
    weekday as inside a sentence («среда, 28 июня»); a heading starts with it
    («Среда, 28 июня»). Jinja's ``capitalize`` would lower the rest (Juni)."""
    return text[:1].upper() + text[1:]


def install(env: Environment) -> None:
    """Add gettext and the helpers to one generator's Jinja environment."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=True)
    env.globals.update(
        page_lang=page_lang,
        locale=locale,
        alternates=alternates,
        hreflang=hreflang,
        translation_notice=translation_notice,
        text_lang=text_lang,
        setting=setting,
        translate=translate,
        link=link,
        item=item,
        menu=menu,
        languages=lambda: current().config.languages,
        language_list=language_list,
    )
    env.filters.update(
        first_upper=first_upper,
        format_date=format_date,
        format_time=format_time,
        format_number=format_number,
        date_range=date_range,
    )
