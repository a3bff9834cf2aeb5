"""conference: the facts of one conference, for templates and other plugins.

Reads ``CONFERENCE``, ``REGISTRATION_URL``, ``REGISTRATION_DEADLINE`` and
``AS_OF_DATE`` at the start of every run and offers them to every template as
``conference``. A wrong value stops the build with one line naming the
setting, never with a traceback.
"""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.plugins.bilingual.errors import Problem, stop_on
from pelican.plugins.bilingual.lifecycle import on_run_start

from .facts import Conference, FactsError, read_facts

_facts: Conference | None = None


def load(pelican: Any) -> None:
    global _facts
    _facts = None
    settings = pelican.settings
    languages = list(settings.get("BILINGUAL_LANGUAGES") or [settings.get("DEFAULT_LANG", "en")])
    try:
        _facts = read_facts(settings, languages)
    except FactsError as error:
        stop_on([Problem("settings", 0, str(error))], "settings")


def install_templates(generator: Any) -> None:
    generator.env.globals["conference"] = _facts


def register() -> None:
    on_run_start(load)
    signals.generator_init.connect(install_templates)


def facts() -> Conference:
    """The facts of the running build (for other plugins)."""
    if _facts is None:
        raise RuntimeError("the conference plugin was not initialised by Pelican")
    return _facts
