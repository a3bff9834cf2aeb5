"""External links written as raw HTML get the same ``rel`` as Markdown ones.

Markdown keeps raw HTML (``<a href="https://other.example">``) out of its
element tree: it is stashed, the tree processors run, and the HTML is put back
by a postprocessor. So the tree processor that marks Markdown links never sees
these. This postprocessor runs after the raw HTML is back and rewrites the
start tag of every ``<a>`` or ``<area>`` to another host (``target="_blank"``
included), keeping the editor's own ``rel`` words.
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

from markdown import Markdown
from markdown.postprocessors import Postprocessor

REL = ("external", "noopener", "noreferrer")
_START_TAG = re.compile(r"<(?:a|area)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"""\s([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+))?""", re.IGNORECASE
)


def is_external(href: str, own_host: str) -> bool:
    """A link that leaves the site: http(s) or scheme-relative, to another host."""
    parts = urlsplit(href.strip())
    if parts.scheme.lower() in ("http", "https") or (not parts.scheme and href.strip()[:2] == "//"):
        return parts.netloc.lower() != own_host.lower()
    return False


def with_rel(tag: str, own_host: str) -> str:
    """The start tag with ``external noopener noreferrer`` in its ``rel`` if it leaves the site."""
    attributes = {
        match[1].lower(): (match, unescape((match[2] or "").strip("\"'")))
        for match in _ATTRIBUTE.finditer(tag)
    }
    href = attributes.get("href")
    if href is None or not is_external(href[1], own_host):
        return tag
    rel = attributes.get("rel")
    words = rel[1].split() if rel else []
    words += [word for word in REL if word not in words]
    value = f' rel="{" ".join(words)}"'
    if rel is not None:
        match = rel[0]
        return tag[: match.start()] + value + tag[match.end() :]
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    return tag[:end].rstrip() + value + tag[end:]


class RawLinks(Postprocessor):
    """Marks external links in the finished HTML (raw HTML included)."""

    def __init__(self, md: Markdown, own_host: str):
        super().__init__(md)
        self.own_host = own_host

    def run(self, text: str) -> str:
        return _START_TAG.sub(lambda match: with_rel(match[0], self.own_host), text)
