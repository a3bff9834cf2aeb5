"""``invoke translations``: the state of every content item and catalog.

Reads the content with Pelican's own readers (no build), pairs it with the
same code the build uses, and prints one line per key.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from babel.messages.pofile import read_po
from pelican.contents import Article, Page
from pelican.readers import Readers
from pelican.settings import read_settings

from .config import Config
from .errors import Problem
from .outdated import Stamp, text_hash, write_stamp
from .registry import Registry, pair
from .states import Findings, check


def read_content(settings: dict[str, Any], config: Config) -> list[Any]:
    from . import prepare  # the build's own per-item preparation

    readers = Readers(settings)
    base = settings["PATH"]
    items = []
    for paths, kind in ((settings["PAGE_PATHS"], Page), (settings["ARTICLE_PATHS"], Article)):
        for folder in paths:
            for root, _, names in sorted(os.walk(os.path.join(base, folder))):
                for name in sorted(names):
                    if name.rsplit(".", 1)[-1] not in readers.extensions:
                        continue
                    path = os.path.relpath(os.path.join(root, name), base)
                    item = readers.read_file(base, path, content_class=kind, context={})
                    item.source_path = os.path.join(base, path)
                    prepare(item, config)
                    items.append(item)
    return items


def load(settings_file: str) -> tuple[dict[str, Any], Config, Registry, Findings, list[Problem]]:
    settings = read_settings(settings_file)
    config = Config.from_settings(settings)
    registry, problems = pair(read_content(settings, config), config)
    return settings, config, registry, check(registry, config), problems


def table(config: Config, findings: Findings, root: str) -> str:
    def short(path: str | None) -> str:
        return os.path.relpath(path, root) if path else "—"

    header = ["key", *(f"{lang} file" for lang in config.languages), "state"]
    rows = [
        [row.key, *(short(row.files[lang]) for lang in config.languages), row.state]
        for row in findings.rows
    ]
    widths = [max(len(line[i]) for line in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        for line in [header, *rows]
    ]
    return "\n".join(line.rstrip() for line in lines)


def catalog_gaps(config: Config) -> list[str]:
    """Untranslated and fuzzy entries of the theme's message catalogs."""
    gaps = []
    if config.catalogs is None:
        return gaps
    for lang in config.languages:
        path = Path(config.catalogs) / lang / "LC_MESSAGES" / f"{config.domain}.po"
        if not path.exists():
            gaps.append(f"{path}: missing")
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            ident = message.id[0] if isinstance(message.id, tuple) else message.id
            if message.fuzzy:
                gaps.append(f"{path}:{message.lineno}: fuzzy: {ident!r}")
            elif not all(strings):
                gaps.append(f"{path}:{message.lineno}: untranslated: {ident!r}")
    return gaps


def acknowledge(registry: Registry, config: Config, key: str) -> list[str]:
    """Record the source's current text in every translation of ``key``."""
    group = registry.items.get(key)
    if not group:
        raise KeyError(key)
    source = group.get(config.default) or next(iter(group.values()))
    stamp = Stamp(source.lang, text_hash(source.source_path))
    written = []
    for lang, item in group.items():
        if lang != source.lang:
            write_stamp(item.source_path, stamp)
            written.append(item.source_path)
    return written
