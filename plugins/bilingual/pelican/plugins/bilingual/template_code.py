"""Each template compiled once per run, not once per generator.

Pelican gives every generator (articles, pages, static files, the plugin's
lists, a site's own) a Jinja environment of its own, and each compiles every
template it renders from its source: on a small site compiling the theme took
more time than rendering it. Environments made alike share the compiled code
through this in-memory bytecode cache; nothing is kept on disk, so a cold
build stays a cold build and a changed template is compiled afresh (the cache
checks the source).
"""

from __future__ import annotations

import hashlib
from typing import Any

from jinja2 import Environment
from jinja2.bccache import Bucket, BytecodeCache

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
    """Compiled templates by name, file, source and the environment's options."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str):
        key = hashlib.sha1(
            f"{name}\0{filename}\0{_signature(environment)}".encode(), usedforsecurity=False
        ).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()


def share_compiled_templates(env: Environment, cache: Any) -> None:
    """Use the run's shared cache, unless the site configured one itself."""
    if env.bytecode_cache is None:
        env.bytecode_cache = cache
