"""The conference's facts: read once from the settings, checked, and the one
"as of" date that decides everything time-dependent."""

from __future__ import annotations

import datetime as dt

import pytest

from conference.facts import FactsError, read_facts
from conftest import build_real_site


def settings(**changes):
    base = {
        "CONFERENCE": {
            "name": {"de": "Konferenz", "ru": "Конференция"},
            "city": {"de": "Krasnodar", "ru": "Краснодар"},
            "start": dt.date(2017, 6, 28),
            "end": dt.date(2017, 6, 30),
            "timezone": "Europe/Moscow",
            "home_timezone": "Europe/Berlin",
            "venue_time_label": {"de": "Ortszeit", "ru": "местное время"},
            "home_time_label": {"de": "daheim", "ru": "дома"},
            "organisers": [{"name": {"de": "A", "ru": "А"}, "role": "organiser"}],
        },
        "REGISTRATION_URL": "https://register.example.org/",
        "REGISTRATION_DEADLINE": None,
        "AS_OF_DATE": dt.date(2017, 3, 15),
    }
    base.update(changes)
    return base


def facts(environ=None, **changes):
    return read_facts(settings(**changes), ["de", "ru"], environ or {})


@pytest.mark.parametrize(
    ("as_of", "deadline", "is_open", "status"),
    [
        (dt.date(2017, 3, 15), None, True, "upcoming"),
        (dt.date(2017, 6, 27), None, True, "upcoming"),  # no deadline: open until the eve
        (dt.date(2017, 6, 28), None, False, "running"),
        (dt.date(2017, 5, 31), dt.date(2017, 5, 31), True, "upcoming"),
        (dt.date(2017, 6, 1), dt.date(2017, 5, 31), False, "upcoming"),
        (dt.date(2017, 7, 1), None, False, "past"),
    ],
)
def test_registration_and_status_follow_the_as_of_date(as_of, deadline, is_open, status):
    conference = facts(AS_OF_DATE=as_of, REGISTRATION_DEADLINE=deadline)
    assert conference.registration_open is is_open
    assert conference.status == status


def test_source_date_epoch_overrides_the_setting():
    conference = facts({"SOURCE_DATE_EPOCH": "1498867200"})  # 2017-07-01 00:00 UTC
    assert conference.as_of == dt.date(2017, 7, 1)
    assert conference.status == "past"


def test_krasnodar_is_one_hour_ahead_of_german_summer_time():
    conference = facts()
    assert conference.hours_ahead_of_home == 1
    assert len(conference.days) == 3


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"REGISTRATION_URL": "http://insecure.example.org/"}, "REGISTRATION_URL"),
        ({"REGISTRATION_DEADLINE": dt.date(2017, 7, 5)}, "REGISTRATION_DEADLINE"),
        ({"AS_OF_DATE": "2017-03-15"}, "AS_OF_DATE"),
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
    broken["CONFERENCE"]["end"] = dt.date(2017, 6, 1)
    with pytest.raises(FactsError, match="lies before"):
        read_facts(broken, ["de", "ru"], {})
    with pytest.raises(FactsError, match="SOURCE_DATE_EPOCH"):
        facts({"SOURCE_DATE_EPOCH": "yesterday"})


def test_a_wrong_setting_stops_the_real_build_with_one_line(tmp_path):
    built = build_real_site(tmp_path, extra_settings='REGISTRATION_URL = "ftp://example.org"\n')
    assert built.returncode != 0
    assert "settings: REGISTRATION_URL must be an https:// address" in built.log
    assert "Traceback" not in built.log
