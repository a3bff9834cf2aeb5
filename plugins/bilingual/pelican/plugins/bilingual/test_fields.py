"""Field declarations: idempotent per plugin, one owner per name, renamed by a setting."""

from __future__ import annotations

import pytest
from pelican.plugins.bilingual import fields


@pytest.fixture(autouse=True)
def registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test declares into a copy; the real declarations stay as they were.
    The plugin's own fields are there as its register() declares them, so the
    file passes alone as well as after the tests that build sites."""
    monkeypatch.setattr(fields, "_declared", dict(fields._declared))
    fields.declare_bilingual_fields()


def test_core_and_bilingual_fields_are_declared():
    names = {d.name: d.plugin for d in fields.declared()}
    assert names["title"] == names["date"] == "pelican"
    assert names["key"] == names["translated_from"] == names["menu_title"] == "bilingual"
    assert "date" not in {d.name for d in fields.declared("page")}
    assert {d.name for d in fields.declared("article") if d.required} == {"title", "key", "date"}


def test_declaring_again_is_harmless_and_another_plugin_is_refused():
    fields.declare("room", plugin="venue", doc="a room", kinds=("page",))
    again = fields.declare("Room", plugin="venue", doc="the room", kinds=("page",))
    assert [d for d in fields.declared() if d.name == "room"] == [again]
    with pytest.raises(ValueError, match="declared by venue and by other"):
        fields.declare("room", plugin="other", doc="x")
    with pytest.raises(ValueError, match="kinds"):
        fields.declare("bad", plugin="venue", doc="x", kinds=("post",))


def test_the_key_field_takes_its_name_from_the_setting():
    key = next(d for d in fields.declared() if d.name == "key")
    assert key.name_in({}) == "key"
    assert key.name_in({"BILINGUAL_KEY": "Pair"}) == "pair"


def test_checks_return_a_message_or_none():
    by_name = {d.name: d for d in fields.declared()}
    assert fields.is_date("2017-03-15 10:00") is None
    assert fields.is_date("2017-02-30") == (
        "'2017-02-30' is not a valid date (write YYYY-MM-DD or YYYY-MM-DD HH:MM)"
    )
    assert by_name["translated_from"].check("de@0123abcd", {}) is None
    assert by_name["translated_from"].check("pt-BR@0123abcd", {}) is None
    assert "write it as de@1a2b3c4d" in by_name["translated_from"].check("German", {})
    assert by_name["slug"].check("Ueber Uns", {}).endswith("'-' and '/' only")
    assert by_name["status"].check("draft", {}) is None


@pytest.mark.parametrize("name", ["url", "save_as"])
def test_an_address_outside_the_site_is_refused_before_pelican_writes(name):
    """Pelican would refuse only while writing, with a traceback."""
    check = {d.name: d for d in fields.declared()}[name].check
    assert check("de/kontakt/index.html", {}) is None
    assert check("de/", {}) is None
    for outside in ("../../evil.html", "de/../../x.html", "/etc/x.html", "C:/x.html", "..\\x"):
        assert check(outside, {}).endswith(
            "leads outside the output folder; write an address inside the site"
        )
