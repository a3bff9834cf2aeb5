"""Every file a build writes, who writes it, and the clashes between them.

Two writers of one file never fail loudly on their own: Pelican lets an item
with ``Save_as`` overwrite what was written there (and skips a later write to
it), static files are copied over whatever is in their place, and the plugin's
``sitemap.xml`` and ``robots.txt`` come last of all. An editor's ``Save_as:
index.html`` therefore silently replaced the landing page. So, before anything
is written, every file the run will write is claimed here with the one who
writes it – content with the line of the field its address comes from – and
the second claim of a file stops the build naming both. The writer
(``writer.py``) claims every write it sees as well, so a file another plugin
writes through it is covered too.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.contents import Static

from .alternates import is_fallback
from .config import Config
from .errors import Problem, shown_path
from .frontmatter import line_of
from .registry import ListPage, Registry, is_draft


@dataclass(frozen=True)
class Claim:
    """One file of the output and the one who writes it."""

    path: str  # below the output folder, as the site wrote it
    what: str  # names the writer in a message: "the landing page", "content/pages/x.md"
    where: str = "settings"  # the file the problem is reported at
    # The line there, or the metadata field whose line it is: looked up only
    # for a problem (every item of a large site makes a claim; few clash).
    at: int | str = 0
    field: str = ""  # how the problem starts: "Save_as 'x'"; default: "'x'"

    @property
    def head(self) -> str:
        return self.field or f"'{self.path}'"

    @property
    def line(self) -> int:
        return line_of(self.where, self.at) if isinstance(self.at, str) else self.at


RESERVED = "reserved_addresses"  # runtime.extras: files other plugins write themselves


def reserve(path: str, what: str) -> None:
    """Claim a file a plugin writes without Pelican's writer (``_headers``, a
    favicon, calendar files), so that no item can silently take its place.
    Call it for every run before the items are paired, e.g. in a generator's
    ``generate_context``."""
    from .runtime import current

    current().extras.setdefault(RESERVED, []).append(Claim(path, what))


def normal(path: str) -> str | None:
    """A path below the output folder in one spelling; None if it leaves it."""
    if not path or path.startswith(("/", "\\")) or os.path.isabs(path):
        return None
    cleaned = posixpath.normpath(path.replace("\\", "/"))
    if cleaned == ".." or cleaned.startswith("../"):
        return None
    return cleaned


def content_claim(item: Any, save_as: str | None = None, what: str | None = None) -> Claim:
    """A content item's file, reported at the field its address comes from."""
    save_as = item.save_as if save_as is None else save_as
    source = item.source_path
    shown = shown_path(source)
    metadata = getattr(item, "metadata", {})
    fallback = getattr(item, "fallback_of", None)
    if fallback is not None:
        field, line_field = f"its fallback in '{item.lang}' at '{save_as}'", "title"
        source, shown = fallback.source_path, f"the fallback in '{item.lang}' of {shown}"
    elif "save_as" in metadata and hasattr(item, "override_save_as"):
        field, line_field = f"Save_as '{save_as}'", "save_as"
    else:
        origin = "slug" if "slug" in metadata else "title"
        field, line_field = f"its address '{save_as}' (made from its {origin})", origin
    if is_draft(item):
        field, what = f"the draft's {field}", what or f"the draft {shown}"
    return Claim(save_as, what or shown, source, line_field, field)


def outside_output(item: Any) -> Problem | None:
    """An item whose file would lie outside the output folder (Pelican skips it)."""
    if isinstance(item, Static):
        save_as = item.save_as
        if save_as and normal(save_as) is None:
            message = f"its address '{save_as}' leads outside the output folder"
            return Problem(item.source_path, 0, message)
        return None
    if not getattr(item, "source_path", None) or not getattr(item, "save_as", None):
        return None
    if normal(item.save_as) is not None:
        return None
    claim = content_claim(item)
    message = f"{claim.head} leads outside the output folder; write an address like 'de/page/'"
    return Problem(claim.where, claim.line, message)


def list_claims(page: ListPage) -> list[Claim]:
    """Every page of a list the plugin writes; its address is a setting."""
    kind = page.metadata.get("kind")
    if kind:
        name = f"the {kind} list '{page.title}' in '{page.lang}'"
        setting = f"{kind.upper()}_SAVE_AS"
    else:
        name, setting = f"the news list in '{page.lang}'", "NEWS_SAVE_AS"
    claims = []
    for number, save_as in enumerate(page.page_save_as or [page.save_as], start=1):
        what = name if number == 1 else f"page {number} of {name}"
        field = f"{setting} of '{page.lang}': {what} at '{save_as}'"
        claims.append(Claim(save_as, what, "settings", 0, field))
    return claims


def theme_static_claims(settings: dict[str, Any]) -> list[Claim]:
    """The theme's static files, copied as Pelican's StaticGenerator copies them."""
    theme = settings.get("THEME")
    if not theme:
        return []
    target = settings.get("THEME_STATIC_DIR", "theme")
    ignores = settings.get("IGNORE_FILES", [])
    claims = []
    for name in settings.get("THEME_STATIC_PATHS", []):
        source = Path(theme) / name
        if source.is_file():
            files = [(source, source.name)]
        else:
            files = [
                (path, path.relative_to(source).as_posix())
                for path in sorted(source.rglob("*"))
                if path.is_file()
            ]
        for path, relative in files:
            if any(
                fnmatch.fnmatch(part, pattern)
                for part in relative.split("/")
                for pattern in ignores
            ):
                continue
            save_as = posixpath.join(target, relative)
            claims.append(Claim(save_as, f"the theme's static file {shown_path(str(path))}"))
    return claims


def site_claims(settings: dict[str, Any], config: Config, landing: bool) -> list[Claim]:
    """The files the site's settings name: landing and 404 page, sitemap,
    robots.txt, feeds, template pages, the theme's static files."""
    claims = []
    if landing:
        if config.landing_save_as:
            claims.append(Claim(config.landing_save_as, "the landing page"))
        if config.not_found_save_as:
            claims.append(Claim(config.not_found_save_as, "the site-wide 404 page"))
    if settings.get("BILINGUAL_SITEMAP", True):
        claims.append(Claim("sitemap.xml", "the sitemap (sitemap.xml)"))
        claims.append(Claim("robots.txt", "robots.txt"))
    for lang in config.languages:
        feed = config.setting(lang, "FEED_ATOM")
        if feed and config.setting(lang, "NEWS_SAVE_AS"):
            what = f"the feed of '{lang}' (FEED_ATOM)"
            claims.append(Claim(feed, what, field=f"FEED_ATOM of '{lang}' '{feed}'"))
    for source, save_as in (settings.get("TEMPLATE_PAGES") or {}).items():
        what = f"TEMPLATE_PAGES['{source}']"
        claims.append(Claim(save_as, what, field=f"{what} '{save_as}'"))
    for name in settings.get("DIRECT_TEMPLATES") or []:
        save_as = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if save_as:
            what = f"the direct template '{name}'"
            claims.append(Claim(save_as, what, field=f"{what} at '{save_as}'"))
    claims.extend(theme_static_claims(settings))
    return claims


def static_claims(staticfiles: Iterable[Any]) -> list[Claim]:
    """Files of STATIC_PATHS, copied to their own address."""
    claims = []
    for static in staticfiles:
        shown = shown_path(static.source_path)
        field = f"the static file's address '{static.save_as}'"
        claims.append(
            Claim(static.save_as, f"the static file {shown}", static.source_path, 0, field)
        )
    return claims


def registry_claims(registry: Registry, extra: Iterable[Any] = ()) -> list[Claim]:
    """Lists first, then content: an item without an address of its own
    before one with ``Save_as`` (whose field is then the one named), then
    fallbacks, then drafts (``extra``) – the later of two is reported."""
    lists, items = [], []
    for group in registry.items.values():
        for item in group.values():
            if isinstance(item, ListPage):
                lists.extend(list_claims(item))
            elif item.save_as:
                items.append(item)

    def order(item: Any) -> tuple[int, str]:
        rank = 2 if is_fallback(item) else int("save_as" in item.metadata)
        return rank, item.source_path

    claims = lists + [content_claim(item) for item in sorted(items, key=order)]
    claims.extend(content_claim(item) for item in extra if item.save_as)
    return claims


def clashes(claims: Iterable[Claim]) -> list[Problem]:
    """The second writer of a file (or of a folder another file needs), and
    every file outside the output folder, each as one problem."""
    files: dict[str, Claim] = {}
    folders: dict[str, Claim] = {}
    problems = []
    for claim in claims:
        path = normal(claim.path)
        if path is None:
            message = (
                f"{claim.head} leads outside the output folder; write an address like 'de/page/'"
            )
            problems.append(Problem(claim.where, claim.line, message))
            continue
        first = files.get(path) or folders.get(path)
        parents = [posixpath.dirname(path)]
        while parents[-1]:
            parents.append(posixpath.dirname(parents[-1]))
        blocking = next((files[p] for p in parents if p in files), None)
        if first is not None and first is not claim:
            verb = "written by" if path in files else "a folder of a file written by"
            problems.append(
                Problem(claim.where, claim.line, f"{claim.head} is also {verb} {first.what}")
            )
            continue
        if blocking is not None:
            message = f"{claim.head} needs a folder where {blocking.what} writes a file"
            problems.append(Problem(claim.where, claim.line, message))
            continue
        files[path] = claim
        for parent in parents[:-1]:
            folders.setdefault(parent, claim)
    return problems


def _as_url(path: str) -> str:
    """The address a file is reached at: ``de/`` for ``de/index.html``."""
    cleaned = normal(path.lstrip("/")) or path
    cleaned = "" if cleaned == "." else cleaned
    return cleaned.removesuffix("index.html")


def url_clashes(registry: Registry, claims: Iterable[Claim]) -> list[Problem]:
    """An item's own ``Url`` that leads to a file someone else writes (the
    landing page, another item …): every link to the item would lead there."""
    owners: dict[str, Claim] = {}
    for claim in claims:
        owners.setdefault(_as_url(claim.path), claim)
    problems = []
    for group in registry.items.values():
        for item in group.values():
            if isinstance(item, ListPage) or is_fallback(item) or not item.metadata.get("url"):
                continue
            owner = owners.get(_as_url(item.url))
            if owner is None or normal(owner.path) == normal(item.save_as or ""):
                continue
            source = item.source_path
            message = f"Url '{item.url}' is also the address of {owner.what}"
            problems.append(Problem(source, line_of(source, "url"), message))
    return problems


def content_clashes(registry: Registry) -> list[Problem]:
    """Clashes between the site's own items (for ``status``, which reads no theme)."""
    claims = registry_claims(registry)
    return clashes(claims) + url_clashes(registry, claims)
