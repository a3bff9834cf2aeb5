"""conference: the facts of one conference, for templates and other plugins.

Reads ``CONFERENCE``, ``REGISTRATION_URL``, ``REGISTRATION_DEADLINE`` and
``AS_OF_DATE`` at the start of every run and offers them to every template as
``conference``. A wrong value stops the build with one line naming the
setting, never with a traceback.

What follows from the facts is derived, not repeated in the settings:
Pelican's ``TIMEZONE`` is ``CONFERENCE['timezone']`` unless set (and must then
agree), and the favicon (``favicon.svg`` in the theme's static folder) shows
``CONFERENCE['short_name']`` or, without it, the name's Roman numeral.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals
from pelican.generators import Generator
from pelican.plugins.bilingual.addresses import reserve
from pelican.plugins.bilingual.errors import Problem, stop_on
from pelican.plugins.bilingual.lifecycle import on_run_start

from .facts import Conference, FactsError, read_facts
from .favicon import favicon_svg
from .news import articles_of, date_disagreements, hold_back

_facts: Conference | None = None


def derive_timezone(pelican: Any) -> None:
    """TIMEZONE from CONFERENCE['timezone'], so the fact is set once."""
    settings = pelican.settings
    conference = settings.get("CONFERENCE")
    zone = conference.get("timezone") if isinstance(conference, dict) else None
    if zone is None:
        return
    explicit = settings.get("TIMEZONE")
    if explicit is not None and explicit != zone:
        message = (
            f"TIMEZONE = {explicit!r} contradicts CONFERENCE['timezone'] = {zone!r};"
            " remove TIMEZONE (it follows CONFERENCE['timezone'])"
        )
        stop_on([Problem("settings", 0, message)], "settings")
    settings["TIMEZONE"] = zone
    # The bilingual plugin may have copied the settings per language already.
    config = getattr(pelican, "bilingual_config", None)
    if config is not None:
        config.derive("TIMEZONE", zone)


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


class FaviconGenerator(Generator):
    """Writes the favicon the theme links, from the conference's short name."""

    def save_as(self) -> str:
        return f"{self.settings.get('THEME_STATIC_DIR', 'theme')}/favicon.svg"

    def generate_context(self) -> None:
        """Nothing to read: the text comes from the settings. The file is
        claimed, so that no page or static file takes its place unnoticed."""
        reserve(self.save_as(), "the favicon (made from the conference's short name)")

    def generate_output(self, writer: Any) -> None:
        path = Path(self.output_path) / self.save_as()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(favicon_svg(facts().short_name))


def check_news(generator: Any) -> None:
    """Translations of a news item share one date; items dated after the
    as-of date wait for a later build."""
    settings = generator.settings
    items = articles_of(generator, settings.get("DEFAULT_LANG"))
    key_field = settings.get("BILINGUAL_KEY", "key").lower()
    stop_on(date_disagreements(items, key_field), "news dates")
    if _facts is not None:
        hold_back(generator, _facts.as_of)


def add_generator(pelican: Any) -> type:
    return FaviconGenerator


def register() -> None:
    signals.initialized.connect(derive_timezone)
    on_run_start(load)
    signals.generator_init.connect(install_templates)
    signals.get_generators.connect(add_generator)
    signals.article_generator_pretaxonomy.connect(check_news)


def facts() -> Conference:
    """The facts of the running build (for other plugins)."""
    if _facts is None:
        raise RuntimeError("the conference plugin was not initialised by Pelican")
    return _facts
