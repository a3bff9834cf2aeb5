"""The program of another conference, made from settings and content alone.

Each test writes a small conference of its own (settings from a dict, two
language folders, a program page per language, working groups if it likes)
and builds it with the real theme and plugins, as an editor would.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from icalendar import Calendar

from conftest import Built, run_pelican, theme_pages, write_settings, write_tree
from sites import seen

CONFERENCE = {
    "name": {
        "de": "XV. Deutsch-Russische Städtepartnerkonferenz",
        "ru": "XV Российско-германская конференция городов-партнёров",
    },
    "start": dt.date(2019, 6, 26),
    "end": dt.date(2019, 6, 27),
    "timezone": "Europe/Moscow",
    "home_timezone": "Europe/Berlin",
    "venue_time_label": {"de": "Ortszeit Kaluga (MSK)", "ru": "местное время Калуги (МСК)"},
    "home_time_label": {"de": "in Deutschland", "ru": "в Германии"},
    "city": {"de": "Kaluga", "ru": "Калуга"},
    "country": "RU",
    "organisers": [
        {"name": {"de": "Stadt Kaluga", "ru": "Город Калуга"}, "role": "host"},
    ],
}
SETTINGS = {
    "CONFERENCE": CONFERENCE,
    "AS_OF_DATE": dt.date(2019, 3, 1),
    "REGISTRATION_URL": "https://anmeldung.example.org/konferenz-2019",
    "REGISTRATION_DEADLINE": None,
    "BILINGUAL_MENUS": {"main": ["home", "program"], "footer": []},
    "PROGRAM_UID_NAMESPACE": "xv-konferenz-2019",
    "PROGRAM_PRINT_SAVE_AS": "programm-programma/index.html",
    "PROGRAM_PRINT_URL": "programm-programma/",
    "SITENAME": CONFERENCE["name"]["de"],
}
HOME = {
    "de": ("start.md", "Title: Start\nKey: home\nTemplate: home\nUrl: de/\nSave_as: de/index.html"),
    "ru": (
        "start.md",
        "Title: Начало\nKey: home\nTemplate: home\nUrl: ru/\nSave_as: ru/index.html",
    ),
}
PROGRAM = {
    "de": ("programm.md", "Title: Programm\nKey: program\nSlug: programm\nTemplate: program"),
    "ru": ("programma.md", "Title: Программа\nKey: program\nSlug: programma\nTemplate: program"),
}
GROUP = {
    "de": ("arbeitsgruppen/{key}.md", "Title: {title}\nKey: {key}\nSlug: arbeitsgruppen/{key}"),
    "ru": ("rabochie-gruppy/{key}.md", "Title: {title}\nKey: {key}\nSlug: rabochie-gruppy/{key}"),
}


def conference_site(
    tmp: Path,
    programs: dict[str, str],
    groups: dict[str, dict[str, str]] | None = None,
    settings: dict[str, object] | None = None,
) -> Built:
    """Builds a conference: ``programs`` maps a language to its program block
    (a language without one has no program page), ``groups`` a group's key to
    its title per language."""
    files = {}
    for lang, (name, meta) in HOME.items():
        files[f"pages/{lang}/{name}"] = f"{meta}\nSummary: {lang}\n\n{lang}\n"
        files.update(theme_pages(lang))
    for lang, block in programs.items():
        name, meta = PROGRAM[lang]
        files[f"pages/{lang}/{name}"] = f"{meta}\nSummary: {lang}\n\n```program\n{block}```\n"
    for key, titles in (groups or {}).items():
        for lang, title in titles.items():
            name, meta = GROUP[lang]
            files[f"pages/{lang}/{name.format(key=key)}"] = (
                meta.format(key=key, title=title)
                + "\nKind: working-group\nTemplate: working_group\nSummary: -\n\n-\n"
            )
    content = tmp / "content"
    write_tree(content, files)
    values = {**SETTINGS, **(settings or {})}
    extra = "import datetime\n" + "".join(f"{name} = {value!r}\n" for name, value in values.items())
    # Every language's site name comes from the conference, as in pelicanconf.py.
    extra += (
        "BILINGUAL_SETTINGS = {lang: {**values, 'SITENAME': CONFERENCE['name'][lang]}"
        " for lang, values in BILINGUAL_SETTINGS.items()}\n"
    )
    return run_pelican(
        write_settings(tmp, extra_settings=extra, content=content), content, tmp / "output"
    )


def line_of(built: Built, path: str, text: str) -> int:
    """The line of a content file that holds ``text``."""
    lines = (built.output.parent / "content" / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def session_times(built: Built, url: str, key: str) -> str:
    return seen(built.html(url).select_one(f'[id="{key}"] .time'))


# The reception on the conference's last day ends after midnight, on a day
# after the conference: it starts within the conference, which is what counts.
# The night café is listed under the day its 00:30 belongs to.
RECEPTION = {
    "de": "place hall: Festsaal\nplace bar: Bar\n"
    "day 2019-06-26\n15:00–18:00 | opening | plenary | Eröffnung | hall\n"
    "day 2019-06-27\n00:30–02:00 | night | social | Nachtcafé | bar\n"
    "10:00–12:00 | closing | plenary | Abschluss | hall\n"
    "20:00–01:00 | reception | social | Abendempfang | hall\n",
    "ru": "place hall: Актовый зал\nplace bar: Бар\n"
    "day 2019-06-26\n15:00–18:00 | opening | plenary | Открытие | hall\n"
    "day 2019-06-27\n00:30–02:00 | night | social | Ночное кафе | bar\n"
    "10:00–12:00 | closing | plenary | Закрытие | hall\n"
    "20:00–01:00 | reception | social | Вечерний приём | hall\n",
}


def test_a_reception_past_midnight_ends_on_the_next_day(tmp_path):
    built = conference_site(tmp_path, RECEPTION)
    assert built.returncode == 0, built.log
    # Shown on the day it starts, with its end on the next day, on both clocks.
    day = built.html("/de/programm/").select_one('section[id="2019-06-27"]')
    assert [s["id"] for s in day.select(".session")] == ["night", "closing", "reception"]
    assert session_times(built, "/de/programm/", "reception") == (
        "20:00 bis 01:00 (Folgetag) (in Deutschland: 19:00 bis 00:00 (Folgetag))"
    )
    assert session_times(built, "/ru/programma/", "reception") == (
        "с 20:00 до 01:00 следующего дня (в Германии: с 19:00 до 00:00 следующего дня)"
    )
    # 00:30 in Kaluga is still the evening before in Germany.
    assert session_times(built, "/de/programm/", "night") == (
        "00:30 – 02:00 (in Deutschland: 23:30 (Vortag) bis 01:00)"
    )
    assert session_times(built, "/ru/programma/", "night") == (
        "00:30 – 02:00 (в Германии: с 23:30 накануне до 01:00)"
    )
    # A screen reader hears the range as the language says it, not "00:30 до 02:00".
    heard = built.html("/ru/programma/").select_one('[id="night"] .range .visually-hidden')
    assert heard.get_text() == "с 00:30 до 02:00"
    end = built.html("/de/programm/").select('[id="reception"] .time time')[1]
    assert end["datetime"] == "2019-06-28T01:00:00+03:00"
    # The print view says it in each language.
    row = next(
        tr
        for tr in built.html("/programm-programma/").select("table.print-program tbody tr")
        if "Abendempfang" in tr.text
    )
    assert [seen(span) for span in row.select("th > span")] == [
        "20:00 bis 01:00 (Folgetag) (19:00 bis 00:00 (Folgetag))",
        "с 20:00 до 01:00 следующего дня (с 19:00 до 00:00 следующего дня)",
    ]
    # Calendars and structured data end it on the next day.
    for path in ("de/programm/programm.ics", "ru/programma/programma.ics"):
        calendar = Calendar.from_ical((built.output / path).read_bytes())
        reception = next(
            e for e in calendar.walk("VEVENT") if str(e["UID"]) == "reception@xv-konferenz-2019"
        )
        assert reception.decoded("DTSTART") == dt.datetime(
            2019, 6, 27, 20, tzinfo=ZoneInfo("Europe/Moscow")
        )
        assert reception.decoded("DTEND") == dt.datetime(
            2019, 6, 28, 1, tzinfo=ZoneInfo("Europe/Moscow")
        )
    for url in ("/de/programm/", "/ru/programma/"):
        script = built.html(url).select_one('script[type="application/ld+json"]')
        event = json.loads(script.string)
        assert (event["startDate"], event["endDate"]) == (
            "2019-06-26T15:00:00+03:00",
            "2019-06-28T01:00:00+03:00",
        )


def test_a_session_past_midnight_of_a_working_group_is_a_sub_event_ending_the_next_day(
    tmp_path,
):
    programs = {
        lang: block + f"22:00–00:30 | late | working-group wg-night | {title} | bar\n"
        for (lang, block), title in zip(
            RECEPTION.items(), ("Nachtschicht", "Ночная смена"), strict=True
        )
    }
    groups = {"wg-night": {"de": "Nachtschicht", "ru": "Ночная смена"}}
    built = conference_site(tmp_path, programs, groups)
    assert built.returncode == 0, built.log
    script = built.html("/ru/rabochie-gruppy/wg-night/").select_one(
        'script[type="application/ld+json"]'
    )
    [late] = json.loads(script.string)["subEvent"]
    assert (late["startDate"], late["endDate"]) == (
        "2019-06-27T22:00:00+03:00",
        "2019-06-28T00:30:00+03:00",
    )
    assert "Plenarsitzungen und 1 Arbeitsgruppe" in seen(built.html("/de/"))


def test_an_overlap_across_midnight_names_file_and_line(tmp_path):
    late = {"de": "Spätabend", "ru": "Поздний вечер"}
    programs = {
        lang: block.replace(
            "| hall\nday", f"| hall\n23:00–01:00 | late | social | {late[lang]} | bar\nday"
        )
        for lang, block in RECEPTION.items()
    }
    built = conference_site(tmp_path, programs)
    assert built.returncode == 1
    for lang, (name, _) in PROGRAM.items():
        path = f"pages/{lang}/{name}"
        night = line_of(built, path, "| night |")
        evening = line_of(built, path, "| late |")
        title = "Nachtcafé" if lang == "de" else "Ночное кафе"
        assert (
            f"content/{path}:{night}: '{title}' overlaps '{late[lang]}'"
            f" (line {evening}) in place 'bar'"
        ) in built.log
    assert "Traceback" not in built.log


def glance(built: Built, url: str) -> dict[str, str]:
    """The start page's "at a glance" box: each term and what it says."""
    box = built.html(url).select_one(".at-a-glance dl")
    return {seen(dt): seen(dt.find_next_sibling("dd")) for dt in box.select("dt")}


def test_a_conference_without_working_groups_does_not_count_them(tmp_path):
    built = conference_site(tmp_path, RECEPTION)
    assert built.returncode == 0, built.log
    assert glance(built, "/de/")["Programm"] == "Das Programm Tag für Tag"
    assert glance(built, "/ru/")["Программа"] == "Программа по дням"
    for url in ("/de/", "/ru/", "/de/programm/", "/ru/programma/", "/programm-programma/"):
        text = seen(built.html(url)).lower()
        assert "arbeitsgruppe" not in text and "рабоч" not in text, url


def test_the_print_view_is_linked_only_once_every_language_has_its_program(tmp_path):
    built = conference_site(tmp_path / "one", {"de": RECEPTION["de"]})
    assert built.returncode == 0, built.log
    assert not (built.output / "programm-programma").exists()
    assert built.html("/de/programm/").select(".print-link") == []
    for page in built.output.rglob("*.html"):
        assert "programm-programma" not in page.read_text(encoding="utf-8"), page
    both = conference_site(tmp_path / "both", RECEPTION)
    assert both.returncode == 0, both.log
    link = both.html("/de/programm/").select_one(".print-link a")
    assert link["href"] == "/programm-programma/"
    assert both.html(link["href"]).select("table.print-program")


def test_a_conference_without_a_print_view_links_none(tmp_path):
    built = conference_site(tmp_path, RECEPTION, settings={"PROGRAM_PRINT_SAVE_AS": None})
    assert built.returncode == 0, built.log
    assert not (built.output / "programm-programma").exists()
    assert built.html("/de/programm/").select(".print-link") == []


def test_a_conference_in_the_visitors_own_time_zone_shows_one_clock(tmp_path):
    """Venue and home share a time zone: no clock labels needed, no second time."""
    one_clock = {
        key: value
        for key, value in CONFERENCE.items()
        if key not in ("venue_time_label", "home_time_label")
    }
    one_clock["home_timezone"] = CONFERENCE["timezone"]
    built = conference_site(tmp_path, RECEPTION, settings={"CONFERENCE": one_clock})
    assert built.returncode == 0, built.log
    for url in ("/de/programm/", "/ru/programma/", "/programm-programma/"):
        page = built.html(url)
        assert not page.select(".home-time, .clock-note"), url
        assert "()" not in seen(page), url
    assert session_times(built, "/de/programm/", "reception") == "20:00 bis 01:00 (Folgetag)"
