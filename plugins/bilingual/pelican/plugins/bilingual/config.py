"""The plugin's settings, their defaults, and the per-language view of them.

Like Hugo's ``languages`` table, every language may override any Pelican
setting (``ARTICLE_URL``, ``SITENAME``, ``FEED_ATOM`` …) in
``BILINGUAL_SETTINGS[lang]``; content in that language is rendered with the
merged settings, so each language keeps its own readable URLs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from .core import core_defaults, is_default
from .errors import Problem

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
    "BILINGUAL_SITEMAP": True,
    # Markdown converted in this many processes (0: one per core; 1: serially)
    # for a cold build of at least BILINGUAL_PARALLEL_MIN_FILES files
    # (parallel.py; measured in bench/RESULTS.md).
    "BILINGUAL_READ_PROCESSES": 0,
    "BILINGUAL_PARALLEL_MIN_FILES": 200,
    # Compiled templates kept for the next build (template_code.py): True for
    # ``templates`` in CACHE_PATH, a folder, or False (compiled in every build).
    "BILINGUAL_TEMPLATE_CACHE": True,
}

# The lists the plugin writes once per language, and where they go unless the
# site (or one language in BILINGUAL_SETTINGS) says otherwise. ``{lang}`` is
# the language's code; a site value without it gets a language folder.
LIST_PATTERNS: dict[str, str | None] = {
    "NEWS_URL": "{lang}/",
    "NEWS_SAVE_AS": "{lang}/index.html",
    "CATEGORY_URL": "{lang}/category/{slug}.html",
    "CATEGORY_SAVE_AS": "{lang}/category/{slug}.html",
    "TAG_URL": "{lang}/tag/{slug}.html",
    "TAG_SAVE_AS": "{lang}/tag/{slug}.html",
    "FEED_ATOM": "feeds/all-{lang}.atom.xml",
    "FEED_ATOM_URL": None,
}

# Settings Pelican reads once for the whole run (readers, paths, the theme,
# plugins, core's generators): a per-language value could not take effect.
GLOBAL_ONLY = frozenset(
    [
        *("PATH", "OUTPUT_PATH", "THEME", "THEME_STATIC_DIR", "THEME_STATIC_PATHS"),
        *("THEME_TEMPLATES_OVERRIDES", "PLUGINS", "PLUGIN_PATHS", "PAGE_PATHS"),
        *("ARTICLE_PATHS", "PAGE_EXCLUDES", "ARTICLE_EXCLUDES", "STATIC_PATHS"),
        *("STATIC_EXCLUDES", "IGNORE_FILES", "READERS", "MARKDOWN", "DOCUTILS_SETTINGS"),
        *("PATH_METADATA", "FILENAME_METADATA", "EXTRA_PATH_METADATA"),
        *("DELETE_OUTPUT_DIRECTORY", "OUTPUT_RETENTION", "CACHE_CONTENT", "CACHE_PATH"),
        *("LOAD_CONTENT_CACHE", "CONTENT_CACHING_LAYER", "CHECK_MODIFIED_METHOD"),
        *("JINJA_ENVIRONMENT", "JINJA_FILTERS", "JINJA_GLOBALS", "JINJA_TESTS"),
        *("TEMPLATE_PAGES", "DIRECT_TEMPLATES", "TIMEZONE", "DEFAULT_DATE", "SITEURL"),
        *("FEED_DOMAIN", "OUTPUT_SOURCES", "WRITE_SELECTED", "DEFAULT_LANG"),
        *("ARTICLE_TRANSLATION_ID", "PAGE_TRANSLATION_ID", "SLUGIFY_SOURCE"),
        *("USE_FOLDER_AS_CATEGORY", "TYPOGRIFY"),
    ]
)


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
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: dict[str, Any]) -> Config:
        """The plugin's view of a site's settings as the site wrote them."""
        adjusted = {**settings, **core_defaults(settings)}
        return cls._build(adjusted, list_patterns(settings))

    @classmethod
    def take_over(cls, settings: dict[str, Any]) -> Config:
        """Read the site's settings, then give core what a bilingual site
        needs – in this order, as the site's own list settings are read first.
        The build and the status command both start here."""
        config = cls.from_settings(settings)
        settings.update(core_defaults(settings))
        return config

    @classmethod
    def _build(cls, settings: dict[str, Any], lists: dict[str, Any]) -> Config:
        value = {name: settings.get(name, default) for name, default in DEFAULTS.items()}
        default_lang = settings.get("DEFAULT_LANG", "en")
        raw = value["BILINGUAL_LANGUAGES"] or {default_lang: {}}
        languages = {
            code: Language(code, spec.get("name", code), spec.get("locale", code.replace("-", "_")))
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
        config.overrides = {code: dict(overrides.get(code, {})) for code in languages}
        for code in languages:
            merged = {**settings, **lists, **overrides.get(code, {})}
            merged["DEFAULT_LANG"] = code
            for name in LIST_PATTERNS:
                if isinstance(merged.get(name), str):
                    merged[name] = merged[name].replace("{lang}", code)
            # Pelican picks *_LANG_URL for items outside DEFAULT_LANG; here
            # every language is a default one, so both spellings agree.
            for kind in ("ARTICLE", "PAGE", "DRAFT", "DRAFT_PAGE", "STATIC"):
                for suffix in ("URL", "SAVE_AS"):
                    if f"{kind}_{suffix}" in merged:
                        merged[f"{kind}_LANG_{suffix}"] = merged[f"{kind}_{suffix}"]
            config.per_language[code] = merged
        return config

    def derive(self, name: str, value: Any) -> None:
        """A site-wide setting another plugin derives after the settings were
        copied per language (e.g. TIMEZONE from the conference's time zone):
        every language gets it unless BILINGUAL_SETTINGS sets it for that one."""
        for code, merged in self.per_language.items():
            if name not in self.overrides.get(code, {}):
                merged[name] = value

    def overlay(self, lang: str) -> dict[str, Any]:
        """What a page in ``lang`` sees differently from the site's settings."""
        return {**self.overrides.get(lang, {}), "DEFAULT_LANG": lang}

    def setting(self, lang: str, name: str, default: Any = None) -> Any:
        return self.per_language.get(lang, self.per_language[self.default]).get(name, default)

    def other_languages(self, lang: str) -> list[str]:
        return [code for code in self.languages if code != lang]


def language_codes(settings: dict[str, Any]) -> dict[str, Any]:
    return dict(settings.get("BILINGUAL_LANGUAGES") or {settings.get("DEFAULT_LANG", "en"): {}})


def list_patterns(settings: dict[str, Any]) -> dict[str, Any]:
    """Where the per-language lists go: the site's value, in a language folder
    unless it names ``{lang}`` itself; the plugin's default where the site kept
    Pelican's."""
    patterns: dict[str, Any] = {}
    for name, default in LIST_PATTERNS.items():
        if name == "FEED_ATOM" and is_default(settings, name):
            # Pelican's own setting for a feed per language.
            value = settings.get("TRANSLATION_FEED_ATOM", default)
        elif is_default(settings, name):
            value = default
        else:
            value = settings[name]
            if isinstance(value, str) and value and "{lang}" not in value:
                value = f"{{lang}}/{value}"
        patterns[name] = value
    return patterns


def setting_problems(settings: dict[str, Any]) -> list[Problem]:
    """Settings the plugin cannot honour, each named: unknown ``BILINGUAL_*``
    keys, per-language values of settings that hold for the whole run, and
    per-language blocks for a language the site does not have."""
    problems = []
    for name in sorted(settings):
        if name.startswith("BILINGUAL_") and name not in DEFAULTS:
            guess = get_close_matches(name, DEFAULTS, n=1)
            hint = f" – did you mean {guess[0]}?" if guess else ""
            problems.append(Problem("settings", 0, f"{name} is not a setting of the plugin{hint}"))
    for name, kind in (("BILINGUAL_LANGUAGES", dict), ("BILINGUAL_SETTINGS", dict)):
        if settings.get(name) is not None and not isinstance(settings[name], kind):
            example = '{"de": {"name": "Deutsch"}, "ru": {"name": "Русский"}}'
            problems.append(Problem("settings", 0, f"{name} must be a dict, e.g. {example}"))
    menus = settings.get("BILINGUAL_MENUS")
    if menus is not None and not (
        isinstance(menus, dict)
        and all(
            isinstance(keys, (list, tuple)) and all(isinstance(key, str) for key in keys)
            for keys in menus.values()
        )
    ):
        example = "{'main': ['home', 'program'], 'footer': ['contact']}"
        message = f"BILINGUAL_MENUS must be a dict of lists of keys, e.g. {example}"
        problems.append(Problem("settings", 0, message))
    if problems:
        return problems
    codes = language_codes(settings)
    for code, spec in codes.items():
        if not isinstance(spec, dict):
            message = f"BILINGUAL_LANGUAGES[{code!r}] must be a dict like {{'name': …}}"
            problems.append(Problem("settings", 0, message))
            continue
        try:
            Locale.parse(spec.get("locale", code.replace("-", "_")))
        except (ValueError, UnknownLocaleError):
            message = (
                f"BILINGUAL_LANGUAGES[{code!r}]: Babel knows no locale"
                f" {spec.get('locale', code)!r}; set 'locale', e.g. 'pt_BR'"
            )
            problems.append(Problem("settings", 0, message))
    for code, overrides in (settings.get("BILINGUAL_SETTINGS") or {}).items():
        where = f"BILINGUAL_SETTINGS[{code!r}]"
        if code not in codes:
            known = ", ".join(codes)
            guess = get_close_matches(str(code), list(codes), n=1)
            hint = f" – did you mean {guess[0]!r}?" if guess else ""
            message = f"{where}: no such language (known: {known}){hint}"
            problems.append(Problem("settings", 0, message))
            continue
        if not isinstance(overrides, dict):
            problems.append(Problem("settings", 0, f"{where} must be a dict of settings"))
            continue
        for name in sorted(overrides):
            if name in GLOBAL_ONLY or name.startswith("BILINGUAL_"):
                message = f"{where}[{name!r}]: {name} holds for the whole site, not per language"
                problems.append(Problem("settings", 0, message))
    return problems
