"""What is still unknown: every ``[[TBA: …]]`` in the content, and settings
that still hold a placeholder address (one in the reserved example.org
domain, RFC 2606). ``invoke check --publish`` refuses to pass while any is left.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from pelican.plugins.bilingual.errors import Problem

from placeholders.grammar import markers
from placeholders.sources import content_files

PLACEHOLDER_HOST = re.compile(r"^https?://([^/]*\.)?example\.(org|com|net)(/|$)")
CHECKED_SETTINGS = ("REGISTRATION_URL", "SITEURL")
STAR_IMPORT = re.compile(r"^from\s+([\w.]+)\s+import\s+\*", re.M)


def content_markers(content: Path, extensions: set[str]) -> list[Problem]:
    """Every marker in every file Pelican reads (``extensions``, from
    ``placeholders.sources.read_extensions``), named at the line where it starts."""
    problems = []
    for path in content_files(content, extensions):
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, gap in markers(text):
            problems.append(Problem(str(path), number, f"not known yet: {gap}"))
    return problems


def setting_markers(settings: dict[str, Any], files: list[Path]) -> list[Problem]:
    """Settings still pointing at example.org, named by the file and line that set them."""
    problems = []
    for name in CHECKED_SETTINGS:
        value = settings.get(name)
        if isinstance(value, str) and PLACEHOLDER_HOST.match(value):
            path, line = _defined_at(name, files)
            problems.append(Problem(path, line, f"{name} is still a placeholder address: {value}"))
    return problems


def settings_files(path: Path) -> list[Path]:
    """A settings file and every settings module it takes all names from
    (``from pelicanconf import *``), in the order a name is looked up: the
    file's own assignment wins over the imported one. Call it after the file
    was read (``read_settings``), so the imported modules are loaded."""
    files, queue = [], [path]
    while queue:
        current = queue.pop(0)
        if current in files or not current.exists():
            continue
        files.append(current)
        for name in STAR_IMPORT.findall(current.read_text(encoding="utf-8")):
            module = sys.modules.get(name)
            if module is not None and getattr(module, "__file__", None):
                queue.append(Path(module.__file__).resolve())
    return files


def _defined_at(name: str, files: list[Path]) -> tuple[str, int]:
    assignment = re.compile(rf"^{name}\s*(:[^=]*)?=")
    for path in files:
        if path.exists():
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if assignment.match(line):
                    return str(path), number
    return str(files[0]), 1
