"""Gathering what went wrong in one build, without a traceback.

A plugin reports each mistake at ERROR level on a ``pelican…`` logger as
``path:line: message`` and then stops the run with an exception (the
project's ``BuildStopped``, which also carries the ``problems``). Pelican's own
errors (a file it cannot read, a plugin it cannot load) arrive the same way.
``ErrorRecords`` keeps them while one build runs; ``problems_of`` turns them
into the list the editor sees, falling back on the exception's ``problems``
and, last, on the exception's own one-line text.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from .problems import Problem, from_exception, from_object, from_text


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


def problems_of(messages: Iterable[str], error: BaseException | None, root: Path) -> list[Problem]:
    """Every problem of a build, each once, in the order they were reported."""
    found: list[Problem] = [from_text(text, root) for text in messages]
    found += [from_object(p, root) for p in getattr(error, "problems", None) or []]
    if not found and error is not None:
        found = [from_exception(error, root)]
    return list(dict.fromkeys(found))
