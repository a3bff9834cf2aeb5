"""The bilingual plugin on small sites made inside each test, with a tiny theme.

Nothing here knows about the conference: the plugin must work for any site.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from pelican.plugins.bilingual.dates import format_date_range

from conftest import ROOT, Built, run_pelican, write_tree

THEME = {
    "templates/base.html": """
        <!DOCTYPE html><html lang="{{ page_lang() }}"><head><title>t</title>
        {%- for code, url in hreflang() %}
        <link rel="alternate" hreflang="{{ code }}" href="/{{ url }}">
        {%- endfor %}
        </head><body>
        <p id="hello">{{ _('Hello') }}</p>
        {%- for n in [1, 2, 5, 11, 21, 22] %}
        <p class="plural">{{ ngettext('%(num)d group', '%(num)d groups', n) }}</p>
        {%- endfor %}
        <p id="range">{{ start | date_range(end) }}</p>
        <ul id="menu">{% for e in menu('main') %}<li><a href="/{{ e.url }}">{{ e.title }}</a></li>{% endfor %}</ul>
        {%- set notice = translation_notice() %}
        {%- if notice %}<p class="translation-notice">{{ notice.source_language }} <a href="/{{ notice.source_url }}">{{ notice.kind }}</a></p>{% endif %}
        {% block content %}{% endblock %}
        </body></html>
    """,
    "templates/page.html": '{% extends "base.html" %}{% block content %}<article lang="{{ text_lang() }}">{{ page.content }}</article>{% endblock %}',
    "templates/article.html": '{% extends "base.html" %}'
    "{% block content %}{{ article.content }}{% endblock %}",
    "templates/index.html": '{% extends "base.html" %}{% block content %}'
    '{% for a in articles_page.object_list %}<h2 class="item">{{ a.title }}</h2>{% endfor %}'
    "{% endblock %}",
    "templates/landing.html": '<html lang="{{ page_lang() }}">'
    "{% for code in languages() %}<a href=\"/{{ link('home', code) }}\">{{ code }}</a>{% endfor %}</html>",
}
CATALOG = {
    "de": ("Hallo", ("%(num)d Gruppe", "%(num)d Gruppen"), "Neuigkeiten"),
    "ru": ("Привет", ("%(num)d группа", "%(num)d группы", "%(num)d групп"), "Новости"),
}
SETTINGS = """
from datetime import date
SITENAME = "Test"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "de"
PATH = "content"
THEME = "theme"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["news"]
PLUGINS = ["bilingual"]
PAGE_URL = "{{lang}}/{{slug}}/"
PAGE_SAVE_AS = "{{lang}}/{{slug}}/index.html"
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
JINJA_GLOBALS = {{"start": date(2017, 6, 28), "end": date(2017, 6, 30)}}
BILINGUAL_LANGUAGES = {{"de": {{"name": "Deutsch"}}, "ru": {{"name": "Русский"}}}}
BILINGUAL_MENUS = {{"main": ["home", "about", "news"]}}
BILINGUAL_SETTINGS = {{
    "de": {{"ARTICLE_URL": "de/neu/{{slug}}/", "ARTICLE_SAVE_AS": "de/neu/{{slug}}/index.html",
            "NEWS_URL": "de/neu/", "NEWS_SAVE_AS": "de/neu/index.html", "FEED_ATOM": "de/feed.atom"}},
    "ru": {{"ARTICLE_URL": "ru/novoe/{{slug}}/", "ARTICLE_SAVE_AS": "ru/novoe/{{slug}}/index.html",
            "NEWS_URL": "ru/novoe/", "NEWS_SAVE_AS": "ru/novoe/index.html", "FEED_ATOM": "ru/feed.atom"}},
}}
"""
CONTENT = {
    "content/pages/de/start.md": "Title: Start\nKey: home\nUrl: de/\nSave_as: de/index.html\n\nHallo.",
    "content/pages/ru/start.md": "Title: Главная\nKey: home\nUrl: ru/\nSave_as: ru/index.html\n\nПривет.",
    "content/pages/de/ueber.md": "Title: Über uns\nKey: about\nSlug: ueber-uns\n\nText.",
    "content/pages/ru/o-nas.md": "Title: О нас\nKey: about\nSlug: o-nas\n\nТекст.",
    "content/news/de/eins.md": "Title: Erste Meldung\nKey: n1\nSlug: erste\nDate: 2017-03-15\n\nA.",
    "content/news/ru/odin.md": "Title: Первая новость\nKey: n1\nSlug: pervaya\nDate: 2017-03-15\n\nБ.",
}


def write_catalogs(theme: Path) -> None:
    for lang, (hello, plural, news) in CATALOG.items():
        catalog = Catalog(locale=lang)
        catalog.add("Hello", hello)
        catalog.add(("%(num)d group", "%(num)d groups"), plural)
        catalog.add("News", news)
        path = theme / "translations" / lang / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalog)


def make_site(tmp: Path, content: dict[str, str | None] | None = None, settings: str = "") -> Built:
    """Build a small site: CONTENT with ``content`` changes (None removes a file)."""
    files = dict(CONTENT)
    files.update(content or {})
    write_tree(tmp, {name: text for name, text in files.items() if text is not None})
    write_tree(tmp / "theme", THEME)
    write_catalogs(tmp / "theme")
    conf = tmp / "settings.py"
    conf.write_text(SETTINGS.format(plugins=str(ROOT / "plugins")) + settings, encoding="utf-8")
    return run_pelican(conf, tmp / "content", tmp / "output")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Built:
    built = make_site(tmp_path_factory.mktemp("small"))
    assert built.returncode == 0, built.log
    return built


def test_translations_pair_by_key_and_keep_their_own_addresses(small: Built):
    de, ru = small.html("/de/ueber-uns/"), small.html("/ru/o-nas/")
    assert de.html["lang"] == "de" and ru.html["lang"] == "ru"
    for page in (de, ru):
        links = {link["hreflang"]: link["href"] for link in page.select("link[hreflang]")}
        assert links == {"de": "/de/ueber-uns/", "ru": "/ru/o-nas/", "x-default": "/de/ueber-uns/"}


def test_theme_strings_and_plurals_follow_the_page_language(small: Built):
    ru = small.html("/ru/o-nas/")
    assert ru.select_one("#hello").text == "Привет"
    assert [p.text for p in ru.select(".plural")] == [
        "1 группа",
        "2 группы",
        "5 групп",
        "11 групп",
        "21 группа",
        "22 группы",
    ]
    de = small.html("/de/ueber-uns/")
    assert de.select_one("#hello").text == "Hallo"
    assert [p.text for p in de.select(".plural")][:3] == ["1 Gruppe", "2 Gruppen", "5 Gruppen"]


def test_menus_resolve_keys_in_the_page_language(small: Built):
    menu = [(a.text, a["href"]) for a in small.html("/ru/").select("#menu a")]
    assert menu == [("Главная", "/ru/"), ("О нас", "/ru/o-nas/"), ("Новости", "/ru/novoe/")]


def test_news_list_and_feed_per_language(small: Built):
    assert [h.text for h in small.html("/de/neu/").select(".item")] == ["Erste Meldung"]
    assert [h.text for h in small.html("/ru/novoe/").select(".item")] == ["Первая новость"]
    feed = ET.fromstring(small.text("ru/feed.atom"))
    atom = "{http://www.w3.org/2005/Atom}"
    assert [e.findtext(f"{atom}title") for e in feed.iter(f"{atom}entry")] == ["Первая новость"]
    assert feed.findtext(f"{atom}id") == "/ru/novoe/"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ru"
    assert small.html("/ru/novoe/pervaya/").html["lang"] == "ru"
    news = {
        link["hreflang"]: link["href"] for link in small.html("/de/neu/").select("link[hreflang]")
    }
    assert news == {"de": "/de/neu/", "ru": "/ru/novoe/", "x-default": "/de/neu/"}


def test_landing_page_links_every_language(small: Built):
    assert [a["href"] for a in small.html("/").select("a")] == ["/de/", "/ru/"]


def assert_stopped(built: Built, *fragments: str) -> None:
    assert built.returncode != 0, built.log
    assert "Traceback" not in built.log, built.log
    for fragment in fragments:
        assert fragment in built.log, built.log


def test_missing_key_names_the_file(tmp_path):
    built = make_site(
        tmp_path, {"content/pages/ru/o-nas.md": "Title: О нас\nSlug: o-nas\n\nТекст."}
    )
    assert_stopped(built, "pages/ru/o-nas.md:1:", "no 'key:'")


def test_two_files_claiming_one_key_and_language(tmp_path):
    built = make_site(
        tmp_path, {"content/pages/ru/eshche.md": "Title: Ещё\nKey: about\nSlug: x\n\nТ."}
    )
    assert_stopped(
        built, "key 'about' in language 'ru' is already used by", "o-nas.md", "eshche.md"
    )


def test_unknown_language_folder(tmp_path):
    built = make_site(tmp_path, {"content/pages/fr/a.md": "Title: A\nKey: about\nSlug: a\n\nT."})
    assert_stopped(built, "pages/fr/a.md", "unknown language 'fr' (known: de, ru)")


def test_two_items_at_one_address(tmp_path):
    built = make_site(
        tmp_path, {"content/pages/de/zwei.md": "Title: Z\nKey: two\nSlug: ueber-uns\n\nT."}
    )
    assert_stopped(
        built, "de/zwei.md:3: its address 'de/ueber-uns/index.html' (made from its slug)"
    )


def test_missing_translation_warns_in_development_and_stops_strict_builds(tmp_path):
    gap = {"content/pages/ru/o-nas.md": None}
    relaxed = make_site(tmp_path / "dev", gap)
    assert relaxed.returncode == 0, relaxed.log
    assert "no translation into Русский ('ru') for key 'about'" in relaxed.log
    strict = make_site(tmp_path / "strict", gap, settings="BILINGUAL_STRICT = True\n")
    assert_stopped(strict, "pages/de/ueber.md:1: no translation into Русский ('ru')")


def test_broken_catalog_is_reported_without_traceback(tmp_path):
    built = make_site(tmp_path / "site")
    assert built.returncode == 0
    po = tmp_path / "site" / "theme" / "translations" / "ru" / "LC_MESSAGES" / "messages.po"
    po.write_text('msgid "Hello"\nPrivet\nmsgstr "Привет"\n', encoding="utf-8")
    conf = tmp_path / "site" / "settings.py"
    again = run_pelican(conf, tmp_path / "site" / "content", tmp_path / "site" / "out2")
    assert_stopped(again, "messages.po:2: cannot read catalog: 'Privet'")


@pytest.mark.parametrize(
    ("start", "end", "locale", "expected"),
    [
        (dt.date(2017, 6, 28), dt.date(2017, 6, 30), "de", "28.–30. Juni 2017"),
        (dt.date(2017, 6, 28), dt.date(2017, 6, 30), "ru", "28–30 июня 2017\u202fг."),
        (dt.date(2017, 6, 28), dt.date(2017, 7, 2), "de", "28. Juni – 2. Juli 2017"),
        (dt.date(2017, 6, 28), dt.date(2017, 7, 2), "ru", "28 июня – 2 июля 2017\u202fг."),
        (dt.date(2017, 12, 30), dt.date(2018, 1, 2), "de", "30. Dezember 2017 – 2. Januar 2018"),
        (dt.date(2017, 6, 28), dt.date(2017, 6, 28), "ru", "28 июня 2017\u202fг."),
    ],
)
def test_date_ranges(start, end, locale, expected):
    # CLDR sets thin and narrow no-break spaces; compare the words and dashes.
    assert " ".join(format_date_range(start, end, locale).split()) == " ".join(expected.split())


def test_static_files_are_written_once(small: Built):
    assert not list(small.output.glob("de/theme")) and not list(small.output.glob("ru/theme"))
