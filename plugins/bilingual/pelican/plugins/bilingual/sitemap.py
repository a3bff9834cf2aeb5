"""sitemap.xml with hreflang alternates, and robots.txt naming it.

The alternates come from the same function as the ``<link hreflang>`` in
each page's head, so search engines read the same pairs in both places.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from .alternates import hreflang_links, is_fallback
from .registry import ListPage
from .runtime import Runtime

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _listed(item: Any) -> bool:
    if isinstance(item, ListPage):
        return True
    return getattr(item, "status", "published") == "published" and not is_fallback(item)


def _pages(item: Any) -> list[int]:
    return list(range(1, len(item.page_urls) + 1)) if isinstance(item, ListPage) else [1]


def sitemap_entries(runtime: Runtime) -> list[tuple[str, list[tuple[str, str]]]]:
    """(address, [(hreflang, address), …]) for every page a search engine should know."""
    registry, config = runtime.registry, runtime.config
    entries = []
    for key, group in registry.items.items():
        for lang, item in group.items():
            if not _listed(item):
                continue
            for page in _pages(item):
                landing = runtime.extras.get("landing_url")
                links = hreflang_links(registry, config, key, lang, landing, page)
                own = item.url_of_page(page) if isinstance(item, ListPage) else item.url
                entries.append((own, links))
    return sorted(entries)


def write_sitemap(settings: dict[str, Any], runtime: Runtime) -> None:
    if runtime.registry is None or not settings.get("BILINGUAL_SITEMAP", True):
        return
    base = settings.get("SITEURL", "")
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for url, links in sitemap_entries(runtime):
        entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = f"{base}/{url}"
        for hreflang, href in links:
            attributes = {"rel": "alternate", "hreflang": hreflang, "href": f"{base}/{href}"}
            ET.SubElement(entry, f"{{{XHTML_NS}}}link", attributes)
    ET.indent(root)
    output = Path(settings["OUTPUT_PATH"])
    ET.ElementTree(root).write(output / "sitemap.xml", encoding="utf-8", xml_declaration=True)
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n"
    (output / "robots.txt").write_text(robots, encoding="utf-8")
