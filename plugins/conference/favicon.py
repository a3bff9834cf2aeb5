"""The site's favicon: the conference's short name on the theme's accent.

One self-contained SVG (no font file, no link, no script or style, so that no
content security policy can strip it), readable at 16 px: at most four
characters, the fewer the larger. It needs no dark variant: light text on the
dark accent reads on light and dark tab bars alike, and a light outline keeps
the square visible against a dark one.
"""

from __future__ import annotations

from html import escape

ACCENT = "#0b4f8a"  # the theme's --accent (light scheme)
OUTLINE = "#8cc4ff"  # the theme's --accent in the dark scheme
TEXT = "#ffffff"

# Font size (of a 32-unit square) and baseline by the number of characters.
_SIZES = {1: (22, 24), 2: (18, 22.5), 3: (15, 21.5), 4: (11.5, 20)}


def favicon_svg(text: str) -> bytes:
    """The favicon with ``text`` (1 to 4 characters), the same bytes every build."""
    size, baseline = _SIZES[max(1, min(len(text), 4))]
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        f'<rect x="0.75" y="0.75" width="30.5" height="30.5" rx="6" fill="{ACCENT}"'
        f' stroke="{OUTLINE}" stroke-width="1.5"/>'
        f'<text x="16" y="{baseline}" font-family="Arial, Helvetica, sans-serif"'
        f' font-size="{size}" font-weight="700" fill="{TEXT}" text-anchor="middle">'
        f"{escape(text)}</text></svg>\n"
    ).encode()
