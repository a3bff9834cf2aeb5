"""One mistake as an editor reads it: which file, which line, what is wrong.

The project's plugins report every mistake as one line ``path:line: message``
(through Pelican's logging, or on an exception's ``problems``); the preview
shows the same three parts on its error page and in the terminal, with the
path relative to the project, so that the editor can open the file.
"""

from __future__ import annotations

import os
import re
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# "path:line: message", or "path: message" for a whole file or a setting.
_LOCATED = re.compile(r"(?P<path>[^:\n]+?)(?::(?P<line>\d+))?: (?P<message>.+)", re.DOTALL)
_SUFFIX = re.compile(r"\.\w+$")


@dataclass(frozen=True)
class Problem:
    """A mistake; ``path`` and ``line`` are None when the message names no file."""

    message: str
    path: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        """The terminal's form: one line, the way compilers write it."""
        text = " ".join(self.message.split())
        if self.path is None:
            return text
        return f"{self.path}:{self.line}: {text}" if self.line else f"{self.path}: {text}"


def relative(path: str, root: Path) -> str:
    """A path as the editor knows it: relative to the project when inside it."""
    if not os.path.isabs(path):
        return path
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path


def _relative_paths(message: str, root: Path) -> str:
    """Other files a message names, relative to the project as well."""
    for folder in dict.fromkeys([str(root), str(root.resolve())]):
        message = message.replace(folder.rstrip("/") + "/", "")
    return message


def _looks_like_file(path: str) -> bool:
    """ "content/pages/de/x.md" or "pelicanconf.py", not "settings" or a sentence."""
    return os.path.isabs(path) or (" " not in path and ("/" in path or bool(_SUFFIX.search(path))))


def _located(path: str | None, line: Any, message: str, root: Path) -> Problem:
    number = int(line) if str(line).isdigit() and int(line) > 0 else None
    message = _relative_paths(message.strip(), root)
    if not path:
        return Problem(message)
    if not _looks_like_file(path):  # "settings: …": the name is part of the message
        return Problem(f"{path}: {message}")
    return Problem(message, relative(path, root), number)


def from_text(text: str, root: Path) -> Problem:
    """A logged or printed line, ``path:line: message`` or a bare message."""
    match = _LOCATED.fullmatch(text.strip())
    if match is None:
        return Problem(text.strip())
    return _located(match["path"], match["line"], match["message"], root)


def from_object(problem: Any, root: Path) -> Problem:
    """An object with ``path``, ``line`` and ``message`` (the plugins' Problem)."""
    return _located(
        str(getattr(problem, "path", "") or ""),
        getattr(problem, "line", None),
        str(getattr(problem, "message", problem)),
        root,
    )


def from_exception(error: BaseException, root: Path, within: Iterable[Path] = ()) -> Problem:
    """The last resort: the exception's own one-line text, never a traceback.
    When the error happened while running one of the files ``within`` (a
    settings file: NameError, TypeError …), it names that file and line."""
    if isinstance(error, SystemExit) and not isinstance(error.code, str):
        return Problem(f"the build stopped (exit status {error.code})")
    name = type(error).__name__
    path, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if isinstance(path, str) and isinstance(line, int):  # SyntaxError, Jinja's errors
        message = getattr(error, "msg", None) or getattr(error, "message", None) or name
        return _located(path, line, f"{name}: {message}", root)
    files = {Path(file).resolve() for file in within}
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if Path(frame.filename).resolve() in files
    ]
    if frames:
        return _located(frames[-1].filename, frames[-1].lineno, f"{name}: {error}", root)
    lines = str(error).strip().splitlines()
    if not lines:
        return Problem(f"the build stopped ({name})")
    problem = from_text(lines[0], root)
    if problem.path is None and not isinstance(error, SystemExit):
        return Problem(f"{name}: {problem.message}")
    return problem
