#!/usr/bin/env python3
"""Save-to-visible latency of the live preview, in a real browser.

    .venv/bin/pip install -r bench/requirements.txt   # python-livereload, for "old"
    .venv/bin/python bench/preview_latency.py [--rounds 15] [--block 5] [--pause 3.5]
                                              [--builds 10] [--quiet 0.3] [--no-write]

Both live previews run on a copy of the real site (content, theme and
settings copied into a temporary folder; the repository's content is never
touched), each started as an editor starts it, ``invoke livereload``:

* ``old``: the task as it was at git HEAD before the preview package (the
  commit before tasks.py imported it): python-livereload, a Pelican process
  per save;
* ``new``: the task in the working tree: ``plugins/preview``.

Debian's Chromium (Playwright) shows ``/de/tagungsort/``. A round appends a
unique word to that page's Markdown file and times until the word is visible
in the page. For the new preview a round also saves a mistake (``Key:`` becomes
``Kex:``) and times until the error page shows, then the fix until the page is
back. The previews take turns in blocks of ``--block`` rounds, so before and
after come from one run on one machine; each block begins with one round that
is not counted (the browser connects, the process warms up). Edits are
``--pause`` seconds apart (python-livereload drops a reload that follows the
last one within 3 s); before each block the bench waits until other work on
the machine is quiet (``--quiet``).

``--builds N`` also times N in-process builds with what Pelican offers for
repeated builds, and checks that each variant writes the same site.
The figures are appended to bench/RESULTS.md unless ``--no-write``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import logging
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PAGE = "/de/tagungsort/"
SOURCE = "content/pages/de/tagungsort.md"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 60_000
LOST_AFTER_MS = 20_000

HAS_WORD = "word => document.body !== null && document.body.innerText.includes(word)"
SHOWS_PROBLEMS = "() => document.getElementById('preview-problems') !== null"
BACK_WITH_WORD = (
    "word => document.getElementById('preview-problems') === null"
    " && document.body !== null && document.body.innerText.includes(word)"
)


def make_project(folder: Path, tasks_text: str) -> Path:
    """A copy of the site an editor would work in; plugins are the repository's."""
    folder.mkdir(parents=True)
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(ROOT / "theme", folder / "theme")
    shutil.copy2(ROOT / "pelicanconf.py", folder / "pelicanconf.py")
    (folder / "plugins").symlink_to(ROOT / "plugins", target_is_directory=True)
    (folder / "tasks.py").write_text(tasks_text, encoding="utf-8")
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    """``invoke livereload`` in a project folder, in its own process group."""

    name: str
    project: Path
    port: int
    log: Path
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}{PAGE}"

    def start(self) -> None:
        command = [sys.executable, "-m", "invoke", "--search-root", str(self.project)]
        command += ["livereload", "--port", str(self.port)]
        env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                cwd=self.project,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        end = time.monotonic() + 180
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} ended at start; see {self.log}")
            with contextlib.suppress(OSError), urllib.request.urlopen(self.url, timeout=5) as page:
                if page.status == 200:
                    return
            time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start; see {self.log}")

    def stop(self) -> None:
        """Ctrl-C for the whole process group (livereload runs Pelican processes)."""
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@dataclass
class Timings:
    values: dict[str, list[float]] = field(default_factory=dict)
    lost: dict[str, int] = field(default_factory=dict)  # edits never shown

    def add(self, what: str, seconds: float) -> None:
        self.values.setdefault(what, []).append(seconds)


def timed(save: Callable[[], None], wait: Callable[[], None]) -> float:
    start = time.perf_counter()
    save()
    wait()
    return time.perf_counter() - start


def append_word(project: Path) -> str:
    word = f"probe{uuid.uuid4().hex[:12]}"
    with (project / SOURCE).open("a", encoding="utf-8") as source:
        source.write(f"\n{word}\n")
    return word


def replace(project: Path, old: str, new: str) -> None:
    path = project / SOURCE
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {SOURCE}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run_block(page: Any, server: Server, rounds: int, pause: float, timings: Timings) -> None:
    """One warm-up round, then ``rounds`` measured ones.

    Before each edit the page rests ``pause`` seconds: python-livereload drops a
    reload that comes less than 3 s after the last one, so an editor who saves
    again sooner does not see the change at all. Such a lost change (nothing
    visible within the time limit) is counted, not timed, and the page reloaded.
    """
    from playwright.sync_api import TimeoutError as NotVisible

    word = ""

    def save_word() -> None:
        nonlocal word
        word = append_word(server.project)

    def word_visible() -> None:
        page.wait_for_function(HAS_WORD, arg=word, polling="raf", timeout=LOST_AFTER_MS)

    for number in range(rounds + 1):
        time.sleep(pause)
        try:
            seconds = timed(save_word, word_visible)
        except NotVisible:
            timings.lost[server.name] = timings.lost.get(server.name, 0) + 1
            page.reload(wait_until="load")
            continue
        if number == 0:
            continue
        timings.add(f"{server.name}: edit visible", seconds)
        if server.name == "new":
            mistake = timed(
                lambda: replace(server.project, "Key: venue", "Kex: venue"),
                lambda: page.wait_for_function(SHOWS_PROBLEMS, polling="raf", timeout=TIMEOUT_MS),
            )
            fix = timed(
                lambda: replace(server.project, "Kex: venue", "Key: venue"),
                lambda: page.wait_for_function(
                    BACK_WITH_WORD, arg=word, polling="raf", timeout=TIMEOUT_MS
                ),
            )
            timings.add("new: mistake, error page visible", mistake)
            timings.add("new: fix, page back", fix)


def old_survives_a_mistake(server: Server) -> str:
    """What the old task does after a saved mistake (the brief: it ends)."""
    server.start()
    replace(server.project, "Key: venue", "Kex: venue")
    start = time.perf_counter()
    try:
        assert server.process is not None
        status = server.process.wait(timeout=30)
        return f"ended (exit status {status}) {time.perf_counter() - start:.1f} s after the save"
    except subprocess.TimeoutExpired:
        return "still running 30 s after the save"
    finally:
        server.stop()
        replace(server.project, "Kex: venue", "Key: venue")


def summary(values: list[float]) -> tuple[str, str]:
    return f"{statistics.median(values):.2f}", f"{min(values):.2f}–{max(values):.2f}"


def server_build_times(log: Path) -> list[float]:
    """The preview's own figure for each build after a save (not those at start)."""
    found, after_save = [], False
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("changed: "):
            after_save = True
        elif after_save and (figure := re.search(r"preview updated \((\d+\.\d+) s\)", line)):
            found.append(float(figure[1]))
            after_save = False
    return found


# --- in-process build variants -------------------------------------------------


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def in_process_builds(project: Path, count: int, scratch: Path) -> list[tuple[str, str, str, str]]:
    """Time ``count`` builds (each after a save) per variant; compare the output."""
    import pelican.log
    from pelican import Pelican
    from pelican.settings import read_settings

    handler = logging.StreamHandler()
    handler.setLevel(logging.ERROR)
    pelican.log.init(level=logging.WARNING, handler=handler)
    cache = scratch / "pelican-cache"
    templates = str(scratch / "templates")
    variants: list[tuple[str, dict[str, object]]] = [
        ("new Pelican per build, in one process", {"BILINGUAL_TEMPLATE_CACHE": False}),
        (
            "+ compiled templates kept (BILINGUAL_TEMPLATE_CACHE)",
            {"BILINGUAL_TEMPLATE_CACHE": templates},
        ),
        (
            "+ CACHE_CONTENT, LOAD_CONTENT_CACHE, reader layer, no gzip (the preview)",
            {
                "BILINGUAL_TEMPLATE_CACHE": templates,
                "CACHE_CONTENT": True,
                "LOAD_CONTENT_CACHE": True,
                "CONTENT_CACHING_LAYER": "reader",
                "GZIP_CACHE": False,
                "CACHE_PATH": str(cache),
            },
        ),
    ]
    original = (project / SOURCE).read_text(encoding="utf-8")

    def build(options: dict[str, object], output: Path) -> float:
        override = dict(options)
        override.update({"SECURITY_HEADERS": {}, "OUTPUT_PATH": str(output)})
        start = time.perf_counter()
        settings = read_settings(str(project / "pelicanconf.py"), override=override)
        with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
            Pelican(settings).run()
        return time.perf_counter() - start

    reference = fingerprint_of_build(build, {}, scratch / "reference")
    rows = []
    for name, options in variants:
        build(options, scratch / "warm")  # fills the caches; not counted
        seconds = []
        for _ in range(count):
            append_word(project)
            folder = scratch / f"b{uuid.uuid4().hex[:8]}"
            seconds.append(build(options, folder))
            shutil.rmtree(folder)
        (project / SOURCE).write_text(original, encoding="utf-8")
        time.sleep(0.01)  # a new mtime for the reader cache
        same = fingerprint_of_build(build, options, scratch / "check") == reference
        rows.append((name, *summary(seconds), "yes" if same else "NO"))
    return rows


def fingerprint_of_build(
    build: Callable[[dict[str, object], Path], float], options: dict[str, object], folder: Path
) -> dict[str, str]:
    shutil.rmtree(folder, ignore_errors=True)
    build(options, folder)
    found = fingerprint(folder)
    shutil.rmtree(folder)
    return found


# --- report --------------------------------------------------------------------


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cpu_busy(seconds: float = 1.0) -> float:
    """Share of all CPUs busy over the next ``seconds`` (from /proc/stat)."""

    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        idle = fields[3] + fields[4]  # idle + iowait
        return sum(fields), idle

    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


def wait_for_quiet(limit: float, patience: float = 300) -> float:
    """Wait (up to ``patience`` s) until other work leaves the machine alone."""
    end = time.monotonic() + patience
    busy = cpu_busy()
    while limit and busy > limit and time.monotonic() < end:
        busy = cpu_busy()
    return busy


def report(
    timings: Timings,
    build_times: list[float],
    old_on_mistake: str,
    builds: list[tuple[str, str, str, str]],
    arguments: argparse.Namespace,
    loads: tuple[str, str],
    busy: list[float],
) -> str:
    intro = (
        f"{time.strftime('%Y-%m-%d')}; `--rounds {arguments.rounds} --block {arguments.block}"
        f" --pause {arguments.pause}`; Chromium {chromium_version()}; load average {loads[0]}"
        f" before, {loads[1]} after; other work kept {max(busy, default=0):.0%} of the CPUs"
        " busy at most before a block. Old: `invoke livereload` as of"
        f" `{old_revision()}` (python-livereload, a Pelican process per save). New:"
        " `invoke livereload` with `plugins/preview` (Pelican in the process, watchfiles,"
        " long-polling reload script). Seconds from the save to the change visible in the"
        " page (Playwright polling the DOM)."
    )
    lines = [
        "## Live preview: save to visible in the browser (`bench/preview_latency.py`)",
        "",
        textwrap.fill(intro, 100),
        "",
        "| preview | what | median (s) | min–max (s) | rounds |",
        "|---|---|---:|---:|---:|",
    ]
    for what, values in timings.values.items():
        name, _, action = what.partition(": ")
        lines.append(f"| {name} | {action} | {' | '.join(summary(values))} | {len(values)} |")
    lines.append(f"| old | mistake | {old_on_mistake} | | 1 |")
    for name, count in timings.lost.items():
        lines.append(f"| {name} | edit never shown within 20 s (not timed) | | | {count} |")
    if build_times:
        median, spread = summary(build_times)
        text = (
            f"The new preview's own build time per save: median {median} s ({spread} s,"
            f" {len(build_times)} builds); the rest is the watcher (15 ms after the last"
            " event), the swap and the page's update (its body in place after a text edit, a"
            " reload after the fix)."
        )
        lines += ["", textwrap.fill(text, 100)]
    if builds:
        lines += [
            "",
            f"In-process builds, {arguments.builds} saves each (`--builds`):",
            "",
            "| variant | median (s) | min–max (s) | same site as a cold build |",
            "|---|---:|---:|---|",
            *(
                f"| {name} | {median} | {spread} | {same} |"
                for name, median, spread, same in builds
            ),
        ]
    return "\n".join(lines) + "\n"


def append_to_results(text: str) -> None:
    """Add a bench's report to bench/RESULTS.md (every bench here reports so)."""
    results = ROOT / "bench" / "RESULTS.md"
    with results.open("a", encoding="utf-8") as handle:
        handle.write("\n" + text)
    print(f"appended to {results.relative_to(ROOT)}")


def chromium_version() -> str:
    result = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True)
    found = re.search(r"\d+(\.\d+)+", result.stdout)
    return found.group(0).split(".")[0] if found else "?"


@contextlib.contextmanager
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def git(*arguments: str) -> str:
    command = ["git", *arguments]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout


def old_revision() -> str:
    """HEAD, or, once the preview is committed, the commit before tasks.py used it."""
    found = git("log", "--format=%h", "-S", "from preview import", "--", "tasks.py").split()
    return f"{found[-1]}^" if found else "HEAD"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15, help="measured rounds per preview")
    parser.add_argument("--block", type=int, default=5, help="rounds before the other's turn")
    parser.add_argument("--builds", type=int, default=10, help="in-process builds (0: none)")
    parser.add_argument("--pause", type=float, default=3.5, help="seconds between edits")
    parser.add_argument("--no-write", action="store_true", help="do not append to RESULTS.md")
    parser.add_argument(
        "--quiet",
        type=float,
        default=0.3,
        help="before each block wait (up to 5 min) until other work keeps less than this share"
        " of the CPUs busy (0: do not wait)",
    )
    arguments = parser.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")

    old_tasks = git("show", f"{old_revision()}:tasks.py")
    new_tasks = (ROOT / "tasks.py").read_text(encoding="utf-8")
    loads_before = load()
    timings = Timings()
    busy: list[float] = []
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as tmp:
        scratch = Path(tmp)
        servers = {
            name: Server(
                name, make_project(scratch / name, text), free_port(), scratch / f"{name}.log"
            )
            for name, text in (("old", old_tasks), ("new", new_tasks))
        }
        with browser() as chromium:
            done = 0
            turn = 0
            while done < arguments.rounds:
                rounds = min(arguments.block, arguments.rounds - done)
                order = ["old", "new"] if turn % 2 == 0 else ["new", "old"]
                for name in order:
                    server = servers[name]
                    busy.append(wait_for_quiet(arguments.quiet))
                    server.start()
                    page = chromium.new_page()
                    try:
                        page.goto(server.url, wait_until="load")
                        run_block(page, server, rounds, arguments.pause, timings)
                    except Exception:
                        log = server.log.read_text(encoding="utf-8", errors="replace")
                        print(f"--- {name} failed; its log ends:\n{log[-3000:]}", file=sys.stderr)
                        raise
                    finally:
                        page.close()
                        server.stop()
                    print(f"{name}: {done + rounds}/{arguments.rounds} rounds", flush=True)
                done += rounds
                turn += 1
        old_on_mistake = old_survives_a_mistake(servers["old"])
        build_times = server_build_times(servers["new"].log)
        builds = (
            in_process_builds(servers["new"].project, arguments.builds, scratch)
            if arguments.builds
            else []
        )
        text = report(
            timings, build_times, old_on_mistake, builds, arguments, (loads_before, load()), busy
        )
    print(text)
    if not arguments.no_write:
        append_to_results(text)


if __name__ == "__main__":
    main()
