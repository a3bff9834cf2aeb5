"""The same content gives the same bytes in every build, whatever Python's
hash seed: lists, feeds and the sitemap order items of one date by their key
and language, never by the order Pelican happened to find the files in (a
set, whose order follows the seed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pelican.plugins.bilingual.testing import Site

BUILD = """
import sys
from pathlib import Path
from pelican.plugins.bilingual.testing import Site
Site(Path(sys.argv[1])).build(
    OUTPUT_PATH=sys.argv[2], DEFAULT_PAGINATION=3, LOCALE=["C"]
)
"""

SAME_DAY = 9  # items per language on one date, more than a page of the list holds


def add_same_day_news(site: Site) -> None:
    for lang, category, tag in (("en", "News", "music"), ("fr", "Actualités", "musique")):
        for n in range(SAME_DAY):
            tags = f"{tag}, day" if n % 2 else tag
            site.write(
                f"content/{lang}/same-day-{n}.md",
                f"Title: {lang} item {n}\nKey: same-day-{n}\nDate: 2026-06-01 10:00\n"
                f"Category: {category}\nTags: {tags}\n\nText {n}.\n",
            )


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def build_with_seed(site: Site, seed: int) -> dict[str, bytes]:
    output = site.root.parent / f"output-{seed}"
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    subprocess.run(
        [sys.executable, "-c", BUILD, str(site.root), str(output)],
        check=True,
        cwd=site.root,
        env=env,
        capture_output=True,
    )
    return files_of(output)


def test_two_hash_seeds_write_the_same_bytes(site: Site):
    add_same_day_news(site)
    first = build_with_seed(site, 1)
    assert "en/index3.html" in first and "feeds/all-fr.atom.xml" in first  # paginated, fed
    for seed in (2,):
        other = build_with_seed(site, seed)
        assert sorted(other) == sorted(first)
        differing = [name for name in sorted(first) if first[name] != other[name]]
        assert not differing, f"seed 1 and seed {seed} differ in {differing}"


def test_items_of_one_date_go_by_key_then_language(site: Site):
    add_same_day_news(site)
    site.build(DEFAULT_PAGINATION=False)
    index = site.html("en/index.html")
    positions = [index.index(f"en item {n}<") for n in range(SAME_DAY)]
    assert positions == sorted(positions)
