"""The conference sites the site tests run on: this site, and the next one.

A site is what the organisers of one conference write – ``pelicanconf.py``
and ``content/`` – built with this repository's theme, plugins and
``publishconf.py``. The site tests take every expectation from a site's
settings and content, so they hold for any conference of the series; running
them on a fixture of the next conference (``test_data/next-conference``: in
Germany, five days, other languages' addresses) proves it. Swap this site's
``pelicanconf.py`` and ``content/`` for another conference's and they still pass.
"""

from __future__ import annotations

import runpy
import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pelican.plugins.bilingual import frontmatter

ROOT = Path(__file__).resolve().parent.parent
NEXT_CONFERENCE = Path(__file__).resolve().parent / "test_data" / "next-conference"


@dataclass
class Source:
    """One conference's own files: ``pelicanconf.py`` and ``content/`` in ``folder``."""

    name: str
    folder: Path

    @property
    def content(self) -> Path:
        return self.folder / "content"

    @cached_property
    def settings(self) -> dict[str, Any]:
        """The site's own settings, as written (the plugins derive the rest)."""
        return runpy.run_path(str(self.folder / "pelicanconf.py"))

    @property
    def languages(self) -> list[str]:
        return list(self.settings["BILINGUAL_LANGUAGES"])

    @cached_property
    def pages(self) -> dict[Path, frontmatter.FrontMatter]:
        """Every Markdown file's front matter, by path."""
        return {path: frontmatter.read(path) for path in sorted(self.content.rglob("*.md"))}

    def in_language(self, lang: str) -> list[frontmatter.FrontMatter]:
        """The files in a folder named for ``lang`` (as the bilingual plugin reads them)."""
        return [
            matter
            for path, matter in self.pages.items()
            if lang in path.relative_to(self.content).parts
        ]

    def with_field(self, name: str, value: str, lang: str) -> list[frontmatter.FrontMatter]:
        """The files of ``lang`` whose field ``name`` is ``value``."""
        return [matter for matter in self.in_language(lang) if matter.value(name) == value]


def this_site() -> Source:
    return Source("this-site", ROOT)


def next_conference(tmp: Path) -> Source:
    """The next conference as its organisers would set it up: this repository
    with only ``pelicanconf.py`` and ``content/`` changed."""
    folder = tmp / "next-conference"
    shutil.copytree(NEXT_CONFERENCE, folder, ignore=shutil.ignore_patterns("README.md"))
    shutil.copy2(ROOT / "publishconf.py", folder / "publishconf.py")
    return Source("next-conference", folder)
