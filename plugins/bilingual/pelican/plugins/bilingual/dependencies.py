"""Plugins that build on others say so, in one line, whatever the order of PLUGINS.

A plugin that uses another's state (the bilingual registry, the conference's
facts) calls ``require`` from its ``initialized`` handler. Imports never
depend on the order: installed plugins import each other as packages.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .errors import Problem, stop_on


def loaded_plugins(pelican: Any) -> set[str]:
    """Short names of the plugins Pelican loaded (``pelican.plugins.x`` → ``x``)."""
    names = pelican.settings.get("PLUGINS") or []
    return {str(name).removeprefix("pelican.plugins.") for name in names}


def require(pelican: Any, plugin: str, needs: Iterable[str]) -> None:
    """Stop with one line per missing plugin that ``plugin`` builds on."""
    loaded = loaded_plugins(pelican)
    problems = [
        Problem("settings", 0, f"PLUGINS: '{plugin}' needs the plugin '{name}'; add it to PLUGINS")
        for name in needs
        if name not in loaded
    ]
    stop_on(problems, "settings")
