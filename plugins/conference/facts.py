"""The conference's facts, read once from the settings and checked.

Templates never read the clock: whether registration is open and whether the
conference is upcoming, running or past is decided here from one "as of"
date, the ``AS_OF_DATE`` setting or, when set, ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class FactsError(ValueError):
    """A wrong value in the settings, named by its setting."""


# Roles the theme's catalogs label; any other role takes its label per
# language from CONFERENCE['roles'] (which may also relabel these two).
BUILT_IN_ROLES = ("organiser", "host")


def two_clocks(venue: ZoneInfo, home: ZoneInfo) -> bool:
    return home.key != venue.key


@dataclass(frozen=True)
class Organiser:
    name: dict[str, str]
    role: str


@dataclass(frozen=True)
class RoleGroup:
    """The organisers of one role; ``label`` is None for a built-in role the
    theme labels from its catalogs."""

    role: str
    label: dict[str, str] | None
    organisers: tuple[Organiser, ...]


@dataclass(frozen=True)
class Conference:
    name: dict[str, str]
    city: dict[str, str]
    country: str  # ISO 3166 code, for structured data
    start: dt.date
    end: dt.date
    timezone: ZoneInfo
    home_timezone: ZoneInfo
    organisers: tuple[Organiser, ...]
    venue_time_label: dict[str, str]
    home_time_label: dict[str, str]
    registration_url: str  # empty while the address is not known
    registration_deadline: dt.date | None
    as_of_moment: dt.datetime  # in UTC; the date below is its day
    short_name: str = ""  # the favicon's text
    slug: str = ""  # name (default language) and year, e.g. for calendar UIDs
    role_labels: tuple[tuple[str, dict[str, str]], ...] = ()

    @property
    def organiser_groups(self) -> list[RoleGroup]:
        """Every organiser, grouped by role in the order roles first appear."""
        labels = dict(self.role_labels)
        roles = list(dict.fromkeys(organiser.role for organiser in self.organisers))
        return [
            RoleGroup(
                role,
                labels.get(role),
                tuple(o for o in self.organisers if o.role == role),
            )
            for role in roles
        ]

    @property
    def two_clocks(self) -> bool:
        """Whether visitors need their home clock beside the venue's."""
        return two_clocks(self.timezone, self.home_timezone)

    @property
    def as_of(self) -> dt.date:
        return self.as_of_moment.date()

    @property
    def registration_closes(self) -> dt.date:
        """Last day to register: the deadline, else the day before the start."""
        return self.registration_deadline or self.start - dt.timedelta(days=1)

    @property
    def registration_known(self) -> bool:
        """Whether the site knows where to register (REGISTRATION_URL is set)."""
        return bool(self.registration_url)

    @property
    def registration_open(self) -> bool:
        """Open with a known address until the last day to register; without an
        address the site says only what it knows and offers no button."""
        return self.registration_known and self.as_of <= self.registration_closes

    @property
    def status(self) -> str:
        if self.as_of < self.start:
            return "upcoming"
        return "running" if self.as_of <= self.end else "past"

    @property
    def days(self) -> list[dt.date]:
        count = (self.end - self.start).days + 1
        return [self.start + dt.timedelta(days=n) for n in range(count)]

    def utc_offset_hours(self, zone: ZoneInfo) -> float:
        noon = dt.datetime.combine(self.start, dt.time(12), tzinfo=zone)
        return noon.utcoffset().total_seconds() / 3600

    @property
    def hours_ahead_of_home(self) -> int:
        """How far the venue's clocks run ahead of the visitors' home clocks."""
        return round(
            self.utc_offset_hours(self.timezone) - self.utc_offset_hours(self.home_timezone)
        )


def as_of_moment(settings: dict[str, Any], environ: dict[str, str] | None = None) -> dt.datetime:
    """SOURCE_DATE_EPOCH if set, else the start (UTC) of the AS_OF_DATE setting."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        except ValueError as error:
            raise FactsError(
                f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds"
            ) from error
    value = settings.get("AS_OF_DATE")
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise FactsError("AS_OF_DATE must be a date: date(year, month, day)")
    return dt.datetime.combine(value, dt.time(), tzinfo=dt.UTC)


def _zone(name: Any, setting: str) -> ZoneInfo:
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise FactsError(f"{setting}: unknown time zone {name!r}") from error


def _need(mapping: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = mapping.get(name)
    if not isinstance(value, kind):
        raise FactsError(
            f"CONFERENCE['{name}'] is missing or not a {getattr(kind, '__name__', kind)}"
        )
    return value


def _check_languages(text: Any, languages: list[str], setting: str) -> dict[str, str]:
    """A text per language: a dict with a non-empty str for every language."""
    if not isinstance(text, dict):
        example = ", ".join(f"{lang!r}: '…'" for lang in languages)
        raise FactsError(f"{setting} must be a dict of texts by language, e.g. {{{example}}}")
    wrong = [lang for lang in languages if lang in text and not isinstance(text[lang], str)]
    if wrong:
        raise FactsError(f"{setting}: the text for {', '.join(wrong)} must be a string")
    missing = [lang for lang in languages if not text.get(lang)]
    if missing:
        raise FactsError(f"{setting} has no text for: {', '.join(missing)}")
    return text


def _organisers(entries: Any, languages: list[str]) -> tuple[Organiser, ...]:
    """CONFERENCE['organisers']: a list of {"name": {language: text}, "role": …}."""
    if not isinstance(entries, (list, tuple)):
        raise FactsError(
            "CONFERENCE['organisers'] must be a list of organisers,"
            " e.g. [{'name': {…}, 'role': 'organiser'}]"
        )
    organisers = []
    for n, entry in enumerate(entries):
        setting = f"CONFERENCE['organisers'][{n}]"
        if not isinstance(entry, dict):
            raise FactsError(f"{setting} must be a dict with 'name' and 'role'")
        role = entry.get("role", "organiser")
        if not isinstance(role, str) or not role:
            raise FactsError(f"{setting}['role'] must be a word such as 'organiser'")
        name = _check_languages(entry.get("name", {}), languages, f"{setting}['name']")
        organisers.append(Organiser(name, role))
    return tuple(organisers)


def _roles(raw: dict[str, Any], organisers: tuple[Organiser, ...], languages: list[str]):
    """The labels of every role in CONFERENCE['roles'] and of every role in use."""
    roles = raw.get("roles", {})
    if not isinstance(roles, dict):
        raise FactsError("CONFERENCE['roles'] must be a dict: role -> {language: label}")
    labels = []
    used = [o.role for o in organisers if o.role not in BUILT_IN_ROLES]
    for role in dict.fromkeys([*roles, *used]):
        text = roles.get(role, {})
        if not isinstance(text, dict):
            raise FactsError(f"CONFERENCE['roles'][{role!r}] must be a dict: language -> label")
        labels.append((role, _check_languages(text, languages, f"CONFERENCE['roles'][{role!r}]")))
    return tuple(labels)


def _clock_labels(raw: dict[str, Any], two_clocks: bool, languages: list[str]):
    """The two clocks' labels: needed in every language when there are two clocks."""
    labels = []
    for name in ("venue_time_label", "home_time_label"):
        text = raw.get(name, {})
        if not isinstance(text, dict):
            raise FactsError(f"CONFERENCE['{name}'] must be a dict: language -> text")
        if two_clocks:
            _check_languages(text, languages, f"CONFERENCE['{name}']")
        labels.append(text)
    return labels


_ROMAN = re.compile(r"[IVXLCDM]+(?=\W|$)")


def _slug(text: str) -> str:
    """Lower-case words joined by '-', accents dropped (ä -> a), any script kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return "-".join(re.findall(r"[^\W_]+", plain))


def _short_name(raw: dict[str, Any], name: str, start: dt.date) -> str:
    """CONFERENCE['short_name'], else the name's leading Roman numeral, else the year."""
    value = raw.get("short_name")
    if value is None:
        numeral = _ROMAN.match(name)
        return numeral.group() if numeral else str(start.year)
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= 4:
        raise FactsError("CONFERENCE['short_name'] must be a text of 1 to 4 characters, e.g. 'XV'")
    return value.strip()


def read_facts(
    settings: dict[str, Any], languages: list[str], environ: dict[str, str] | None = None
) -> Conference:
    """Every fact or a FactsError that names the setting to fix."""
    raw = _need(settings, "CONFERENCE", dict)
    start, end = _need(raw, "start", dt.date), _need(raw, "end", dt.date)
    if end < start:
        raise FactsError("CONFERENCE['end'] lies before CONFERENCE['start']")
    deadline = settings.get("REGISTRATION_DEADLINE")
    if deadline is not None and (not isinstance(deadline, dt.date) or deadline > end):
        raise FactsError(
            "REGISTRATION_DEADLINE must be None or a date no later than the conference's end"
        )
    url = settings.get("REGISTRATION_URL") or ""
    if url and not str(url).startswith("https://"):
        raise FactsError("REGISTRATION_URL must be an https:// address (or None while unknown)")
    organisers = _organisers(raw.get("organisers", []), languages)
    name = _check_languages(raw.get("name"), languages, "CONFERENCE['name']")
    zone_name = raw.get("timezone", settings.get("TIMEZONE", "UTC"))
    timezone = _zone(zone_name, "CONFERENCE['timezone']")
    home_timezone = _zone(raw.get("home_timezone", zone_name), "CONFERENCE['home_timezone']")
    venue_label, home_label = _clock_labels(raw, two_clocks(timezone, home_timezone), languages)
    main_name = name.get(settings.get("DEFAULT_LANG")) or next(iter(name.values()), "")
    year = str(start.year)
    return Conference(
        name=name,
        country=str(raw.get("country", "")),
        city=_check_languages(raw.get("city"), languages, "CONFERENCE['city']"),
        start=start,
        end=end,
        timezone=timezone,
        home_timezone=home_timezone,
        organisers=organisers,
        venue_time_label=venue_label,
        home_time_label=home_label,
        registration_url=url,
        registration_deadline=deadline,
        as_of_moment=as_of_moment(settings, environ),
        short_name=_short_name(raw, main_name, start),
        slug=_slug(main_name if year in main_name else f"{main_name} {year}"),
        role_labels=_roles(raw, organisers, languages),
    )
