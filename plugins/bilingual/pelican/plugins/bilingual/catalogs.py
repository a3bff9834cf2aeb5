"""Theme strings from Babel gettext catalogs, compiled in memory at build time.

Only the ``.po`` files are kept in git; compiling them on every build means a
changed catalog can never be published with a stale ``.mo`` beside it.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

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
    """Compile one language's catalog; a broken file becomes a Problem.

    Without a catalog the theme's strings stay as written (the language the
    theme is written in needs none); ``status`` lists it as missing.
    """
    if directory is None:
        return NullTranslations()
    path = po_path(directory, lang, domain)
    if not path.exists():
        return NullTranslations()
    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=locale or lang, abort_invalid=True)
    except PoFileError as error:
        line = getattr(error, "lineno", 0) + 1
        problems.append(Problem(str(path), line, f"cannot read catalog: {error.line.strip()!r}"))
        return NullTranslations()
    except ValueError as error:
        problems.append(Problem(str(path), 1, f"cannot read catalog: {error}"))
        return NullTranslations()
    for message, errors in catalog.check():
        # A placeholder the template does not pass (%(anzahl)d for %(num)d)
        # would stop the render of every page with a KeyError.
        for error in errors:
            problems.append(Problem(str(path), message.lineno, f"{message.id!r}: {error}"))
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=domain)
