"""The files gap markers are looked for in: every file Pelican would read.

A marker in a ``.markdown`` or ``.mdown`` file is published like one in a
``.md`` file, so the check must find it there too; which extensions Pelican
reads is Pelican's answer (its readers and the ``READERS`` setting), not a
list of our own.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pelican.readers import Readers


def read_extensions(settings: Mapping[str, Any]) -> set[str]:
    """The file extensions (without dot, lower case) Pelican reads with these settings."""
    return {extension.lower() for extension in Readers(dict(settings)).extensions}


def content_files(content: Path, extensions: set[str]) -> list[Path]:
    """Every file below ``content`` that Pelican would read, in a stable order."""
    return sorted(
        path
        for path in content.rglob("*")
        if path.suffix[1:].lower() in extensions and path.is_file()
    )
