"""Every template is compiled once per run, whichever generators render it."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment, FileSystemLoader
from pelican.plugins.bilingual.template_code import SharedTemplateCode
from pelican.plugins.bilingual.testing import Site


def count_compiles(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    compiled: Counter[str] = Counter()
    original = Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        if not raw and name is not None:
            compiled[name] += 1
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", counting)
    return compiled


def test_a_run_compiles_each_template_once(site: Site, monkeypatch: pytest.MonkeyPatch):
    compiled = count_compiles(monkeypatch)
    site.build(BILINGUAL_TEMPLATE_CACHE=False)  # nothing from an earlier build
    assert compiled, "no template compiled"
    assert max(compiled.values()) == 1, compiled


def test_environments_of_other_options_or_source_compile_their_own(
    monkeypatch: pytest.MonkeyPatch,
):
    compiled = count_compiles(monkeypatch)
    shared = SharedTemplateCode()
    templates = {"t.html": "{{ x }}"}
    plain = Environment(loader=DictLoader(templates), bytecode_cache=shared)
    escaping = Environment(loader=DictLoader(templates), bytecode_cache=shared, autoescape=True)
    assert plain.get_template("t.html").render(x="<b>") == "<b>"
    assert escaping.get_template("t.html").render(x="<b>") == "&lt;b&gt;"
    again = Environment(loader=DictLoader(templates), bytecode_cache=shared)
    assert again.get_template("t.html").render(x="<b>") == "<b>"
    assert compiled["t.html"] == 2  # the third environment reused the first's code
    changed = Environment(loader=DictLoader({"t.html": "[{{ x }}]"}), bytecode_cache=shared)
    assert changed.get_template("t.html").render(x=1) == "[1]"


def fingerprint(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.html")}


def test_the_next_build_compiles_nothing_and_writes_the_same(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    cache = tmp_path / "cache"
    site.build(CACHE_PATH=str(cache))
    first = fingerprint(site.output)
    assert list((cache / "templates").glob("*.jinja")), "nothing kept for the next build"
    shutil.rmtree(site.output)
    compiled = count_compiles(monkeypatch)
    site.build(CACHE_PATH=str(cache))
    assert not compiled, compiled
    assert fingerprint(site.output) == first


def test_a_changed_or_damaged_template_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    compiled = count_compiles(monkeypatch)
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    (templates / "t.html").write_text("{{ x }}", encoding="utf-8")

    def render() -> str:  # a new process each time: a new environment and cache object
        env = Environment(
            loader=FileSystemLoader(templates), bytecode_cache=SharedTemplateCode(cache)
        )
        return env.get_template("t.html").render(x=1)

    assert render() == "1"
    assert render() == "1"
    assert compiled["t.html"] == 1
    (templates / "t.html").write_text("[{{ x }}]", encoding="utf-8")
    assert render() == "[1]"
    assert compiled["t.html"] == 2
    for kept in cache.glob("*.jinja"):
        kept.write_bytes(kept.read_bytes()[:20])
    assert render() == "[1]"
    assert compiled["t.html"] == 3


def test_without_a_cache_folder_nothing_is_kept(site: Site, tmp_path: Path):
    cache = tmp_path / "cache"
    site.build(CACHE_PATH=str(cache), BILINGUAL_TEMPLATE_CACHE=False)
    assert not (cache / "templates").exists()
