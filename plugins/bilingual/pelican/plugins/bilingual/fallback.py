"""Pages shown while a translation is missing (development builds only).

The reader of the other language still finds the page where its menu and
switcher lead: the source's text under that language's address, with a
notice in the reader's language. Strict (published) builds never get here.
"""

from __future__ import annotations

import copy
from typing import Any

from .config import Config


def make_fallback(source: Any, lang: str, config: Config) -> Any:
    item = copy.copy(source)
    item.metadata = dict(source.metadata, lang=lang)
    item.lang = lang
    item.settings = config.per_language[lang]
    item.fallback_of = source
    item.translations = [source]
    for name in ("override_url", "override_save_as"):
        value = getattr(source, name, None)
        if value is None:
            continue
        prefix = f"{source.lang}/"
        if value.startswith(prefix):
            setattr(item, name, f"{lang}/{value[len(prefix) :]}")
        else:
            delattr(item, name)
    return item
