"""What the preview keeps from one build to the next, to make the next faster.

Each build is a new ``Pelican`` with new Jinja environments, which would parse
and compile every template again (a quarter of the site's build time). Jinja's
bytecode cache, given through Pelican's ``JINJA_ENVIRONMENT`` setting, keeps
the compiled code in memory; a template whose source changed, or an
environment with other syntax options or extensions, gets a fresh compile, so
the output is what a cold build writes.
"""

from __future__ import annotations

from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket


def _signature(environment: Environment) -> tuple[Any, ...]:
    """What, besides the source, decides a template's compiled code."""
    return (
        tuple(sorted(environment.extensions)),
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        repr(environment.autoescape),
    )


class TemplateBytecode(BytecodeCache):
    """Compiled templates in memory, for the life of the preview process.

    Jinja checks the source's checksum itself; the key adds the environment's
    signature, since the settings may change between builds.
    """

    def __init__(self) -> None:
        self._code: dict[tuple[Any, ...], bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get((bucket.key, _signature(bucket.environment)))
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[(bucket.key, _signature(bucket.environment))] = bucket.bytecode_to_string()
