"""Content is read only from inside the content folder.

A symbolic link in ``content/`` (to a file or a folder) is followed by Pelican
like any file: a link to ``/etc`` or to the build machine's home would publish
what lies there – in CI, the build's own environment. Links are checked before
anything is read, and one that leads outside the content folder stops the
build, naming the link, not what it points to.
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican.plugins.bilingual.errors import Problem


def links_leaving(content: Path) -> list[Problem]:
    """Every symbolic link below ``content`` that resolves outside it (or nowhere)."""
    root = Path(os.path.realpath(content))
    problems = []
    for folder, subfolders, files in os.walk(content):
        for name in sorted([*subfolders, *files]):
            path = Path(folder) / name
            if not path.is_symlink():
                continue
            target = Path(os.path.realpath(path))
            if not target.exists():
                message = "symlink leads nowhere; replace it by the file itself"
            elif target != root and not target.is_relative_to(root):
                message = "symlink leads outside the content folder; put the file itself there"
            else:
                continue
            problems.append(Problem(str(path), 0, message))
    return problems
