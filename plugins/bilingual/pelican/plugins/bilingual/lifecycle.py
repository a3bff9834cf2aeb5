"""One Pelican run: where a plugin's per-run state starts, and what it needs.

Pelican sends ``initialized`` once per ``Pelican`` object, but an autoreload
loop (``pelican -r``) runs the same object again and again. State read from
files that editors change (catalogs, content checks, facts) therefore starts
with each *run*: ``get_generators`` is the first signal of every
``Pelican.run()``, so ``on_run_start`` hangs a handler there.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import Any

from blinker import signal
from pelican import signals

logger = logging.getLogger(__name__)

# Sent once per run when every item is paired with its translations (sender:
# the generators, as for ``all_generators_finalized``). Plugins that ask the
# registry which item is which listen here, not to ``all_generators_finalized``,
# whose receivers run in the order of PLUGINS.
paired = signal("bilingual_paired")


def on_run_start(handler: Callable[[Any], None]) -> None:
    """Call ``handler(pelican)`` at the start of every run (before any generator).

    Pelican takes what ``get_generators`` receivers return as generator
    classes and skips ``None``, so a handler that returns nothing is safe there.
    """
    signals.get_generators.connect(handler)


def pause_in_autoreload() -> None:
    """Inside ``pelican -r``, wait for the next change before failing.

    Pelican's autoreload loop runs again at once after an exception, so a
    mistake would be reported many times a second until it is fixed. When the
    run was started by that loop, wait (as the loop does after a good build)
    for the editor's next save first.
    """
    frame = sys._getframe(1)
    while frame is not None:
        code = frame.f_code
        if code.co_name == "autoreload" and frame.f_globals.get("__name__") == "pelican":
            args, settings = frame.f_locals.get("args"), frame.f_locals.get("settings")
            if args is not None and settings is not None:
                from pelican.utils import wait_for_changes

                logger.warning("Waiting for a change to build again …")
                changed = {path for _, path in wait_for_changes(args.settings, settings)}
                if os.path.abspath(args.settings) in changed:
                    # Pelican reads changed settings only after a good build;
                    # after a failed one it would keep the old ones.
                    logger.warning("The settings changed: starting again …")
                    os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
            return
        frame = frame.f_back
