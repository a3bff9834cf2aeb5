"""Outdated translations: a translation records the version of its source.

A translation carries ``Translated_from: de@1a2b3c4d`` — the source's
language and a short hash of the source's text (title, summary and body) at
the time it was translated. When the source's text changes, the hash no
longer matches and the translation is outdated. ``python -m
pelican.plugins.bilingual acknowledge KEY`` records the current hash: after a
re-translation, or to accept a change the editor judges minor (a typo fix).

The format of a stamp is defined here and nowhere else: the build, the
command line and sitecheck all ask ``parse_stamp``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter

FIELD = "translated_from"
WRITTEN = "Translated_from"  # how the plugin spells the field when it writes it
STAMP = re.compile(r"^(?P<lang>[a-z]{2,3}(?:[_-][A-Za-z]+)?)@(?P<hash>[0-9a-f]{8,64})$")
HASH_LENGTH = 8


@dataclass(frozen=True)
class Stamp:
    lang: str
    digest: str

    def __str__(self) -> str:
        return f"{self.lang}@{self.digest}"


def parse_stamp(value: str) -> Stamp | None:
    """The stamp in a ``Translated_from`` value, or None if it is not one."""
    match = STAMP.match(value.strip())
    return Stamp(match["lang"], match["hash"]) if match else None


def text_hash(path: str | Path) -> str:
    """What a translator translates: title, summary and body, spacing aside.

    Title and summary include their continuation lines, so a change there
    makes translations outdated too. White space is collapsed, so a value
    that moves onto a continuation line hashes as before.
    """
    matter = frontmatter.read(path)
    parts = [matter.value("title"), matter.value("summary"), matter.body]
    normalised = "\n".join(" ".join(part.split()) for part in parts)
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def write_stamp(path: str | Path, stamp: Stamp, after: str = "key") -> None:
    """Record ``Translated_from`` in a translation's metadata, keeping the rest.

    A new stamp goes after the pairing field ``after`` (BILINGUAL_KEY).
    """
    frontmatter.set_field(path, WRITTEN, str(stamp), after=after)
