"""bilingual: several languages in one Pelican run, paired by a shared key.

See README.md beside this file for the settings. ``register()`` is the
entry point Pelican calls.
"""

from __future__ import annotations

import logging
from itertools import chain
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from .catalogs import load_catalog
from .config import Config
from .errors import Problem, stop_on
from .lists import LanguageListsGenerator, news_pages, point_feed_at_its_list
from .registry import link_translations, pair
from .runtime import Runtime, current, set_current
from .templating import install

logger = logging.getLogger("pelican.bilingual")


def initialise(pelican: Any) -> None:
    config = Config.from_settings(pelican.settings)
    problems: list[Problem] = []
    catalogs = {
        lang: load_catalog(config.catalogs, lang, config.domain, problems)
        for lang in config.languages
    }
    stop_on(problems, "message catalogs")
    runtime = Runtime(config, catalogs)
    landing = config.landing_save_as
    runtime.extras["landing_url"] = (
        landing[: -len("index.html")] if landing.endswith("index.html") else landing
    )
    set_current(runtime)


def use_language_settings(content: Any) -> None:
    """Render each item with its own language's settings (URLs above all)."""
    per_language = current().config.per_language
    lang = getattr(content, "lang", None)
    if lang in per_language:
        content.settings = per_language[lang]


def add_generator(pelican: Any) -> type:
    return LanguageListsGenerator


def install_templates(generator: Any) -> None:
    install(generator.env)


def content_items(generators: list[Any]) -> list[Any]:
    items: list[Any] = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            items.extend(chain(generator.articles, generator.hidden_articles, generator.drafts))
        elif isinstance(generator, PagesGenerator):
            items.extend(chain(generator.pages, generator.hidden_pages, generator.draft_pages))
    return items


def pair_all(generators: list[Any]) -> None:
    runtime = current()
    config = runtime.config
    registry, problems = pair(content_items(generators), config)
    for news in news_pages(config, runtime.catalogs):
        registry.add(news.key, news.lang, news)
    problems.extend(missing_translations(registry, config))
    stop_on(problems, "translations")
    link_translations(registry)
    runtime.registry = registry


def missing_translations(registry: Any, config: Config) -> list[Problem]:
    """Strict builds stop on a gap; others say it and go on."""
    problems = []
    for key, lang, existing in registry.missing():
        name = config.languages[lang].name
        message = f"no translation into {name} ('{lang}') for {config.key} '{key}'"
        if config.strict:
            problems.append(Problem(existing.source_path, 1, message))
        else:
            logger.warning("%s: %s", existing.source_path, message)
    return problems


def register() -> None:
    signals.initialized.connect(initialise)
    signals.content_object_init.connect(use_language_settings)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(install_templates)
    signals.all_generators_finalized.connect(pair_all)
    signals.feed_generated.connect(point_feed_at_its_list)
