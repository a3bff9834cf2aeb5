"""Keeps the ```program block out of the page's text: the plugin renders it
as a timetable through the theme instead."""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .parser import FENCE


class DropProgramBlock(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        kept, inside, fence = [], False, ""
        for line in lines:
            match = FENCE.match(line.strip())
            if not inside and match:
                inside, fence = True, match.group(1)[0] * 3
                continue
            if inside:
                inside = not line.strip().startswith(fence)
                continue
            kept.append(line)
        return kept


class ProgramBlockExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        # Before fenced code (25), which would otherwise show the block as code.
        md.preprocessors.register(DropProgramBlock(md), "program_block", 29)
