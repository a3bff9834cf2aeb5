"""The site's plugins load in any order and name a missing one in one line."""

from __future__ import annotations

from conftest import Built, build_source
from sites import next_conference

PLUGINS = ["bilingual", "conference", "placeholders", "program", "privacy", "sitecheck"]


def page_bytes(built: Built) -> dict[str, bytes]:
    return {
        p.relative_to(built.output).as_posix(): p.read_bytes()
        for p in sorted(built.output.rglob("*"))
        if p.is_file()
    }


def test_any_order_of_plugins_builds_the_same_site(tmp_path):
    source = next_conference(tmp_path)
    usual = build_source(source, tmp_path / "usual", extra_settings=f"PLUGINS = {PLUGINS!r}\n")
    assert usual.returncode == 0, usual.log
    reversed_order = build_source(
        source, tmp_path / "reversed", extra_settings=f"PLUGINS = {PLUGINS[::-1]!r}\n"
    )
    assert reversed_order.returncode == 0, reversed_order.log
    assert page_bytes(reversed_order) == page_bytes(usual)


def test_a_missing_plugin_is_named_in_one_line(tmp_path):
    without = [name for name in PLUGINS if name != "conference"]
    built = build_source(
        next_conference(tmp_path), tmp_path, extra_settings=f"PLUGINS = {without!r}\n"
    )
    assert built.returncode == 1
    assert (
        "settings: PLUGINS: 'program' needs the plugin 'conference'; add it to PLUGINS" in built.log
    )
    assert "Traceback" not in built.log
    assert not (tmp_path / "output").exists()
