"""Content is read only as Markdown.

Pelican reads reStructuredText whenever docutils is installed, and HTML files
as they are: an ``.. include:: /etc/passwd`` or a ``raw`` directive in an
``.rst`` page publishes any file of the machine that builds the site. So every
reader but Markdown's ``.md`` is switched off, and a content file that would
now be skipped in silence is named instead, with what to do about it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican.plugins.bilingual.errors import Problem

# Extensions Pelican's own readers (and common plugins) would read.
OFF = ("rst", "rest", "html", "htm", "markdown", "mkd", "mdown", "mdwn", "mdtxt", "txt", "ipynb")


def markdown_only(settings: dict[str, Any]) -> None:
    """No reader for anything but ``.md``: ``None`` switches a Pelican reader off."""
    readers = dict(settings.get("READERS") or {})
    readers.update({extension: None for extension in OFF})
    settings["READERS"] = readers


def _is_editor_leftover(path: Path) -> bool:
    """Hidden files and backups (``.#x.md``, ``x.md~``), which Pelican skips too."""
    return path.name.startswith(".") or path.name.endswith("~")


def other_formats(settings: Mapping[str, Any]) -> list[Problem]:
    """Every file in the page and news folders that is not Markdown."""
    base = Path(settings["PATH"])
    static = [base / folder for folder in settings.get("STATIC_PATHS") or []]
    problems = []
    for folder in [*settings["PAGE_PATHS"], *settings["ARTICLE_PATHS"]]:
        for path in sorted((base / folder).rglob("*")):
            if path.is_dir() or path.suffix == ".md" or _is_editor_leftover(path):
                continue
            if any(path.is_relative_to(place) for place in static):
                continue
            if path.suffix.lstrip(".").lower() in (*OFF, "md"):
                message = f"only Markdown (.md) is read; rename it to {path.stem}.md"
            else:
                folders = ", ".join(settings.get("STATIC_PATHS") or [])
                message = (
                    "this file would not be published: only Markdown (.md) files are read here;"
                    f" put files to download in a static folder ({folders})"
                )
            problems.append(Problem(str(path), 0, message))
    return problems
