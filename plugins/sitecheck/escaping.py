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


def escape_by_default(settings: dict[str, Any]) -> None:
    """Turn Jinja's autoescaping on for every template, whatever else is set."""
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    jinja["autoescape"] = True
    settings["JINJA_ENVIRONMENT"] = jinja
