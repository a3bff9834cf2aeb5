"""What Babel lets through in a ``.po`` file, checked line by line.

Babel's reader is forgiving where a mistake is silent: a string without its
closing quote loses its last letter (``"Hallo`` reads as ``Hall``), an
unknown escape is kept as written, and its reading errors carry a line
counted from 0 and, often, an empty quote of the line. A template string is
always %-formatted (Jinja's new-style gettext), so a placeholder the source
string does not have, or a lone ``%``, stops the render of every page with a
traceback. And a broken ``Plural-Forms`` expression only fails when the
compiled catalog is loaded. Each of these is one problem here, at its line.
"""

from __future__ import annotations

import re
from gettext import c2py
from typing import Any

from .errors import Problem

KEYWORD = re.compile(r"^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])(?:\s+(.*))?$")
COMPLETE = re.compile(r'^"(?:[^"\\]|\\.)*"$')
UNCLOSED = re.compile(r'^"(?:[^"\\]|\\.)*$')
ESCAPE = re.compile(r"\\(.)")
KNOWN_ESCAPES = set('\\"ntrabfv01234567x')
PLACEHOLDER = re.compile(r"%\((\w+)\)")


def _string_problem(text: str) -> str | None:
    """Why a quoted string on a line is not one, or None."""
    if not text:
        return 'the text is missing: write it in quotes, e.g. msgstr "…"'
    if not text.startswith('"'):
        return f"{text[:30]!r} must start with a '\"'"
    if UNCLOSED.match(text):
        return f"{text[:30]!r} has no closing '\"' at its end"
    if not COMPLETE.match(text):
        return f"{text[:30]!r}: a '\"' inside the text must be written \\\""
    for escape in ESCAPE.findall(text[1:-1]):
        if escape not in KNOWN_ESCAPES:
            return f"{text[:30]!r}: '\\{escape}' is no escape; write \\\\ for a backslash"
    return None


def syntax_problems(path: str, lines: list[str]) -> list[Problem]:
    """Every line that is neither a comment, a keyword with its string, nor
    a continued string."""
    problems = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword = KEYWORD.match(line)
        if keyword is not None:
            reason = _string_problem((keyword[2] or "").strip())
        elif line.startswith('"'):
            reason = _string_problem(line)
        else:
            word = line.split()[0]
            reason = f"{word!r} is not a catalog keyword (msgid, msgstr, msgid_plural, msgctxt)"
        if reason is not None:
            problems.append(Problem(path, number, f"cannot read catalog: {reason}"))
    return problems


def _ids(message: Any) -> list[str]:
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def _strings(message: Any) -> list[str]:
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return [string for string in strings if string]


def msgstr_line(lines: list[str], lineno: int) -> int:
    """The first ``msgstr`` line of the message whose ``msgid`` is at ``lineno``."""
    for number in range(max(lineno, 1), len(lines) + 1):
        if lines[number - 1].lstrip().startswith("msgstr"):
            return number
    return lineno


def format_problems(path: str, lines: list[str], catalog: Any) -> list[Problem]:
    """Each translation must format with what the source string is given."""
    problems = []
    for message in catalog:
        if not message.id:
            continue
        ids = _ids(message)
        names = {name for text in ids for name in PLACEHOLDER.findall(text)}
        values = dict.fromkeys(names | ({"num"} if message.pluralizable else set()), 1)
        try:
            for text in ids:
                text % values
        except (KeyError, ValueError, TypeError):
            continue  # the source string itself cannot be formatted: the theme's mistake
        line = msgstr_line(lines, message.lineno)
        for string in _strings(message):
            try:
                string % values
            except KeyError as error:
                known = ", ".join(f"%({name})" for name in sorted(values)) or "none"
                reason = (
                    f"placeholder %({error.args[0]}) is not in the source string {ids[0]!r}"
                    f" (it has: {known})"
                )
            except (ValueError, TypeError) as error:
                reason = f"{string!r}: broken placeholder ({error}); write %% for a percent sign"
            else:
                continue
            problems.append(Problem(path, line, reason))
    return problems


def plural_problem(path: str, lines: list[str], catalog: Any) -> Problem | None:
    """A Plural-Forms expression Python's gettext would refuse."""
    try:
        c2py(catalog.plural_expr)
    except (ValueError, SyntaxError, RecursionError) as error:
        line = next((n for n, text in enumerate(lines, start=1) if "Plural-Forms" in text), 1)
        message = f"Plural-Forms: broken expression {catalog.plural_expr!r} ({error})"
        return Problem(path, line, message)
    return None
