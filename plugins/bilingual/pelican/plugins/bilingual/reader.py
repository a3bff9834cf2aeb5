"""A Markdown reader that builds its Markdown converter once per run.

Pelican's reader builds a new ``Markdown`` object, with every extension, for
each file: a tenth of a large site's build. Python-Markdown is made to be
reused with ``reset()`` between documents, so this reader keeps two
converters: one for documents (with the meta extension) and one for
formatted metadata fields such as ``Summary``.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

from . import parallel
from .errors import Problem, stop_on


class ReusingMarkdownReader(MarkdownReader):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._document: Markdown | None = None
        self._fields: Markdown | None = None
        self._meta: tuple[Any, float] | None = None

    def _converters(self) -> tuple[Markdown, Markdown]:
        if self._document is None:
            self._document = Markdown(**self.settings["MARKDOWN"])
            self._fields = Markdown(**self.settings["MARKDOWN"])
            registry = self._fields.preprocessors
            priority = next(item.priority for item in registry._priority if item.name == "meta")
            self._meta = (registry["meta"], priority)
        return self._document, self._fields

    def _convert(self, document: Markdown, text: str, source_path: str) -> str:
        """The HTML of a document, or a stop naming the file: Python-Markdown
        recurses once per level of lists or quotes inside each other."""
        try:
            return document.convert(text)
        except RecursionError:
            document.reset()
            line = _deepest_line(text)
            message = (
                "lists or quotes are nested too deeply to be read;"
                " use fewer levels (a line indented or quoted less)"
            )
            stop_on([Problem(source_path, line, message)], "content")
            raise  # stop_on raised already

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        document, fields = self._converters()
        self._source_path = source_path
        ahead = parallel.take(source_path)  # converted on another core (parallel.py)
        if ahead is not None:
            content, meta = ahead
        else:
            document.reset()
            with pelican_open(source_path) as text:
                content = self._convert(document, text, source_path)
            meta = getattr(document, "Meta", None)
        if not meta:
            return content, {}
        # Pelican's _parse_metadata removes "meta" from the converter it uses
        # for formatted fields; give it back first.
        if "meta" not in fields.preprocessors:
            fields.preprocessors.register(self._meta[0], "meta", self._meta[1])
        self._md = fields
        return content, self._parse_metadata(meta)


def _deepest_line(text: str) -> int:
    """The line nested deepest: most indentation or quote marks."""
    depths = [len(line) - len(line.lstrip(" \t>")) for line in text.splitlines()]
    return depths.index(max(depths)) + 1 if depths else 1
