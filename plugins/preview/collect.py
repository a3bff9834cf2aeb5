"""Gathering what went wrong in one build, without a traceback.

A plugin reports each mistake at ERROR level on a ``pelican…`` logger as
``path:line: message`` and then stops the run with an exception. Pelican's own
errors (a file it cannot read, a plugin it cannot load) arrive the same way.
``ErrorRecords`` keeps them while one build runs; ``problems_of`` turns them
into the list the editor sees, falling back on the exception's ``problems`` and,
for plugins that still print ``ERROR …`` to stderr and raise ``SystemExit``,
on what ``StderrTap`` caught.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from .problems import Problem, from_exception, from_object, from_text

# The closing line of the plugins' printed reports ("checks: 2 problem(s); the
# build stopped."): a count, not a problem of its own.
_SUMMARY = re.compile(r".*: \d+ problem\(s\); the build stopped\.")


class ErrorRecords(logging.Handler):
    """The ERROR and CRITICAL messages of one build, as their one-line text.

    Each record it keeps is marked ``preview_collected`` so that the terminal
    handler can leave it out: the preview prints it afterwards, once, with the
    path relative to the project.
    """

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.messages.append(record.getMessage())
        except Exception:  # a malformed log call must not end the preview
            self.messages.append(str(record.msg))
        record.preview_collected = True


def not_collected(record: logging.LogRecord) -> bool:
    """Filter for the terminal handler: skip what ErrorRecords kept."""
    return not getattr(record, "preview_collected", False)


class StderrTap:
    """Stands in for ``sys.stderr`` during a build: lines starting ``ERROR `` are
    kept (and printed later by the preview); everything else goes through."""

    def __init__(self, real: IO[str]) -> None:
        self.real = real
        self.errors: list[str] = []
        self._pending = ""

    def write(self, text: str) -> int:
        self._pending += text
        while "\n" in self._pending:
            line, self._pending = self._pending.split("\n", 1)
            if line.startswith("ERROR "):
                self.errors.append(line.removeprefix("ERROR "))
            else:
                self.real.write(line + "\n")
        return len(text)

    def flush(self) -> None:
        self.real.flush()

    def close_tap(self) -> None:
        """Pass on a last unfinished line."""
        if self._pending:
            self.write("\n")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def problems_of(
    messages: Iterable[str], error: BaseException | None, printed: Iterable[str], root: Path
) -> list[Problem]:
    """Every problem of a build, each once, in the order they were reported."""
    found: list[Problem] = [from_text(text, root) for text in messages]
    found += [from_object(p, root) for p in getattr(error, "problems", None) or []]
    if not found:
        found = [from_text(t, root) for t in printed if not _SUMMARY.fullmatch(t)]
    if not found and error is not None:
        found = [from_exception(error, root)]
    return list(dict.fromkeys(found))


def real_stderr() -> IO[str]:
    """The stream to restore after a build (also if a tap was left behind)."""
    stream = sys.stderr
    return stream.real if isinstance(stream, StderrTap) else stream
