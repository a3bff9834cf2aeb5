"""placeholders: one marker for details that are not known yet.

Editors write ``[[TBA: what is missing]]`` where a fact (an address, a
contact) is still unknown. The page shows the text as a marked gap, and the
publishing check can find every marker that is left. The marker is the same
in every language; the text inside is the editor's, in the page's language.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree import ElementTree

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from pelican import signals

MARKER = re.compile(r"\[\[TBA:\s*(?P<text>[^\]]+?)\s*\]\]")


class PlaceholderProcessor(InlineProcessor):
    def handleMatch(self, m: re.Match, data: str) -> tuple[ElementTree.Element, int, int]:  # noqa: N802
        element = ElementTree.Element("mark", {"class": "tba", "data-placeholder": ""})
        element.text = m.group("text")
        return element, m.start(0), m.end(0)


class PlaceholderExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        # Above links (160) so the brackets are not read as a reference link.
        md.inlinePatterns.register(PlaceholderProcessor(MARKER.pattern, md), "tba", 175)


OPENING = '<mark class="tba" data-placeholder="">'


def label_placeholders(content: Any) -> None:
    """Prefix each gap with "not known yet" in the item's own language, so a
    visitor never mistakes the editor's note for the missing fact itself."""
    labels = content.settings.get("PLACEHOLDER_LABELS", {})
    label = labels.get(getattr(content, "lang", None))
    text = getattr(content, "_content", None)
    if label and text and OPENING in text:
        content._content = text.replace(
            OPENING, f'{OPENING}<span class="tba-label">{label}:</span> '
        )


def add_extension(pelican: Any) -> None:
    markdown = pelican.settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if not any(isinstance(e, PlaceholderExtension) for e in extensions):
        extensions.append(PlaceholderExtension())


def register() -> None:
    signals.initialized.connect(add_extension)
    signals.content_object_init.connect(label_placeholders)
