"""conference: the facts of one conference, for templates and other plugins.

Reads ``CONFERENCE``, ``REGISTRATION_URL``, ``REGISTRATION_DEADLINE`` and
``AS_OF_DATE`` once per run and offers them to every template as
``conference``. A wrong value stops the build with one line naming the
setting, never with a traceback.
"""

from __future__ import annotations

import sys
from typing import Any

from pelican import signals

from .facts import Conference, FactsError, read_facts

_facts: Conference | None = None


def load(pelican: Any) -> None:
    global _facts
    settings = pelican.settings
    languages = list(settings.get("BILINGUAL_LANGUAGES") or [settings.get("DEFAULT_LANG", "en")])
    try:
        _facts = read_facts(settings, languages)
    except FactsError as error:
        print(f"ERROR settings: {error}", file=sys.stderr)
        raise SystemExit(1) from None


def install_templates(generator: Any) -> None:
    generator.env.globals["conference"] = _facts


def register() -> None:
    signals.initialized.connect(load)
    signals.generator_init.connect(install_templates)


def facts() -> Conference:
    """The facts of the running build (for other plugins)."""
    if _facts is None:
        raise RuntimeError("the conference plugin was not initialised by Pelican")
    return _facts
