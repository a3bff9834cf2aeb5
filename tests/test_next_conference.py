"""The next conference, built as its organisers would: this repository with only
``pelicanconf.py`` and ``content/`` changed (the fixture in test_data/).

Nothing of this conference may leak into it, what the site says follows the
"as of" date, and a missing or outdated translation is shown as such.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pelican.plugins.bilingual.dates import format_date, format_date_range

from conftest import Built, build_source
from sites import Source, next_conference

# What only this conference says: its city, year and numeral.
THIS_CONFERENCE = re.compile(r"Krasnodar|Краснодар|2017|\bXIV\b")
TEXT_FILES = {".html", ".xml", ".atom", ".ics", ".svg", ".txt", ".css", ".json", ""}


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Source:
    return next_conference(tmp_path_factory.mktemp("next"))


def spaces(text: str) -> str:
    return re.sub(r"[\s\u202f\xa0]+", " ", text)


def epoch(day: dt.date) -> str:
    """SOURCE_DATE_EPOCH of a day's start (UTC)."""
    return str(int(dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC).timestamp()))


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_nothing_the_generator_writes_mentions_this_conference(source, tmp_path, settings):
    built = build_source(source, tmp_path, settings=settings)
    assert built.returncode == 0, built.log
    files = [p for p in built.output.rglob("*") if p.is_file() and p.suffix in TEXT_FILES]
    assert len(files) > 20
    leaks = {
        str(path.relative_to(built.output)): sorted(set(found))
        for path in files
        if (found := THIS_CONFERENCE.findall(path.read_text(encoding="utf-8")))
    }
    assert leaks == {}
    assert not THIS_CONFERENCE.search(built.log)


def locale(source: Source, lang: str) -> str:
    return source.settings["BILINGUAL_LANGUAGES"][lang]["locale"]


def build_as_of(source: Source, tmp: Path, day: dt.date) -> Built:
    built = build_source(source, tmp, env={"SOURCE_DATE_EPOCH": epoch(day)})
    assert built.returncode == 0, built.log
    return built


def test_the_deadline_is_shown_while_registration_is_open(source, tmp_path):
    deadline = source.settings["REGISTRATION_DEADLINE"]
    built = build_as_of(source, tmp_path, deadline)
    url = source.settings["REGISTRATION_URL"]
    de = spaces(built.html("/de/").select_one(".at-a-glance").text)
    assert f"bis zum {format_date(deadline, locale(source, 'de'))} geöffnet" in spaces(de)
    banner = spaces(built.html("/ru/kontakty/").select_one("aside.registration").text)
    assert (
        f"открыта по {spaces(format_date(deadline, locale(source, 'ru')))} включительно" in banner
    )
    assert built.html("/ru/kontakty/").select(f'a.button[href="{url}"]')


def test_after_the_deadline_registration_is_closed_and_no_button_is_shown(source, tmp_path):
    day_after = source.settings["REGISTRATION_DEADLINE"] + dt.timedelta(days=1)
    built = build_as_of(source, tmp_path, day_after)
    url = source.settings["REGISTRATION_URL"]
    for page, box, message in (
        ("/de/", ".at-a-glance", "Die Anmeldung ist geschlossen."),
        ("/de/programm/", "aside.registration", "Die Anmeldung ist geschlossen."),
        ("/ru/programma/", "aside.registration", "Регистрация закрыта."),
    ):
        html = built.html(page)
        assert message in html.select_one(box).text
        assert not html.select(f'a[href="{url}"]'), page


def test_while_it_runs_and_once_it_is_over_the_site_says_so(source, tmp_path):
    conference = source.settings["CONFERENCE"]
    start, end = conference["start"], conference["end"]
    running = build_as_of(source, tmp_path / "running", start + dt.timedelta(days=1))
    until = format_date(end, locale(source, "de"))
    assert f"Die Konferenz läuft noch bis zum {until}." in spaces(
        running.html("/de/programm/").select_one("aside.registration").text
    )
    assert "Конференция уже идёт" in running.html("/ru/").select_one(".at-a-glance").text
    past = build_as_of(source, tmp_path / "past", end + dt.timedelta(days=8))
    when = {
        lang: spaces(format_date_range(start, end, locale(source, lang))) for lang in ("de", "ru")
    }
    assert f"Die Konferenz hat stattgefunden: {when['de']}." in spaces(
        past.html("/de/programm/").select_one("aside.registration").text
    )
    assert f"Конференция прошла {when['ru']}" in spaces(
        past.html("/ru/").select_one(".at-a-glance").text
    )
    assert not past.html("/de/anmeldung/").select(
        f'a[href="{source.settings["REGISTRATION_URL"]}"]'
    )


def test_a_missing_translation_falls_back_marked_and_an_outdated_one_says_so(tmp_path):
    """Development build: a missing Russian page shows the German text, marked;
    a changed German page makes its Russian translation show a notice."""
    source = next_conference(tmp_path)  # a copy of its own to change
    venue = source.content / "pages/de/anreise.md"
    venue.write_text(
        venue.read_text(encoding="utf-8").replace("## Halle (Saale)", "## Halle an der Saale"),
        encoding="utf-8",
    )
    (source.content / "pages/ru/vykhodnye-dannye.md").unlink()
    built = build_source(source, tmp_path)
    assert built.returncode == 0, built.log
    fallback = built.html("/ru/impressum/")
    assert fallback.html["lang"] == "ru"
    notice = fallback.select_one(".translation-notice").get_text(" ", strip=True)
    assert notice.startswith("Эта страница ещё не переведена") and "немецкий" in notice
    assert fallback.select_one("article")["lang"] == "de"
    assert "/ru/impressum/" in [a["href"] for a in built.html("/ru/").select(".site-footer a")]
    outdated = built.html("/ru/kak-dobratsya/").select_one(".translation-notice")
    assert "изменился после того, как был сделан перевод" in outdated.get_text()
    assert outdated.select_one("a")["href"] == "/de/anreise/"
