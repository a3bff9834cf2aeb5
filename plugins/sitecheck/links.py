"""Every link that stays on the site must lead to a file (and its anchor).

Runs over the built output, so it sees what visitors get: links written in
Markdown, links the theme makes, ``{filename}`` links Pelican could not
resolve. A broken link is reported against the content file it came from.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from pelican.plugins.bilingual.errors import Problem

LINKING = {
    "a": "href",
    "link": "href",
    "img": "src",
    "script": "src",
    "source": "src",
    "iframe": "src",
}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name] or "")
        attribute = LINKING.get(tag)
        if attribute and values.get(attribute) is not None:
            self.links.append(values[attribute] or "")


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(output: Path, page_path: str, href: str, siteurl: str) -> tuple[Path, str] | None:
    """The file and anchor a link leads to, or None if it leaves the site."""
    if siteurl and href.startswith(siteurl):
        href = href[len(siteurl) :] or "/"
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return output / page_path, parts.fragment
    if path.startswith("/"):
        resolved = path.lstrip("/")
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
    file = output / resolved
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, parts.fragment


def check_links(output: Path, siteurl: str, sources: dict[str, str]) -> list[Problem]:
    """``sources`` maps a page's output path to the content file it was made from."""
    pages = {p.relative_to(output).as_posix(): p for p in sorted(output.rglob("*.html"))}
    parsed = {name: _parse(path) for name, path in pages.items()}
    problems = []
    for name, page in parsed.items():
        source = sources.get(name, f"{output.name}/{name}")
        for href in page.links:
            target = _target(output, name, href, siteurl)
            if target is None:
                continue
            file, anchor = target
            if not file.exists():
                problems.append(
                    Problem(
                        source,
                        _line_of(source, href),
                        f"the link '{href}' leads nowhere (on {name})",
                    )
                )
            elif anchor and file.suffix == ".html":
                ids = parsed.get(file.relative_to(output).as_posix())
                if ids is not None and anchor not in ids.ids:
                    problems.append(
                        Problem(
                            source,
                            _line_of(source, href),
                            f"the link '{href}' points to '#{anchor}', which is not on that page",
                        )
                    )
    return problems


def _line_of(source: str, href: str) -> int:
    """The line of the source file that most likely holds the link."""
    candidates = [href, href.split("#")[0].rstrip("/").rsplit("/", 1)[-1], href.split("#")[-1]]
    try:
        lines = Path(source).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    for candidate in filter(None, candidates):
        for number, line in enumerate(lines, start=1):
            if candidate in line:
                return number
    return 1
