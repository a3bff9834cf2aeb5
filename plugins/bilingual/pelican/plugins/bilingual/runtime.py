"""State of one Pelican run, shared by the signal handlers and the templates.

Pelican calls plugins through module-level signal handlers; an autoreload
loop runs many builds in one process, so the state is made anew at the start
of every run (``lifecycle.on_run_start``) and read through ``current()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from babel.support import NullTranslations

from .config import Config
from .registry import Registry


@dataclass
class Runtime:
    config: Config
    catalogs: dict[str, NullTranslations]
    registry: Registry | None = None
    extras: dict[str, Any] = field(default_factory=dict)

    def catalog(self, lang: str) -> NullTranslations:
        return self.catalogs.get(lang) or self.catalogs[self.config.default]


_current: Runtime | None = None


def set_current(runtime: Runtime) -> None:
    global _current
    _current = runtime


def current_or_none() -> Runtime | None:
    return _current


def current() -> Runtime:
    if _current is None:
        raise RuntimeError("the bilingual plugin was not initialised by Pelican")
    return _current
