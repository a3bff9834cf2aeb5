"""Lists written once per language: the news list with its pages, the Atom
feed, and the landing page where a visitor picks a language.

Pelican writes one news index and one feed for the whole site; with two
languages in one run those would mix both. This generator writes one of each
per language, holding only that language's articles.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from pelican.generators import Generator

from .registry import ListPage
from .runtime import current


def news_pages(config: Any, catalogs: Any) -> list[ListPage]:
    """The news list of every language that has an address for one."""
    pages = []
    for lang in config.languages:
        url = config.setting(lang, "NEWS_URL")
        save_as = config.setting(lang, "NEWS_SAVE_AS")
        if url is not None and save_as:
            title = catalogs[lang].ugettext("News")
            pages.append(ListPage(config.news_key, lang, url, save_as, title))
    return pages


def point_feed_at_its_list(context: dict[str, Any], feed: Any) -> None:
    """Pelican links every feed to the site's root, gives all feeds that one
    id and no language; a language's feed belongs to, and is named by, its
    news list, and says its language (``xml:lang``)."""
    feed.feed["language"] = context.get("DEFAULT_LANG")
    link = context.get("BILINGUAL_FEED_LINK")
    if link:
        feed.feed["link"] = link
        feed.feed["id"] = link


class LanguageListsGenerator(Generator):
    """Writes the per-language lists after Pelican's own generators ran."""

    def generate_context(self) -> None:
        """Nothing to read: the lists come from the articles Pelican read."""

    def generate_output(self, writer: Any) -> None:
        runtime = current()
        articles = sorted(self.context.get("articles", []), key=attrgetter("date"), reverse=True)
        for lang in runtime.config.languages:
            own = [article for article in articles if article.lang == lang]
            news = runtime.registry.get(runtime.config.news_key, lang)
            if isinstance(news, ListPage):
                self._write_news(writer, news, own)
            self._write_feed(writer, lang, own)
        self._write_landing(writer)

    def _write_news(self, writer: Any, news: ListPage, articles: list[Any]) -> None:
        writer.write_file(
            news.save_as,
            self.get_template("index"),
            self.context,
            paginated={"articles": articles, "dates": articles},
            template_name="index",
            url=news.url,
            relative_urls=self.settings["RELATIVE_URLS"],
            lang=news.lang,
            bilingual_key=news.key,
            page_url=news.url,
            news=news,
            articles=articles,
            dates=articles,
        )

    def _write_feed(self, writer: Any, lang: str, articles: list[Any]) -> None:
        config = current().config
        path = config.setting(lang, "FEED_ATOM")
        if not path:
            return
        context = dict(self.context)
        context.update(DEFAULT_LANG=lang, SITENAME=config.setting(lang, "SITENAME"))
        news = current().registry.get(config.news_key, lang)
        if isinstance(news, ListPage):
            base = self.settings.get("FEED_DOMAIN") or self.settings.get("SITEURL", "")
            context["BILINGUAL_FEED_LINK"] = f"{base}/{news.url}"
        writer.write_feed(articles, context, path, config.setting(lang, "FEED_ATOM_URL", path))

    def _write_landing(self, writer: Any) -> None:
        config = current().config
        if not config.landing_save_as:
            return
        writer.write_file(
            config.landing_save_as,
            self.get_template("landing"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            lang=config.default,
            page_url="",
            landing=True,
        )
