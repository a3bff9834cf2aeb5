"""The one reader (and writer) of a Markdown file's front matter.

Pelican hands the metadata to plugins without line numbers, and several parts
of the site need the front matter as written: error messages name the line of
a field, the outdated-translation check hashes the title, summary and body,
``Translated_from`` is written back into the file, and sitecheck checks every
field before Pelican reads it. They all read it here, so they cannot disagree
about where a field starts, what a continuation line belongs to or where the
body begins.

The rules are those of Python-Markdown's meta extension, which Pelican's
Markdown reader uses (after Python-Markdown has normalised the text): an
optional ``---`` first line; ``Name: value`` lines (up to three spaces before
the name); a line indented by four or more spaces (a tab counts as four)
continues the previous value; a blank line, or ``---`` / ``...``, ends the
front matter. Any other line ends it too – Python-Markdown then takes that
line as the start of the body, and this reader reports it as a problem, since
an editor almost always meant it as metadata or forgot the blank line. A BOM
(Pelican strips it) and Windows line ends are accepted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem

BOM = "\ufeff"
FIELD = re.compile(r"^[ ]{0,3}(?P<name>[A-Za-z0-9_-]+):\s*(?P<value>.*)$")
MORE = re.compile(r"^[ ]{4,}(?P<value>.*)$")
BEGIN = re.compile(r"^-{3}(\s.*)?$")
END = re.compile(r"^(-{3}|\.{3})(\s.*)?$")
TAB_LENGTH = 4  # Python-Markdown's default, used when it expands tabs
LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")  # ends as Python-Markdown sees them


@dataclass(frozen=True)
class Field:
    """One metadata field: its value with continuation lines joined by a space."""

    name: str  # lower case, as Pelican's metadata keys are
    written: str  # as the editor spelled it, for messages
    value: str
    line: int  # where the field starts (1-based)
    end: int  # its last line, continuation lines included


@dataclass
class FrontMatter:
    """A file's front matter, its body, and what is wrong with the front matter."""

    path: str
    fields: dict[str, Field] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    problems: list[Problem] = field(default_factory=list)
    # What the writer needs to give the file back as it found it.
    lines: list[str] = field(default_factory=list, repr=False)  # with their line ends
    header_end: int = 0  # index of the first line after the last field's last line
    bom: bool = False
    newline: str = "\n"

    def value(self, name: str, default: str = "") -> str:
        entry = self.fields.get(name.lower())
        return entry.value if entry is not None else default

    def line_of(self, name: str) -> int:
        """The line where a field starts; 1 when the file does not have it."""
        entry = self.fields.get(name.lower())
        return entry.line if entry is not None else 1


@dataclass
class _Open:
    """A field while its continuation lines are being read."""

    written: str
    parts: list[str]
    line: int
    end: int


def _not_metadata(path: str, number: int, line: str) -> Problem:
    message = (
        f"'{line.strip()[:40]}' is not a metadata line like 'Title: …';"
        " a blank line must separate the metadata from the text"
    )
    return Problem(path, number, message)


def parse(text: str, path: str | Path = "") -> FrontMatter:
    """Read front matter from a file's text (see the module's docstring)."""
    result = FrontMatter(str(path))
    if text.startswith(BOM):
        text, result.bom = text[1:], True
    if "\r\n" in text:
        result.newline = "\r\n"
    result.lines = LINE.findall(text)
    plain = [line.rstrip("\r\n").expandtabs(TAB_LENGTH) for line in result.lines]
    start = 1 if plain and BEGIN.match(plain[0]) else 0
    opened: dict[str, _Open] = {}
    current: _Open | None = None  # what the next continuation line extends
    result.header_end = body = start
    for index in range(start, len(plain)):
        line, number = plain[index], index + 1
        body = index + 1
        if not line.strip() or END.match(line):
            break
        match, more = FIELD.match(line), MORE.match(line)
        if match is not None:
            name = match["name"].lower()
            current = _Open(match["name"], [match["value"].strip()], number, number)
            if name in opened:  # Pelican keeps the first; the second is a mistake
                message = f"'{match['name']}' is given twice (also line {opened[name].line})"
                result.problems.append(Problem(result.path, number, message))
            else:
                opened[name] = current
        elif more is not None and current is not None:
            current.parts.append(more["value"].strip())
            current.end = number
        else:  # Python-Markdown starts the body here
            result.problems.append(_not_metadata(result.path, number, line))
            body = index
            break
        result.header_end = index + 1
    for name, entry in opened.items():
        value = " ".join(part for part in entry.parts if part)
        result.fields[name] = Field(name, entry.written, value, entry.line, entry.end)
    result.body = "\n".join(line.rstrip("\r\n") for line in result.lines[body:])
    result.body_line = body + 1
    return result


def read(path: str | Path) -> FrontMatter:
    """Read a file's front matter (UTF-8, as Pelican reads it).

    Read as bytes: ``read_text`` would turn Windows line ends into ``\\n``,
    and the writer must give them back as they were.
    """
    return parse(Path(path).read_bytes().decode("utf-8"), path)


def line_of(path: str | Path, name: str) -> int:
    """Line of a metadata field in a Markdown file (1 if it is not there).

    Pelican's readers do not keep line numbers; the front matter is short, so
    reading the file again on the rare error path is cheap.
    """
    try:
        return read(path).line_of(name)
    except (OSError, UnicodeDecodeError):
        return 1


def set_field(path: str | Path, written: str, value: str, after: str | None = None) -> None:
    """Give a field one value in a file's front matter, keeping everything else.

    An existing field (with its continuation lines) is replaced where it is;
    a new one goes after the field ``after`` (with its continuation lines) or,
    without that field, at the end of the front matter. The BOM and the line
    ends of the file are kept.
    """
    path = Path(path)
    matter = read(path)
    lines = list(matter.lines)
    newline = matter.newline
    new = f"{written}: {value}{newline}"
    existing = matter.fields.get(written.lower())
    anchor = matter.fields.get(after.lower()) if after else None
    if existing is not None:
        lines[existing.line - 1 : existing.end] = [new]
    else:
        at = anchor.end if anchor is not None else matter.header_end
        if at > 0 and not lines[at - 1].endswith(("\n", "\r")):
            lines[at - 1] += newline
        insert = [new] if matter.fields else [new, newline]
        lines[at:at] = insert
    text = (BOM if matter.bom else "") + "".join(lines)
    path.write_bytes(text.encode("utf-8"))
