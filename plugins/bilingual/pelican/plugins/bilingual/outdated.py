"""Outdated translations: a translation records the version of its source.

A translation carries ``Translated_from: de@1a2b3c4d`` — the source's
language and a short hash of the source's text (title, summary and body) at
the time it was translated. When the source's text changes, the hash no
longer matches and the translation is outdated. ``invoke translations
--acknowledge KEY`` records the current hash: after a re-translation, or to
accept a change the editor judges minor (a typo fix).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

FIELD = "translated_from"
HEADER_LINE = re.compile(r"^(?P<name>[A-Za-z][\w-]*)\s*:\s*(?P<value>.*)$")
STAMP = re.compile(r"^(?P<lang>[a-z]{2,3}(?:[_-][A-Za-z]+)?)@(?P<hash>[0-9a-f]{8,64})$")
HASH_LENGTH = 8


@dataclass(frozen=True)
class Stamp:
    lang: str
    digest: str

    def __str__(self) -> str:
        return f"{self.lang}@{self.digest}"


def parse_stamp(value: str) -> Stamp | None:
    match = STAMP.match(value.strip())
    return Stamp(match["lang"], match["hash"]) if match else None


def split_header(text: str) -> tuple[list[str], str]:
    """Markdown metadata lines (up to the first blank line) and the body."""
    lines = text.splitlines()
    header: list[str] = []
    for number, line in enumerate(lines):
        if not line.strip():
            return header, "\n".join(lines[number + 1 :])
        header.append(line)
    return header, ""


def text_hash(path: str | Path) -> str:
    """What a translator translates: title, summary and body, spacing aside."""
    header, body = split_header(Path(path).read_text(encoding="utf-8"))
    fields = {}
    for line in header:
        match = HEADER_LINE.match(line)
        if match:
            fields[match["name"].lower()] = match["value"].strip()
    parts = [fields.get("title", ""), fields.get("summary", ""), body]
    normalised = "\n".join(" ".join(part.split()) for part in parts)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def write_stamp(path: str | Path, stamp: Stamp) -> None:
    """Record ``Translated_from`` in a translation's metadata, keeping the rest."""
    path = Path(path)
    header, body = split_header(path.read_text(encoding="utf-8"))
    line = f"Translated_from: {stamp}"
    names = [(HEADER_LINE.match(h) or {"name": ""})["name"].lower() for h in header]
    if FIELD in names:
        header[names.index(FIELD)] = line
    else:
        after = names.index("key") + 1 if "key" in names else len(header)
        header.insert(after, line)
    path.write_text("\n".join(header) + "\n\n" + body.rstrip("\n") + "\n", encoding="utf-8")
