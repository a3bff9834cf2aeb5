"""Markdown converted in several processes gives the bytes of a serial build."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.plugins.bilingual import parallel
from pelican.plugins.bilingual.testing import Site

PAIRS = 12


def add_texts(site: Site) -> None:
    """Texts with the parts of Markdown that keep state between documents:
    footnotes, abbreviations, a table of contents' ids, a Summary field."""
    for lang, category in (("en", "News"), ("fr", "Actualités")):
        for n in range(PAIRS):
            site.write(
                f"content/{lang}/text-{n}.md",
                f"Title: {lang} text {n}\nKey: text-{n}\nDate: 2026-06-{1 + n % 3:02d}\n"
                f"Category: {category}\nSummary: *short* {n}\n\n"
                f"## Part\n\nA note[^n{n % 2}] on HTML {n}.\n\n"
                f"[^n{n % 2}]: The note {n}.\n\n*[HTML]: Hypertext {n % 3}\n\n"
                "| a | b |\n|---|---|\n| 1 | 2 |\n\n## Part\n\nAgain.\n",
            )


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_parallel_reading_writes_the_bytes_of_a_serial_build(
    site: Site, monkeypatch: pytest.MonkeyPatch
):
    add_texts(site)
    taken: list[str] = []
    original = parallel.take

    def counting(path: str):
        result = original(path)
        if result is not None:
            taken.append(path)
        return result

    monkeypatch.setattr(parallel, "take", counting)
    site.build(OUTPUT_PATH=str(site.root / "serial"), BILINGUAL_READ_PROCESSES=1)
    assert not taken
    site.build(
        OUTPUT_PATH=str(site.root / "parallel"),
        BILINGUAL_READ_PROCESSES=2,
        BILINGUAL_PARALLEL_MIN_FILES=1,
    )
    assert len(taken) >= 2 * PAIRS  # every text came from a worker
    serial, in_parallel = files_of(site.root / "serial"), files_of(site.root / "parallel")
    assert sorted(serial) == sorted(in_parallel)
    assert [name for name in serial if serial[name] != in_parallel[name]] == []


def test_small_sites_and_warm_rebuilds_read_serially(site: Site):
    settings = site.settings(BILINGUAL_READ_PROCESSES=2)
    files = parallel.markdown_files(settings)
    assert files and not parallel.wanted(settings, files)  # fewer than 200 files
    settings.update(BILINGUAL_PARALLEL_MIN_FILES=1)
    assert parallel.wanted(settings, files)
    settings.update(CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    assert not parallel.wanted(settings, files)


def test_stalled_workers_leave_the_files_to_the_build(site: Site, monkeypatch: pytest.MonkeyPatch):
    """Workers that send nothing in time are given up on; the build's process
    reads every file itself (where a site's time limit applies) – same bytes."""
    add_texts(site)
    site.build(OUTPUT_PATH=str(site.root / "serial"), BILINGUAL_READ_PROCESSES=1)
    monkeypatch.setattr(parallel, "STALL_SECONDS", 0.0)
    results: list[object] = []
    original = parallel.take
    monkeypatch.setattr(parallel, "take", lambda path: results.append(r := original(path)) or r)
    site.build(
        OUTPUT_PATH=str(site.root / "stalled"),
        BILINGUAL_READ_PROCESSES=2,
        BILINGUAL_PARALLEL_MIN_FILES=1,
    )
    assert results and all(r is None for r in results)  # none came from a worker
    assert files_of(site.root / "stalled") == files_of(site.root / "serial")
