"""Problems an editor can fix: one line each, then the run stops.

Every plugin of a site reports its mistakes here, so they all read alike:
``path:line: message`` through Pelican's logging (where editors' tools can
jump to it), then ``BuildStopped`` ends *this run*. It is an ordinary
``Exception``: ``pelican`` exits with status 1, while an autoreload loop
(``pelican -r``, a live preview) survives it and builds again after the fix.

Pelican's fatal logger raises at the first logged error, which would hide all
problems but the first, and ``pelican``'s main prints every exception with a
traceback. So the problems go through a logger that is not fatal (the run
stops anyway), and a filter on Pelican's logger drops the traceback of a
``BuildStopped``, which is no programming error.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .lifecycle import pause_in_autoreload


@dataclass(frozen=True)
class Problem:
    """One mistake in one file (or setting), as an editor should read it."""

    path: str
    line: int  # 0: the problem has no line (a setting, a whole file)
    message: str

    def __str__(self) -> str:
        path = shown_path(self.path)
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: {self.message}"


def shown_path(path: str) -> str:
    """A file below the current folder as editors see it there (``content/…``)."""
    candidate = Path(path)
    if not candidate.is_absolute():
        return path
    try:
        return candidate.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


class BuildStopped(Exception):  # noqa: N818 - the word editors read: the build stopped
    """Raised after the problems were logged; stops one run, not the process."""

    def __init__(self, problems: list[Problem], what: str):
        self.problems = problems
        self.what = what
        count = len(problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in {what}; the build stopped")


def _problem_logger() -> logging.Logger:
    """A logger below Pelican's that never raises on its own."""
    problem_logger = logging.Logger("pelican.problems")
    problem_logger.parent = logging.getLogger("pelican")
    return problem_logger


_logger = _problem_logger()


def _no_traceback_for_stops(record: logging.LogRecord) -> bool:
    if record.exc_info and isinstance(record.exc_info[1], BuildStopped):
        record.exc_info = None
        record.exc_text = None
    return True


logging.getLogger("pelican").addFilter(_no_traceback_for_stops)


def _stops_end_the_run(record: logging.LogRecord) -> bool:
    """Pelican's generators log an exception from reading one file ("Could not
    process …") and go on – through its fatal logger, which then raises its
    own error with a traceback. A ``BuildStopped`` raised while reading was
    reported already: it ends the run like any other stop."""
    error = sys.exc_info()[1]
    if isinstance(error, BuildStopped):
        raise error
    return True


logging.getLogger("pelican.generators").addFilter(_stops_end_the_run)


def keep_messages_visible() -> None:
    """Make sure problems and warnings reach the terminal.

    With ``--log-handler plain`` Pelican installs no handler and relies on
    Python's last-resort handler, which falls silent as soon as any handler
    (a plugin's or a preview's capture) is attached below the root: the cause
    of a failed build would then be recorded but never printed. A root handler
    of our own, shaped like the last-resort one, cannot be switched off that way.
    """
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setLevel(logging.WARNING)
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        root.addHandler(handler)


def annotation(problem: Problem, level: str = "error", root: str | None = None) -> str:
    """The problem as a GitHub Actions workflow command: GitHub shows it on
    that line of the file in a pull request. The path is relative to the
    repository (``root``, ``GITHUB_WORKSPACE`` or the current folder)."""
    path = Path.cwd() / problem.path
    for base in (root, os.environ.get("GITHUB_WORKSPACE"), os.getcwd()):
        if base and path.is_relative_to(base):
            path = path.relative_to(base)
            break

    def escape(text: str, *more: str) -> str:
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        for char in more:
            text = text.replace(char, f"%{ord(char):02X}")
        return text

    where = f"file={escape(path.as_posix(), ':', ',')}"
    if problem.line:
        where += f",line={problem.line}"
    return f"::{level} {where}::{escape(problem.message)}"


def annotate(problems: list[Problem], level: str = "error", root: str | None = None) -> None:
    """On GitHub Actions (``GITHUB_ACTIONS=true``), print each problem as an
    annotation as well; elsewhere nothing."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    for problem in problems:
        print(annotation(problem, level, root), file=sys.stderr, flush=True)


def report(problems: list[Problem]) -> None:
    """Log every problem, one line each, in a stable order (on GitHub Actions
    each also as an annotation on its file and line)."""
    ordered = sorted(problems, key=lambda p: (p.path, p.line, p.message))
    for problem in ordered:
        _logger.error("%s", problem)
    annotate(ordered)


def stop_on(problems: list[Problem], what: str) -> None:
    """Log every problem and stop the run if there is any."""
    if not problems:
        return
    report(problems)
    pause_in_autoreload()
    raise BuildStopped(problems, what)
