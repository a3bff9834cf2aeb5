"""The next conference from settings alone: roles and clocks follow CONFERENCE;
a missing label names its setting."""

from __future__ import annotations

import datetime as dt

import pytest

from conference.facts import FactsError, read_facts

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
