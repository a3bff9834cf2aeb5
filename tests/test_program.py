"""The program as data: the parser, every check, the timetable, the calendars,
the structured data and the print view."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import Built, build_real_site, copy_content
from program.checks import check_program, compare
from program.jsonld import script_safe
from program.parser import parse

DE, RU = "pages/de/programm.md", "pages/ru/programma.md"
START, END = dt.date(2017, 6, 28), dt.date(2017, 6, 30)
GOOD = """Title: P

Intro.

```program
place hall: Saal
place room: Raum [[TBA: folgt]]
day 2017-06-28
10:00–12:00 | opening | plenary | Eröffnung | hall
    Begrüßung durch die Veranstalter.
    Zweite Zeile.
12:00-13:00 | lunch | break | Mittag | hall
day 2017-06-29
09:00–10:30 | wg-1 | working-group wg-a | Gruppe A | room
```
"""


def parsed(text: str, lang: str = "de"):
    return parse("p.md", lang, text)


def test_parser_reads_places_days_sessions_and_descriptions():
    program, errors = parsed(GOOD)
    assert errors == []
    assert list(program.places) == ["hall", "room"]
    assert program.days == [START, dt.date(2017, 6, 29)]
    opening, lunch, group = program.sessions
    assert (opening.key, opening.start, opening.end, opening.line) == (
        "opening",
        dt.time(10),
        dt.time(12),
        9,
    )
    assert opening.description == "Begrüßung durch die Veranstalter. Zweite Zeile."
    assert lunch.end == dt.time(13)  # a hyphen works as well as an en dash
    assert (group.kind, group.group, group.day) == ("working-group", "wg-a", dt.date(2017, 6, 29))


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("10:00–12:00 | x | plenary | Titel", "needs 5 parts"),
        ("10 Uhr | x | plenary | Titel | hall", "'10 Uhr' is not a time range"),
        ("10:00–25:00 | x | plenary | Titel | hall", "'25:00' is not a time of day"),
        ("10:00–12:00 | Schlüssel | plenary | Titel | hall", "is not a key"),
        ("10:00–12:00 | x | dinner | Titel | hall", "unknown kind 'dinner'"),
        ("10:00–12:00 | x | working-group | Titel | hall", "names its group"),
        ("10:00–12:00 | x | plenary |  | hall", "has no title"),
        ("day 28.06.2017", "'28.06.2017' is not a date"),
    ],
)
def test_every_unreadable_line_is_named(line, message):
    text = GOOD.replace("day 2017-06-29\n", f"day 2017-06-29\n{line}\n")
    _, errors = parsed(text)
    assert [(e.line, message in str(e)) for e in errors] == [(14, True)], errors


def test_session_before_any_day_and_stray_description():
    _, errors = parsed("```program\n10:00–11:00 | a | plenary | A | hall\n  stray\n```\n")
    assert [e.line for e in errors] == [2, 3]  # the session fails, so its description is stray
    _, errors = parsed("```program\nday 2017-06-28\n    stray text\n```\n")
    assert "belongs below a session" in str(errors[0]) and errors[0].line == 3


def checked(text: str, groups=("wg-a",)):
    program, errors = parsed(text)
    assert errors == []
    return [(line, message) for _, line, message in check_program(program, START, END, groups)]


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        (
            "12:00-13:00 | lunch",
            "11:30-13:00 | lunch",
            12,
            "'Mittag' overlaps 'Eröffnung' (line 9) in place 'hall'",
        ),
        ("day 2017-06-29", "day 2017-07-02", 13, "2017-07-02 lies outside the conference"),
        ("12:00-13:00 | lunch", "13:00-13:00 | lunch", 12, "ends when it starts"),
        ("wg-a | Gruppe A", "wg-z | Gruppe A", 14, "unknown working group 'wg-z' (known: wg-a)"),
        ("Mittag | hall", "Mittag | kitchen", 12, "unknown place 'kitchen'"),
        ("| lunch |", "| opening |", 12, "session key 'opening' is used twice (also line 9)"),
    ],
)
def test_each_rule_names_the_line(old, new, line, message):
    problems = checked(GOOD.replace(old, new))
    assert any(p_line == line and message in text for p_line, text in problems), problems


def test_an_end_before_the_start_is_on_the_next_day():
    text = GOOD.replace(
        "12:00-13:00 | lunch | break | Mittag", "20:00–01:00 | lunch | social | Empfang"
    )
    program, _ = parsed(text)
    reception = program.by_key()["lunch"]
    zone = ZoneInfo("Europe/Moscow")
    assert reception.ends_next_day and reception.day == START
    assert reception.ends(zone) == dt.datetime(2017, 6, 29, 1, tzinfo=zone)
    assert checked(text) == []
    # 23:00–01:00 meets 00:30–02:00 of the next day in the same place
    late = text.replace("20:00–01:00 | lunch", "23:00–01:00 | lunch").replace(
        "09:00–10:30 | wg-1 | working-group wg-a | Gruppe A | room",
        "00:30–02:00 | wg-1 | working-group wg-a | Gruppe A | hall",
    )
    program, _ = parsed(late)
    lunch, group = program.by_key()["lunch"], program.by_key()["wg-1"]
    assert checked(late) == [
        (group.line, f"'Gruppe A' overlaps 'Empfang' (line {lunch.line}) in place 'hall'")
    ]


def test_languages_must_agree_on_days_times_and_places():
    source, _ = parsed(GOOD)
    for old, new, message in (
        ("09:00–10:30 | wg-1", "09:30–10:30 | wg-1", "session 'wg-1': time differs"),
        ("Gruppe A | room", "Gruppe A | hall", "session 'wg-1': place differs"),
        (
            "12:00-13:00 | lunch | break | Mittag | hall\n",
            "",
            "session 'lunch' of the de program is missing",
        ),
    ):
        other, errors = parse("ru.md", "ru", GOOD.replace(old, new))
        assert errors == []
        assert any(message in text for _, _, text in compare(source, other)), (
            message,
            compare(source, other),
        )
    moved, _ = parse("ru.md", "ru", GOOD.replace("day 2017-06-29\n09:00", "day 2017-06-30\n09:00"))
    assert any("day differs" in text for _, _, text in compare(source, moved))


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        (
            {RU: ("09:30–12:30 | economy-1", "10:00–12:30 | economy-1")},
            "content/pages/ru/programma.md:27: session 'economy-1': time differs from the de program (content/pages/de/programm.md:26)",
        ),
        (
            {DE: ("11:30–12:30 | closing", "11:00–12:30 | closing")},
            "content/pages/de/programm.md:38: 'Abschluss der Konferenz' overlaps 'Plenarsitzung: Ergebnisse der Arbeitsgruppen' (line 37) in place 'venue'",
        ),
        (
            {
                DE: (
                    "working-group wg-economy | Arbeitsgruppe Wirtschaft, Teil 1",
                    "working-group wg-wine | Arbeitsgruppe Wirtschaft, Teil 1",
                )
            },
            "unknown working group 'wg-wine'",
        ),
        ({DE: ("day 2017-06-30", "day 2017-07-01")}, "2017-07-01 lies outside the conference"),
    ],
)
def test_a_broken_program_stops_the_real_build(tmp_path, edits, expected):
    built = build_real_site(tmp_path, content=copy_content(tmp_path, edits))
    assert built.returncode == 1
    assert expected in built.log.replace(str(tmp_path) + "/", "")
    assert "Traceback" not in built.log


def test_timetable_shows_parallel_groups_and_both_clocks(site: Built):
    page = site.html("/de/programm/")
    thursday = page.select_one('section[id="2017-06-29"]')
    parallel = thursday.select("li.parallel")
    assert [len(slot.select(".session")) for slot in parallel] == [4, 4]
    first = parallel[0].select_one(".session")
    # screen readers meet time, title and place in this order
    order = [child.get("class")[0] for child in first.find_all(recursive=False)]
    assert order == ["time", "title", "place"]
    assert "(in Deutschland: 08:30" in " ".join(first.select_one(".time").get_text(" ").split())
    ru = site.html("/ru/programma/").select_one('section[id="2017-06-29"] .session .place')
    assert "уточняется: зал будет объявлен позднее" in ru.get_text()


def calendar(site: Built, path: str) -> Calendar:
    return Calendar.from_ical((site.output / path).read_bytes())


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendars_keep_krasnodar_time_and_stable_uids(site: Built, tmp_path):
    de = calendar(site, "de/programm/programm.ics")
    ru = calendar(site, "ru/programma/programma.ics")
    assert [tz["TZID"] for tz in de.walk("VTIMEZONE")] == ["Europe/Moscow"]
    de_events, ru_events = events(de), events(ru)
    assert len(de_events) == 13 and set(de_events) == set(ru_events)
    opening = de_events["opening@xiv-staedtepartnerkonferenz-2017"]
    assert opening["DTSTART"].params["TZID"] == "Europe/Moscow"
    start = opening.decoded("DTSTART")
    assert start == dt.datetime(2017, 6, 28, 15, tzinfo=ZoneInfo("Europe/Moscow"))
    assert start.astimezone(ZoneInfo("Europe/Berlin")).hour == 14
    assert opening.decoded("DTSTAMP") == dt.datetime(2017, 3, 15, tzinfo=dt.UTC)
    assert str(ru_events["opening@xiv-staedtepartnerkonferenz-2017"]["SUMMARY"]).startswith(
        "Открытие"
    )
    group = events(calendar(site, "de/arbeitsgruppen/wirtschaft/wirtschaft.ics"))
    assert sorted(group) == [
        "economy-1@xiv-staedtepartnerkonferenz-2017",
        "economy-2@xiv-staedtepartnerkonferenz-2017",
    ]
    # a rebuild long after the conference, with other slugs, keeps every session and UID
    later = build_real_site(
        tmp_path,
        env={"SOURCE_DATE_EPOCH": "1514764800"},  # 2018-01-01
        content=copy_content(
            tmp_path, {"pages/de/programm.md": ("Slug: programm", "Slug: ablauf")}
        ),
    )
    assert later.returncode == 0, later.log
    again = events(calendar(later, "de/ablauf/ablauf.ics"))
    assert set(again) == set(de_events)
    assert again["opening@xiv-staedtepartnerkonferenz-2017"].decoded("DTSTAMP") == dt.datetime(
        2018, 1, 1, tzinfo=dt.UTC
    )


def test_calendar_links_offer_download_and_subscription(site: Built, tmp_path):
    link = site.html("/de/programm/").select_one(".calendar-links a[download]")
    assert (
        link["href"] == "/de/programm/programm.ics"
        and (site.output / "de/programm/programm.ics").exists()
    )
    published = build_real_site(tmp_path, settings="publishconf.py")
    links = [
        a["href"]
        for a in published.html("/ru/rabochie-gruppy/ekonomika/").select(".calendar-links a")
    ]
    assert links == [
        "https://staedtepartnerkonferenz.example.org/ru/rabochie-gruppy/ekonomika/ekonomika.ics",
        "webcal://staedtepartnerkonferenz.example.org/ru/rabochie-gruppy/ekonomika/ekonomika.ics",
    ]


def jsonld(site: Built, url: str) -> dict:
    script = site.html(url).select_one('script[type="application/ld+json"]')
    return json.loads(script.string)


@pytest.mark.parametrize(("url", "lang"), [("/de/", "de"), ("/ru/programma/", "ru")])
def test_conference_is_described_as_an_event(site: Built, url, lang):
    event = jsonld(site, url)
    assert event["@type"] == "Event" and event["inLanguage"] == lang
    assert event["startDate"] == "2017-06-28T12:00:00+03:00"
    assert event["endDate"] == "2017-06-30T12:30:00+03:00"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Krasnodar" if lang == "de" else "Краснодар",
        "addressCountry": "RU",
    }
    assert len(event["organizer"]) == 5
    assert event["offers"]["url"] == "https://anmeldung.example.org/staedtepartnerkonferenz-2017"
    assert event["description"]


def test_working_group_sessions_are_sub_events(site: Built):
    event = jsonld(site, "/ru/rabochie-gruppy/kultura-pamyati/")
    assert [(s["name"], s["startDate"]) for s in event["subEvent"]] == [
        ("Рабочая группа «Культура памяти», часть 1", "2017-06-29T09:30:00+03:00"),
        ("Рабочая группа «Культура памяти», часть 2", "2017-06-29T14:00:00+03:00"),
    ]


def test_structured_data_cannot_close_its_script():
    text = script_safe({"name": "</script><script>alert(1)</script> & more"})
    assert "</" not in text and "<" not in text and "&" not in text
    assert json.loads(text)["name"].startswith("</script>")


def test_print_view_puts_the_languages_side_by_side(site: Built):
    page = site.html("/programm-programma/")
    rows = page.select("table.print-program tbody tr")
    assert len(rows) == 13
    first = rows[0].select("td")
    assert [td["lang"] for td in first] == ["de", "ru"]
    assert "Anreise" in first[0].text and "Заезд" in first[1].text
    assert len(page.select(".qr svg")) == 2
    assert [a["href"] for a in site.html("/de/programm/").select(".print-link a")] == [
        "/programm-programma/"
    ]


def test_provisional_program_is_marked_everywhere_until_it_is_final(site: Built, tmp_path):
    assert (
        "Stand 15.03.2017"
        in site.html("/de/arbeitsgruppen/wirtschaft/").select_one(".provisional").text
    )
    assert (
        "по состоянию на 15.03.2017" in site.html("/ru/programma/").select_one(".provisional").text
    )
    tentative = {
        str(e["STATUS"]) for e in calendar(site, "de/programm/programm.ics").walk("VEVENT")
    }
    assert tentative == {"TENTATIVE"}
    final = build_real_site(
        tmp_path,
        content=copy_content(
            tmp_path,
            {DE: ("Provisional: 2017-03-15\n", ""), RU: ("Provisional: 2017-03-15\n", "")},
        ),
    )
    assert final.returncode == 0, final.log
    assert final.html("/de/programm/").select_one(".provisional") is None
    assert final.html("/programm-programma/").select_one(".provisional") is None
    assert (
        "15.03.2017"
        in site.html("/programm-programma/").select_one('[lang="ru"] .provisional').text
    )
    assert {
        str(e["STATUS"]) for e in calendar(final, "ru/programma/programma.ics").walk("VEVENT")
    } == {"CONFIRMED"}
