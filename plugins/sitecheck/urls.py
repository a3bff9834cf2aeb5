"""Settings that become addresses on every page are checked before they are used.

``REGISTRATION_URL`` becomes a button, ``SITEURL`` and ``FEED_DOMAIN`` the
start of every link, canonical address and feed entry. A value with a quote,
a space or an angle bracket breaks out of the attribute it lands in; a
``javascript:`` or plain ``http:`` address turns the site's own links into a
script or an unencrypted request. So each must be an ``https://`` address
(``SITEURL`` may also be empty or ``http://localhost`` while developing), and
a bad one stops the build naming the setting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

# Characters that end an attribute value or a URL in HTML, or hide in one.
_BREAKS_OUT = re.compile(r"[\s\"'<>\\`]|[\x00-\x1f\x7f]")
_LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]"}
# Keys in CONFERENCE whose values are addresses.
_URL_KEY = re.compile(r"(^|_)(url|href|link|website|homepage)$", re.IGNORECASE)


def url_problem(value: Any, *, site: bool = False) -> str | None:
    """Why ``value`` is not a safe public address, or None if it is one."""
    if not isinstance(value, str):
        return f"must be a text (an https:// address), not {type(value).__name__}"
    if _BREAKS_OUT.search(value):
        return "must not contain spaces, quotes, backslashes or angle brackets"
    parts = urlsplit(value)
    local = parts.scheme == "http" and parts.netloc.split(":")[0] in _LOCAL_HOSTS
    if parts.scheme != "https" and not (site and local):
        allowed = "https:// (or http://localhost while developing)" if site else "https://"
        return f"must start with {allowed}, not {value.split(':')[0]!r}:"
    if not parts.hostname:
        return "names no host (https://host.example/…)"
    if site and (parts.query or parts.fragment or value.endswith("/")):
        return "must be the site's address without '/' at the end, query or fragment"
    return None


def _conference_urls(value: Any, where: str) -> Iterator[tuple[str, Any]]:
    """Every address inside CONFERENCE, with where it is (``CONFERENCE['x']['url']``)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            place = f"{where}[{key!r}]"
            if isinstance(key, str) and _URL_KEY.search(key):
                if isinstance(item, Mapping):  # one address per language
                    yield from ((f"{place}[{k!r}]", v) for k, v in item.items())
                else:
                    yield place, item
            else:
                yield from _conference_urls(item, place)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _conference_urls(item, f"{where}[{index}]")
    elif isinstance(value, str) and re.match(r"\s*(javascript|vbscript|data|https?):", value, re.I):
        yield where, value


def url_settings(settings: Mapping[str, Any]) -> Iterator[tuple[str, Any, bool]]:
    """(setting, value, is the site's own address) for every address setting in use."""
    if settings.get("SITEURL"):
        yield "SITEURL", settings["SITEURL"], True
    if settings.get("FEED_DOMAIN") and settings["FEED_DOMAIN"] != settings.get("SITEURL"):
        yield "FEED_DOMAIN", settings["FEED_DOMAIN"], True
    if settings.get("REGISTRATION_URL"):
        yield "REGISTRATION_URL", settings["REGISTRATION_URL"], False
    for lang, overrides in (settings.get("BILINGUAL_SETTINGS") or {}).items():
        if isinstance(overrides, Mapping) and overrides.get("REGISTRATION_URL"):
            name = f"BILINGUAL_SETTINGS[{lang!r}]['REGISTRATION_URL']"
            yield name, overrides["REGISTRATION_URL"], False
    yield from (
        (name, value, False)
        for name, value in _conference_urls(settings.get("CONFERENCE"), "CONFERENCE")
    )


def check_url_settings(settings: Mapping[str, Any]) -> list[str]:
    """One message per address setting that is not safe to print into a page."""
    messages = []
    for name, value, site in url_settings(settings):
        problem = url_problem(value, site=site)
        if problem:
            messages.append(f"{name} = {value!r} {problem}")
    return messages
