"""Keys and menu names that must name something: in BILINGUAL_MENUS and in templates.

A misspelt key used to be read as "nothing to show": the menu entry quietly
disappeared, ``link()`` gave an empty address. Both are mistakes an editor or
a theme author makes once and never notices, so every name that names nothing
stops the build, listing the names that exist and the likeliest one.

A template's references are found while it renders, one page after another;
they are collected for the run (``noted``) and reported once each, with the
template's file and line, before the run ends (``stop_on_noted``).
"""

from __future__ import annotations

import logging
import sys
from difflib import get_close_matches

from .config import Config
from .errors import Problem, stop_on
from .registry import ListPage, Registry
from .runtime import Runtime

logger = logging.getLogger("pelican.bilingual")

NOTED = "unknown_references"  # runtime.extras: problems found while rendering


def did_you_mean(name: str, known: list[str]) -> str:
    guess = get_close_matches(name, known, n=1, cutoff=0.6)
    return f" – did you mean '{guess[0]}'?" if guess else ""


def known_keys(registry: Registry) -> list[str]:
    """Keys of the site's items and of the news list (not categories and tags)."""
    keys = {
        key
        for key, group in registry.items.items()
        if not any(
            isinstance(item, ListPage) and item.metadata.get("kind") for item in group.values()
        )
    }
    return sorted(keys)


def unknown_key(key: str, registry: Registry, config: Config) -> str | None:
    """Why a key names nothing a reader may see, or None if it does."""
    if key in registry.items:
        return None
    if any(draft_key == key for draft_key, _ in registry.drafts):
        return f"'{key}' names only a draft, which is never published"
    known = known_keys(registry)
    return f"'{key}' names no page; known keys: {', '.join(known)}{did_you_mean(key, known)}"


def menu_problems(registry: Registry, config: Config) -> list[Problem]:
    """Every key of BILINGUAL_MENUS names a page or list. One that names only
    a draft is left out of a development build's menu (with a warning) and
    stops a publish build, which would publish the menu without it."""
    problems = []
    for name, keys in config.menus.items():
        for key in keys:
            reason = unknown_key(key, registry, config)
            if reason is None:
                continue
            problem = Problem("settings", 0, f"BILINGUAL_MENUS[{name!r}]: {reason}")
            if "only a draft" in reason and not config.strict:
                logger.warning("%s", problem)
            else:
                problems.append(problem)
    return problems


def template_position() -> tuple[str, int]:
    """File and line of the template being rendered (Jinja marks its code)."""
    frame = sys._getframe(1)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return (
                template.filename or template.name or "template",
                template.get_corresponding_lineno(frame.f_lineno),
            )
        frame = frame.f_back
    return "template", 0


def note(runtime: Runtime, message: str) -> None:
    """A reference that names nothing, at the template line that made it."""
    path, line = template_position()
    runtime.extras.setdefault(NOTED, {})[(path, line, message)] = Problem(path, line, message)


def check_key(runtime: Runtime, call: str, key: str, lang: str) -> None:
    """Note a key or language a template asks for that names nothing."""
    config, registry = runtime.config, runtime.registry
    if lang not in config.languages:
        known = list(config.languages)
        message = (
            f"{call}: no language '{lang}'; known: {', '.join(known)}{did_you_mean(lang, known)}"
        )
        note(runtime, message)
        return
    reason = unknown_key(key, registry, config)
    if reason is not None and ("only a draft" not in reason or config.strict):
        note(runtime, f"{call}: {reason}")


def check_menu(runtime: Runtime, name: str) -> None:
    known = list(runtime.config.menus)
    if name not in runtime.config.menus:
        listed = ", ".join(known) or "none"
        hint = did_you_mean(name, known)
        message = f"menu({name!r}) names no menu of BILINGUAL_MENUS; known: {listed}{hint}"
        note(runtime, message)


def stop_on_noted(runtime: Runtime) -> None:
    stop_on(list(runtime.extras.get(NOTED, {}).values()), "templates")
