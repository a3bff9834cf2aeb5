"""One preview build: Pelican in this process, into a fresh folder.

Every build is a new ``Pelican`` made from freshly read settings (the plugins
set up their state per instance), writing into a new folder beside the output
folder. Only a build without problems is swapped in, so the browser never sees
a half-written or failed site; a failed build yields the problems instead.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.log import LimitFilter
from pelican.settings import read_settings

from .collect import ErrorRecords, problems_of
from .problems import Problem

# The reload script must not meet the site's Content-Security-Policy, which
# forbids every script: preview builds leave the security headers out.
# Pelican's reader cache keeps each Markdown file's converted text until the
# file changes (by its mtime), so a save converts one file, not all; plugins
# still see every content object made anew. Uncompressed: saving it is faster.
# The bilingual plugin keeps the compiled templates there too (templates/), so
# only a changed template is compiled again.
# Markdown is converted in this process: forking a process that runs the
# server's and the watcher's threads could copy a lock another thread holds.
PREVIEW_SETTINGS: dict[str, Any] = {
    "SECURITY_HEADERS": {},
    "BILINGUAL_READ_PROCESSES": 1,
    "CACHE_CONTENT": True,
    "CONTENT_CACHING_LAYER": "reader",
    "GZIP_CACHE": False,
}


@dataclass(frozen=True)
class Outcome:
    """A finished build: the new site (None if it failed) or its problems."""

    site: Path | None
    problems: tuple[Problem, ...]
    seconds: float


class Builder:
    """Builds the site again and again in one process."""

    def __init__(self, settings_file: Path, output: Path, root: Path) -> None:
        self.settings_file = settings_file.resolve()
        self.output = output.resolve()
        self.root = root.resolve()
        # The preview's own cache folder (cache/ is ignored by git). A build
        # loads only what this process wrote with the same settings.
        self.cache = self.root / "cache" / "preview"
        self._cache_is_current = False
        # Settings modules live beside the settings file or in the project
        # root; they are read afresh at every build (see _forget_settings).
        self.settings_dirs = {self.settings_file.parent, self.root}

    def settings(self, output_path: Path) -> dict[str, Any]:
        """The project's settings, as a preview build uses them."""
        override = {
            **PREVIEW_SETTINGS,
            "OUTPUT_PATH": str(output_path),
            "CACHE_PATH": str(self.cache),
            "LOAD_CONTENT_CACHE": self._cache_is_current,
        }
        modules_before = set(sys.modules)
        try:
            settings = read_settings(str(self.settings_file), override=override)
        finally:
            self._forget_settings(modules_before)
            # Settings files often put their folder on sys.path; once is enough.
            sys.path[:] = list(dict.fromkeys(sys.path))
        return settings

    def settings_changed(self) -> None:
        """The next build reads every file again, as ``pelican -r`` does after a
        change of settings: the cached text was made with the old ones (Markdown
        options, time zone …). A new process (plugins changed) starts so too."""
        self._cache_is_current = False

    def build(self) -> Outcome:
        """Run Pelican once; any exception or logged error is a failed build."""
        self.output.parent.mkdir(parents=True, exist_ok=True)
        if not self._cache_is_current:
            shutil.rmtree(self.cache, ignore_errors=True)
        fresh = Path(tempfile.mkdtemp(prefix=".preview-", dir=self.output.parent))
        records = ErrorRecords()
        pelican_logger = logging.getLogger("pelican")
        pelican_logger.addHandler(records)
        # Warnings are shown again at every build, as in a fresh `invoke build`.
        LimitFilter._raised_messages.clear()
        LimitFilter._group_count.clear()
        start = time.perf_counter()
        error: BaseException | None = None
        try:
            Pelican(self.settings(fresh)).run()
        except (Exception, SystemExit) as stopped:
            error = stopped
        except BaseException:  # Ctrl-C: leave no half-built folder behind
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        finally:
            pelican_logger.removeHandler(records)
        seconds = time.perf_counter() - start
        # Whatever Pelican saved (after reading, even if the build failed later)
        # was made with the current settings and plugins.
        self._cache_is_current = self.cache.is_dir()
        problems = problems_of(records.messages, error, self.root)
        if problems:
            shutil.rmtree(fresh, ignore_errors=True)
            return Outcome(None, tuple(problems), seconds)
        return Outcome(fresh, (), seconds)

    def _forget_settings(self, modules_before: set[str]) -> None:
        """Drop modules the settings imported (``from pelicanconf import *``):
        Python would otherwise keep their first version for every later build."""
        for name in set(sys.modules) - modules_before:
            path = getattr(sys.modules[name], "__file__", None)
            if path and path.endswith(".py") and Path(path).resolve().parent in self.settings_dirs:
                del sys.modules[name]


def swap_in(fresh: Path, output: Path) -> Path:
    """Put ``fresh`` where ``output`` was; returns the old folder to delete."""
    old = fresh.with_name(fresh.name + "-old")
    if output.exists():
        output.rename(old)
    fresh.rename(output)
    return old
