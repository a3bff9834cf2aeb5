"""program: the conference program as data, from a block editors write.

The program page of each language (``Template: program``) holds a
```program block (see parser.py). This plugin reads it, checks it on its
own and against the other language, and gives the theme a timetable, the
sessions of each working group, iCalendar files and schema.org JSON-LD.
It builds on the bilingual plugin (pairs, languages), the conference plugin
(dates, time zones, organisers) and the placeholders plugin; PLUGINS must
list all three, in any order.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator
from pelican.plugins.bilingual.alternates import is_fallback
from pelican.plugins.bilingual.dependencies import require
from pelican.plugins.bilingual.errors import Problem, stop_on
from pelican.plugins.bilingual.fields import declare
from pelican.plugins.bilingual.frontmatter import line_of
from pelican.plugins.bilingual.lifecycle import on_run_start, paired
from pelican.plugins.bilingual.runtime import current
from pelican.plugins.bilingual.templating import lang_of

from conference import facts
from placeholders import as_text, gaps_of, label_for

from .calendars import build_calendar, my_conference, session_calendar_path
from .checks import check_program, compare
from .jsonld import conference_event, script_safe, session_event
from .markdown_block import ProgramBlockExtension
from .model import Program
from .parser import parse
from .printview import print_days, publish_siteurl, qr_svg, qr_version
from .views import day_views, session_view

_problems: list[Problem] = []


@dataclass(frozen=True)
class CalendarLink:
    download: str
    webcal: str | None


@dataclass(frozen=True)
class QRCode:
    svg: Markup
    url: str


def configure(pelican: Any) -> None:
    require(pelican, "program", ["bilingual", "conference", "placeholders"])
    markdown = pelican.settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    if not any(isinstance(e, ProgramBlockExtension) for e in extensions):
        extensions.append(ProgramBlockExtension())


def reset(pelican: Any) -> None:
    _problems.clear()


def read_program(content: Any) -> None:
    if not isinstance(content, Page) or content.metadata.get("template") != "program":
        return
    text = Path(content.source_path).read_text(encoding="utf-8")
    program, errors = parse(content.source_path, content.lang, text)
    if program is None:
        _problems.append(Problem(content.source_path, 1, "no ```program block on the program page"))
        return
    _problems.extend(Problem(content.source_path, e.line, str(e)) for e in errors)
    program.provisional = _provisional(content)
    content.program = program


YES, NO = {"yes", "ja", "да", "true"}, {"no", "nein", "нет", "false"}


def _yes_or_no(value: str, settings: Any = None) -> str | None:
    """``Provisional:`` is yes or no: a date would look like the organisers' own."""
    if str(value).strip().casefold() in YES | NO:
        return None
    return f"Provisional: '{value}' must be yes (times are placeholders) or no"


def _provisional(content: Any) -> bool:
    value = content.metadata.get("provisional")
    if value is None:
        return False
    problem = _yes_or_no(value)
    if problem is not None:
        line = line_of(content.source_path, "provisional")
        _problems.append(Problem(content.source_path, line, problem))
        return True
    return str(value).strip().casefold() in YES


def _settings(name: str, default: Any = None) -> Any:
    return current().config.per_language[current().config.default].get(name, default)


def program_of(lang: str) -> Program | None:
    item = current().registry.get(_settings("PROGRAM_KEY", "program"), lang)
    if item is None or is_fallback(item):
        return None
    return getattr(item, "program", None)


def group_keys() -> list[str]:
    registry = current().registry
    return sorted(
        key
        for key, group in registry.items.items()
        if any(
            getattr(item, "metadata", {}).get("kind") == "working-group" for item in group.values()
        )
    )


def check_all(generators: list[Any]) -> None:
    config, conference = current().config, facts()
    programs = {lang: program_of(lang) for lang in config.languages}
    groups = group_keys()
    for program in filter(None, programs.values()):
        for path, line, message in check_program(program, conference.start, conference.end, groups):
            _problems.append(Problem(path, line, message))
    source = programs.get(config.default)
    for lang, program in programs.items():
        if source is not None and program is not None and lang != config.default:
            _problems.extend(Problem(*p) for p in compare(source, program))
    stop_on(list(_problems), "program")


def calendar_path(item: Any) -> str:
    """Where an item's calendar goes (and its address): beside the page, named after it."""
    folder = os.path.dirname(item.save_as)
    name = os.path.basename(folder) or item.metadata.get("key", "calendar")
    return f"{folder}/{name}.ics"


def _webcal(url: str) -> str | None:
    site = _settings("SITEURL", "")
    for scheme in ("https://", "http://"):
        if site.startswith(scheme):
            return f"webcal://{site[len(scheme) :]}/{url}"
    return None


def _absolute(url: str) -> str:
    return f"{_settings('SITEURL', '')}/{url}"


def _public(url: str) -> str:
    """An address on the public site, also in a development build (a printout
    travels further than the build it came from)."""
    return f"{publish_siteurl(_settings_all())}/{url}"


def _settings_all() -> dict[str, Any]:
    return current().config.per_language[current().config.default]


def _place_names(program: Program, lang: str) -> dict[str, str]:
    label = label_for(current().config.per_language[lang], lang)
    return {key: as_text(place.name, label) for key, place in program.places.items()}


def _group_urls(lang: str) -> dict[str, str]:
    registry = current().registry
    return {key: registry.get(key, lang).url for key in group_keys() if registry.get(key, lang)}


def _locale(lang: str) -> str:
    return current().config.languages[lang].locale


def print_view_written() -> bool:
    """The print view is written when it has an address and every language its program."""
    if not _settings("PROGRAM_PRINT_SAVE_AS"):
        return False
    return all(program_of(lang) is not None for lang in current().config.languages)


class ProgramFilesGenerator(Generator):
    """Writes the calendars after the pages are known."""

    def generate_context(self) -> None:
        """Everything comes from the program pages Pelican read."""

    def generate_output(self, writer: Any) -> None:
        self._write_calendars()
        self._write_print_view(writer)

    def _write_print_view(self, writer: Any) -> None:
        """Every language's program on one page (side by side up to three, stacked
        beyond); only when every language has its program."""
        config, save_as = current().config, _settings("PROGRAM_PRINT_SAVE_AS")
        if not print_view_written():
            return
        programs = {lang: program_of(lang) for lang in config.languages}
        registry = current().registry
        pages = {lang: registry.get(_settings("PROGRAM_KEY", "program"), lang) for lang in programs}
        urls = {lang: _public(page.url) for lang, page in pages.items()}
        version = qr_version(list(urls.values()))
        codes = {lang: qr_svg(urls[lang], pages[lang].title, version) for lang in pages}
        locales = {lang: _locale(lang) for lang in programs}
        used = {lang: {s.place for s in program.sessions} for lang, program in programs.items()}
        gaps = {
            lang: gaps_of(p.name for k, p in program.places.items() if k in used[lang])
            for lang, program in programs.items()
        }
        writer.write_file(
            save_as,
            self.get_template("program_print"),
            self.context,
            relative_urls=False,
            lang=config.default,
            print_days=print_days(programs, facts(), locales),
            program_pages=pages,
            qr_codes=codes,
            qr_urls=urls,
            print_gaps=gaps,
        )

    def _write_calendars(self) -> None:
        registry = current().registry
        for lang in current().config.languages:
            program = program_of(lang)
            if program is None:
                continue
            page = registry.get(_settings("PROGRAM_KEY", "program"), lang)
            places = _place_names(program, lang)  # once per language, for every file
            self._write(program, program.sessions, page, page.title, lang, places)
            for session in program.sessions:
                save_as = session_calendar_path(calendar_path(page), session)
                self._write(program, [session], page, session.title, lang, places, save_as)
            for key in group_keys():
                group_page = registry.get(key, lang)
                if group_page is not None:
                    sessions = my_conference(program, key)
                    self._write(program, sessions, group_page, group_page.title, lang, places)

    def _write(
        self,
        program: Program,
        sessions: list[Any],
        page: Any,
        title: str,
        lang: str,
        places: dict[str, str],
        save_as: str | None = None,
    ) -> None:
        conference = facts()
        save_as = save_as or calendar_path(page)
        stamp = conference.as_of_moment
        data = build_calendar(
            program,
            sessions,
            name=f"{conference.name[lang]} – {title}",
            zone=conference.timezone,
            namespace=_settings("PROGRAM_UID_NAMESPACE") or conference.slug,
            stamp=stamp,
            url=_absolute(page.url),
            place_name=places,
        )
        path = Path(self.output_path) / save_as
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


@pass_context
def program_days(ctx: Context) -> list[Any]:
    lang = lang_of(ctx)
    program = program_of(lang)
    if program is None:
        return []
    return day_views(program, facts(), _locale(lang), _group_urls(lang))


@pass_context
def group_sessions(ctx: Context, key: str) -> list[Any]:
    lang = lang_of(ctx)
    program = program_of(lang)
    if program is None:
        return []
    # On the group's own page its sessions need no link to that same page.
    return [session_view(s, program, facts(), _locale(lang), None) for s in program.of_group(key)]


@pass_context
def session_calendar(ctx: Context, key: str) -> str | None:
    """The address of one session's calendar file in the page's language: a visitor
    takes just the sessions they will attend."""
    lang = lang_of(ctx)
    program = program_of(lang)
    page = current().registry.get(_settings("PROGRAM_KEY", "program"), lang)
    session = program.by_key().get(key) if program is not None else None
    if page is None or session is None:
        return None
    return session_calendar_path(calendar_path(page), session)


@pass_context
def program_provisional(ctx: Context) -> bool:
    """Whether the page language's program is provisional."""
    program = program_of(lang_of(ctx))
    return program.provisional if program is not None else None


@pass_context
def calendar_link(ctx: Context, key: str | None = None) -> CalendarLink | None:
    lang = lang_of(ctx)
    item = current().registry.get(key or _settings("PROGRAM_KEY", "program"), lang)
    if item is None or program_of(lang) is None:
        return None
    url = calendar_path(item)
    return CalendarLink(url, _webcal(url))


@pass_context
def event_jsonld(ctx: Context, group: str | None = None) -> Markup:
    """The conference as a schema.org Event; with ``group``, its sessions as
    sub-events – once the program is final, not while its times are placeholders."""
    lang = lang_of(ctx)
    item = ctx.get("page") or ctx.get("article")
    program = program_of(lang)
    description = item.metadata.get("summary", "") if item is not None else ""
    url = _absolute(item.url) if item is not None else _absolute("")
    text = Markup(str(description)).striptags()
    data = conference_event(facts(), lang, program, url=url, description=text)
    if group is not None and program is not None and not program.provisional:
        places = _place_names(program, lang)
        data["subEvent"] = [
            session_event(s, facts(), lang, url=url, place_name=places.get(s.place, ""))
            for s in program.of_group(group)
        ]
    return Markup(script_safe(data))


@pass_context
def page_qr(ctx: Context) -> QRCode | None:
    """The page's public address as a QR code, for its printout."""
    item = ctx.get("page")
    if item is None:
        return None
    url = _public(item.url)
    return QRCode(qr_svg(url, item.title), url)


def place_gaps(items: Any) -> list[str]:
    """The gaps the places of some sessions share (days, print days for one
    language, or sessions): the page names them once, the places carry a mark."""
    views = []
    for item in items:
        if hasattr(item, "slots"):
            views += [view for slot in item.slots for view in slot]
        else:
            views.append(item)
    return gaps_of(view.place for view in views)


def print_view_url() -> str | None:
    """The print view's address (``PROGRAM_PRINT_URL``), or None while it is not written."""
    return _settings("PROGRAM_PRINT_URL") if print_view_written() else None


def install_templates(generator: Any) -> None:
    generator.env.globals.update(
        program_days=program_days,
        group_sessions=group_sessions,
        program_provisional=program_provisional,
        calendar_link=calendar_link,
        session_calendar=session_calendar,
        event_jsonld=event_jsonld,
        print_view_url=print_view_url,
        place_gaps=place_gaps,
        page_qr=page_qr,
    )


def add_generator(pelican: Any) -> type:
    return ProgramFilesGenerator


def declare_fields() -> None:
    """The metadata fields this plugin reads (sitecheck refuses any other)."""
    declare(
        "provisional",
        plugin="program",
        kinds=("page",),
        check=_yes_or_no,
        doc="on the program page: yes while the times are placeholders",
    )
    declare(
        "kind",
        plugin="program",
        kinds=("page",),
        doc="'working-group' marks a working group's page (its sessions are listed there)",
    )


def register() -> None:
    declare_fields()
    signals.initialized.connect(configure)
    on_run_start(reset)
    signals.content_object_init.connect(read_program)
    paired.connect(check_all)
    signals.generator_init.connect(install_templates)
    signals.get_generators.connect(add_generator)
