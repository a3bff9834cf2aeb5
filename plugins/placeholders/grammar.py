"""The one grammar of a gap marker, for the page that shows it and the check that counts it.

Editors hard-wrap their text and do not always hold the shift key, so a
marker may break across lines and be written in any case (``[[tba: …]]``,
``[[ TBA : …]]``). What merely looks like a marker (one bracket, no colon,
another word, no closing brackets) would otherwise be published as plain
text and escape the count; it is an error instead. The renderer (Markdown
extension, ``as_html``/``as_text``) and ``invoke check --publish`` both read
markers through this module, so they never disagree on what a marker is.
"""

from __future__ import annotations

import re

# Text of a marker: anything but brackets, across line breaks but not across
# a blank line (a marker never spans two paragraphs).
_TEXT = r"(?P<text>(?:(?!\n[ \t]*\n)[^\[\]])+?)"
MARKER = re.compile(r"\[\[\s*(?i:tba)\s*:\s*" + _TEXT + r"\s*\]\]")

# Something that starts like a marker: brackets, then TBA or a word like it.
# (Only from a run's first bracket: thousands of brackets must stay cheap.)
_OPENING = re.compile(r"(?<!\[)(?P<brackets>\[+)\s*(?P<word>(?i:tb[a-z]|todo))\b(?P<colon>\s*:)?")
# A marker's end without its beginning: "TBA: text]]".
_HEADLESS = re.compile(r"(?<![\[\w])(?i:tba)\s*:[^\[\]]*?\]\]")
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n|\Z")


def text_of(match: re.Match) -> str:
    """A marker's text on one line, however the editor wrapped it."""
    return " ".join(match["text"].split())


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def markers(text: str) -> list[tuple[int, str]]:
    """(line, text) of every marker in a file's text; the line is where it starts."""
    return [(line_at(text, m.start()), text_of(m)) for m in MARKER.finditer(text)]


def near_misses(text: str) -> list[tuple[int, str]]:
    """(line, message) for every near miss: text an editor meant as a marker
    that is none, so it would be published as is and never counted."""
    # Blank out the real markers, keeping offsets and line breaks.
    rest = MARKER.sub(lambda m: re.sub(r"[^\n]", " ", m[0]), text)
    found = []
    for match in _OPENING.finditer(rest):
        message = _opening_mistake(match, rest)
        if message:
            found.append((line_at(rest, match.start()), message))
    for match in _HEADLESS.finditer(rest):
        message = "a gap marker starts with two brackets: write [[TBA: …]]"
        found.append((line_at(rest, match.start()), message))
    return sorted(set(found))


def _opening_mistake(match: re.Match, rest: str) -> str | None:
    shown = " ".join(rest[match.start() : match.end()].split())
    if len(match["brackets"]) != 2:
        return f"'{shown}' is not a gap marker: write two brackets, [[TBA: …]]"
    if match["word"].casefold() != "tba":
        return f"'{shown}' is not a gap marker: write [[TBA: …]]"
    if not match["colon"]:
        return f"'{shown}' is not a gap marker: write a colon after TBA, [[TBA: …]]"
    end = _PARAGRAPH_END.search(rest, match.end()).start()
    if "]]" not in rest[match.end() : end]:
        return "the gap marker is not closed: end it with ]] in the same paragraph"
    return "the gap marker holds no text or a bracket: write [[TBA: what is missing]]"
