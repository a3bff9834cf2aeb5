"""The theme serves as many languages as the settings name."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from bs4 import Tag

from conftest import ROOT, Built, run_pelican, theme_pages, write_settings, write_tree


def test_messages_creates_the_catalog_of_a_new_language(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"THEME = {str(theme)!r}\nPATH = {str(ROOT / 'content')!r}\n"
        "BILINGUAL_LANGUAGES = {**BILINGUAL_LANGUAGES, 'fr': {'name': 'Français'}}\n",
        encoding="utf-8",
    )
    german = (theme / "translations/de/LC_MESSAGES/messages.po").read_bytes()
    command = [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "messages"]
    result = subprocess.run(
        [*command, "--settings", str(settings)], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with (theme / "translations/fr/LC_MESSAGES/messages.po").open("rb") as handle:
        french = read_po(handle, locale="fr")
    with (theme / "translations/de/LC_MESSAGES/messages.po").open("rb") as handle:
        ids = {message.id for message in read_po(handle, locale="de") if message.id}
    assert ids and ids <= {message.id for message in french if message.id}
    strings = [m.string if isinstance(m.string, tuple) else (m.string,) for m in french if m.id]
    assert not any(any(s) for s in strings)  # left for the translator
    assert not list(theme.glob("translations/*/LC_MESSAGES/*.mo"))
    # Catalogs of the languages that had one keep their translations.
    with (theme / "translations/de/LC_MESSAGES/messages.po").open("rb") as handle:
        before = {m.id: m.string for m in read_po(io.BytesIO(german)) if m.id}
        after = {m.id: m.string for m in read_po(handle) if m.id}
    assert before == after


# Four languages of a made-up conference; a site takes the first two, three or
# four. Per language: its name and locale, the conference, the program page
# and two days of sessions.
FIXTURE_LANGUAGES: dict[str, dict[str, Any]] = {
    "de": {
        "name": "Deutsch",
        "locale": "de_DE",
        "conference": "Konferenz der Partnerstädte",
        "city": "Halle",
        "program": ("Programm", "programm"),
        "sessions": ("Eröffnung", "Stadtrundgang", "Abschluss", "Empfang"),
        "hall": "Festsaal",
    },
    "ru": {
        "name": "Русский",
        "locale": "ru_RU",
        "conference": "Конференция городов-партнёров",
        "city": "Галле",
        "program": ("Программа", "programma"),
        "sessions": ("Открытие", "Экскурсия по городу", "Закрытие", "Приём"),
        "hall": "Актовый зал",
    },
    "pl": {
        "name": "Polski",
        "locale": "pl_PL",
        "conference": "Konferencja miast partnerskich",
        "city": "Halle",
        "program": ("Program", "program"),
        "sessions": ("Otwarcie", "Spacer po mieście", "Zakończenie", "Przyjęcie"),
        "hall": "Sala uroczysta",
    },
    "fr": {
        "name": "Français",
        "locale": "fr_FR",
        "conference": "Conférence des villes jumelées",
        "city": "Halle",
        "program": ("Programme", "programme"),
        "sessions": ("Ouverture", "Visite de la ville", "Clôture", "Réception"),
        "hall": "Salle des fêtes",
    },
}


def languages_site(tmp: Path, count: int) -> Built:
    """A conference in the first ``count`` fixture languages, each with a home
    page and a program, built with the real theme and plugins."""
    langs = dict(list(FIXTURE_LANGUAGES.items())[:count])
    files = {}
    for lang, facts in langs.items():
        title, slug = facts["program"]
        opening, walk, closing, reception = facts["sessions"]
        block = (
            f"place hall: {facts['hall']}\n"
            "day 2031-09-10\n"
            f"10:00–12:00 | opening | plenary | {opening} | hall\n"
            f"14:00–16:00 | walk | social | {walk} |\n"
            "day 2031-09-11\n"
            f"09:00–11:00 | closing | plenary | {closing} | hall\n"
            f"20:00–01:00 | reception | social | {reception} | hall\n"
        )
        files.update(theme_pages(lang))
        files[f"pages/{lang}/start.md"] = (
            f"Title: {facts['city']}\nKey: home\nTemplate: home\nUrl: {lang}/\n"
            f"Save_as: {lang}/index.html\nSummary: {lang}\n\n{lang}\n"
        )
        files[f"pages/{lang}/{slug}.md"] = (
            f"Title: {title}\nKey: program\nSlug: {slug}\nTemplate: program\n"
            f"Summary: {lang}\n\n```program\n{block}```\n"
        )
    content = tmp / "content"
    write_tree(content, files)
    conference = {
        "name": {lang: facts["conference"] for lang, facts in langs.items()},
        "start": dt.date(2031, 9, 10),
        "end": dt.date(2031, 9, 11),
        "timezone": "Europe/Berlin",
        "city": {lang: facts["city"] for lang, facts in langs.items()},
        "country": "DE",
        "organisers": [
            {"name": {lang: facts["city"] for lang, facts in langs.items()}, "role": "host"}
        ],
    }
    settings = {
        "CONFERENCE": conference,
        "AS_OF_DATE": dt.date(2031, 3, 1),
        "REGISTRATION_URL": "https://anmeldung.example.org/2031",
        "REGISTRATION_DEADLINE": None,
        "BILINGUAL_MENUS": {"main": ["home", "program"], "footer": []},
        "PROGRAM_PRINT_SAVE_AS": "programm-programma/index.html",
        "PROGRAM_PRINT_URL": "programm-programma/",
        "PROGRAM_UID_NAMESPACE": "partnerstaedte-2031",
        "SITENAME": conference["name"]["de"],
        "PLACEHOLDER_LABELS": {lang: "?" for lang in langs},
        "BILINGUAL_LANGUAGES": {
            lang: {"name": facts["name"], "locale": facts["locale"]}
            for lang, facts in langs.items()
        },
    }
    extra = "import datetime\n" + "".join(f"{k} = {v!r}\n" for k, v in settings.items())
    extra += (
        "BILINGUAL_SETTINGS = {lang: {'NEWS_URL': f'{lang}/news/',"
        " 'NEWS_SAVE_AS': f'{lang}/news/index.html', **BILINGUAL_SETTINGS.get(lang, {}),"
        " 'SITENAME': CONFERENCE['name'][lang]} for lang in BILINGUAL_LANGUAGES}\n"
    )
    return run_pelican(
        write_settings(tmp, extra_settings=extra, content=content), content, tmp / "output"
    )


@pytest.fixture(scope="module")
def languages_built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Built]:
    """The fixture conference in a number of languages, each built once."""
    sites: dict[int, Built] = {}

    def built(count: int) -> Built:
        if count not in sites:
            sites[count] = languages_site(tmp_path_factory.mktemp(f"languages-{count}"), count)
        assert sites[count].returncode == 0, sites[count].log
        return sites[count]

    return built


def visible(node: Tag) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.mark.parametrize("count", [2, 3, 4])
def test_landing_page_and_print_header_name_every_language(languages_built, count: int):
    built = languages_built(count)
    codes = list(FIXTURE_LANGUAGES)[:count]
    choices = built.html("/").select(".language-choice > li")
    assert [li["lang"] for li in choices] == codes
    assert [visible(li.strong) for li in choices] == [
        FIXTURE_LANGUAGES[code]["conference"] for code in codes
    ]
    header = built.html("/programm-programma/").select(".print-header > div")
    assert [div["lang"] for div in header] == codes
    assert [visible(div.h1) for div in header] == [
        FIXTURE_LANGUAGES[code]["program"][0] for code in codes
    ]
    # The link to the print view names the languages from the language list.
    link = built.html("/de/programm/").select_one(".print-link a")
    names = ["Deutsch", "Russisch", "Polnisch", "Französisch"][:count]
    listed = ", ".join(names[:-1]) + " und " + names[-1]
    assert visible(link) == f"Druckfassung des Programms ({listed})"


@pytest.mark.parametrize("count", [2, 3])
def test_up_to_three_languages_are_side_by_side(languages_built, count: int):
    built = languages_built(count)
    codes = list(FIXTURE_LANGUAGES)[:count]
    page = built.html("/programm-programma/")
    assert "print-side-by-side" in page.body["class"]
    assert not page.select("main section[lang]")
    tables = page.select("table.print-program")
    assert len(tables) == 2  # one per day
    heads = tables[0].select("thead th[lang]")
    assert [th["lang"] for th in heads] == codes
    assert [visible(th) for th in heads] == [FIXTURE_LANGUAGES[c]["name"] for c in codes]
    # One row per session, with a cell per language in the list's order.
    opening = tables[0].select("tbody tr")[0]
    assert visible(opening.th) == "10:00–12:00"
    assert [(td["lang"], visible(td.strong)) for td in opening.select("td")] == [
        (code, FIXTURE_LANGUAGES[code]["sessions"][0]) for code in codes
    ]


def test_four_languages_are_stacked_one_after_the_other(languages_built):
    count = 4
    built = languages_built(count)
    codes = list(FIXTURE_LANGUAGES)[:count]
    page = built.html("/programm-programma/")
    assert "print-stacked" in page.body["class"]
    assert not page.select("td[lang], th[lang]")  # no column per language
    sections = page.select("main > section")
    assert [section["lang"] for section in sections] == codes
    assert [visible(section.h2) for section in sections] == [
        f"{FIXTURE_LANGUAGES[c]['program'][0]} – {FIXTURE_LANGUAGES[c]['name']}" for c in codes
    ]
    # Headings in order: the header's titles, then one heading per language.
    levels = [int(h.name[1]) for h in page.select("main h1, main h2, main h3, main h4")]
    assert levels == [1] * count + [2] * count
    # Each language's program in its own words: its days (a heading starts with
    # a capital), sessions and times.
    french = sections[codes.index("fr")]
    assert [visible(c) for c in french.select("caption")] == [
        "Mercredi 10 septembre 2031",
        "Jeudi 11 septembre 2031",
    ]
    assert [visible(td.strong) for td in french.select("tbody td")] == [
        "Ouverture",
        "Visite de la ville",
        "Clôture",
        "Réception",
    ]
    russian = sections[codes.index("ru")]
    assert [visible(th) for th in russian.table.select("thead th")] == ["Время", "Программа"]
    assert [visible(th) for th in russian.select("tbody th")] == [
        "10:00–12:00",
        "14:00–16:00",
        "09:00–11:00",
        "с 20:00 до 01:00 следующего дня",
    ]


def test_a_fallbacks_text_is_marked_and_the_pages_own_parts_are_not(tmp_path):
    """A working group and a news item not yet translated: on the Russian pages
    their German title and text carry lang="de"; the timetable, the date, the
    notices and the links the theme writes in Russian do not."""
    from conftest import build_source
    from sites import next_conference

    source = next_conference(tmp_path)
    for lang_folder in ("pages/ru/rabochie-gruppy", "news/ru"):
        folder = source.content / lang_folder
        victims = sorted(folder.glob("*.md"))[:1] if folder.exists() else []
        for path in victims:
            path.unlink()
            for page in (source.content / "pages/ru").glob("*.md"):
                text = page.read_text(encoding="utf-8")
                page.write_text(text.replace(f"{{filename}}{lang_folder[9:]}/{path.name}", "/"))
    built = build_source(source, tmp_path / "site")
    assert built.returncode == 0, built.log
    pages = {
        path.relative_to(built.output).as_posix(): built.html(
            path.relative_to(built.output).as_posix()
        )
        for path in (built.output / "ru").rglob("index.html")
    }
    fallbacks = {p: page for p, page in pages.items() if page.select(".translation-notice")}
    assert len(fallbacks) >= 1, sorted(pages)
    for path, page in fallbacks.items():
        assert page.html["lang"] == "ru"
        assert page.select_one("h1")["lang"] == "de", path
        for part in page.select('[lang="de"]'):
            # Only the item's own text: no session, date, notice or theme link inside.
            assert not part.select(".session, time, .provisional, .place-gaps, nav"), (path, part)
        sessions = page.select(".session")
        assert all(s.find_parent(attrs={"lang": "de"}) is None for s in sessions), path
