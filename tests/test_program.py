"""The program as data: the parser, every check, the timetable, the calendars,
the structured data and the print view."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from conftest import Built, build_source
from program.checks import check_program, compare
from program.jsonld import script_safe
from program.parser import parse
from sites import Source, next_conference, seen, spaces

START, END = dt.date(2031, 9, 9), dt.date(2031, 9, 11)
GOOD = """Title: P

Intro.

```program
place hall: Saal
place room: Raum [[TBA: folgt]]
day 2031-09-09
10:00–12:00 | opening | plenary | Eröffnung | hall
    Begrüßung durch die Veranstalter.
    Zweite Zeile.
12:00-13:00 | lunch | break | Mittag | hall
day 2031-09-10
09:00–10:30 | wg-1 | working-group wg-a | Gruppe A | room
```
"""


def parsed(text: str, lang: str = "de"):
    return parse("p.md", lang, text)


def test_parser_reads_places_days_sessions_and_descriptions():
    program, errors = parsed(GOOD)
    assert errors == []
    assert list(program.places) == ["hall", "room"]
    assert program.days == [START, dt.date(2031, 9, 10)]
    opening, lunch, group = program.sessions
    assert (opening.key, opening.start, opening.end, opening.line) == (
        "opening",
        dt.time(10),
        dt.time(12),
        9,
    )
    assert opening.description == "Begrüßung durch die Veranstalter. Zweite Zeile."
    assert lunch.end == dt.time(13)  # a hyphen works as well as an en dash
    assert (group.kind, group.group, group.day) == ("working-group", "wg-a", dt.date(2031, 9, 10))


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
        ("day 09.09.2031", "'09.09.2031' is not a date"),
    ],
)
def test_every_unreadable_line_is_named(line, message):
    text = GOOD.replace("day 2031-09-10\n", f"day 2031-09-10\n{line}\n")
    _, errors = parsed(text)
    assert [(e.line, message in str(e)) for e in errors] == [(14, True)], errors


def test_session_before_any_day_and_stray_description():
    _, errors = parsed("```program\n10:00–11:00 | a | plenary | A | hall\n  stray\n```\n")
    assert [e.line for e in errors] == [2, 3]  # the session fails, so its description is stray
    _, errors = parsed("```program\nday 2031-09-09\n    stray text\n```\n")
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
        ("day 2031-09-10", "day 2031-09-13", 13, "2031-09-13 lies outside the conference"),
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
    zone = ZoneInfo("Asia/Yekaterinburg")
    assert reception.ends_next_day and reception.day == START
    assert reception.ends(zone) == dt.datetime(2031, 9, 10, 1, tzinfo=zone)
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
    moved, _ = parse("ru.md", "ru", GOOD.replace("day 2031-09-10\n09:00", "day 2031-09-11\n09:00"))
    assert any("day differs" in text for _, _, text in compare(source, moved))


# The built site: the fixture conference of tests/sites.py (Halle, five days
# across the end of summer time, a home clock without it). Every expected
# value comes from its settings or from its program text, read below.


@dataclass(frozen=True)
class Row:
    """A session line of a program block, as the test reads it."""

    key: str
    day: dt.date
    start: dt.time
    end: dt.time
    group: str | None
    title: str
    place: str
    line: int
    text: str

    def starts(self, zone: ZoneInfo) -> dt.datetime:
        return dt.datetime.combine(self.day, self.start, tzinfo=zone)

    def ends(self, zone: ZoneInfo) -> dt.datetime:
        day = self.day + dt.timedelta(days=1) if self.end <= self.start else self.day
        return dt.datetime.combine(day, self.end, tzinfo=zone)


SESSION_LINE = re.compile(r"^(\d\d:\d\d)[–-](\d\d:\d\d) \|")


def rows(source: Source, path: str) -> list[Row]:
    """Every session of the program in ``path``, with its line number."""
    found, day = [], None
    text = (source.content / path).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("day "):
            day = dt.date.fromisoformat(line.removeprefix("day ").strip())
        elif match := SESSION_LINE.match(line):
            _, key, kind, title, place = (part.strip() for part in line.split("|"))
            group = kind.split()[1] if kind.startswith("working-group ") else None
            start, end = (dt.time.fromisoformat(match[n]) for n in (1, 2))
            found.append(Row(key, day, start, end, group, title, place, number, line))
    return found


def page_file(source: Source, lang: str, key: str) -> str:
    """The content file of the page with ``Key: key`` in ``lang``."""
    [path] = [
        path.relative_to(source.content).as_posix()
        for path, matter in source.pages.items()
        if matter.value("Key") == key and lang in path.relative_to(source.content).parts
    ]
    return path


def program_file(source: Source, lang: str) -> str:
    return page_file(source, lang, source.settings["PROGRAM_KEY"])


def page_url(source: Source, path: str) -> str:
    """A page's address: its own ``Url`` or the site's PAGE_URL pattern."""
    matter = source.pages[source.content / path]
    lang = Path(path).parts[1]
    url = matter.value("Url") or source.settings["PAGE_URL"].format(
        lang=lang, slug=matter.value("Slug")
    )
    return "/" + url


def ics_path(source: Source, path: str) -> str:
    """The calendar file beside a page: named after the last part of its address."""
    folder = page_url(source, path).strip("/")
    return f"{folder}/{folder.rsplit('/', 1)[-1]}.ics"


def zones(source: Source) -> tuple[ZoneInfo, ZoneInfo]:
    """The venue's clock and the visitors' home clock."""
    conference = source.settings["CONFERENCE"]
    return ZoneInfo(conference["timezone"]), ZoneInfo(conference["home_timezone"])


@pytest.fixture(scope="module")
def conference(tmp_path_factory: pytest.TempPathFactory) -> Source:
    """The fixture conference as written; tests that edit it make their own copy."""
    return next_conference(tmp_path_factory.mktemp("conference"))


@pytest.fixture(scope="module")
def built(conference: Source, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Its development build, made once for the tests that only read it."""
    result = build_source(conference, tmp_path_factory.mktemp("built"))
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def final(tmp_path_factory: pytest.TempPathFactory) -> tuple[Source, Built]:
    """A copy whose program is final (no ``Provisional: yes``): its times are
    announced, so calendars confirm them and search engines get them."""
    tmp = tmp_path_factory.mktemp("final")
    source = next_conference(tmp)
    for lang in source.languages:
        source.edit(program_file(source, lang), "Provisional: yes\n", "")
    result = build_source(source, tmp)
    assert result.returncode == 0, result.log
    return source, result


def stopped_with(source: Source, tmp: Path) -> str:
    """Builds an edited copy, which must stop without a traceback; its messages
    with paths as an editor reads them (``content/…``)."""
    result = build_source(source, tmp / "build")
    assert result.returncode == 1, result.log
    assert "Traceback" not in result.log
    return result.log.replace(str(source.folder) + "/", "")


def test_a_time_differing_between_languages_names_both_files_and_lines(tmp_path: Path):
    source = next_conference(tmp_path)
    de, ru = program_file(source, "de"), program_file(source, "ru")
    row = next(r for r in rows(source, ru) if r.group)
    later = (dt.datetime.combine(row.day, row.start) + dt.timedelta(minutes=30)).time()
    source.edit(ru, row.text, row.text.replace(f"{row.start:%H:%M}", f"{later:%H:%M}", 1))
    original = next(r for r in rows(source, de) if r.key == row.key)
    assert (
        f"content/{ru}:{row.line}: session '{row.key}': time differs from the de program"
        f" (content/{de}:{original.line})"
    ) in stopped_with(source, tmp_path)


def test_an_overlap_is_named_with_both_lines_in_each_language(tmp_path: Path):
    source = next_conference(tmp_path)
    for lang in source.languages:
        path = program_file(source, lang)
        first, second = rows(source, path)[:2]
        assert (first.day, first.place) == (second.day, second.place)  # the fixture's
        late = (dt.datetime.combine(second.day, second.start) + dt.timedelta(hours=1)).time()
        source.edit(path, first.text, first.text.replace(f"{first.end:%H:%M}", f"{late:%H:%M}"))
    log = stopped_with(source, tmp_path)
    for lang in source.languages:
        path = program_file(source, lang)
        first, second = rows(source, path)[:2]
        assert (
            f"content/{path}:{second.line}: '{second.title}' overlaps '{first.title}'"
            f" (line {first.line}) in place '{first.place}'"
        ) in log


def test_an_unknown_working_group_is_named(tmp_path: Path):
    source = next_conference(tmp_path)
    de = program_file(source, "de")
    row = next(r for r in rows(source, de) if r.group)
    source.edit(de, row.text, row.text.replace(f" {row.group} |", " wg-unknown |"))
    log = stopped_with(source, tmp_path)
    assert f"content/{de}:{row.line}: unknown working group 'wg-unknown'" in log


@pytest.mark.parametrize("side", ["before", "after"])
def test_a_day_outside_the_conference_is_named(tmp_path: Path, side: str):
    source = next_conference(tmp_path)
    conference = source.settings["CONFERENCE"]
    de = program_file(source, "de")
    inside, outside = (
        (conference["start"], conference["start"] - dt.timedelta(days=1))
        if side == "before"
        else (conference["end"], conference["end"] + dt.timedelta(days=1))
    )
    source.edit(de, f"day {inside:%Y-%m-%d}\n", f"day {outside:%Y-%m-%d}\n")
    line = source.line_of(de, f"day {outside:%Y-%m-%d}")
    log = stopped_with(source, tmp_path)
    assert f"content/{de}:{line}: {outside:%Y-%m-%d} lies outside the conference" in log


def test_timetable_shows_every_day_parallel_groups_and_both_clocks(
    conference: Source, built: Built
):
    de = program_file(conference, "de")
    sessions = rows(conference, de)
    page = built.html(page_url(conference, de))
    days = sorted({r.day for r in sessions})
    assert [s["id"] for s in page.select("section[id]")] == [d.isoformat() for d in days]
    # sessions starting together in one day sit side by side
    for day in days:
        starts = [r.start for r in sessions if r.day == day]
        together = [
            [r.key for r in sessions if r.day == day and r.start == start]
            for start in sorted(set(starts))
            if starts.count(start) > 1
        ]
        section = page.select_one(f'section[id="{day.isoformat()}"]')
        shown = [
            [s["id"] for s in slot.select(".session")] for slot in section.select("li.parallel")
        ]
        assert shown == together, day
    assert any(r.group for r in sessions) and page.select("li.parallel")  # the fixture has some
    first = page.select_one("li.parallel .session")
    # screen readers meet time, title and place in this order (then the calendar entry)
    assert [child.get("class")[0] for child in first.find_all(recursive=False)] == [
        "time",
        "title",
        "place",
        "session-calendar",
    ]
    venue, home = zones(conference)
    label = conference.settings["CONFERENCE"]["home_time_label"]["de"]
    for row in sessions:
        time = page.select_one(f'[id="{row.key}"] .time')
        assert time.select_one("time")["datetime"] == row.starts(venue).isoformat()
        assert f"({label}: {row.starts(venue).astimezone(home):%H:%M}" in seen(time), row


def test_a_placeholder_in_a_place_is_marked_in_its_language(conference: Source, built: Built):
    ru = program_file(conference, "ru")
    text = (conference.content / ru).read_text(encoding="utf-8")
    place, unknown = re.search(r"^place (\S+): .*\[\[TBA: ([^\]]+)\]\]", text, re.M).groups()
    row = next(r for r in rows(conference, ru) if r.place == place)
    page = built.html(page_url(conference, ru))
    shown = page.select_one(f'[id="{row.key}"] .place')
    label = conference.settings["PLACEHOLDER_LABELS"]["ru"]
    # The page says once what is not known yet; the place carries a quiet mark
    # that a screen reader hears as the gap.
    notice = page.select(".place-gaps")
    assert len(notice) == 1 and f"{label}: " in seen(notice[0]) and unknown in seen(notice[0])
    assert seen(shown).endswith("*") and label not in seen(shown)
    assert spaces(shown.select_one(".tba-mark .visually-hidden").text) == f"({label}: {unknown})"
    assert label not in " ".join(seen(p) for p in page.select(".session .place"))


def test_the_end_of_summer_time_moves_the_offset_and_the_home_clock(
    conference: Source, built: Built
):
    """The venue leaves summer time during the conference and the visitors' home
    clock has none: a session after the change is an hour further from home time."""
    de = program_file(conference, "de")
    sessions = rows(conference, de)
    venue, home = zones(conference)
    first = sessions[0]
    after = next(
        r for r in sessions if r.starts(venue).utcoffset() != first.starts(venue).utcoffset()
    )
    page = built.html(page_url(conference, de))

    def shown(row: Row) -> tuple[str, dt.timedelta]:
        """The offset in the page's machine-readable time, and how far the home
        clock shown beside it is ahead."""
        time = page.select_one(f'[id="{row.key}"] .time')
        start, _, home_start, _ = re.findall(r"\d\d:\d\d", seen(time))
        ahead = dt.datetime.strptime(home_start, "%H:%M") - dt.datetime.strptime(start, "%H:%M")
        return time.select_one("time")["datetime"][-6:], ahead

    def expected(row: Row) -> tuple[str, dt.timedelta]:
        moment = row.starts(venue)
        offset = moment.isoformat()[-6:]
        return offset, moment.astimezone(home).utcoffset() - moment.utcoffset()

    assert shown(first) == expected(first)
    assert shown(after) == expected(after)
    assert expected(after)[1] - expected(first)[1] == dt.timedelta(hours=1)


def calendar(built: Built, path: str) -> Calendar:
    return Calendar.from_ical((built.output / path).read_bytes())


def events(cal: Calendar) -> dict[str, object]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_calendars_keep_the_venue_time_zone_and_stable_uids(
    conference: Source, built: Built, tmp_path: Path
):
    settings = conference.settings
    venue, _ = zones(conference)
    de, ru = program_file(conference, "de"), program_file(conference, "ru")
    sessions = {r.key: r for r in rows(conference, de)}
    titles_ru = {r.key: r.title for r in rows(conference, ru)}
    de_cal, ru_cal = (
        calendar(built, ics_path(conference, de)),
        calendar(built, ics_path(conference, ru)),
    )
    zone = settings["CONFERENCE"]["timezone"]
    assert [tz["TZID"] for tz in de_cal.walk("VTIMEZONE")] == [zone]
    de_events, ru_events = events(de_cal), events(ru_cal)
    assert set(de_events) == set(ru_events)
    # one UID per session: its key in a namespace naming this conference's year
    keys = {uid.split("@")[0]: uid for uid in de_events}
    assert set(keys) == set(sessions)
    [namespace] = {uid.split("@", 1)[1] for uid in de_events}
    assert str(settings["CONFERENCE"]["start"].year) in namespace
    as_of = dt.datetime.combine(settings["AS_OF_DATE"], dt.time(), tzinfo=dt.UTC)
    for key, row in sessions.items():
        event = de_events[keys[key]]
        assert event["DTSTART"].params["TZID"] == zone
        assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (
            row.starts(venue),
            row.ends(venue),
        )
        assert event.decoded("DTSTAMP") == as_of
        assert str(ru_events[keys[key]]["SUMMARY"]) == titles_ru[key]
    # A group's calendar is its member's conference: the sessions of no group and its own.
    for lang in conference.languages:
        for group in sorted({r.group for r in sessions.values() if r.group}):
            page = page_file(conference, lang, group)
            assert sorted(events(calendar(built, ics_path(conference, page)))) == sorted(
                keys[r.key] for r in sessions.values() if r.group in (None, "", group)
            )
    # A rebuild long after the conference, with another address and a session
    # moved, keeps every session's UID.
    source = next_conference(tmp_path)
    slug = source.pages[source.content / de].value("Slug")
    source.edit(de, f"Slug: {slug}\n", "Slug: ablauf\n")
    moved = list(sessions.values())[-1]
    later = (dt.datetime.combine(moved.day, moved.start) + dt.timedelta(minutes=30)).time()
    assert later < moved.end  # still a valid session
    for lang in source.languages:
        path = program_file(source, lang)
        row = next(r for r in rows(source, path) if r.key == moved.key)
        source.edit(path, row.text, row.text.replace(f"{row.start:%H:%M}", f"{later:%H:%M}", 1))
    rebuilt_at = dt.datetime.combine(
        settings["CONFERENCE"]["end"] + dt.timedelta(days=60), dt.time(), tzinfo=dt.UTC
    )
    rebuilt = build_source(
        source, tmp_path / "later", env={"SOURCE_DATE_EPOCH": str(int(rebuilt_at.timestamp()))}
    )
    assert rebuilt.returncode == 0, rebuilt.log
    again = events(calendar(rebuilt, ics_path(source, de)))
    assert ics_path(source, de) != ics_path(conference, de)
    assert set(again) == set(de_events)
    assert again[keys[moved.key]].decoded("DTSTART").time() == later
    assert {e.decoded("DTSTAMP") for e in again.values()} == {rebuilt_at}


def test_each_session_links_to_a_calendar_entry_of_its_own(conference: Source, built: Built):
    """Every session on the program page links to a calendar file holding that
    session alone, with the UID it has in the whole program's calendar."""
    for lang in conference.languages:
        program = program_file(conference, lang)
        whole = events(calendar(built, ics_path(conference, program)))
        cards = built.html(page_url(conference, program)).select(".timetable .session")
        assert len(cards) == len(whole), lang
        for card in cards:
            link = card.select_one(".session-calendar a[download]")
            single = events(calendar(built, link["href"].lstrip("/")))
            assert [uid.split("@")[0] for uid in single] == [card["id"]], link["href"]
            assert set(single) <= set(whole)


def test_calendar_links_offer_download_and_subscription(
    conference: Source, built: Built, tmp_path: Path
):
    de = program_file(conference, "de")
    link = built.html(page_url(conference, de)).select_one(".calendar-links a[download]")
    assert link["href"] == "/" + ics_path(conference, de)
    assert (built.output / ics_path(conference, de)).exists()
    host = "konferenz.example.net"
    published = build_source(
        conference, tmp_path, settings="publishconf.py", env={"SITEURL": f"https://{host}"}
    )
    assert published.returncode == 0, published.log
    group = next(r.group for r in rows(conference, de) if r.group)
    page = page_file(conference, "ru", group)
    links = [
        a["href"] for a in published.html(page_url(conference, page)).select(".calendar-links a")
    ]
    assert links == [
        f"https://{host}/{ics_path(conference, page)}",
        f"webcal://{host}/{ics_path(conference, page)}",
    ]


def jsonld(built: Built, url: str) -> dict:
    script = built.html(url).select_one('script[type="application/ld+json"]')
    return json.loads(script.string)


@pytest.mark.parametrize(("which", "lang"), [("home", "de"), ("program", "ru")])
def test_conference_is_described_as_an_event(final: tuple[Source, Built], which: str, lang: str):
    """The start page and the program page tell search engines what, when and where."""
    conference, built = final
    facts = conference.settings["CONFERENCE"]
    venue, _ = zones(conference)
    sessions = rows(conference, program_file(conference, lang))
    key = conference.settings["PROGRAM_KEY"] if which == "program" else which
    page = page_file(conference, lang, key)
    event = jsonld(built, page_url(conference, page))
    assert event["@type"] == "Event" and event["inLanguage"] == lang
    assert event["name"] == facts["name"][lang]
    # the first session starts in summer time, the last ends after it
    assert event["startDate"] == min(r.starts(venue) for r in sessions).isoformat()
    assert event["endDate"] == max(r.ends(venue) for r in sessions).isoformat()
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": facts["city"][lang],
        "addressCountry": facts["country"],
    }
    # organisers and hosts organise; a partner does not
    assert [o["name"] for o in event["organizer"]] == [
        o["name"][lang] for o in facts["organisers"] if o["role"] in ("organiser", "host")
    ]
    assert event["offers"]["url"] == conference.settings["REGISTRATION_URL"]
    assert (
        event["offers"]["validThrough"] == conference.settings["REGISTRATION_DEADLINE"].isoformat()
    )
    assert event["description"] == conference.pages[conference.content / page].value("Summary")


def test_working_group_sessions_are_sub_events(final: tuple[Source, Built]):
    conference, built = final
    venue, _ = zones(conference)
    for lang in conference.languages:
        sessions = rows(conference, program_file(conference, lang))
        for group in sorted({r.group for r in sessions if r.group}):
            page = page_file(conference, lang, group)
            event = jsonld(built, page_url(conference, page))
            assert [(s["name"], s["startDate"], s["endDate"]) for s in event["subEvent"]] == [
                (r.title, r.starts(venue).isoformat(), r.ends(venue).isoformat())
                for r in sessions
                if r.group == group
            ]


def test_structured_data_cannot_close_its_script():
    text = script_safe({"name": "</script><script>alert(1)</script> & more"})
    assert "</" not in text and "<" not in text and "&" not in text
    assert json.loads(text)["name"].startswith("</script>")


def test_print_view_puts_the_languages_side_by_side(conference: Source, built: Built):
    url = "/" + conference.settings["PROGRAM_PRINT_URL"]
    page = built.html(url)
    table = page.select("table.print-program tbody tr")
    de = rows(conference, program_file(conference, "de"))
    ru = {r.key: r.title for r in rows(conference, program_file(conference, "ru"))}
    venue, home = zones(conference)
    # one row per session, in time order (parallel sessions in any order), each
    # title beside its translation and the start on the home clock beside it,
    # also after summer time ended
    shown = [
        (
            re.search(r"\d\d:\d\d", tr.th.small.text)[0],
            *((td["lang"], td.strong.text) for td in tr.select("td")),
        )
        for tr in table
    ]
    expected = [
        (
            f"{r.starts(venue).astimezone(home):%H:%M}",
            ("de", r.title),
            ("ru", ru[r.key]),
        )
        for r in de
    ]
    assert sorted(shown) == sorted(expected)
    order = {title: n for n, (_, (_, title), _) in enumerate(expected)}
    moments = [de[order[title]].starts(venue) for _, (_, title), _ in shown]
    assert moments == sorted(moments)
    assert len(page.select(".qr svg")) == len(conference.languages)
    for lang in conference.languages:
        program = built.html(page_url(conference, program_file(conference, lang)))
        assert [a["href"] for a in program.select(".print-link a")] == [url]


def test_provisional_program_is_marked_everywhere_until_it_is_final(
    conference: Source, built: Built, final: tuple[Source, Built]
):
    """Placeholder times say so on every page that shows them, borrow no date,
    and reach search engines only as the conference's dates."""
    de, ru = program_file(conference, "de"), program_file(conference, "ru")
    group = next(r.group for r in rows(conference, de) if r.group)
    group_page = built.html(page_url(conference, page_file(conference, "de", group)))
    assert "Vorläufiger Zeitplan." in group_page.select_one(".provisional").text
    ru_page = built.html(page_url(conference, ru))
    assert "Предварительное расписание." in ru_page.select_one(".provisional").text
    print_url = "/" + conference.settings["PROGRAM_PRINT_URL"]
    printed = built.html(print_url).select_one('[lang="ru"] .provisional')
    assert "Предварительное расписание." in printed.text
    for note in (group_page, ru_page, built.html(print_url)):
        assert not re.search(r"\d{2}\.\d{2}\.\d{4}", note.select_one(".provisional").text)
    statuses = {str(e["STATUS"]) for e in calendar(built, ics_path(conference, de)).walk("VEVENT")}
    assert statuses == {"TENTATIVE"}
    facts = conference.settings["CONFERENCE"]
    event = jsonld(built, page_url(conference, page_file(conference, "de", group)))
    assert (event["startDate"], event["endDate"]) == (
        facts["start"].isoformat(),
        facts["end"].isoformat(),
    )
    assert "subEvent" not in event
    source, final_built = final
    assert final_built.html(page_url(source, de)).select_one(".provisional") is None
    assert final_built.html(print_url).select_one(".provisional") is None
    calendar_ru = calendar(final_built, ics_path(source, ru))
    assert {str(e["STATUS"]) for e in calendar_ru.walk("VEVENT")} == {"CONFIRMED"}
