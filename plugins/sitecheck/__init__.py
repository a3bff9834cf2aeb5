"""sitecheck: an editor's mistakes stop the build with ``file:line`` messages.

Before Pelican reads anything, every content file's metadata is checked
(metadata.py). After the site is written, every link that stays on the site
must lead to a file and anchor (links.py), and nothing may load from, connect
to or submit to another host (thirdparty.py). With ``SITECHECK_STRICT = True``
(``invoke check``), any warning Pelican logged fails the build as well.
The build stops without a traceback; ``invoke build`` then keeps the previous
output.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.plugins.bilingual.alternates import is_fallback
from pelican.plugins.bilingual.dependencies import require
from pelican.plugins.bilingual.errors import Problem, stop_on
from pelican.plugins.bilingual.lifecycle import on_run_start
from pelican.plugins.bilingual.registry import ListPage
from pelican.plugins.bilingual.runtime import current

from . import limits, static_links
from .addresses import host_of
from .escaping import escape_by_default, plain_summary
from .links import check_links
from .metadata import check_content
from .output_files import scan_output
from .readers import markdown_only, other_formats
from .symlinks import links_leaving
from .thirdparty import check_third_party
from .urls import check_url_settings


class _Warnings(logging.Handler):
    """Remembers what Pelican warned about, for strict builds."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


_warnings = _Warnings()


def configure(pelican: Any) -> None:
    require(pelican, "sitecheck", ["bilingual"])
    escape_by_default(pelican.settings)
    markdown_only(pelican.settings)


def check_metadata(pelican: Any) -> None:
    settings = pelican.settings
    urls = [Problem("settings", 0, message) for message in check_url_settings(settings)]
    stop_on(urls, "settings")
    # Before anything is read: a link out of content/ must not even be opened.
    stop_on(links_leaving(Path(settings["PATH"])) + other_formats(settings), "content files")
    stop_on(check_content(settings), "metadata")
    _warnings.records.clear()
    logging.getLogger("pelican").addHandler(_warnings)


def _sources() -> dict[str, str]:
    sources = {}
    for group in current().registry.items.values():
        for item in group.values():
            if isinstance(item, ListPage):
                continue
            origin = item.fallback_of if is_fallback(item) else item
            sources[item.save_as] = origin.source_path
    return sources


def check_output(pelican: Any) -> None:
    settings = pelican.settings
    output, siteurl, sources = Path(settings["OUTPUT_PATH"]), settings["SITEURL"], _sources()
    scanned = scan_output(output, host_of(siteurl) if siteurl else None)
    problems = check_links(output, siteurl, sources, scanned)
    problems += check_third_party(output, sources, scanned, Path(settings["PATH"]))
    if settings.get("SITECHECK_STRICT"):
        problems += [Problem("(pelican)", 0, f"warning: {text}") for text in _warnings.records]
    logging.getLogger("pelican").removeHandler(_warnings)
    stop_on(problems, "checks")


def register() -> None:
    signals.initialized.connect(configure)
    signals.content_object_init.connect(plain_summary)
    signals.content_object_init.connect(static_links.check_item)
    on_run_start(static_links.start_run)
    signals.page_generator_finalized.connect(static_links.stop_before_copying)
    on_run_start(check_metadata)
    signals.finalized.connect(check_output)
    on_run_start(limits.check_sizes)
    signals.readers_init.connect(limits.time_limited)
