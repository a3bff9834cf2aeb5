"""The preview as a whole: build, serve, watch, rebuild; restart for plugin code.

Builds run one at a time in the main thread; files saved during a build are
collected by the watcher and cause one more build. The HTTP server runs in its
own threads and never waits for a build (it serves the last good one).
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pelican.log

from .build import Builder, Outcome, swap_in
from .collect import not_collected
from .problems import relative
from .server import start_server
from .state import State
from .watch import Watcher


class _NoTraceback(logging.Formatter):
    """The terminal gets one line per message: no traceback ever."""

    def format(self, record: logging.LogRecord) -> str:
        text = record.getMessage()
        return f"{record.levelname}: {text}" if record.levelno >= logging.WARNING else text


def init_logging() -> None:
    """Pelican's logging, once per process, with a plain one-line handler."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_NoTraceback())
    handler.addFilter(not_collected)
    pelican.log.init(level=logging.WARNING, handler=handler)
    root = logging.getLogger()
    if handler not in root.handlers:  # logging was configured before us
        root.addHandler(handler)


def _report(outcome: Outcome) -> None:
    stamp = time.strftime("%H:%M:%S")
    if not outcome.problems:
        print(f"[{stamp}] preview updated ({outcome.seconds:.2f} s)", flush=True)
        return
    count, seconds = len(outcome.problems), outcome.seconds
    print(f"[{stamp}] preview NOT updated ({seconds:.2f} s), {count} problem(s):", flush=True)
    for problem in outcome.problems:
        print(f"  {problem}", flush=True)


def _build_and_publish(builder: Builder, state: State, text_only: bool = False) -> None:
    """Build; swap a good site in. ``text_only``: the saves this build stands
    for changed page text only, so open pages may update their body in place."""
    outcome = builder.build()
    leftovers = [outcome.site] if outcome.site is not None else []
    try:
        _report(outcome)
        if outcome.site is None:
            state.publish(outcome.problems, None)
            return
        site = outcome.site

        def swap() -> None:  # once swapped in, what is left to delete is the old site
            leftovers[:] = [swap_in(site, builder.output)]

        state.publish((), swap, text_only)
    finally:
        _remove(leftovers)  # after the browsers were told: deleting takes a moment


def _remove(folders: list[Path]) -> None:
    """Delete build folders, even when Ctrl-C arrives meanwhile."""
    try:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
    except KeyboardInterrupt:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        raise


# A restarted preview listens where the old one did, also if it was given port 0.
RESTART_PORT = "PREVIEW_RESTART_PORT"


def _restart(port: int) -> None:
    """Run this same command again: plugin modules cannot be re-imported in place."""
    print("Plugin code changed: restarting the preview …", flush=True)
    sys.stderr.flush()
    os.environ[RESTART_PORT] = str(port)
    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])


def _watcher(builder: Builder) -> Watcher:
    """Watch what the settings name; the usual folders if they cannot be read
    (the first build will then show why)."""
    root = builder.root
    try:
        settings = builder.settings(builder.output)
    except (Exception, SystemExit):
        settings = {"PATH": root / "content", "THEME": root / "theme"}
    plugin_trees = [Path(p) for p in settings.get("PLUGIN_PATHS") or []]
    plugin_trees += [root / "plugins", Path(__file__).resolve().parent.parent]
    return Watcher(
        content=Path(settings["PATH"]),
        trees=[Path(settings["THEME"])],
        settings_files=[builder.settings_file, *root.glob("*.py")],
        plugin_trees=plugin_trees,
        output=builder.output,
    )


def serve(settings_file: Path, output: Path, port: int = 8000, root: Path | None = None) -> None:
    """Serve a live preview of the site on http://localhost:PORT/ until Ctrl-C.

    ``root`` is the project folder (default: the settings file's folder); the
    error page names files relative to it. Port 0 picks a free port.
    """
    settings_file, output = settings_file.resolve(), output.resolve()
    port = port or int(os.environ.pop(RESTART_PORT, "0"))
    root = (root or settings_file.parent).resolve()
    init_logging()
    builder, state = Builder(settings_file, output, root), State()
    watcher = _watcher(builder)
    watcher.start()
    server = None
    try:
        _build_and_publish(builder, state)
        server = start_server(state, output, port)
        address = f"http://localhost:{server.server_address[1]}/"
        print(f"Preview: {address}  (Ctrl-C to stop)", flush=True)
        while True:
            saved = watcher.wait()
            if watcher.needs_restart(saved):
                server.server_close()
                _restart(server.server_address[1])
            if watcher.settings_changed(saved):
                builder.settings_changed()
            names = ", ".join(sorted(relative(str(p), root) for p in saved))
            print(f"changed: {names}", flush=True)
            _build_and_publish(builder, state, watcher.text_only(saved))
    except KeyboardInterrupt:
        print("\nPreview stopped.", flush=True)
    finally:
        with _no_second_interrupt():
            watcher.stop.set()
            if server is not None:
                server.shutdown()
                server.server_close()


@contextlib.contextmanager
def _no_second_interrupt() -> Iterator[None]:
    """A second Ctrl-C while the preview closes must not end it with a traceback."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
