"""The state of every content item and catalog, without building the site.

Reads the content with Pelican's own readers, prepares and pairs it with the
code the build uses, and decides each key's state with ``states.check``, so
``python -m pelican.plugins.bilingual status`` and the build agree. The
command line itself (arguments, output, exit status) is ``__main__.py``.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.contents import Article, Page
from pelican.generators import Generator
from pelican.readers import Readers
from pelican.settings import read_settings

from .addresses import content_clashes
from .catalogs import read_catalog
from .config import Config
from .errors import Problem
from .outdated import Stamp, text_hash, write_stamp
from .registry import Registry, pair
from .states import Findings, check


class UnreadableError(Exception):
    """The settings or a content file cannot be read."""

    def __init__(self, path: str | Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass
class Site:
    """What the command line needs of a site: settings, pairs and their states."""

    settings: dict[str, Any]
    config: Config
    registry: Registry
    findings: Findings
    problems: list[Problem]  # pairing problems (two files for one key, …)


def read_content(settings: dict[str, Any], config: Config) -> list[Any]:
    from . import prepare  # the build's own per-item preparation

    readers = Readers(settings)
    base = settings["PATH"]
    # Pelican's own file finder, with its exclusions (articles skip PAGE_PATHS …).
    finder = object.__new__(Generator)
    finder.path, finder.settings = base, settings
    items = []
    for kind, content_class in (("PAGE", Page), ("ARTICLE", Article)):
        found = finder.get_files(
            settings[f"{kind}_PATHS"],
            exclude=settings[f"{kind}_EXCLUDES"],
            extensions=readers.extensions,
        )
        for path in sorted(found):
            try:
                item = readers.read_file(base, path, content_class=content_class, context={})
            except Exception as error:  # Pelican's readers raise anything
                where = os.path.join(base, path)
                raise UnreadableError(where, f"cannot be read: {error}") from error
            item.source_path = os.path.join(base, path)
            prepare(item, config)
            items.append(item)
    return items


def load(settings_file: str | Path) -> Site:
    """Read the site as the build would, and decide every key's state."""
    if not Path(settings_file).is_file():
        raise UnreadableError(settings_file, "no such settings file")
    # Pelican's advice on feeds and time zones concerns a build, not this report.
    settings_logger = logging.getLogger("pelican.settings")
    level = settings_logger.level
    settings_logger.setLevel(logging.ERROR)
    try:
        settings = read_settings(str(settings_file))
    except Exception as error:  # a settings file is Python: any mistake
        raise UnreadableError(settings_file, f"cannot be read: {error}") from error
    finally:
        settings_logger.setLevel(level)
    config = Config.take_over(settings)  # as the build does: language from the folder …
    registry, problems = pair(read_content(settings, config), config)
    problems += content_clashes(registry)  # items only: the status reads no theme
    return Site(settings, config, registry, check(registry, config), problems)


def table(config: Config, findings: Findings, root: str) -> str:
    """One line per key: its file in each language (relative to ``root``), its state."""

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


def catalog_gaps(config: Config) -> list[Problem]:
    """Untranslated and fuzzy entries of the theme's message catalogs.

    A missing catalog is a gap at line 0 (the file has no lines).
    """
    gaps: list[Problem] = []
    if config.catalogs is None:
        return gaps
    for lang in config.languages:
        path = Path(config.catalogs) / lang / "LC_MESSAGES" / f"{config.domain}.po"
        if not path.exists():
            gaps.append(Problem(str(path), 0, "missing"))
            continue
        broken: list[Problem] = []
        catalog = read_catalog(path, broken, config.languages[lang].locale)
        gaps.extend(broken)  # named as the build names them
        if catalog is None:
            continue
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            ident = message.id[0] if isinstance(message.id, tuple) else message.id
            if message.fuzzy:
                gaps.append(Problem(str(path), message.lineno, f"fuzzy: {ident!r}"))
            elif not all(strings):
                gaps.append(Problem(str(path), message.lineno, f"untranslated: {ident!r}"))
    return gaps


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".mdwn")


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
            if Path(item.source_path).suffix.lower() not in MARKDOWN_SUFFIXES:
                reason = f"add 'Translated_from: {stamp}' by hand (only Markdown is written)"
                raise UnreadableError(item.source_path, reason)
            write_stamp(item.source_path, stamp, after=config.key)
            written.append(item.source_path)
    return written
