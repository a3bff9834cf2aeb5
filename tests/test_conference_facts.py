"""The conference's facts: read once from the settings, checked, and the one
"as of" date that decides everything time-dependent.

The settings are those of a made-up conference of this file's own (three days
in Novosibirsk, visitors from Germany), not this site's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conference.facts import FactsError, read_facts
from conftest import build_source
from sites import next_conference

START, END = dt.date(2031, 9, 9), dt.date(2031, 9, 11)
AS_OF = dt.date(2031, 4, 1)
VENUE, HOME = "Asia/Novosibirsk", "Europe/Berlin"
DAY = dt.timedelta(days=1)


def settings(**changes):
    base = {
        "CONFERENCE": {
            "name": {"de": "Konferenz", "ru": "Конференция"},
            "city": {"de": "Nowosibirsk", "ru": "Новосибирск"},
            "start": START,
            "end": END,
            "timezone": VENUE,
            "home_timezone": HOME,
            "venue_time_label": {"de": "Ortszeit", "ru": "местное время"},
            "home_time_label": {"de": "daheim", "ru": "дома"},
            "organisers": [{"name": {"de": "A", "ru": "А"}, "role": "organiser"}],
        },
        "REGISTRATION_URL": "https://register.example.org/",
        "REGISTRATION_DEADLINE": None,
        "AS_OF_DATE": AS_OF,
    }
    base.update(changes)
    return base


def facts(environ=None, **changes):
    return read_facts(settings(**changes), ["de", "ru"], environ or {})


@pytest.mark.parametrize(
    ("as_of", "deadline", "is_open", "status"),
    [
        (AS_OF, None, True, "upcoming"),
        (START - DAY, None, True, "upcoming"),  # no deadline: open until the eve
        (START, None, False, "running"),
        (END, None, False, "running"),
        (START - 10 * DAY, START - 10 * DAY, True, "upcoming"),
        (START - 9 * DAY, START - 10 * DAY, False, "upcoming"),
        (END + DAY, None, False, "past"),
    ],
)
def test_registration_and_status_follow_the_as_of_date(as_of, deadline, is_open, status):
    conference = facts(AS_OF_DATE=as_of, REGISTRATION_DEADLINE=deadline)
    assert conference.registration_open is is_open
    assert conference.status == status


def test_source_date_epoch_overrides_the_setting():
    after = dt.datetime.combine(END + DAY, dt.time(), tzinfo=dt.UTC)
    conference = facts({"SOURCE_DATE_EPOCH": str(int(after.timestamp()))})
    assert conference.as_of == END + DAY
    assert conference.status == "past"


def test_the_venue_clock_is_compared_with_home_time_during_the_conference():
    """Novosibirsk keeps one offset all year, Germany is on summer time in
    September: the difference of that season is the one shown."""
    noon = dt.datetime.combine(START, dt.time(12))
    ahead = (
        noon.replace(tzinfo=ZoneInfo(VENUE)).utcoffset()
        - noon.replace(tzinfo=ZoneInfo(HOME)).utcoffset()
    )
    winter = dt.datetime(START.year, 1, 15, 12)
    assert ahead != (
        winter.replace(tzinfo=ZoneInfo(VENUE)).utcoffset()
        - winter.replace(tzinfo=ZoneInfo(HOME)).utcoffset()
    )  # the season matters for this pair of clocks
    conference = facts()
    assert conference.hours_ahead_of_home == ahead / dt.timedelta(hours=1)
    assert conference.days == [START + n * DAY for n in range((END - START).days + 1)]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"REGISTRATION_URL": "http://insecure.example.org/"}, "REGISTRATION_URL"),
        ({"REGISTRATION_DEADLINE": END + 5 * DAY}, "REGISTRATION_DEADLINE"),
        ({"AS_OF_DATE": AS_OF.isoformat()}, "AS_OF_DATE"),
    ],
)
def test_wrong_values_name_the_setting(changes, message):
    with pytest.raises(FactsError, match=message):
        facts(**changes)


def test_missing_russian_name_and_reversed_dates_are_caught():
    broken = settings()
    broken["CONFERENCE"]["name"] = {"de": "Konferenz"}
    with pytest.raises(FactsError, match=r"CONFERENCE\['name'\] has no text for: ru"):
        read_facts(broken, ["de", "ru"], {})
    broken = settings()
    broken["CONFERENCE"]["end"] = START - DAY
    with pytest.raises(FactsError, match="lies before"):
        read_facts(broken, ["de", "ru"], {})
    with pytest.raises(FactsError, match="SOURCE_DATE_EPOCH"):
        facts({"SOURCE_DATE_EPOCH": "yesterday"})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"organisers": "Stadt Halle"}, r"CONFERENCE\['organisers'\] must be a list"),
        ({"organisers": ["Stadt Halle"]}, r"CONFERENCE\['organisers'\]\[0\] must be a dict"),
        (
            {"organisers": [{"name": "Stadt Halle"}]},
            r"CONFERENCE\['organisers'\]\[0\]\['name'\] must be a dict of texts by language",
        ),
        (
            {"organisers": [{"name": {"de": "A", "ru": "Б"}, "role": 3}]},
            r"CONFERENCE\['organisers'\]\[0\]\['role'\] must be a word",
        ),
        ({"city": "Halle"}, r"CONFERENCE\['city'\] must be a dict of texts by language"),
        (
            {"city": {"de": "Halle", "ru": 7}},
            r"CONFERENCE\['city'\]: the text for ru must be a string",
        ),
    ],
)
def test_a_value_of_the_wrong_type_names_the_setting(changes, message):
    """Settings are Python: a string where a dict belongs must not end in a traceback."""
    broken = settings()
    broken["CONFERENCE"].update(changes)
    with pytest.raises(FactsError, match=message):
        read_facts(broken, ["de", "ru"], {})


def test_a_wrong_setting_stops_the_build_with_one_line(tmp_path: Path):
    built = build_source(
        next_conference(tmp_path),
        tmp_path,
        extra_settings='REGISTRATION_URL = "ftp://example.org"\n',
    )
    assert built.returncode != 0
    assert built.log.count("settings: REGISTRATION_URL must be an https:// address") == 1
    assert "Traceback" not in built.log
