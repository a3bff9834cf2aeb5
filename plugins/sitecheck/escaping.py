"""Templates escape what they print, so text from metadata or settings stays text.

Pelican creates its Jinja environments without autoescaping, so a title, a
session title or a settings value containing ``<script>`` or a quote would
become markup (a live script element, an injected attribute) on every page
that prints it. With autoescaping on, only what is markup on purpose gets
through: the rendered Markdown (``content | safe``) and the values our plugins
build as ``Markup`` (JSON-LD, placeholders, QR codes).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup


def escape_by_default(settings: dict[str, Any]) -> None:
    """Turn Jinja's autoescaping on for every template, whatever else is set."""
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    jinja["autoescape"] = True
    settings["JINJA_ENVIRONMENT"] = jinja


def plain_summary(content: Any) -> None:
    """A ``Summary:`` line is text: tags an editor typed into it are dropped.

    Pelican renders it as Markdown, raw HTML included, and the Atom feed
    carries it as HTML; the theme prints it as text already (``striptags``).
    So its text is kept, escaped, in one paragraph – a ``<script>`` in it never
    becomes an element, in the feed either.
    """
    summary = content.metadata.get("summary")
    if not summary:
        return
    text = Markup("<p>{}</p>").format(Markup(summary).striptags())
    content.metadata["summary"] = text
    content._summary = text
