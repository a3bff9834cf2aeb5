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
from markupsafe import Markup, escape
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
    label = label_for(content.settings, getattr(content, "lang", None))
    text = getattr(content, "_content", None)
    if label and text and OPENING in text:
        content._content = text.replace(
            OPENING, f'{OPENING}<span class="tba-label">{label}:</span> '
        )


def as_text(text: str, label: str | None = None) -> str:
    """A marked gap as plain text, for calendars and structured data."""
    return MARKER.sub(lambda m: f"({label}: {m['text']})" if label else f"({m['text']})", text)


def as_html(text: str, label: str | None = None) -> Markup:
    """Short text (a title, a place) with its gaps marked: "Tagungsort (noch
    offen: Adresse folgt)"; the brackets keep such a line readable."""
    prefix = f'<span class="tba-label">{escape(label)}:</span> ' if label else ""
    parts, last = [], 0
    for match in MARKER.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(Markup(f"({OPENING}{prefix}{escape(match['text'])}</mark>)"))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def label_for(settings: dict[str, Any], lang: str) -> str | None:
    return settings.get("PLACEHOLDER_LABELS", {}).get(lang)


def install_filter(generator: Any) -> None:
    settings = generator.settings
    generator.env.filters["placeholders"] = lambda text, lang: as_html(
        str(text), label_for(settings, lang)
    )


def add_extension(pelican: Any) -> None:
    markdown = pelican.settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if not any(isinstance(e, PlaceholderExtension) for e in extensions):
        extensions.append(PlaceholderExtension())


def register() -> None:
    signals.initialized.connect(add_extension)
    signals.content_object_init.connect(label_placeholders)
    signals.generator_init.connect(install_filter)
