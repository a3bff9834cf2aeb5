"""schema.org JSON-LD for the conference and its working-group sessions.

Values come from the settings and the program; nothing is made up: the
location names the city and country only, since the street address is not
known. The JSON is escaped so that no text can close the ``<script>``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from conference.facts import BUILT_IN_ROLES

from .model import Program, Session

SCHEMA = "https://schema.org/"


def script_safe(data: dict[str, Any]) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=None)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def place(city: str, country: str, name: str | None = None) -> dict[str, Any]:
    address = {"@type": "PostalAddress", "addressLocality": city, "addressCountry": country}
    return {"@type": "Place", "name": name or city, "address": address}


def conference_event(
    facts: Any, lang: str, program: Program | None, *, url: str, description: str
) -> dict[str, Any]:
    zone = facts.timezone
    # A provisional timetable's times are placeholders: search engines get the
    # conference's dates only, never a time nobody has announced.
    if program is not None and program.sessions and not program.provisional:
        start = min(s.starts(zone) for s in program.sessions).isoformat()
        end = max(s.ends(zone) for s in program.sessions).isoformat()
    else:
        start, end = facts.start.isoformat(), facts.end.isoformat()
    event = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": facts.name[lang],
        "description": description,
        "url": url,
        "inLanguage": lang,
        "startDate": start,
        "endDate": end,
        "eventStatus": f"{SCHEMA}EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}OfflineEventAttendanceMode",
        "location": place(facts.city[lang], facts.country),
        # Only those who organise it: a partner or sponsor is no organizer.
        "organizer": [
            {"@type": "Organization", "name": organiser.name[lang]}
            for organiser in facts.organisers
            if organiser.role in BUILT_IN_ROLES  # organiser and host; a partner is none
        ],
    }
    if facts.registration_known:  # an offer needs the address where one registers
        event["offers"] = {"@type": "Offer", "url": facts.registration_url}
        if facts.registration_deadline is not None:
            event["offers"]["validThrough"] = facts.registration_deadline.isoformat()
    return event


def session_event(
    session: Session, facts: Any, lang: str, *, url: str, place_name: str
) -> dict[str, Any]:
    zone: dt.tzinfo = facts.timezone
    event: dict[str, Any] = {
        "@type": "Event",
        "name": session.title,
        "url": f"{url}#{session.key}",
        "inLanguage": lang,
        "startDate": session.starts(zone).isoformat(),
        "endDate": session.ends(zone).isoformat(),
        "eventStatus": f"{SCHEMA}EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}OfflineEventAttendanceMode",
        "location": place(facts.city[lang], facts.country, place_name),
    }
    if session.description:
        event["description"] = session.description
    return event
