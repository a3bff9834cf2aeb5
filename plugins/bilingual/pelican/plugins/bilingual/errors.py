"""Problems an editor can fix, reported as one line each and stopping the build.

Pelican logs any exception that escapes a plugin with a full traceback, and
with ``--fatal errors`` the first logged error becomes such an exception. A
missing translation is not a programming error, so the plugin writes every
problem as one plain ``file:line: message`` line to stderr (where editors'
tools can jump to it) and ends the run with ``BuildStopped``, which (being a
``SystemExit``) leaves Pelican without a traceback.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One mistake in one file, as an editor should read it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class BuildStopped(SystemExit):
    """Raised after the problems were logged; exit status 1, no traceback."""

    def __init__(self, problems: list[Problem]):
        super().__init__(1)
        self.problems = problems


def stop_on(problems: list[Problem], what: str) -> None:
    """Log every problem and stop the build if there is any."""
    if not problems:
        return
    for problem in sorted(problems, key=lambda p: (p.path, p.line, p.message)):
        print(f"ERROR {problem}", file=sys.stderr)
    print(f"ERROR {what}: {len(problems)} problem(s); the build stopped.", file=sys.stderr)
    raise BuildStopped(problems)


def line_of(path: str | Path, field: str) -> int:
    """Line of a metadata field in a Markdown file (1 if it is not there).

    Pelican's readers do not keep line numbers; the front matter is short, so
    reading the file again on the rare error path is cheap.
    """
    pattern = re.compile(rf"^\s*{re.escape(field)}\s*:", re.IGNORECASE)
    try:
        with open(path, encoding="utf-8") as handle:
            for number, text in enumerate(handle, start=1):
                if pattern.match(text):
                    return number
    except OSError:
        pass
    return 1
