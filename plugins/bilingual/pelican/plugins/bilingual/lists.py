"""Lists written once per language: the news list and the category and tag
pages with their pagination, the Atom feed, and the landing page where a
visitor picks a language.

Pelican writes one news index and one feed for the whole site; with two
languages in one run those would mix both. This generator writes one of each
per language, holding only that language's articles.
"""

from __future__ import annotations

from typing import Any

from pelican.generators import Generator, PelicanTemplateNotFound
from pelican.paginator import Paginator

from .config import Config
from .errors import Problem, stop_on
from .order import newest_first
from .registry import ListPage, Registry
from .runtime import current
from .taxonomy import KINDS, taxonomy_pages


def news_pages(config: Config, catalogs: Any, articles: list[Any]) -> list[ListPage]:
    """The news list of every language that has an address for one."""
    pages = []
    for lang in config.languages:
        url = config.setting(lang, "NEWS_URL")
        save_as = config.setting(lang, "NEWS_SAVE_AS")
        if url is not None and save_as:
            own = [article for article in articles if article.lang == lang]
            title = catalogs[lang].ugettext("News")
            pages.append(ListPage(config.news_key, lang, url, save_as, title, items=own))
    return pages


def list_pages(config: Config, catalogs: Any, articles: list[Any]) -> list[ListPage]:
    """Every list of every language, with the address of each of its pages."""
    articles = newest_first(articles, config)
    pages = news_pages(config, catalogs, articles)
    for kind in KINDS:
        pages.extend(taxonomy_pages(articles, config, kind))
    for page in pages:
        page.page_urls, page.page_save_as = _page_addresses(page, config)
    return pages


def _per_page(settings: dict[str, Any], template: str) -> int | None:
    paginated = settings.get("PAGINATED_TEMPLATES", {})
    if template not in paginated:
        return None
    return paginated[template] or settings.get("DEFAULT_PAGINATION") or None


def _page_addresses(page: ListPage, config: Config) -> tuple[list[str], list[str]]:
    """The address and the file of every page of a list, as Pelican's writer
    will paginate it (the files are checked for clashes before anything is written)."""
    settings = config.per_language[page.lang]
    paginator = Paginator(
        page.save_as, page.url, page.items, settings, _per_page(settings, page.template)
    )
    later = [paginator.page(n) for n in range(2, paginator.num_pages + 1)]
    # Page 1 is the list's own address, whatever the pagination patterns say.
    return [page.url] + [p.url for p in later], [page.save_as] + [p.save_as for p in later]


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
        registry: Registry = runtime.registry
        for group in registry.items.values():
            for page in group.values():
                if isinstance(page, ListPage):
                    self._write_list(writer, page)
        for lang in runtime.config.languages:
            self._write_feed(writer, lang, registry.get(runtime.config.news_key, lang))
        self._write_language_choice(writer, runtime.config.landing_save_as, not_found=False)
        self._write_language_choice(writer, runtime.config.not_found_save_as, not_found=True)

    def _find_template(self, name: str) -> Any | None:
        try:
            return self.get_template(name)
        except PelicanTemplateNotFound:
            return None

    def _template(self, name: str, page: ListPage) -> Any:
        """The list's own template (``category``, ``tag``), else ``index``."""
        template = self._find_template(name) or self._find_template("index")
        if template is None:
            setting = "NEWS_SAVE_AS" if page.template == "index" else f"{name.upper()}_SAVE_AS"
            message = (
                f"the theme has no template '{name}' or 'index' for the list /{page.url};"
                f" add one, or set {setting} = '' for language '{page.lang}'"
            )
            stop_on([Problem("theme", 0, message)], "theme")
        return template

    def _write_list(self, writer: Any, page: ListPage) -> None:
        terms = {page.template: page.term} if page.term is not None else {}
        writer.write_file(
            page.save_as,
            self._template(page.template, page),
            self.context,
            paginated={"articles": page.items, "dates": page.items},
            template_name=page.template,
            url=page.url,
            relative_urls=self.settings["RELATIVE_URLS"],
            lang=page.lang,
            bilingual_key=page.key,
            listing=page,
            articles=page.items,
            dates=page.items,
            **terms,
        )

    def _write_feed(self, writer: Any, lang: str, news: ListPage | None) -> None:
        config = current().config
        path = config.setting(lang, "FEED_ATOM")
        if not path or not isinstance(news, ListPage):
            return
        context = dict(self.context)
        base = self.settings.get("FEED_DOMAIN") or self.settings.get("SITEURL", "")
        context.update(
            DEFAULT_LANG=lang,
            SITENAME=config.setting(lang, "SITENAME"),
            BILINGUAL_FEED_LINK=f"{base}/{news.url}",
        )
        writer.write_feed(news.items, context, path, config.setting(lang, "FEED_ATOM_URL", path))

    def _write_language_choice(self, writer: Any, save_as: str, not_found: bool) -> None:
        """The landing page, and the site-wide 404 page hosts serve for any
        address: both only when the theme has a ``landing`` template."""
        template = self._find_template("landing")
        if not save_as or template is None:
            return
        writer.write_file(
            save_as,
            template,
            self.context,
            relative_urls=False,
            lang=current().config.default,
            landing=True,
            not_found=not_found,
        )
