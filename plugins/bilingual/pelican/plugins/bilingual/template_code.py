"""Each template compiled once, not once per generator and build.

Pelican gives every generator (articles, pages, static files, the plugin's
lists, a site's own) a Jinja environment of its own, and each compiles every
template it renders from its source: on a small site compiling the theme took
more time than rendering it. Environments made alike share the compiled code
through this bytecode cache, in memory for the run and, with
``BILINGUAL_TEMPLATE_CACHE`` (default: ``templates`` in Pelican's
``CACHE_PATH``), on disk for the next build, as Python keeps ``__pycache__``.
A template is compiled afresh when its source, its file, the environment's
options or the Python and Jinja versions differ (Jinja checks the last two in
each file), so the output is what a compile from source gives.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

from .config import DEFAULTS

# What the compiled code of a template depends on besides its source.
_COMPILE_OPTIONS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
)


def _signature(env: Environment) -> str:
    options = [repr(getattr(env, name, None)) for name in _COMPILE_OPTIONS]
    extensions = sorted(
        f"{type(e).__module__}.{type(e).__qualname__}" for e in env.extensions.values()
    )
    autoescape = env.autoescape
    escaping = autoescape if isinstance(autoescape, bool) else f"{id(autoescape)}"
    return "\0".join([*options, *extensions, str(escaping), type(env).__qualname__])


class SharedTemplateCode(BytecodeCache):
    """Compiled templates by name, file, source and the environment's options,
    in memory and, given a ``folder``, on disk."""

    def __init__(self, folder: str | Path | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self.folder = Path(folder) if folder else None

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str):
        key = hashlib.sha1(
            f"{name}\0{filename}\0{_signature(environment)}".encode(), usedforsecurity=False
        ).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / f"{bucket.key}.jinja").read_bytes()
            except OSError:
                return
        if code is not None:
            try:
                bucket.bytecode_from_string(code)  # stays empty if stale: compiled again
            except Exception:  # a damaged file: compiled again
                bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = self._code[bucket.key] = bucket.bytecode_to_string()
        if self.folder is None:
            return
        # Written whole or not at all: builds running side by side share the folder.
        temporary = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as file:
                file.write(code)
            os.replace(temporary, self.folder / f"{bucket.key}.jinja")
        except OSError:  # a read-only checkout, a full disk: compiled in each build
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def clear(self) -> None:
        self._code.clear()


def cache_folder(settings: dict[str, Any]) -> Path | None:
    """Where compiled templates are kept between builds (None: not kept)."""
    wanted = settings.get("BILINGUAL_TEMPLATE_CACHE", DEFAULTS["BILINGUAL_TEMPLATE_CACHE"])
    if wanted is True:
        return Path(settings.get("CACHE_PATH") or "cache") / "templates"
    return Path(wanted) if wanted else None


def share_compiled_templates(env: Environment, cache: Any) -> None:
    """Use the run's shared cache, unless the site configured one itself."""
    if env.bytecode_cache is None:
        env.bytecode_cache = cache
