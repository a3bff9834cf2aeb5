"""What the server tells the browser: which build is current, and whether it failed.

The build loop publishes each finished build here; the HTTP threads read it.
One lock covers the swap of the output folder and the change of build, so a
page is never sent with the number of a build whose files it does not show
(it would then miss its reload).

A build that only changed the text of pages is marked ``text_only``: a page
that missed nothing else may then put the new text in place of its body
instead of a full reload (no new stylesheet, image or layout to load).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from .problems import Problem


@dataclass(frozen=True)
class Snapshot:
    """The current build as one request sees it."""

    build: str
    problems: tuple[Problem, ...]
    finished: float


# How many builds back a page may be and still take the new text in place.
KEPT = 50


class State:
    def __init__(self) -> None:
        # Different in every process, so that a browser notices a restart.
        self._boot = f"{time.time_ns():x}"
        self._count = 0
        self._problems: tuple[Problem, ...] = ()
        self._finished = time.time()
        # Build number -> (it succeeded, only page text changed in it).
        self._builds: dict[int, tuple[bool, bool]] = {0: (False, False)}
        self.changed = threading.Condition()

    def snapshot(self) -> Snapshot:
        """Call with ``changed`` held when the answer must match the files read."""
        return Snapshot(f"{self._boot}.{self._count}", self._problems, self._finished)

    def publish(
        self,
        problems: tuple[Problem, ...],
        swap: Callable[[], None] | None,
        text_only: bool = False,
    ) -> None:
        """A build finished: swap its folder in (if any) and wake every waiting page."""
        with self.changed:
            if swap is not None:
                swap()
            self._count += 1
            self._problems = problems
            self._finished = time.time()
            self._builds[self._count] = (not problems, text_only and not problems)
            self._builds.pop(self._count - KEPT, None)
            self.changed.notify_all()

    def wait_for_other(self, build: str, timeout: float) -> tuple[str, bool]:
        """Block until the current build is not ``build`` (or the timeout); then
        the current build, and whether the page of ``build`` (a good one, not the
        error page) can take the text of the current one in place: every build
        since changed page text only."""
        with self.changed:
            self.changed.wait_for(lambda: self.snapshot().build != build, timeout)
            boot, _, count = build.partition(".")
            seen = int(count) if boot == self._boot and count.isdigit() else -1
            text_only = self._builds.get(seen, (False, False))[0] and all(
                self._builds.get(n, (False, False))[1] for n in range(seen + 1, self._count + 1)
            )
            return self.snapshot().build, text_only
