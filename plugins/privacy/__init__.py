"""privacy: nothing leaves the site without the visitor choosing it.

- Links in the content to other hosts get ``rel="external noopener
  noreferrer"``: the other site learns nothing of the page they came from.
  Links written as raw HTML too (raw_links.py).
- ``SECURITY_HEADERS`` is written once as ``_headers`` (for hosts that read
  it: Netlify, Cloudflare Pages) and given to the theme, which repeats what a
  ``<meta>`` can carry (the Content-Security-Policy without the directives
  only a header may set, and the referrer policy), so both always agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from pelican import signals
from pelican.plugins.bilingual.addresses import reserve

from .raw_links import RawLinks

HEADER_ONLY = ("frame-ancestors", "report-uri", "report-to", "sandbox")


class ExternalLinks(Treeprocessor):
    def __init__(self, md: Markdown, own_host: str):
        super().__init__(md)
        self.own_host = own_host

    def run(self, root: Element) -> None:
        for link in root.iter("a"):
            parts = urlsplit(link.get("href", ""))
            if parts.scheme in ("http", "https") and parts.netloc != self.own_host:
                link.set("rel", "external noopener noreferrer")


class ExternalLinksExtension(Extension):
    def __init__(self, own_host: str):
        super().__init__()
        self.own_host = own_host

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.treeprocessors.register(ExternalLinks(md, self.own_host), "external_links", 1)
        # After raw HTML is put back (30): links written as HTML are marked too.
        md.postprocessors.register(RawLinks(md, self.own_host), "raw_external_links", 5)


def meta_csp(policy: str) -> str:
    """The policy without what browsers ignore in a <meta> element."""
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    return "; ".join(d for d in directives if d.split()[0] not in HEADER_ONLY)


def configure(pelican: Any) -> None:
    settings = pelican.settings
    host = urlsplit(settings.get("SITEURL", "")).netloc
    extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    if not any(isinstance(e, ExternalLinksExtension) for e in extensions):
        extensions.append(ExternalLinksExtension(host))


def install_templates(generator: Any) -> None:
    headers = generator.settings.get("SECURITY_HEADERS", {})
    generator.env.globals.update(
        content_security_policy=meta_csp(headers.get("Content-Security-Policy", "")),
        referrer_policy=headers.get("Referrer-Policy", ""),
    )


def claim_headers(generator: Any) -> None:
    """The security headers file is claimed once per run (there is one
    articles generator), so that no page takes its place unnoticed."""
    if generator.settings.get("SECURITY_HEADERS"):
        reserve("_headers", "the security headers (_headers)")


def write_headers(pelican: Any) -> None:
    headers = pelican.settings.get("SECURITY_HEADERS", {})
    if not headers:
        return
    lines = ["/*", *(f"  {name}: {value}" for name, value in headers.items())]
    output = Path(pelican.settings["OUTPUT_PATH"]) / "_headers"
    output.write_text("\n".join(lines) + "\n", encoding="utf-8")


def register() -> None:
    signals.initialized.connect(configure)
    signals.generator_init.connect(install_templates)
    signals.article_generator_init.connect(claim_headers)
    signals.finalized.connect(write_headers)
