"""Limits on what one content file may cost, so a mistake cannot stall a build.

A pasted data dump or one pathological line of Markdown (thousands of
nested brackets) can make the converter run for minutes without a word, and
a camera's original photo makes every visitor wait. So a content file larger
than ``CONTENT_MAX_BYTES`` stops the build before anything is read, a file
that takes longer than ``CONTENT_MAX_SECONDS`` to convert stops it when the
time is up, and an image larger than ``IMAGE_MAX_BYTES`` is warned about.
Each message names the file and the setting that sets the limit.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pelican.plugins.bilingual.errors import Problem, stop_on

from placeholders.sources import content_files, read_extensions

logger = logging.getLogger(__name__)

DEFAULTS = {"CONTENT_MAX_BYTES": 1_000_000, "CONTENT_MAX_SECONDS": 5, "IMAGE_MAX_BYTES": 500_000}
IMAGE_EXTENSIONS = {"avif", "bmp", "gif", "jpeg", "jpg", "png", "svg", "tif", "tiff", "webp"}


def limit(settings: Mapping[str, Any], name: str) -> float:
    value = settings.get(name, DEFAULTS[name])
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        stop_on([Problem("settings", 0, f"{name} must be a positive number")], "settings")
    return value


def _size(count: float) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    return f"{count / 1000:.0f} KB"


def _oversized(
    settings: Mapping[str, Any], setting: str, extensions: Any
) -> list[tuple[Path, int, int]]:
    """Every content file of these extensions over the limit ``setting``:
    (path, size, limit)."""
    most = limit(settings, setting)
    return [
        (path, size, most)
        for path in content_files(Path(settings["PATH"]), extensions)
        if (size := path.stat().st_size) > most
    ]


def too_large(settings: Mapping[str, Any]) -> list[Problem]:
    """Content files over ``CONTENT_MAX_BYTES``: an error, before any is read."""
    return [
        Problem(
            str(path),
            0,
            f"the file is {_size(size)}, more than the {_size(most)} a content file may have"
            " (CONTENT_MAX_BYTES): split it, or link the data as a file of its own",
        )
        for path, size, most in _oversized(settings, "CONTENT_MAX_BYTES", read_extensions(settings))
    ]


def large_images(settings: Mapping[str, Any]) -> list[Problem]:
    """Images over ``IMAGE_MAX_BYTES``: published, but every visitor waits for them."""
    return [
        Problem(
            str(path),
            0,
            f"the image is {_size(size)}, more than {_size(most)} (IMAGE_MAX_BYTES):"
            " make it smaller (fewer pixels, more compression)",
        )
        for path, size, most in _oversized(settings, "IMAGE_MAX_BYTES", IMAGE_EXTENSIONS)
    ]


def check_sizes(pelican: Any) -> None:
    settings = pelican.settings
    for problem in large_images(settings):
        logger.warning("%s", problem)
    stop_on(too_large(settings), "content files")


class _TooSlow(BaseException):
    """The time for converting one file is up."""


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise _TooSlow in the code below after ``seconds``. Only the main
    thread receives signals; elsewhere (a preview's worker) there is no limit."""
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def time_limited(readers: Any) -> None:
    """Every file a generator reads gets ``CONTENT_MAX_SECONDS`` to convert."""
    seconds = limit(readers.settings, "CONTENT_MAX_SECONDS")
    read_file: Callable[..., Any] = readers.read_file

    def read_within_limit(base_path: str, path: str, *args: Any, **kwargs: Any) -> Any:
        try:
            with _deadline(seconds):
                return read_file(base_path, path, *args, **kwargs)
        except _TooSlow:
            pass
        message = (
            f"converting the file took more than {seconds:g} s (CONTENT_MAX_SECONDS):"
            " look for a very long line or deeply nested brackets"
        )
        stop_on([Problem(os.path.join(base_path, path), 0, message)], "content files")

    readers.read_file = read_within_limit
