"""Readable Latin slugs, one documented scheme per language.

Russian: the simplified BGN/PCGN romanisation that Russian URLs and the
English Wikipedia commonly use — no diacritics, ``я`` → ``ya``, ``ю`` → ``yu``,
``й`` → ``y``, ``ы`` → ``y``, ``х`` → ``kh``, ``ц`` → ``ts``, ``щ`` → ``shch``,
``ё`` → ``yo``, ``ь`` and ``ъ`` dropped (``Место проведения`` →
``mesto-provedeniya``). German: ``ä ö ü ß`` → ``ae oe ue ss``. Anything else
falls back to Unidecode, which Pelican already uses.
"""

from __future__ import annotations

import re

from unidecode import unidecode

RUSSIAN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
            "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
            "yu", "ya",
        ],
        strict=True,
    )
)  # fmt: skip
GERMAN = {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}
SCHEMES = {"ru": RUSSIAN, "uk": RUSSIAN, "be": RUSSIAN, "de": GERMAN}


def transliterate(text: str, lang: str) -> str:
    table = SCHEMES.get(lang.split("_")[0], {})
    return "".join(table.get(char, char) for char in text.lower())


def slugify(text: str, lang: str) -> str:
    """``Рабочие группы`` → ``rabochie-gruppy``; ``Über uns`` → ``ueber-uns``."""
    ascii_text = unidecode(transliterate(text, lang))
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
