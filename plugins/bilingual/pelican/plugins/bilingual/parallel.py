"""Markdown converted on every core for a cold build of a large site.

Python-Markdown takes two thirds of a large site's build, one file after the
other. Before Pelican reads anything, a cold build (no content cache to load)
of at least ``BILINGUAL_PARALLEL_MIN_FILES`` (200) Markdown files converts them in
``BILINGUAL_READ_PROCESSES`` forked processes (0, the default: one per core; 1:
serially; measured in bench/RESULTS.md); the
reader then takes each file's HTML and raw metadata from there, and does the
rest – metadata fields, Pelican's own processing – in the build's process, in
Pelican's order, as in a serial build. A worker converts with one reused
converter as the reader does (``reader.py``), so the output is byte-identical
to a serial build. A file a worker could not convert (an error, a file changed
since) is read serially, so its message is the serial build's.
"""

from __future__ import annotations

import fnmatch
import multiprocessing
import os
from typing import Any

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from .config import DEFAULTS

# Seconds without a converted file after which the workers are given up on.
STALL_SECONDS = 10.0

# The converted files of the current run: path -> (stamp, html, raw metadata).
_converted: dict[str, tuple[tuple[int, int], str, dict[str, list[str]]]] = {}
_worker_settings: dict[str, Any] = {}
_worker_converter: list[Markdown] = []


def _stamp(path: str) -> tuple[int, int]:
    stat = os.stat(path)
    return stat.st_mtime_ns, stat.st_size


def markdown_files(settings: dict[str, Any]) -> list[str]:
    """The Markdown files below the article and page folders, sorted."""
    root = settings["PATH"]
    ignores = settings.get("IGNORE_FILES", [])
    found: set[str] = set()
    for folder in {*settings.get("ARTICLE_PATHS", []), *settings.get("PAGE_PATHS", [])}:
        top = os.path.join(root, folder) if folder else root
        for dirpath, dirs, files in os.walk(top, followlinks=True):
            dirs[:] = [d for d in dirs if not any(fnmatch.fnmatch(d, i) for i in ignores)]
            for name in files:
                if name.rsplit(".", 1)[-1] in MarkdownReader.file_extensions and not any(
                    fnmatch.fnmatch(name, i) for i in ignores
                ):
                    found.add(os.path.abspath(os.path.join(dirpath, name)))
    return sorted(found)


def _convert(path: str) -> tuple[str, tuple[tuple[int, int], str, dict[str, list[str]]] | None]:
    """In a worker: the file's HTML and raw metadata, or None to read it serially."""
    try:
        if not _worker_converter:
            _worker_converter.append(Markdown(**_worker_settings["MARKDOWN"]))
        document = _worker_converter[0]
        stamp = _stamp(path)
        document.reset()
        with pelican_open(path) as text:
            html = document.convert(text)
        meta = dict(getattr(document, "Meta", None) or {})
        return path, (stamp, html, meta)
    except Exception:  # the serial read reports it as usual
        if _worker_converter:
            _worker_converter[0].reset()
        return path, None


def processes(settings: dict[str, Any]) -> int:
    wanted = settings.get("BILINGUAL_READ_PROCESSES", DEFAULTS["BILINGUAL_READ_PROCESSES"])
    if wanted == 0:  # one per core the process may use; Linux tells, and forks safely
        wanted = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(int(wanted or 1), 1)


def _may_run(settings: dict[str, Any]) -> bool:
    """A cold build, with forking and more than one process to use: what the
    settings decide, before the content folder is walked."""
    if settings.get("LOAD_CONTENT_CACHE") and settings.get("CACHE_CONTENT"):
        return False  # a warm rebuild reads only what changed
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    return processes(settings) > 1


def wanted(settings: dict[str, Any], files: list[str]) -> bool:
    """Only for a cold build with more than one process to use and enough files."""
    minimum = settings.get("BILINGUAL_PARALLEL_MIN_FILES", DEFAULTS["BILINGUAL_PARALLEL_MIN_FILES"])
    return _may_run(settings) and len(files) >= minimum


def convert_ahead(pelican: Any) -> None:
    """At the start of a run: convert the site's Markdown on every core."""
    _converted.clear()
    settings = pelican.settings
    if not _may_run(settings):
        return
    files = markdown_files(settings)
    if not wanted(settings, files):
        return
    _worker_settings.clear()
    # The reader completes MARKDOWN (its extensions, meta) in place, as every
    # reader Pelican makes later will again: the workers convert with those.
    MarkdownReader(settings)
    _worker_settings["MARKDOWN"] = settings["MARKDOWN"]
    _worker_converter.clear()
    count = processes(settings)
    chunk = max(len(files) // (count * 8), 1)
    with multiprocessing.get_context("fork").Pool(count) as pool:
        results = pool.imap_unordered(_convert, files, chunksize=chunk)
        while True:
            try:
                path, result = results.next(timeout=STALL_SECONDS)
            except StopIteration:
                break
            except multiprocessing.TimeoutError:
                # A file that takes this long (a pathological one) is read in the
                # build's process with the rest, where a site's own time limit
                # applies (leaving the pool ends the workers).
                break
            if result is not None:
                _converted[path] = result


def take(path: str) -> tuple[str, dict[str, list[str]]] | None:
    """The converted HTML and raw metadata of ``path``, if converted ahead and unchanged."""
    entry = _converted.pop(os.path.abspath(path), None)
    if entry is None:
        return None
    stamp, html, meta = entry
    try:
        return (html, meta) if _stamp(path) == stamp else None
    except OSError:
        return None
