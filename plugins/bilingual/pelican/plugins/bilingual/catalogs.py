"""Theme strings from Babel gettext catalogs, compiled in memory at build time.

Only the ``.po`` files are kept in git; compiling them on every build means a
changed catalog can never be published with a stale ``.mo`` beside it.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from .catalog_checks import format_problems, msgstr_line, plural_problem, syntax_problems
from .errors import Problem


def po_path(directory: str | Path, lang: str, domain: str) -> Path:
    return Path(directory) / lang / "LC_MESSAGES" / f"{domain}.po"


def load_catalog(
    directory: str | Path | None,
    lang: str,
    domain: str,
    problems: list[Problem],
    locale: str | None = None,
) -> NullTranslations:
    """Compile one language's catalog; each mistake in it becomes a Problem
    at its line (catalog_checks.py), never a traceback.

    Without a catalog the theme's strings stay as written (the language the
    theme is written in needs none); ``status`` lists it as missing.
    """
    if directory is None:
        return NullTranslations()
    path = po_path(directory, lang, domain)
    if not path.exists():
        return NullTranslations()
    catalog = read_catalog(path, problems, locale or lang)
    if catalog is None:
        return NullTranslations()
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    try:
        return Translations(compiled, domain=domain)
    except (ValueError, SyntaxError) as error:  # what gettext refuses beyond the checks
        problems.append(Problem(str(path), 1, f"cannot use catalog: {error}"))
        return NullTranslations()


def _decode(path: Path, problems: list[Problem]) -> list[str] | None:
    data = path.read_bytes()
    try:
        return data.decode("utf-8").splitlines()
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex()
        message = f"not UTF-8 (byte 0x{byte}): save the catalog as UTF-8"
        problems.append(Problem(str(path), line, message))
        return None


def read_catalog(path: Path, problems: list[Problem], locale: str) -> Catalog | None:
    """A catalog with every problem named at its line; None if it has any."""
    lines = _decode(path, problems)
    if lines is None:
        return None
    found = syntax_problems(str(path), lines)
    if found:
        problems.extend(found)
        return None
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale, abort_invalid=True)
    except PoFileError as error:
        # Babel counts lines from 0 and ends its message with " on <line>".
        line = getattr(error, "lineno", 0) + 1
        message = re.sub(r" on \d+$", "", str(error))
        problems.append(Problem(str(path), line, f"cannot read catalog: {message}"))
        return None
    except ValueError as error:
        problems.append(Problem(str(path), 1, f"cannot read catalog: {error}"))
        return None
    found = format_problems(str(path), lines, catalog)
    flagged = {problem.line for problem in found}
    plural = plural_problem(str(path), lines, catalog)
    if plural is not None:
        found.append(plural)
    for message, errors in catalog.check():
        # Babel's own checkers: the number of plural forms, placeholders
        # (reported above already where the translation cannot be formatted).
        line = msgstr_line(lines, message.lineno)
        if line in flagged:
            continue
        for error in errors:
            found.append(Problem(str(path), line, f"{message.id!r}: {error}"))
    problems.extend(found)
    return None if found else catalog
