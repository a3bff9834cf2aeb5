"""The built site's HTML, SVG and CSS files, each read and parsed once for every check.

The link check (links.py) needs each page's ids and links, the third-party
check (thirdparty.py) each file's findings. Parsing is most of the checks'
time on a large site, so one HTML parse serves both.

The live preview builds the site again after every save, and most files come
out as they were. What a file holds depends on nothing but its text and the
site's own host, so the results are remembered for the life of the process,
keyed by a digest of the file's bytes: a file that changed is parsed again, an
unchanged one is not. The memory holds only the files of the latest build.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .thirdparty import Attributes, Finding, Markup, scan_css

MARKUP = (".html", ".htm", ".svg")
STYLES = (".css",)
# The attribute of each element that links to another file (or place on a page).
LINKING = {
    "a": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
}


@dataclass(frozen=True)
class Scanned:
    """What one output file holds, as the checks need it."""

    ids: frozenset[str]  # places a link can point to (``#…``)
    links: tuple[str, ...]  # addresses of LINKING attributes, in order
    findings: tuple[Finding, ...]  # third-party loads and javascript: addresses


class _Page(Markup):
    """The third-party parser, also collecting ids and links on the way."""

    def __init__(self, own_host: str | None, text: str) -> None:
        super().__init__(own_host, text)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: Attributes) -> None:
        super().handle_starttag(tag, attrs)
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name] or "")
        attribute = LINKING.get(tag)
        if attribute and values.get(attribute) is not None:
            self.links.append(values[attribute] or "")


def scan_text(text: str, suffix: str, own_host: str | None) -> Scanned:
    """What a file with this text and suffix holds."""
    if suffix in STYLES:
        return Scanned(frozenset(), (), tuple(scan_css(text, own_host)))
    page = _Page(own_host, text)
    page.feed(text)
    page.close()
    return Scanned(frozenset(page.ids), tuple(page.links), tuple(page.findings))


_remembered: dict[tuple[str | None, str, bytes], Scanned] = {}


def scan_output(output: Path, own_host: str | None) -> dict[str, Scanned]:
    """Every HTML, SVG and CSS file below ``output``, by its path relative to it."""
    scanned: dict[str, Scanned] = {}
    kept: dict[tuple[str | None, str, bytes], Scanned] = {}
    for path in sorted(output.rglob("*")):
        suffix = path.suffix.lower()
        if suffix not in MARKUP + STYLES or not path.is_file():
            continue
        data = path.read_bytes()
        key = (own_host, suffix, hashlib.blake2b(data, digest_size=16).digest())
        found = _remembered.get(key)
        if found is None:
            found = scan_text(data.decode("utf-8", errors="replace"), suffix, own_host)
        kept[key] = scanned[path.relative_to(output).as_posix()] = found
    _remembered.clear()
    _remembered.update(kept)
    return scanned
