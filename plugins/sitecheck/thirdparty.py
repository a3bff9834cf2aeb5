"""Nothing on the site may load from, connect to or submit to another host.

The site promises its visitors that no other host learns of their visit. The
Content-Security-Policy enforces that in browsers that honour it; this check
makes the promise hold before anything is published, so a mistake is fixed by
the editor instead of silently blocked (or not blocked: a ``<link
rel="preconnect">`` opens a connection despite the policy). It runs over the
built output, so it sees what visitors get – raw HTML and Markdown images in
content, the theme, the settings – and reports each find against the content
file and line where it was written, or else the output file and line.

Ordinary links (``<a href>``) that a visitor clicks are allowed; anything
that loads, connects, submits or navigates without a click is not, and
neither is a ``javascript:`` address anywhere.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from pelican.plugins.bilingual.errors import Problem

from .addresses import (
    clean,
    css_addresses,
    foreign_host,
    is_script,
    refresh_address,
    srcset_addresses,
)

if TYPE_CHECKING:
    from .output_files import Scanned

# What an address does, and what the editor reads about it.
VERDICTS = {
    "loads": "loads from another host ({host}); the site loads nothing from other hosts",
    "connects": (
        "connects to another host ({host}) without a click; the site connects to no other host"
    ),
    "submits": (
        "sends what visitors enter to another host ({host}); the site sends nothing to other hosts"
    ),
    "navigates": (
        "sends the visitor to another host ({host}) without a click; write an ordinary link instead"
    ),
    "base": ("makes every relative address of the page lead to another host ({host}); remove it"),
    "script": (
        "is a javascript: address, which runs code instead of opening a page;"
        " the site runs no code from its content"
    ),
}

# Elements whose href a visitor follows by clicking: allowed to leave the site.
NAVIGATING = {"a", "area"}
# <link rel> values that load nothing by themselves; any other rel may load.
QUIET_RELS = {
    "alternate",
    "author",
    "bookmark",
    "canonical",
    "external",
    "help",
    "license",
    "me",
    "next",
    "nofollow",
    "noopener",
    "noreferrer",
    "prev",
    "tag",
}
CONNECTING_RELS = {"preconnect", "dns-prefetch"}
# Attributes that load their address, on whatever element they stand.
LOADING = {"src", "poster", "background", "lowsrc", "dynsrc", "codebase", "archive", "manifest"}
# Attributes that load only on one element (elsewhere they are plain data).
LOADING_ON = {("object", "data"), ("applet", "code"), ("param", "value")}
# Attributes that hold an address only followed on a click, checked for javascript:.
FOLLOWED = {"cite", "longdesc", "usemap", "itemid", "itemtype"}
# SVG animation that can set an address; its values are addresses then.
ANIMATING = {"animate", "set"}
ANIMATION_VALUES = {"to", "from", "by", "values"}
ADDRESS_ATTRIBUTES = {"href", "xlink:href", "src"}

Attributes = list[tuple[str, str | None]]


@dataclass(frozen=True)
class Finding:
    """One address in one output file that breaks the promise."""

    line: int  # in the output file
    nth: int  # how often the address is written in the file before this place
    element: str  # as the editor reads it: <iframe src="https://…">
    address: str  # as found, to look it up in the content file
    verdict: str


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _shown(tag: str, name: str, value: str, address: str, rel: str = "") -> str:
    """The element as the editor wrote it, cut to the address that matters."""
    shown = _short(clean(address))
    if clean(value) != clean(address):
        shown = f"…{shown}…"
    rel = f' rel="{_short(rel)}"' if rel else ""
    return f'<{tag}{rel} {name}="{shown}">'


class Markup(HTMLParser):
    """Collects the findings of one HTML (or SVG) file."""

    def __init__(self, own_host: str | None, text: str, outer: tuple[int, int] = (0, 0)) -> None:
        super().__init__(convert_charrefs=True)
        self.own_host = own_host
        self.text = text
        self._starts: list[int] | None = None  # where each line begins, once needed
        self.outer = outer  # inside an iframe's srcdoc: the iframe's line and offset
        self.findings: list[Finding] = []
        self.in_style = False

    def _offset(self) -> int:
        """Where the current tag starts in the file (the iframe's, inside a srcdoc)."""
        if self.outer[1]:
            return self.outer[1]
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line, column = self.getpos()
        return self._starts[line - 1] + column

    def _line(self) -> int:
        return self.outer[0] or self.getpos()[0]

    def _before(self, address: str) -> int:
        """How often ``address`` is written in the file before the current tag:
        the same address may be an allowed link first and an iframe later."""
        offset = self._offset()
        spellings = {address.strip(), address.strip().replace("&", "&amp;")} - {""}
        return sum(self.text[:offset].count(spelling) for spelling in spellings)

    def _check(
        self, kind: str | None, element: str | Callable[[], str], address: str, line: int
    ) -> None:
        """Record ``address`` if it is a javascript: address, or (if ``kind``
        says it loads, connects, …) if it reaches another host. ``element`` is
        how the editor reads it: worked out only for a finding (most addresses
        are fine, and a large site has tens of thousands)."""
        if is_script(address):
            verdict = VERDICTS["script"]
        else:
            host = foreign_host(address, self.own_host) if kind else None
            if not (kind and host):
                return
            verdict = VERDICTS[kind].format(host=host)
        shown = element if isinstance(element, str) else element()
        self.findings.append(Finding(line, self._before(address), shown, address, verdict))

    def _check_css(self, css: str, shown: str, line: int) -> None:
        for address in css_addresses(css):
            offset = css[: max(css.find(address), 0)].count("\n")
            element = shown.format(address=_short(clean(address)))
            self._check("loads", element, address, line + offset)

    def handle_starttag(self, tag: str, attrs: Attributes) -> None:
        line = self._line()
        values = {name: value or "" for name, value in attrs}
        for name, value in attrs:
            if value is not None:
                self._attribute(tag, name, value, values, line)
        if tag == "meta" and values.get("http-equiv", "").strip().lower() == "refresh":
            address = refresh_address(values.get("content", ""))
            if address:
                shown = f'<meta http-equiv="refresh" content="…{_short(address)}">'
                self._check("navigates", shown, address, line)
        if tag == "style":
            self.in_style = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            self._check_css(data, "<style>…{address}…</style>", self._line())

    def _attribute(
        self, tag: str, name: str, value: str, values: dict[str, str], line: int
    ) -> None:
        rel = values.get("rel", "") if tag == "link" else ""

        def check(kind: str | None, address: str = value) -> None:
            self._check(kind, lambda: _shown(tag, name, value, address, rel), address, line)

        if name == "style":
            self._check_css(value, f'<{tag} style="…{{address}}…">', line)
        elif name in ("srcset", "imagesrcset"):
            for address in srcset_addresses(value):
                check("loads", address)
        elif name == "ping":
            for address in value.split():
                check("connects", address)
        elif name in ("action", "formaction"):
            check("submits")
        elif name in ("href", "xlink:href"):
            check(self._href_kind(tag, values))
        elif name in LOADING or (tag, name) in LOADING_ON:
            check("loads")
        elif name in FOLLOWED:
            check(None)
        elif name == "srcdoc":
            inner = Markup(self.own_host, self.text, outer=(line, self._offset()))
            inner.feed(value)
            inner.close()
            self.findings += inner.findings
        elif (
            tag in ANIMATING
            and name in ANIMATION_VALUES
            and values.get("attributename", "").strip().lower() in ADDRESS_ATTRIBUTES
        ):
            for address in value.split(";"):
                check("loads", address)

    @staticmethod
    def _href_kind(tag: str, values: dict[str, str]) -> str | None:
        if tag in NAVIGATING:
            return None
        if tag == "base":
            return "base"
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & CONNECTING_RELS:
                return "connects"
            return "loads" if rels - QUIET_RELS else None
        return "loads"  # SVG <use>, <image>, <script>, <feImage>, …


def scan_css(text: str, own_host: str | None) -> list[Finding]:
    """The findings of a stylesheet."""
    findings = []
    for address in css_addresses(text):
        host = foreign_host(address, own_host)
        if is_script(address) or host:
            offset = max(text.find(address), 0)
            line = text[:offset].count("\n") + 1
            verdict = VERDICTS["script"] if is_script(address) else VERDICTS["loads"]
            shown = f"url({_short(clean(address))})"
            nth = len([f for f in findings if f.address == address])
            findings.append(Finding(line, nth, shown, address, verdict.format(host=host)))
    return findings


class _Sources:
    """Where in the content files an address is written."""

    def __init__(self, sources: dict[str, str]) -> None:
        self.sources = sources
        self.everything = sorted(set(sources.values()))
        self._lines: dict[str, list[str]] = {}

    def lines(self, source: str) -> list[str]:
        if source not in self._lines:
            try:
                text = Path(source).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            self._lines[source] = text.splitlines()
        return self._lines[source]

    def occurrences(self, source: str, address: str) -> list[int]:
        """The line of each place ``address`` is written in ``source``."""
        spellings = {address.strip(), address.strip().replace("&", "&amp;")} - {""}
        found = []
        for number, line in enumerate(self.lines(source), start=1):
            count = sum(line.count(spelling) for spelling in spellings)
            if not count:
                # Written with character references (java&#9;script:): as parsed.
                count = unescape(line).count(address.strip()) if "&" in line else 0
            found += [number] * count
        return found

    def locate(self, page: str, address: str, nth: int) -> tuple[str, int] | None:
        """The content file and line of the ``nth`` time ``address`` is on ``page``:
        in the page's own content file first, then in any (a list page shows
        other items' summaries)."""
        own = self.sources.get(page)
        if own:
            lines = self.occurrences(own, address)
            if lines:
                return own, lines[min(nth, len(lines) - 1)]
        for source in self.everything:
            lines = self.occurrences(source, address)
            if lines:
                return source, lines[0]
        return None


def check_third_party(
    output: Path,
    sources: dict[str, str],
    scanned: dict[str, Scanned],
    content: Path | None = None,
) -> list[Problem]:
    """``scanned``: the output's files as output_files.py read them; ``sources``
    maps a page's output path to the content file it was made from; a file
    copied as it is (an SVG, a stylesheet) is named in ``content``."""
    located = _Sources(sources)
    problems: set[Problem] = set()
    unplaced: dict[str, list[Problem]] = defaultdict(list)
    for page, found in scanned.items():
        for finding in found.findings:
            message = f"{finding.element} {finding.verdict}"
            where = located.locate(page, finding.address, finding.nth)
            if where:
                problems.add(Problem(where[0], where[1], message))
            elif content and page not in sources and (content / page).is_file():
                problems.add(Problem(str(content / page), finding.line, message))
            else:
                unplaced[message].append(Problem(f"{output.name}/{page}", finding.line, message))
    for message, places in unplaced.items():
        first, others = places[0], len({p.path for p in places}) - 1
        also = f"; also on {others} other page{'s' if others != 1 else ''}" if others else ""
        note = " (not written like this in any content file: the theme or a setting adds it)"
        problems.add(Problem(first.path, first.line, message + note + also))
    return sorted(problems, key=lambda p: (p.path, p.line, p.message))
