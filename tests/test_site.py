"""A conference site, built once, as a visitor in each of its languages sees it.

These tests run on this site and on the next conference's fixture (see
sites.py): every expectation comes from the site's settings and content –
its languages, facts, menus, program and pages – never from this
conference's literals. What they check is that the content is complete and
correct in every language and that the site says what its settings say.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from babel.messages.pofile import read_po
from pelican.plugins.bilingual.dates import format_date, format_date_range

from conference.facts import read_facts
from conftest import ROOT, Built, build_source
from program.parser import parse
from sites import (
    Source,
    head_alternates,
    local,
    pages_by_language,
    sitemap_alternates,
    spaces,
    url_of,
    visible,
)

ATOM = "{http://www.w3.org/2005/Atom}"


def conference(source: Source):
    return read_facts(source.settings, source.languages, environ={})


def locale(source: Source, lang: str) -> str:
    return source.settings["BILINGUAL_LANGUAGES"][lang]["locale"]


def test_every_page_exists_in_every_language(site: Built, source: Source):
    pages = pages_by_language(site)
    assert sorted(pages) == sorted(source.languages)
    for lang, urls in pages.items():
        for url, alternates in urls.items():
            assert set(alternates) - {"x-default"} == set(source.languages), (lang, url)
    keys = {lang: {m.value("Key") for m in source.in_language(lang)} for lang in source.languages}
    assert all(own == keys[source.languages[0]] for own in keys.values()), keys


def test_every_page_is_in_its_language_and_leads_to_its_translations(site: Built, source: Source):
    default = source.settings["DEFAULT_LANG"]
    for lang, urls in pages_by_language(site).items():
        for url, alternates in urls.items():
            page = site.html(local(url))
            assert page.html["lang"] == lang, url
            switcher = {
                a["hreflang"]: a["href"] for a in page.select("nav.lang-switch a[hreflang]")
            }
            others = {
                other: href
                for other, href in alternates.items()
                if other not in (lang, "x-default")
            }
            assert switcher == {other: local(href) for other, href in others.items()}, url
            home = alternates[default] == url_of(site, source, "home", default)
            assert alternates["x-default"] == ("/" if home else alternates[default]), url


def test_every_page_offers_registration_while_it_is_open(site: Built, source: Source):
    facts = conference(source)
    for urls in pages_by_language(site).values():
        for url in urls:
            buttons = site.html(local(url)).select(f'a.button[href="{facts.registration_url}"]')
            if facts.registration_open:
                assert buttons and "noopener" in buttons[0]["rel"], url
            else:
                assert not buttons, url


def test_menu_speaks_the_pages_language(site: Built, source: Source):
    """Every page of a language shows that language's menu, leading to its pages."""
    pages = pages_by_language(site)
    menus = {}
    for lang, urls in pages.items():
        for url in urls:
            links = site.html(local(url)).select("nav.main-menu a")
            menu = [(visible(a), a["href"]) for a in links]
            menus.setdefault(lang, menu)
            assert menu == menus[lang], url
        assert len(menus[lang]) == len(source.settings["BILINGUAL_MENUS"]["main"])
        assert {href for _, href in menus[lang]} <= {local(url) for url in urls}
    for lang, menu in menus.items():
        for other, theirs in menus.items():
            if other != lang:
                assert not {text for text, _ in menu} & {text for text, _ in theirs}


def test_dates_are_written_the_way_each_language_writes_them(site: Built, source: Source):
    facts = conference(source)
    for lang in source.languages:
        expected = format_date_range(facts.start, facts.end, locale(source, lang))
        page = site.html(url_of(site, source, "program", lang))
        assert spaces(expected) in visible(page.select_one(".site-facts")), lang


def test_news_lists_and_feeds_hold_only_their_language(site: Built, source: Source):
    for lang in source.languages:
        own = source.settings["BILINGUAL_SETTINGS"][lang]
        articles = sorted(
            (m for m in source.in_language(lang) if m.value("Date")),
            key=lambda m: m.value("Date"),
            reverse=True,
        )
        news = site.html(own["NEWS_URL"])
        assert [visible(a) for a in news.select(".news-list h2 a")] == [
            m.value("Title") for m in articles
        ]
        first = articles[0].value("Date")[:10]
        expected = format_date(dt.date.fromisoformat(first), locale(source, lang))
        assert visible(news.select_one("time")) == spaces(expected)
        feed = ET.fromstring(site.text(own["FEED_ATOM"])).findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}title") for e in feed] == [m.value("Title") for m in articles]
        assert {e.findtext(f"{ATOM}author/{ATOM}name") for e in feed} == {own["AUTHOR"]}
        assert news.select_one(f'link[type="application/atom+xml"][href="/{own["FEED_ATOM"]}"]')


def theme_strings(lang: str) -> set[str]:
    """The theme's own sentences in ``lang`` (long enough not to be a shared word)."""
    path = ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as file:
        catalog = read_po(file)
    texts = set()
    for message in catalog:
        for text in message.string if isinstance(message.string, tuple) else (message.string,):
            if text and len(text) >= 8 and "%" not in text and "{" not in text:
                texts.add(text)
    return texts


def test_no_page_carries_another_languages_theme_strings(site: Built, source: Source):
    strings = {lang: theme_strings(lang) for lang in source.languages}
    for lang, urls in pages_by_language(site).items():
        foreign = set().union(*(s for other, s in strings.items() if other != lang)) - strings[lang]
        for url in urls:
            text = site.html(local(url)).get_text(" ")
            assert not [s for s in foreign if s in text], url


def test_landing_page_lets_the_visitor_choose_without_redirect(site: Built, source: Source):
    page = site.html("/")
    choices = {a["hreflang"]: a["href"] for a in page.select(".language-choice a")}
    assert choices == {lang: url_of(site, source, "home", lang) for lang in source.languages}
    assert page.select_one('meta[http-equiv="refresh"]') is None
    for lang in source.languages:
        name = source.settings["CONFERENCE"]["name"][lang]
        assert visible(page.select_one(f'li[lang="{lang}"]')).startswith(name)
    assert not page.select("script")


def test_start_page_answers_what_when_where_and_how_many_groups(site: Built, source: Source):
    facts = conference(source)
    for lang in source.languages:
        glance = visible(site.html(url_of(site, source, "home", lang)).select_one(".at-a-glance"))
        assert spaces(format_date_range(facts.start, facts.end, locale(source, lang))) in glance
        assert facts.city[lang] in glance
        groups = len(source.with_field("Kind", "working-group", lang))
        assert (re.search(rf"\b{groups}\b", glance) is not None) == (groups > 0), lang


def program_of(source: Source, lang: str):
    [matter] = source.with_field("Key", source.settings.get("PROGRAM_KEY", "program"), lang)
    program, errors = parse(matter.path, lang, Path(matter.path).read_text(encoding="utf-8"))
    assert not errors
    return program, matter


def test_program_lists_its_days_and_says_whether_it_is_provisional(site: Built, source: Source):
    facts = conference(source)
    for lang in source.languages:
        program, matter = program_of(source, lang)
        page = site.html(url_of(site, source, "program", lang))
        days = [section["id"] for section in page.select("section.day")]
        assert days == [day.isoformat() for day in program.days]
        assert all(facts.start <= day <= facts.end for day in program.days)
        assert bool(page.select(".provisional")) == bool(matter.value("Provisional"))
        if facts.two_clocks:
            assert facts.venue_time_label[lang] in visible(page.select_one(".clock-note"))


def test_working_group_pages_say_when_they_meet(site: Built, source: Source):
    zone = conference(source).timezone
    for lang in source.languages:
        program, _ = program_of(source, lang)
        program_url = url_of(site, source, "program", lang)
        for group in source.with_field("Kind", "working-group", lang):
            key = group.value("Key")
            sessions = [s for s in program.sessions if s.group == key]
            page = site.html(url_of(site, source, key, lang))
            times = [t["datetime"] for t in page.select(".session .time time")]
            assert times == [
                moment.isoformat() for s in sessions for moment in (s.starts(zone), s.ends(zone))
            ], (lang, key)
            for day in {s.day for s in sessions}:
                assert page.select_one(f'main a[href="{program_url}#{day.isoformat()}"]')


def test_organisers_are_listed_in_each_language(site: Built, source: Source):
    organisers = source.settings["CONFERENCE"]["organisers"]
    for lang in source.languages:
        page = site.html(url_of(site, source, "organisers", lang))
        listed = [visible(li) for li in page.select("ul.organisers li")]
        assert sorted(listed) == sorted(o["name"][lang] for o in organisers), lang


def test_unknown_details_are_marked_in_the_readers_language(site: Built, source: Source):
    labels = source.settings["PLACEHOLDER_LABELS"]
    for lang, urls in pages_by_language(site).items():
        marks = [visible(m) for url in urls for m in site.html(local(url)).select("mark.tba")]
        written = any("[[TBA:" in m.body for m in source.in_language(lang))
        assert bool(marks) == written, lang
        assert all(mark.startswith(f"{labels[lang]}:") for mark in marks), lang


def test_pages_need_no_javascript_and_load_nothing_from_other_hosts(site: Built):
    pages = sorted(site.output.rglob("*.html"))
    assert pages
    for path in pages:
        page = site.html(str(path.relative_to(site.output)))
        scripts = page.select("script")
        assert all(script.get("type") == "application/ld+json" for script in scripts), path
        loaded = [tag.get("src") for tag in page.select("[src]")]
        loaded += [link["href"] for link in page.select('link[rel="stylesheet"], link[rel="icon"]')]
        assert all(not ref.startswith(("http:", "https:", "//")) for ref in loaded), (path, loaded)


def test_sitemap_pairs_every_page_as_its_head_does(site: Built):
    for url, links in sitemap_alternates(site).items():
        assert links == head_alternates(site, url)


def test_every_language_has_a_not_found_page(site: Built, source: Source):
    root = site.html("/404.html")
    homes = [url_of(site, source, "home", lang) for lang in source.languages]
    assert [a["href"] for a in root.select(".language-choice a")] == homes
    assert root.select_one('meta[name="robots"]')["content"] == "noindex"
    for lang in source.languages:
        page = site.html(url_of(site, source, "not-found", lang))
        assert page.html["lang"] == lang
        assert visible(page.select_one("h1")) == source.with_field("Key", "not-found", lang)[
            0
        ].value("Title")


def test_published_build_is_strict_and_complete(source: Source, tmp_path):
    """publishconf.py stops on any missing or outdated translation; the site has none."""
    built = build_source(source, tmp_path, settings="publishconf.py")
    assert built.returncode == 0, built.log
    assert "translation" not in built.log
    assert "<loc>https://" in built.text("sitemap.xml")


def own_language_text(page, lang: str) -> str:
    """The page's text without the parts marked as another language (a
    fallback's German text on a Russian page is marked lang="de")."""
    for part in page.select("[lang]"):
        if part.name != "html" and part["lang"] != lang:
            part.decompose()
    return page.get_text(" ")


def test_each_language_reads_as_written_in_it(site: Built, source: Source):
    """What a program can catch of a page not written natively: another
    language's day and month names, a title joined with the wrong dash, a
    heading starting in lower case, a gap label that begins a sentence or
    follows a colon."""
    from babel import Locale

    names = {}
    for lang in source.languages:
        locale = Locale.parse(locale_of := source.settings["BILINGUAL_LANGUAGES"][lang]["locale"])
        assert locale_of
        names[lang] = set(locale.days["format"]["wide"].values()) | set(
            locale.months["format"]["wide"].values()
        )
    labels = source.settings["PLACEHOLDER_LABELS"]
    problems = []
    for lang, urls in pages_by_language(site).items():
        foreign = set().union(*(n for other, n in names.items() if other != lang)) - names[lang]
        for url in urls:
            page = site.html(local(url))
            text = own_language_text(page, lang)
            found = sorted(word for word in foreign if re.search(rf"\b{word}\b", text))
            if found:
                problems.append(f"{url}: {found}")
            for heading in page.select("h1, h2, h3, h4, caption, title"):
                words = visible(heading)
                if words[:1].islower():
                    problems.append(f"{url}: heading starts in lower case: {words!r}")
                if lang == "ru" and re.search(r"\s[–-]\s", words):
                    problems.append(f"{url}: Russian title joined with '–' not '—': {words!r}")
            for block in page.select("p, li, td, th, dd"):
                words = visible(block)
                if words.startswith(f"{labels[lang]}:"):
                    problems.append(f"{url}: begins with the gap label: {words[:60]!r}")
            if re.search(rf":\s*{re.escape(labels[lang])}:", spaces(text)):
                problems.append(f"{url}: a colon before the gap label's colon")
    assert problems == [], "\n".join(problems)
