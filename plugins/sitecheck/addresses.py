"""Reading addresses the way a browser does, to know which host they reach.

The third-party check (thirdparty.py) must not be fooled by what browsers
forgive: spaces and control characters around an address, tabs and line
breaks inside it (``java&#9;script:``), backslashes for slashes
(``\\\\other.example``), any number of slashes after ``https:``, a user name
before the host (``https://own.example@other.example``). So every address is
cleaned as the WHATWG URL standard cleans it before its host is read. The
helpers here also take apart what holds several addresses: ``srcset``, CSS
``url()`` and ``@import``, and the ``content`` of a meta refresh.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

# Schemes whose addresses always have a host (the URL standard's "special" ones).
_SPECIAL = {"http", "https", "ws", "wss", "ftp"}
_SCRIPT_SCHEMES = ("javascript:", "vbscript:")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):(.*)", re.DOTALL)
_END_OF_AUTHORITY = re.compile(r"[/?#]")


def clean(address: str) -> str:
    """The address as a browser reads it: no control characters or spaces
    around it, no tabs or line breaks inside it."""
    return re.sub(r"[\t\n\r]", "", address).strip("".join(map(chr, range(0x21))))


def is_script(address: str) -> bool:
    """A ``javascript:`` (or ``vbscript:``) address, however it is spelt."""
    return clean(address).lower().startswith(_SCRIPT_SCHEMES)


def host_of(address: str) -> str | None:
    """The host an address reaches, or None if it stays on the page's own site
    (a relative address) or reaches no host (``mailto:``, ``data:``)."""
    address = clean(address)
    match = _SCHEME.fullmatch(address)
    if match:
        scheme, rest = match[1].lower(), match[2]
        if scheme in _SPECIAL:
            # Browsers skip any slashes and backslashes after a special scheme.
            rest = rest.replace("\\", "/").lstrip("/")
        elif rest.startswith("//"):
            rest = rest[2:]
        else:
            return None
    else:
        rest = address.replace("\\", "/")
        if not rest.startswith("//"):
            return None
        rest = rest.lstrip("/")
    authority = _END_OF_AUTHORITY.split(rest, maxsplit=1)[0]
    host = authority.rpartition("@")[2]
    host = host.partition("]")[0] + "]" if host.startswith("[") else host.partition(":")[0]
    host = unquote(host).lower().rstrip(".")
    return host or None


def foreign_host(address: str, own_host: str | None) -> str | None:
    """The host an address reaches if it is not the site's own, else None."""
    host = host_of(address)
    if host is None or host == own_host:
        return None
    return host


def srcset_addresses(value: str) -> list[str]:
    """The addresses of a ``srcset``: ``a.png 1x, https://b/c.png 2x``."""
    addresses = []
    index, end = 0, len(value)
    while index < end:
        while index < end and value[index] in " \t\n\r\f,":
            index += 1
        start = index
        while index < end and value[index] not in " \t\n\r\f":
            index += 1
        address = value[start:index]
        if address.endswith(","):
            address = address.rstrip(",")
        else:
            depth = 0
            while index < end and not (value[index] == "," and depth <= 0):
                depth += {"(": 1, ")": -1}.get(value[index], 0)
                index += 1
        if address:
            addresses.append(address)
    return addresses


_CSS_COMMENT = re.compile(r"/\*.*?(\*/|$)", re.DOTALL)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\\\n|\\(.)", re.DOTALL)
_CSS_URL = re.compile(r"url\(\s*([\"']?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_CSS_STRING = re.compile(r"\"([^\"]*)\"|'([^']*)'")


def _unescape_css(match: re.Match[str]) -> str:
    if match[1]:
        code = int(match[1], 16)
        return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
    return match[2] or ""


def css_addresses(css: str) -> list[str]:
    """Every address in CSS: ``url(…)`` and quoted strings (``@import "…"``,
    ``image-set("…")``). Escapes are decoded first, so ``\\75 rl(`` is ``url(``."""
    text = _CSS_ESCAPE.sub(_unescape_css, _CSS_COMMENT.sub("", css))
    addresses = [match[2] for match in _CSS_URL.finditer(text)]
    addresses += [match[1] or match[2] or "" for match in _CSS_STRING.finditer(text)]
    return [address for address in addresses if address.strip()]


_REFRESH = re.compile(r"\s*[\d.]*\s*[;,]?\s*(?:url\s*=\s*)?(.*)", re.IGNORECASE | re.DOTALL)


def refresh_address(content: str) -> str:
    """The address a ``<meta http-equiv="refresh" content="0; url=…">`` goes
    to; empty if it reloads the page itself."""
    match = _REFRESH.fullmatch(content)
    address = match[1].strip() if match else ""
    if address[:1] in ("'", '"'):
        address = address[1:].partition(address[0])[0]
    return address
