#!/usr/bin/env python3
"""The live preview's edit loop at scale: save one page, time until the browser shows it.

The goal: on a site of 1,000 page pairs, a saved page shows in the browser
within 1 s. ``bench/preview_latency.py`` times the edit loop on the real site
(a few dozen pages); this bench times it where a rebuild is no longer cheap,
to measure how far the preview is from that goal.

    .venv/bin/python bench/edit_loop.py [--pairs 1000] [--rounds 10] [--pause 1.0]
                                        [--quiet 0.3] [--no-write]

A copy of the real site (content, theme and settings; plugins symlinked; the
repository's content is never touched) gets ``--pairs`` generated page pairs,
German and Russian, about 600 words each (``bench/bilingual_build.py``'s
texts), each Russian page acknowledged as translated from its German one
(``Translated_from``). ``invoke livereload`` (the new preview,
``plugins/preview``) serves it; Debian's Chromium (Playwright) shows the
German page of pair ``pairs // 2``. A round appends a unique word to that
page's Markdown file and times until the word is visible in the page; the
first round is not counted (the browser connects, the process warms up).
Rounds are ``--pause`` seconds apart; before the first, the bench waits until
other work on the machine is quiet (``--quiet``). The figures, with the
preview's own build time per save, are appended to bench/RESULTS.md unless
``--no-write``.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
import tempfile
import textwrap
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import bilingual_build as generated
import preview_latency as latency

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 900  # seconds for the first build; latency.Server.start waits 180
VISIBLE_TIMEOUT_MS = 120_000


def page_url(lang: str, number: int) -> str:
    """Where a generated page is served (pelicanconf.py: PAGE_URL = "{lang}/{slug}/")."""
    return f"/{lang}/{lang}-bench-{number}/"


def add_pairs(project: Path, pairs: int) -> Path:
    """Write ``pairs`` German and Russian pages into the project; the German source of
    pair ``pairs // 2`` is returned (the page the bench edits)."""
    from pelican.plugins.bilingual.outdated import text_hash

    rng = random.Random(pairs)
    folder = project / "content" / "pages"
    for number in range(pairs):
        german = folder / "de" / "bench" / f"{number}.md"
        for lang in ("de", "ru"):
            path = folder / lang / "bench" / f"{number}.md"
            head = f"Title: {generated.TITLE[lang]} {number}\nKey: bench-{number}\n"
            head += f"Slug: {lang}-bench-{number}\n"
            if lang == "ru":
                head += f"Translated_from: de@{text_hash(german)}\n"
            generated.write(path, f"{head}\n{generated.body(lang, rng)}")
    return folder / "de" / "bench" / f"{pairs // 2}.md"


def append_word(source: Path) -> str:
    """Save ``source`` with a unique word at its end, as an editor would; the word."""
    word = f"probe{uuid.uuid4().hex[:12]}"
    with source.open("a", encoding="utf-8") as handle:
        handle.write(f"\n{word}\n")
    return word


def start(server: latency.Server, timeout: float = START_TIMEOUT) -> float:
    """Start the preview, waiting up to ``timeout`` s for its first build; the seconds."""
    began = time.perf_counter()
    try:
        server.start()
    except RuntimeError:
        # Server.start gives up after 180 s; a big site may still be building.
        end = time.monotonic() + timeout - (time.perf_counter() - began)
        while time.monotonic() < end:
            if server.process is None or server.process.poll() is not None:
                raise
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(server.url, timeout=5) as page,
            ):
                if page.status == 200:
                    break
            time.sleep(0.5)
        else:
            raise
    return time.perf_counter() - began


def measure(page: Any, source: Path, rounds: int, pause: float) -> list[float]:
    """One warm-up round, then ``rounds`` timed ones: seconds from save to visible."""
    word = ""

    def save() -> None:
        nonlocal word
        word = append_word(source)

    def visible() -> None:
        page.wait_for_function(
            latency.HAS_WORD, arg=word, polling="raf", timeout=VISIBLE_TIMEOUT_MS
        )

    seconds = []
    for number in range(rounds + 1):
        time.sleep(pause)
        took = latency.timed(save, visible)
        if number:
            seconds.append(took)
        print(f"round {number}{'' if number else ' (warm-up)'}: {took:.2f} s", flush=True)
    return seconds


def disturbances(log: Path) -> list[str]:
    """What in the preview's log makes the timings suspect: restarts (the plugins
    are the working tree's; an edit there restarts the preview) and failed builds."""
    text = log.read_text(encoding="utf-8", errors="replace")
    found = {
        "restart(s) after a change to plugin code": text.count("Plugin code changed"),
        "build(s) with problems (preview NOT updated)": text.count("preview NOT updated"),
    }
    return [f"{count} {what}" for what, count in found.items() if count]


def count_files(folder: Path) -> int:
    return sum(1 for path in folder.rglob("*") if path.is_file())


def report(
    arguments: argparse.Namespace,
    seconds: list[float],
    build_times: list[float],
    first_build: float,
    files: tuple[int, int],
    loads: tuple[str, str],
    busy: float,
    suspect: list[str],
) -> str:
    """The Markdown section for bench/RESULTS.md."""
    intro = (
        f"{time.strftime('%Y-%m-%d')}; `--pairs {arguments.pairs} --rounds {arguments.rounds}"
        f" --pause {arguments.pause}`; Chromium {latency.chromium_version()}; load average"
        f" {loads[0]} before, {loads[1]} after; other work kept {busy:.0%} of the CPUs busy"
        f" before the first round. The real site plus {arguments.pairs} generated page pairs"
        f" (about 600 words a page): {files[0]} files in `content/`, {files[1]} files in the built"
        f" site. `invoke livereload` (`plugins/preview`) started in {first_build:.0f} s"
        f" (first build); Chromium showed `{page_url('de', arguments.pairs // 2)}`. Seconds"
        " from appending a word to that page's Markdown file to the word visible in the page"
        " (Playwright polling the DOM). Goal: at most 1 s."
    )
    lines = [
        "## Edit loop at scale: save to visible (`bench/edit_loop.py`)",
        "",
        textwrap.fill(intro, 100, break_on_hyphens=False),
        "",
        "| what | median (s) | min–max (s) | rounds |",
        "|---|---:|---:|---:|",
        f"| save to visible | {' | '.join(latency.summary(seconds))} | {len(seconds)} |",
    ]
    if build_times:
        lines.append(
            f"| the preview's own build per save (warm-up included) | {' | '.join(latency.summary(build_times))}"
            f" | {len(build_times)} |"
        )
    if suspect:
        lines += ["", f"The preview's log shows {', '.join(suspect)}: timings suspect."]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=int, default=1000, help="generated page pairs")
    parser.add_argument("--rounds", type=int, default=10, help="measured rounds")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between edits")
    parser.add_argument("--no-write", action="store_true", help="do not append to RESULTS.md")
    parser.add_argument(
        "--quiet",
        type=float,
        default=0.3,
        help="before the first round wait (up to 5 min) until other work keeps less than this"
        " share of the CPUs busy (0: do not wait)",
    )
    arguments = parser.parse_args()
    if arguments.pairs < 1 or arguments.rounds < 1:
        parser.error("--pairs and --rounds must be at least 1")
    if not Path(latency.CHROMIUM).exists():
        sys.exit(f"{latency.CHROMIUM} is missing: apt-get install chromium")

    loads_before = latency.load()
    with tempfile.TemporaryDirectory(prefix="edit-loop-bench-") as tmp:
        scratch = Path(tmp)
        project = latency.make_project(
            scratch / "site", (ROOT / "tasks.py").read_text(encoding="utf-8")
        )
        source = add_pairs(project, arguments.pairs)
        sources = count_files(project / "content")
        print(f"{arguments.pairs} pairs written; starting the preview", flush=True)
        log = scratch / "new.log"
        server = latency.Server("new", project, latency.free_port(), log)
        try:
            first_build = start(server)
            print(f"preview up after {first_build:.1f} s", flush=True)
            busy = latency.wait_for_quiet(arguments.quiet)
            url = f"http://localhost:{server.port}{page_url('de', arguments.pairs // 2)}"
            with latency.browser() as chromium:
                page = chromium.new_page()
                response = page.goto(url, wait_until="load")
                if response is None or response.status != 200:
                    status = response.status if response else "no response"
                    raise RuntimeError(f"{url}: {status}")
                seconds = measure(page, source, arguments.rounds, arguments.pause)
                page.close()
        except Exception:
            text = log.read_text(encoding="utf-8", errors="replace")
            print(f"--- the preview's log ends:\n{text[-3000:]}", file=sys.stderr)
            raise
        finally:
            server.stop()
        files = (sources, count_files(project / "output"))
        text = report(
            arguments,
            seconds,
            latency.server_build_times(log),
            first_build,
            files,
            (loads_before, latency.load()),
            busy,
            disturbances(log),
        )
    print(text)
    if not arguments.no_write:
        latency.append_to_results(text)


if __name__ == "__main__":
    main()
