"""Every link that stays on the site must lead to a file (and its anchor).

Runs over the built output, so it sees what visitors get: links written in
Markdown, links the theme makes, ``{filename}`` links Pelican could not
resolve. A broken link is reported against the content file it came from.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from pelican.plugins.bilingual.errors import Problem

if TYPE_CHECKING:
    from .output_files import Scanned


def _target(page_path: str, href: str, siteurl: str) -> tuple[str, str] | None:
    """The path (relative to the output folder) and anchor a link leads to, or
    None if it leaves the site."""
    if siteurl and href.startswith(siteurl):
        href = href[len(siteurl) :] or "/"
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        return page_path, parts.fragment
    if path.startswith("/"):
        resolved = posixpath.normpath(path.lstrip("/") or ".")
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), path))
    if path.endswith("/"):
        resolved = posixpath.normpath(posixpath.join(resolved, "index.html"))
    return resolved, parts.fragment


def check_links(
    output: Path, siteurl: str, sources: dict[str, str], scanned: dict[str, Scanned]
) -> list[Problem]:
    """``scanned``: the output's files as output_files.py read them; ``sources``
    maps a page's output path to the content file it was made from."""
    files, folders = set(), set()
    for path in output.rglob("*"):
        (folders if path.is_dir() else files).add(path.relative_to(output).as_posix())
    problems = []
    for name, page in scanned.items():
        if not name.endswith(".html"):
            continue
        source = sources.get(name, f"{output.name}/{name}")
        for href in page.links:
            target = _target(name, href, siteurl)
            if target is None:
                continue
            path, anchor = target
            if path in folders:
                path = posixpath.normpath(posixpath.join(path, "index.html"))
            if path not in files:
                problems.append(
                    Problem(
                        source,
                        _line_of(source, href),
                        f"the link '{href}' leads nowhere (on {name})",
                    )
                )
            elif anchor and path.endswith(".html"):
                ids = scanned.get(path)
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
