"""placeholders: one marker for details that are not known yet.

Editors write ``[[TBA: what is missing]]`` where a fact (an address, a
contact) is still unknown. The page shows the text as a marked gap, and the
publishing check can find every marker that is left. The marker is the same
in every language; the text inside is the editor's, in the page's language.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markupsafe import Markup, escape
from pelican import signals
from pelican.plugins.bilingual.errors import Problem, stop_on
from pelican.plugins.bilingual.lifecycle import on_run_start

from .grammar import MARKER, near_misses, text_of
from .sources import content_files, read_extensions

__all__ = ["MARKER", "as_html", "as_text", "gaps_of", "label_for", "quiet_html"]


class PlaceholderProcessor(InlineProcessor):
    def handleMatch(self, m: re.Match, data: str) -> tuple[ElementTree.Element, int, int]:  # noqa: N802
        element = ElementTree.Element("mark", {"class": "tba", "data-placeholder": ""})
        element.text = text_of(m)
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
            OPENING, f'{OPENING}<span class="tba-label">{escape(label)}:</span> '
        )


def as_text(text: str, label: str | None = None) -> str:
    """A marked gap as plain text, for calendars and structured data."""
    return MARKER.sub(lambda m: f"({label}: {text_of(m)})" if label else f"({text_of(m)})", text)


def as_html(text: str, label: str | None = None) -> Markup:
    """Short text (a title, a place) with its gaps marked: "Tagungsort (noch
    offen: Adresse folgt)"; the brackets keep such a line readable."""
    prefix = f'<span class="tba-label">{escape(label)}:</span> ' if label else ""
    parts, last = [], 0
    for match in MARKER.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(Markup(f"({OPENING}{prefix}{escape(text_of(match))}</mark>)"))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def quiet_html(text: str, label: str | None = None) -> Markup:
    """Short text whose gap the page names once elsewhere (the rooms of every
    session): the text with a quiet mark, "Raum der AG*"; a screen reader still
    hears "(noch offen: Raumangabe)"."""
    parts, last = [], 0
    for match in MARKER.finditer(text):
        said = f"{label}: {text_of(match)}" if label else text_of(match)
        parts.append(escape(text[last : match.start()].rstrip()))
        parts.append(
            Markup(
                '<span class="tba-mark"><span aria-hidden="true">*</span>'
                f'<span class="visually-hidden"> ({escape(said)})</span></span>'
            )
        )
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def gaps_of(texts: Any) -> list[str]:
    """The distinct gaps in some short texts, in the order they first appear."""
    found: dict[str, None] = {}
    for text in texts:
        for match in MARKER.finditer(str(text)):
            found.setdefault(text_of(match), None)
    return list(found)


def gap_html(text: str, label: str | None = None) -> Markup:
    """A gap a template names itself (what is missing, in the page's language),
    marked as a gap in content is: "noch offen: Anmeldeweg"."""
    prefix = f'<span class="tba-label">{escape(label)}:</span> ' if label else ""
    return Markup(f"{OPENING}{prefix}{escape(text)}</mark>")


def label_for(settings: dict[str, Any], lang: str) -> str | None:
    return settings.get("PLACEHOLDER_LABELS", {}).get(lang)


def install_filter(generator: Any) -> None:
    settings = generator.settings
    generator.env.filters["placeholders"] = lambda text, lang: as_html(
        str(text), label_for(settings, lang)
    )
    generator.env.filters["quiet_gaps"] = lambda text, lang: quiet_html(
        str(text), label_for(settings, lang)
    )
    generator.env.filters["gap"] = lambda text, lang: gap_html(str(text), label_for(settings, lang))


def add_extension(pelican: Any) -> None:
    markdown = pelican.settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if not any(isinstance(e, PlaceholderExtension) for e in extensions):
        extensions.append(PlaceholderExtension())


def check_near_misses(pelican: Any) -> None:
    """Stop before reading when text looks like a marker but is none: it
    would be published as typed and never counted by ``check --publish``."""
    settings = pelican.settings
    problems = []
    for path in content_files(Path(settings["PATH"]), read_extensions(settings)):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the metadata check names a file that is not UTF-8 text
        problems += [Problem(str(path), line, message) for line, message in near_misses(text)]
    stop_on(problems, "gap markers")


def register() -> None:
    signals.initialized.connect(add_extension)
    on_run_start(check_near_misses)
    signals.content_object_init.connect(label_placeholders)
    signals.generator_init.connect(install_filter)
