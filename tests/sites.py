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

import copy
import re
import runpy
import shutil
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pelican.plugins.bilingual import frontmatter

if TYPE_CHECKING:
    from conftest import Built

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

    def edit(self, path: str, old: str, new: str) -> None:
        """An editor's change: ``old`` replaced by ``new`` once in a content file."""
        file = self.content / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
        self.__dict__.pop("pages", None)  # the front matter is read again

    def line_of(self, path: str, text: str) -> int:
        """The line of a content file that holds ``text``: found, never known by heart."""
        lines = (self.content / path).read_text(encoding="utf-8").splitlines()
        return next(number for number, line in enumerate(lines, start=1) if text in line)

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


# Reading a built site the way its visitors and search engines find it.


def spaces(text: str) -> str:
    """Every kind of space as one space: CLDR keeps "2017 г." together with a
    narrow no-break space; compare words."""
    return re.sub(r"[\s\u202f\xa0]+", " ", text).strip()


def visible(node) -> str:
    """The text a reader sees."""
    return spaces(node.get_text(" "))


def seen(node) -> str:
    """What a sighted reader sees: the text without what only screen readers hear."""
    node = copy.copy(node)
    for hidden in node.select(".visually-hidden"):
        hidden.decompose()
    return " ".join(node.get_text(" ").split())


def sitemap_alternates(built: Built) -> dict[str, dict[str, str]]:
    """Every address in sitemap.xml with its hreflang alternates."""
    import xml.etree.ElementTree as ET

    sitemap, xhtml = (
        "{http://www.sitemaps.org/schemas/sitemap/0.9}",
        "{http://www.w3.org/1999/xhtml}",
    )
    root = ET.fromstring(built.text("sitemap.xml"))
    return {
        url.findtext(f"{sitemap}loc"): {
            link.get("hreflang"): link.get("href") for link in url.iter(f"{xhtml}link")
        }
        for url in root.iter(f"{sitemap}url")
    }


def head_alternates(built: Built, url: str) -> dict[str, str]:
    page = built.html(url)
    return {
        link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
    }


def pages_by_language(site: Built) -> dict[str, dict[str, dict[str, str]]]:
    """For each language, each of its pages (from sitemap.xml) with its translations."""
    pages: dict[str, dict[str, dict[str, str]]] = {}
    for url, alternates in sitemap_alternates(site).items():
        lang = next(
            lang for lang, href in alternates.items() if href == url and lang != "x-default"
        )
        pages.setdefault(lang, {})[url] = alternates
    return pages


def local(url: str) -> str:
    """A sitemap address (absolute in a published build) as a path of the output."""
    return re.sub(r"^https?://[^/]+", "", url)


def url_of(site: Built, source: Source, key: str, lang: str) -> str:
    """Where the page with ``key`` in ``lang`` was written: its ``Url`` if it
    sets one, else the page of that language whose heading is its title."""
    [matter] = source.with_field("Key", key, lang)
    if matter.value("Url"):
        return "/" + matter.value("Url")
    title = matter.value("Title")
    found = _headings(site.output).get((lang, title))
    if found is None:
        raise AssertionError(f"no {lang} page titled {title!r}")
    return found


_HEADINGS: dict[Path, dict[tuple[str, str], str]] = {}


def _headings(output: Path) -> dict[tuple[str, str], str]:
    """Every page of a built site by its language and heading, read once per
    build: the tests ask for many pages, each would parse them all again."""
    if output not in _HEADINGS:
        from conftest import Built

        site = Built(0, "", output)
        _HEADINGS[output] = {
            (lang, visible(site.html(url).select_one("h1"))): url
            for lang, urls in pages_by_language(site).items()
            for url in reversed(list(urls))
        }
    return _HEADINGS[output]
