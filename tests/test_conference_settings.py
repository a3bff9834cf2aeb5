"""The next conference from settings alone: roles, clocks, time zone, calendar
UIDs and favicon follow CONFERENCE; a missing label names its setting."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from pelican.plugins.bilingual.errors import BuildStopped

from conference import derive_timezone
from conference.facts import FactsError, read_facts
from conference.favicon import favicon_svg
from conftest import build_source
from sites import next_conference

LANGS = ["de", "ru"]


def conference(**changes):
    base = {
        "name": {"de": "XV. Testkonferenz", "ru": "XV Тестовая конференция"},
        "city": {"de": "Berlin", "ru": "Берлин"},
        "start": dt.date(2019, 6, 5),
        "end": dt.date(2019, 6, 7),
        "timezone": "Europe/Berlin",
        "home_timezone": "Europe/Moscow",
        "venue_time_label": {"de": "Ortszeit Berlin", "ru": "время Берлина"},
        "home_time_label": {"de": "in Moskau", "ru": "в Москве"},
        "organisers": [
            {"name": {"de": "Verein A", "ru": "Общество А"}, "role": "organiser"},
            {"name": {"de": "Firma B", "ru": "Фирма Б"}, "role": "partner"},
            {"name": {"de": "Stadt C", "ru": "Город В"}, "role": "host"},
            {"name": {"de": "Firma D", "ru": "Фирма Г"}, "role": "partner"},
        ],
        "roles": {"partner": {"de": "Partner", "ru": "Партнёры"}},
    }
    base.update(changes)
    return base


def facts(**changes):
    settings = {
        "CONFERENCE": conference(**changes),
        "DEFAULT_LANG": "de",
        "REGISTRATION_URL": "https://register.example.org/",
        "AS_OF_DATE": dt.date(2019, 3, 1),
    }
    return read_facts(settings, LANGS, {})


def test_every_role_is_a_group_in_the_order_of_first_appearance():
    settings = conference()
    groups = facts().organiser_groups
    roles = list(dict.fromkeys(o["role"] for o in settings["organisers"]))
    assert [g.role for g in groups] == roles
    partner = next(g for g in groups if g.role == "partner")
    assert partner.label == settings["roles"]["partner"]
    assert [o.name for o in partner.organisers] == [
        o["name"] for o in settings["organisers"] if o["role"] == "partner"
    ]
    assert sum(len(g.organisers) for g in groups) == len(settings["organisers"])


@pytest.mark.parametrize(
    ("roles", "message"),
    [
        ({"partner": {"de": "Partner"}}, r"CONFERENCE\['roles'\]\['partner'\] has no text for: ru"),
        ({}, r"CONFERENCE\['roles'\]\['partner'\] has no text for: de, ru"),
    ],
)
def test_a_role_without_its_label_names_the_setting(roles, message):
    with pytest.raises(FactsError, match=message):
        facts(roles=roles)


@pytest.mark.parametrize("name", ["venue_time_label", "home_time_label"])
def test_a_missing_clock_label_names_the_setting(name):
    label = dict(conference()[name])
    del label["ru"]
    with pytest.raises(FactsError, match=rf"CONFERENCE\['{name}'\] has no text for: ru"):
        facts(**{name: label})


def test_one_clock_needs_no_clock_labels():
    same = facts(home_timezone=conference()["timezone"], venue_time_label={}, home_time_label={})
    assert not same.two_clocks
    assert facts().two_clocks


def test_the_slug_and_favicon_text_are_derived_from_name_and_year():
    settings = conference()
    derived = facts()
    assert derived.slug == f"xv-testkonferenz-{settings['start'].year}"
    assert derived.short_name == settings["name"]["de"].split(".")[0]
    no_numeral = facts(name={"de": "Testkonferenz", "ru": "Тестовая конференция"})
    assert no_numeral.short_name == str(settings["start"].year)
    assert facts(short_name="B19").short_name == "B19"
    with pytest.raises(FactsError, match=r"CONFERENCE\['short_name'\]"):
        facts(short_name="far too long")


def test_the_favicon_is_one_self_contained_svg_with_the_text():
    svg = favicon_svg("A&B").decode()
    assert svg.startswith("<svg") and ">A&amp;B</text>" in svg
    assert not re.search(r"href|url\(|<style|<script", svg)


def pelican(**settings):
    return SimpleNamespace(settings={"CONFERENCE": conference(), **settings})


def test_timezone_follows_the_conference_unless_set():
    derived = pelican()
    derive_timezone(derived)
    assert derived.settings["TIMEZONE"] == conference()["timezone"]
    same = pelican(TIMEZONE=conference()["timezone"])
    derive_timezone(same)
    assert same.settings["TIMEZONE"] == conference()["timezone"]


def test_a_contradicting_timezone_stops_naming_both(caplog):
    with pytest.raises(BuildStopped):
        derive_timezone(pelican(TIMEZONE="Asia/Tokyo"))
    assert "TIMEZONE" in caplog.text and "CONFERENCE['timezone']" in caplog.text


@pytest.fixture(scope="module")
def berlin(tmp_path_factory):
    """The next conference's fixture: in Berlin's time zone, Moscow as the second
    clock, a partner role, no calendar namespace set."""
    tmp = tmp_path_factory.mktemp("berlin")
    source = next_conference(tmp)
    assert "PROGRAM_UID_NAMESPACE" not in source.settings
    built = build_source(source, tmp)
    assert built.returncode == 0, built.log
    return built, source


def organisers_page(built, lang):
    for path in built.output.glob(f"{lang}/*/index.html"):
        page = built.html(path.relative_to(built.output).as_posix())
        if page.select_one("ul.organisers"):
            return page
    raise AssertionError(f"no organisers page in {lang}")


def test_a_new_role_is_shown_with_its_label_in_both_languages(berlin):
    built, source = berlin
    settings = source.settings["CONFERENCE"]
    for lang in LANGS:
        page = organisers_page(built, lang)
        headings = [h.get_text() for h in page.select("h2")]
        assert settings["roles"]["partner"][lang] in headings
        names = [li.get_text() for li in page.select("ul.organisers li")]
        assert names == [
            o["name"][lang]
            for role in dict.fromkeys(o["role"] for o in settings["organisers"])
            for o in settings["organisers"]
            if o["role"] == role
        ]


def test_the_feed_and_the_calendars_follow_the_conference(berlin):
    built, source = berlin
    settings = source.settings["CONFERENCE"]
    zone = ZoneInfo(settings["timezone"])
    feeds = list(built.output.rglob("*.atom"))
    assert feeds
    for feed in feeds:
        for stamp in re.findall(r"<updated>([^<]+)</updated>", feed.read_text(encoding="utf-8")):
            moment = dt.datetime.fromisoformat(stamp)
            assert moment.utcoffset() == moment.replace(tzinfo=zone).utcoffset(), stamp
    slug = read_facts(source.settings, LANGS, {}).slug
    calendars = list(built.output.rglob("*.ics"))
    assert calendars
    for calendar in calendars:
        uids = re.findall(r"^UID:(.+?)\r?$", calendar.read_text(encoding="utf-8"), re.M)
        assert uids and all(u.endswith(f"@{slug}") for u in uids)


def test_the_favicon_shows_the_short_name(berlin):
    built, source = berlin
    settings = source.settings["CONFERENCE"]
    icon = built.html("/de/").select_one('link[rel="icon"]')["href"]
    svg = (built.output / icon.lstrip("/")).read_text(encoding="utf-8")
    numeral = settings["name"]["de"].split(".")[0]
    assert f">{numeral}</text>" in svg


def test_the_program_names_both_clocks_from_the_settings(berlin):
    built, source = berlin
    settings = source.settings["CONFERENCE"]
    for lang in LANGS:
        notes = [
            p.get_text()
            for path in built.output.glob(f"{lang}/*/index.html")
            for p in built.html(path.relative_to(built.output).as_posix()).select(".clock-note")
        ]
        assert notes, lang
        assert settings["venue_time_label"][lang] in notes[0]
        assert settings["home_time_label"][lang] in notes[0]


def test_a_missing_clock_label_stops_the_build_naming_it(tmp_path):
    built = build_source(
        next_conference(tmp_path),
        tmp_path,
        extra_settings='CONFERENCE = {**CONFERENCE, "home_time_label": {"de": "daheim"}}\n',
    )
    assert built.returncode != 0
    assert "settings: CONFERENCE['home_time_label'] has no text for: ru" in built.log
    assert "Traceback" not in built.log


def test_search_engines_learn_only_the_organisers_as_organizer():
    from program.jsonld import conference_event

    event = conference_event(facts(), "de", None, url="https://example.org/", description="")
    names = [organizer["name"] for organizer in event["organizer"]]
    assert names == [
        o["name"]["de"] for o in conference()["organisers"] if o["role"] in ("organiser", "host")
    ]
