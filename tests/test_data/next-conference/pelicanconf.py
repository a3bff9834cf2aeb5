"""Settings of a fictional next conference (a test fixture, not a real event)."""

from datetime import date

CONFERENCE = {
    "name": {
        "de": "XXI. Deutsch-Russische Städtepartnerkonferenz",
        "ru": "XXI Российско-германская конференция городов-партнёров",
    },
    "start": date(2027, 10, 29),
    "end": date(2027, 11, 2),
    "timezone": "Europe/Berlin",
    "home_timezone": "Europe/Moscow",
    "venue_time_label": {"de": "Ortszeit Halle", "ru": "местное время Галле"},
    "home_time_label": {"de": "in Moskau", "ru": "по московскому времени"},
    "city": {"de": "Halle (Saale)", "ru": "Галле (Заале)"},
    "country": "DE",
    "roles": {"partner": {"de": "Partner", "ru": "Партнёры"}},
    "organisers": [
        {
            "name": {"de": "Verein Städtepartner", "ru": "Общество «Города-партнёры»"},
            "role": "organiser",
        },
        {"name": {"de": "Stadt Halle (Saale)", "ru": "Город Галле (Заале)"}, "role": "host"},
        {
            "name": {"de": "Jugendwerk Ost-West", "ru": "Молодёжный центр «Восток — Запад»"},
            "role": "partner",
        },
    ],
}
REGISTRATION_URL = "https://anmeldung.example.org/naechste-konferenz"
REGISTRATION_DEADLINE = date(2027, 9, 30)
AS_OF_DATE = date(2027, 5, 1)

SITENAME = CONFERENCE["name"]["de"]
SITEURL = ""
RELATIVE_URLS = False
DEFAULT_LANG = "de"
LOG_FILTER = [
    (
        30,
        "No timezone information specified in the settings. Assuming your timezone is UTC"
        " for feed generation. Check https://docs.getpelican.com/en/latest/settings.html#TIMEZONE"
        " for more information",
    )
]
PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["news"]
THEME = "theme"
PLUGINS = ["bilingual", "conference", "placeholders", "program", "privacy", "sitecheck"]
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
        " base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}
PROGRAM_KEY = "program"
PROGRAM_PRINT_SAVE_AS = "druck-pechat/index.html"
PROGRAM_PRINT_URL = "druck-pechat/"
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.smarty": {"smart_quotes": False},
    },
    "output_format": "html5",
}
PAGE_URL = "{lang}/{slug}/"
PAGE_SAVE_AS = "{lang}/{slug}/index.html"
SLUGIFY_SOURCE = "title"
PLACEHOLDER_LABELS = {"de": "noch offen", "ru": "уточняется"}

BILINGUAL_LANGUAGES = {
    "de": {"name": "Deutsch", "locale": "de_DE"},
    "ru": {"name": "Русский", "locale": "ru_RU"},
}
BILINGUAL_SETTINGS = {
    "de": {
        "ARTICLE_URL": "de/neues/{slug}/",
        "ARTICLE_SAVE_AS": "de/neues/{slug}/index.html",
        "NEWS_URL": "de/neues/",
        "NEWS_SAVE_AS": "de/neues/index.html",
        "FEED_ATOM": "de/neues/feed.atom",
        "CATEGORY_URL": "de/neues/thema/{slug}/",
        "CATEGORY_SAVE_AS": "de/neues/thema/{slug}/index.html",
        "TAG_URL": "de/neues/stichwort/{slug}/",
        "TAG_SAVE_AS": "de/neues/stichwort/{slug}/index.html",
        "SITENAME": CONFERENCE["name"]["de"],
        "AUTHOR": "Verein Städtepartner",
    },
    "ru": {
        "ARTICLE_URL": "ru/novoe/{slug}/",
        "ARTICLE_SAVE_AS": "ru/novoe/{slug}/index.html",
        "NEWS_URL": "ru/novoe/",
        "NEWS_SAVE_AS": "ru/novoe/index.html",
        "FEED_ATOM": "ru/novoe/feed.atom",
        "CATEGORY_URL": "ru/novoe/tema/{slug}/",
        "CATEGORY_SAVE_AS": "ru/novoe/tema/{slug}/index.html",
        "TAG_URL": "ru/novoe/teg/{slug}/",
        "TAG_SAVE_AS": "ru/novoe/teg/{slug}/index.html",
        "SITENAME": CONFERENCE["name"]["ru"],
        "AUTHOR": "Общество «Города-партнёры»",
    },
}
BILINGUAL_MENUS = {
    "main": ["home", "program", "working-groups", "venue", "registration", "news", "organisers"],
    "footer": ["contact", "imprint", "privacy"],
}
