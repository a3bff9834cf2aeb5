"""The conference's facts, read once from the settings and checked.

Templates never read the clock: whether registration is open and whether the
conference is upcoming, running or past is decided here from one "as of"
date, the ``AS_OF_DATE`` setting or, when set, ``SOURCE_DATE_EPOCH``.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class FactsError(ValueError):
    """A wrong value in the settings, named by its setting."""


@dataclass(frozen=True)
class Organiser:
    name: dict[str, str]
    role: str


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
    registration_url: str
    registration_deadline: dt.date | None
    as_of_moment: dt.datetime  # in UTC; the date below is its day

    @property
    def as_of(self) -> dt.date:
        return self.as_of_moment.date()

    @property
    def registration_closes(self) -> dt.date:
        """Last day to register: the deadline, else the day before the start."""
        return self.registration_deadline or self.start - dt.timedelta(days=1)

    @property
    def registration_open(self) -> bool:
        return self.as_of <= self.registration_closes

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
        raise FactsError("AS_OF_DATE must be a date, e.g. date(2017, 3, 15)")
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


def _check_languages(text: dict[str, str], languages: list[str], setting: str) -> dict[str, str]:
    missing = [lang for lang in languages if not text.get(lang)]
    if missing:
        raise FactsError(f"{setting} has no text for: {', '.join(missing)}")
    return text


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
    if not str(url).startswith("https://"):
        raise FactsError("REGISTRATION_URL must be an https:// address")
    organisers = tuple(
        Organiser(
            _check_languages(
                entry.get("name", {}), languages, f"CONFERENCE['organisers'][{n}]['name']"
            ),
            entry.get("role", "organiser"),
        )
        for n, entry in enumerate(raw.get("organisers", []))
    )
    return Conference(
        name=_check_languages(_need(raw, "name", dict), languages, "CONFERENCE['name']"),
        country=str(raw.get("country", "")),
        city=_check_languages(_need(raw, "city", dict), languages, "CONFERENCE['city']"),
        start=start,
        end=end,
        timezone=_zone(raw.get("timezone", "UTC"), "CONFERENCE['timezone']"),
        home_timezone=_zone(
            raw.get("home_timezone", raw.get("timezone", "UTC")), "CONFERENCE['home_timezone']"
        ),
        organisers=organisers,
        venue_time_label=raw.get("venue_time_label", {}),
        home_time_label=raw.get("home_time_label", {}),
        registration_url=url,
        registration_deadline=deadline,
        as_of_moment=as_of_moment(settings, environ),
    )
