"""bilingual: several languages in one Pelican run, paired by a shared key.

See README.md for the settings. ``register()`` is the entry point Pelican
calls. Settings are read when Pelican starts (``initialized``); catalogs and
the pairing belong to one run (``lifecycle.on_run_start``), so an autoreload
loop never serves stale ones.
"""

from __future__ import annotations

import logging
from itertools import chain
from typing import Any

from pelican import signals
from pelican.contents import Article, Page, Static
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Author, Category

from . import drafts, parallel
from .addresses import (
    RESERVED,
    clashes,
    outside_output,
    registry_claims,
    site_claims,
    static_claims,
    url_clashes,
)
from .catalogs import load_catalog
from .config import Config, setting_problems
from .errors import Problem, keep_messages_visible, stop_on
from .fallback import make_fallback
from .fields import declare_bilingual_fields
from .lifecycle import on_run_start, paired
from .lists import LanguageListsGenerator, list_pages, point_feed_at_its_list
from .order import settle_core_order
from .reader import ReusingMarkdownReader
from .references import menu_problems, stop_on_noted
from .registry import ListPage, Registry, link_translations, pair
from .runtime import Runtime, current, set_current
from .sitemap import write_sitemap
from .slugs import slugify
from .states import check
from .template_code import SharedTemplateCode, cache_folder, share_compiled_templates
from .templating import install
from .writer import LanguageWriter

logger = logging.getLogger("pelican.bilingual")


def configure(pelican: Any) -> None:
    """Check the settings, read them once, and give core what a bilingual site needs."""
    keep_messages_visible()
    settings = pelican.settings
    stop_on(setting_problems(settings), "settings")
    pelican.bilingual_config = Config.take_over(settings)


def start_run(pelican: Any) -> None:
    """Fresh catalogs and an empty registry for every run."""
    config: Config = pelican.bilingual_config  # read by configure() when Pelican started
    problems: list[Problem] = []
    catalogs = {
        lang: load_catalog(
            config.catalogs, lang, config.domain, problems, config.languages[lang].locale
        )
        for lang in config.languages
    }
    stop_on(problems, "message catalogs")
    runtime = Runtime(config, catalogs)
    landing = config.landing_save_as
    runtime.extras["landing_url"] = landing.removesuffix("index.html") if landing else None
    set_current(runtime)


def prepare(content: Any, config: Config) -> None:
    """Give an item its language's settings and, if it has none, a slug in
    that language's transliteration."""
    if isinstance(content, Static):
        # The folder a file lies in is no language of a static file: it keeps
        # the address STATIC_SAVE_AS gives, never a *_LANG_* variant.
        content.in_default_lang = True
        return
    lang = getattr(content, "lang", None)
    if lang not in config.per_language:
        return
    content.settings = config.per_language[lang]
    if "slug" not in content.metadata and getattr(content, "title", None):
        content.slug = slugify(content.title, lang)
    if isinstance(content, Article) and not hasattr(content, "category"):
        # Core gives no DEFAULT_CATEGORY while its own category pages are off.
        name = content.settings.get("DEFAULT_CATEGORY")
        if name and content.settings.get("CATEGORY_SAVE_AS"):
            content.category = Category(name, content.settings)
    author = content.settings.get("AUTHOR")
    if author and "author" not in content.metadata and "authors" not in content.metadata:
        content.author = Author(author, content.settings)
        content.authors = [content.author]


def prepare_content(content: Any) -> None:
    runtime = current()
    prepare(content, runtime.config)
    # Pelican drops an item whose file would lie outside the output folder
    # with a message of its own; the run must stop, naming the field.
    outside = outside_output(content)
    if outside is not None:
        runtime.extras.setdefault("outside", []).append(outside)


def use_reusing_reader(readers: Any) -> None:
    for extension in ReusingMarkdownReader.file_extensions:
        if readers.reader_classes.get(extension) is MarkdownReader:
            readers.reader_classes[extension] = ReusingMarkdownReader


def add_generator(pelican: Any) -> type:
    return LanguageListsGenerator


def add_writer(pelican: Any) -> type:
    return LanguageWriter


def install_templates(generator: Any) -> None:
    install(generator.env)
    # One compiled copy of each template per run, whichever generator renders it.
    runtime = current()
    shared = runtime.extras.get("template_code")
    if shared is None:
        folder = cache_folder(generator.settings)
        shared = runtime.extras["template_code"] = SharedTemplateCode(folder)
    share_compiled_templates(generator.env, shared)


def _content_generators(generators: list[Any]) -> tuple[Any, Any]:
    articles = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    pages = next((g for g in generators if isinstance(g, PagesGenerator)), None)
    return articles, pages


def content_items(articles: Any, pages: Any) -> list[Any]:
    items: list[Any] = []
    if articles is not None:
        items.extend(chain(articles.articles, articles.hidden_articles, articles.drafts))
    if pages is not None:
        items.extend(chain(pages.pages, pages.hidden_pages, pages.draft_pages))
    return items


def add_fallbacks(registry: Registry, config: Config, articles: Any, pages: Any) -> None:
    """Development builds show the other language's text where a translation is missing."""
    for key, lang, existing in list(registry.missing()):
        source = registry.get(key, config.default) or existing
        fallback = make_fallback(source, lang, config)
        registry.add(key, lang, fallback)
        if isinstance(source, Page):
            pages.hidden_pages.append(fallback)
        else:
            articles.hidden_articles.append(fallback)


def pair_all(generators: list[Any]) -> None:
    runtime = current()
    config = runtime.config
    articles, pages = _content_generators(generators)
    stop_on(runtime.extras.pop("outside", []), "addresses")
    # Before anything is paired: the registry keeps the order it is filled in.
    settle_core_order(articles, pages, config)
    registry, problems = pair(content_items(articles, pages), config)
    stop_on(problems, "translations")
    drafts.handle(generators, list(registry.drafts.values()), config)
    link_translations(registry)
    published = list(articles.articles) if articles is not None else []
    for page in list_pages(config, runtime.catalogs, published):
        registry.add(page.key, page.lang, page)
    if not config.strict:
        add_fallbacks(registry, config, articles, pages)
        drafts.lead_to_published(registry)
    draft_links = drafts.link_problems(registry, config)
    if config.strict:
        stop_on(draft_links, "links")
    for problem in draft_links:
        logger.warning("%s", problem)
    findings = check(registry, config)
    stop_on(findings.errors, "translations")
    if config.strict:
        stop_on(findings.gaps, "translations (strict)")
    for gap in findings.gaps:
        logger.warning("%s", gap)
    stop_on(menu_problems(registry, config), "settings")
    freeze_urls(registry)
    stop_on(address_problems(generators, registry, config), "addresses")
    runtime.registry = registry
    paired.send(generators)


def address_problems(generators: list[Any], registry: Registry, config: Config) -> list[Problem]:
    """Every file the run will write, claimed once: a clash stops the build
    before anything is written (see addresses.py)."""
    settings = generators[0].settings if generators else {}
    lists = next((g for g in generators if isinstance(g, LanguageListsGenerator)), None)
    landing = lists is not None and lists._find_template("landing") is not None
    static = next((g for g in generators if isinstance(g, StaticGenerator)), None)
    claims = site_claims(settings, config, landing)
    claims += current().extras.get(RESERVED, [])  # what other plugins write themselves
    claims += static_claims(static.staticfiles if static is not None else [])
    previews = [] if config.strict else list(registry.drafts.values())
    claims += registry_claims(registry, previews)
    return clashes(claims) + url_clashes(registry, claims)


def freeze_urls(registry: Registry) -> None:
    """Work each item's address out once. Pelican formats it anew at every
    ``item.url``, and menus and hreflang ask for it on every page."""
    for group in registry.items.values():
        for item in group.values():
            if not isinstance(item, ListPage) and not hasattr(item, "override_url"):
                item.override_url = item.url


def write_extras(pelican: Any) -> None:
    runtime = current()
    stop_on_noted(runtime)  # a template asked for a key that names nothing
    write_sitemap(pelican.settings, runtime)


def register() -> None:
    declare_bilingual_fields()
    signals.initialized.connect(configure)
    on_run_start(start_run)
    on_run_start(parallel.convert_ahead)
    signals.get_writer.connect(add_writer)
    signals.readers_init.connect(use_reusing_reader)
    signals.content_object_init.connect(prepare_content)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(install_templates)
    signals.all_generators_finalized.connect(pair_all)
    signals.feed_generated.connect(point_feed_at_its_list)
    signals.finalized.connect(write_extras)
