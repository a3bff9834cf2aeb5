"""The plugin's settings, their defaults, and the per-language view of them.

Like Hugo's ``languages`` table, every language may override any Pelican
setting (``ARTICLE_URL``, ``SITENAME``, ``FEED_ATOM`` …) in
``BILINGUAL_SETTINGS[lang]``; content in that language is rendered with the
merged settings, so each language keeps its own readable URLs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, Any] = {
    # code -> {"name": shown in the switcher, "locale": for Babel}
    "BILINGUAL_LANGUAGES": None,
    "BILINGUAL_KEY": "key",
    "BILINGUAL_SETTINGS": {},
    "BILINGUAL_CATALOGS": None,
    "BILINGUAL_DOMAIN": "messages",
    "BILINGUAL_MENUS": {},
    "BILINGUAL_NEWS_KEY": "news",
    "BILINGUAL_HOME_KEY": "home",
    "BILINGUAL_LANDING_SAVE_AS": "index.html",
    "BILINGUAL_NOT_FOUND_SAVE_AS": "404.html",
    "BILINGUAL_STRICT": False,
}


def _theme_catalogs(settings: dict[str, Any]) -> str | None:
    """By default the theme keeps its catalogs in ``translations/``."""
    theme = settings.get("THEME")
    candidate = Path(theme) / "translations" if theme else None
    return str(candidate) if candidate is not None and candidate.is_dir() else None


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    locale: str


@dataclass
class Config:
    """Settings read once per run; templates and signals share this object."""

    languages: dict[str, Language]
    default: str
    key: str
    catalogs: str | None
    domain: str
    menus: dict[str, list[str]]
    news_key: str
    home_key: str
    landing_save_as: str
    not_found_save_as: str
    strict: bool
    per_language: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Config:
        value = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
        default_lang = settings.get("DEFAULT_LANG", "en")
        raw = value["BILINGUAL_LANGUAGES"] or {default_lang: {}}
        languages = {
            code: Language(code, spec.get("name", code), spec.get("locale", code))
            for code, spec in raw.items()
        }
        config = cls(
            languages=languages,
            default=default_lang if default_lang in languages else next(iter(languages)),
            key=value["BILINGUAL_KEY"],
            catalogs=value["BILINGUAL_CATALOGS"] or _theme_catalogs(settings),
            domain=value["BILINGUAL_DOMAIN"],
            menus=dict(value["BILINGUAL_MENUS"]),
            news_key=value["BILINGUAL_NEWS_KEY"],
            home_key=value["BILINGUAL_HOME_KEY"],
            landing_save_as=value["BILINGUAL_LANDING_SAVE_AS"],
            not_found_save_as=value["BILINGUAL_NOT_FOUND_SAVE_AS"],
            strict=bool(value["BILINGUAL_STRICT"]),
        )
        overrides = value["BILINGUAL_SETTINGS"]
        for code in languages:
            merged = dict(settings)
            merged.update(overrides.get(code, {}))
            merged["DEFAULT_LANG"] = code
            # Pelican picks *_LANG_URL for items outside DEFAULT_LANG; here
            # every language is a default one, so both spellings agree.
            for kind in ("ARTICLE", "PAGE", "DRAFT", "DRAFT_PAGE"):
                for suffix in ("URL", "SAVE_AS"):
                    if f"{kind}_{suffix}" in merged:
                        merged[f"{kind}_LANG_{suffix}"] = merged[f"{kind}_{suffix}"]
            config.per_language[code] = merged
        return config

    def setting(self, lang: str, name: str, default: Any = None) -> Any:
        return self.per_language.get(lang, self.per_language[self.default]).get(name, default)

    def other_languages(self, lang: str) -> list[str]:
        return [code for code in self.languages if code != lang]
