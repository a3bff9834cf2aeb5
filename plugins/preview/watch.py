"""Which saved files matter, and what they ask for: a rebuild or a restart.

Content, theme and plugin folders are watched with all their subfolders; the
folders holding the settings files only for their own ``.py`` files (watching
the project root with its subfolders would mean .venv, node_modules and
output). A Python file under a plugin folder cannot be reloaded into the
running process: it asks for a restart. Everything else asks for a rebuild.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable
from pathlib import Path

from watchfiles import Change, DefaultFilter, watch

# Wait this long (ms) after a change for more (an editor's save is several
# events), but never more than DEBOUNCE in all.
STEP_MS = 15
DEBOUNCE_MS = 400
# Pelican's Markdown reader's extensions: such a file holds a page's text.
TEXT_SUFFIXES = {".md", ".markdown", ".mkd", ".mdown"}


class _Filter(DefaultFilter):
    """Editors' swap and backup files are out (DefaultFilter); so are the
    output folder and the preview's own build folders, if they lie inside."""

    def __init__(self, skip: Iterable[Path]) -> None:
        super().__init__()
        self.skip = [str(p) for p in skip]

    def __call__(self, change: Change, path: str) -> bool:
        return super().__call__(change, path) and not path.startswith(tuple(self.skip))


class Watcher:
    """Collects saved files from two watchfiles threads into one queue."""

    def __init__(
        self,
        content: Path,
        trees: Iterable[Path],
        settings_files: Iterable[Path],
        plugin_trees: Iterable[Path],
        output: Path,
    ) -> None:
        self.content = content.resolve()
        self.plugin_trees = [p.resolve() for p in plugin_trees]
        roots = {p.resolve() for p in [content, *trees, *plugin_trees] if p.is_dir()}
        # A tree inside another one is watched through it.
        self.trees = sorted(p for p in roots if not any(p != o and o in p.parents for o in roots))
        self.settings_dirs = sorted({p.resolve().parent for p in settings_files})
        output = output.resolve()
        self._filter = _Filter([output, output.parent / ".preview-"])
        self._changes: queue.Queue[set[Path]] = queue.Queue()
        self.stop = threading.Event()

    def start(self) -> None:
        self._thread(self.trees, recursive=True)
        self._thread(self.settings_dirs, recursive=False)

    def _thread(self, paths: list[Path], recursive: bool) -> None:
        def run() -> None:
            for changes in watch(
                *paths,
                watch_filter=self._filter,
                step=STEP_MS,
                debounce=DEBOUNCE_MS,
                stop_event=self.stop,
                recursive=recursive,
                raise_interrupt=False,
            ):
                saved = {Path(path) for _, path in changes}
                if not recursive:
                    saved = {p for p in saved if p.suffix == ".py"}
                if saved:
                    self._changes.put(saved)

        if paths:
            threading.Thread(target=run, name="preview-watch", daemon=True).start()

    def wait(self) -> set[Path]:
        """Block until something was saved; returns every file saved since."""
        saved = self._changes.get()
        while True:
            try:
                saved |= self._changes.get_nowait()
            except queue.Empty:
                return saved

    def text_only(self, saved: Iterable[Path]) -> bool:
        """Only Markdown files in the content changed (no settings, theme, image)."""
        return all(p.suffix in TEXT_SUFFIXES and self.content in p.parents for p in saved)

    def settings_changed(self, saved: Iterable[Path]) -> bool:
        """A settings file (or a module beside it, such as pelicanconf.py) changed."""
        return any(p.suffix == ".py" and p.parent in self.settings_dirs for p in saved)

    def needs_restart(self, saved: Iterable[Path]) -> bool:
        """A plugin's Python code changed."""
        return any(
            path.suffix == ".py" and any(tree in path.parents for tree in self.plugin_trees)
            for path in saved
        )
