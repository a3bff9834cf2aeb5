"""Every template is compiled once per run, whichever generators render it."""

from __future__ import annotations

from collections import Counter

import pytest
from jinja2 import DictLoader, Environment
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
    site.build()
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
