"""``{static}`` and ``{attach}`` links lead to files inside the content folder.

Pelican copies whatever file such a link names into the output, resolved
against the content folder: ``{static}/../../../etc/passwd`` would publish a
file of the build machine. Every link is checked when its page is read, and
the build stops (before any file is copied) naming the page and line.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pelican.plugins.bilingual.errors import Problem, stop_on

_found: list[Problem] = []


def _line_of(path: str, link: str) -> int:
    """The first line of the source that holds the link (0 if it is not found)."""
    name = os.path.basename(link)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 0
    return next((n for n, line in enumerate(lines, 1) if name and name in line), 0)


def check_item(content: Any) -> None:
    """Remember every static link of a page or news item that leaves the content folder."""
    base = content.settings.get("PATH")
    if not base or not isinstance(getattr(content, "_content", None), str):
        return  # a static file itself: it links nothing
    root = Path(os.path.realpath(base))
    for link in sorted(content.get_static_links()):
        target = Path(os.path.realpath(root / link))
        if target != root and not target.is_relative_to(root):
            message = f"'{link}' leads outside the content folder; link a file inside it"
            _found.append(
                Problem(content.source_path, _line_of(content.source_path, link), message)
            )


def start_run(pelican: Any) -> None:
    _found.clear()


def stop_before_copying(generator: Any) -> None:
    """After every page and news item is read, before the static files are."""
    problems = list(_found)
    _found.clear()
    stop_on(problems, "links to files")
