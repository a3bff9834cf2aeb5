"""Small sites built in-process, for the plugin's tests and a theme's own.

Pelican's signals are global: every ``Pelican`` object registers its
plugins again, so each build starts from a clean set of receivers and no
other site's plugins take part.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blinker import Signal
from pelican import Pelican
from pelican.plugins import signals
from pelican.plugins.bilingual.lifecycle import paired
from pelican.settings import read_settings

TEST_DATA = Path(__file__).parent / "test_data"


@dataclass
class Site:
    root: Path

    @property
    def output(self) -> Path:
        return self.root / "output"

    def settings(self, **overrides: Any) -> dict[str, Any]:
        base = {
            "PATH": str(self.root / "content"),
            "OUTPUT_PATH": str(self.output),
            "CACHE_CONTENT": False,
            "LOAD_CONTENT_CACHE": False,
            "SITEURL": "",
        }
        return read_settings(str(self.root / "pelicanconf.py"), override={**base, **overrides})

    def pelican(self, **overrides: Any) -> Pelican:
        """A Pelican object of this site; plugins register afresh."""
        for value in [*vars(signals).values(), paired]:
            if isinstance(value, Signal):
                value.receivers.clear()
                value._by_receiver.clear()
                value._by_sender.clear()
        return Pelican(self.settings(**overrides))

    def build(self, **overrides: Any) -> Site:
        self.pelican(**overrides).run()
        return self

    def html(self, path: str) -> str:
        return (self.output / path).read_text(encoding="utf-8")

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
