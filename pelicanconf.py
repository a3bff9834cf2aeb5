"""Local (development) settings of the conference site.

Everything a visitor reads as a *fact* of the conference (name, dates, place, time zone,
organisers, registration, the favicon's text) lives in ``CONFERENCE`` and the two
``REGISTRATION_*`` settings below: the next conference is new content and new values here.
"""

from datetime import date

# --- The conference ---------------------------------------------------------

CONFERENCE = {
    "name": {  # the favicon shows its Roman numeral, or "short_name" (1-4 characters) if set
        "de": "XIV. Deutsch-Russische Städtepartnerkonferenz",
        "ru": "XIV Российско-германская конференция городов-партнёров",
    },
    "start": date(2017, 6, 28),
    "end": date(2017, 6, 30),
    "timezone": "Europe/Moscow",  # Pelican's TIMEZONE follows it
    "home_timezone": "Europe/Berlin",
    # How the program names the two clocks it shows (optional if both zones are one).
    "venue_time_label": {
        "de": "Ortszeit Krasnodar (MSK, UTC+3)",
        "ru": "местное время Краснодара (МСК, UTC+3)",
    },
    "home_time_label": {"de": "in Deutschland", "ru": "в Германии"},
    "city": {"de": "Krasnodar", "ru": "Краснодар"},
    "country": "RU",
    # Roles as the invitation of 15 March 2017 states them: four organisers and the host
    # city, which organises the conference with them. Any other role needs its label per
    # language in "roles", e.g. {"partner": {"de": "Partner", "ru": "Партнёры"}}.
    "organisers": [
        {
            "name": {
                "de": "Deutsch-Russisches Forum e. V.",
                "ru": "Германо-Российский форум",
            },
            "role": "organiser",
        },
        {
            "name": {
                "de": "Stiftung West-Östliche Begegnungen",
                "ru": "Фонд «Западно-восточные встречи»",
            },
            "role": "organiser",
        },
        {
            "name": {
                "de": "Internationale Assoziation „Partnerstädte“ (Moskau)",
                "ru": "Международная ассоциация «Породнённые города» (Москва)",
            },
            "role": "organiser",
        },
        {
            "name": {
                "de": "Bundesverband Deutscher West-Ost-Gesellschaften (BDWO)",
                "ru": "Федеральный союз немецких обществ «Запад — Восток» (BDWO)",
            },
            "role": "organiser",
        },
        {
            "name": {"de": "Stadt Krasnodar", "ru": "Город Краснодар"},
            "role": "host",
        },
    ],
}

# Where to register. The invitation names no address (the registration
# documents were enclosed with it), so it is None: the site says so, shows how
# to register as a gap and offers no button. Once set (https://…), the site
# shows registration as open until REGISTRATION_DEADLINE (None: "not announced
# yet", open until the day before the conference) and closed after it.
REGISTRATION_URL: str | None = None
REGISTRATION_DEADLINE: date | None = None

# The one date every time-dependent part of the site is decided from
# (registration open or closed, conference upcoming or past). The environment
# variable SOURCE_DATE_EPOCH, when set, takes its place.
AS_OF_DATE = date(2017, 3, 15)

# --- Site -------------------------------------------------------------------

SITENAME = CONFERENCE["name"]["de"]
SITEURL = ""
RELATIVE_URLS = False
DEFAULT_LANG = "de"
# TIMEZONE is CONFERENCE["timezone"], set by the conference plugin; Pelican
# warns of its absence before any plugin runs.
LOG_FILTER = [
    (
        30,  # logging.WARNING
        "No timezone information specified in the settings. Assuming your timezone is UTC"
        " for feed generation. Check https://docs.getpelican.com/en/latest/settings.html#TIMEZONE"
        " for more information",
    )
]

PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["news"]
STATIC_PATHS = ["images"]
THEME = "theme"

# Installed by run.py (editable): bilingual from plugins/bilingual/, the others from plugins/.
PLUGINS = ["bilingual", "conference", "placeholders", "program", "privacy", "sitecheck"]

# Sent as HTTP headers where the host reads _headers, and repeated in every
# page's <meta> as far as a <meta> can carry them. No script runs on the site
# (the JSON-LD blocks are data), and nothing loads from another host;
# connect-src 'self' lets tools such as Lighthouse fetch robots.txt.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
        " base-uri 'none';"
        " form-action 'none'; frame-ancestors 'none'"
    ),
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}

# The page whose ```program block is the program, and the namespace of the
# calendar UIDs (stable across builds, languages and changed addresses). Left
# out, it is the conference's name and year as a slug; this site keeps the
# value its calendars were first published with.
PROGRAM_KEY = "program"
PROGRAM_UID_NAMESPACE = "xiv-staedtepartnerkonferenz-2017"
# The printable program, German and Russian side by side.
PROGRAM_PRINT_SAVE_AS = "programm-programma/index.html"
PROGRAM_PRINT_URL = "programm-programma/"

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        # Dashes and ellipses only: quotes stay as the editor typed them, so
        # German keeps „…“ and Russian «…» (smarty would make both “…”).
        "markdown.extensions.smarty": {"smart_quotes": False},
    },
    "output_format": "html5",
}
TYPOGRIFY = False

# Content addresses; the bilingual plugin sets the rest of what a site in
# several languages needs from Pelican core (pairing by key, language from the
# folder, core's own lists and feeds off).
PAGE_URL = "{lang}/{slug}/"
PAGE_SAVE_AS = "{lang}/{slug}/index.html"
ARTICLE_URL = "{lang}/{slug}/"
ARTICLE_SAVE_AS = "{lang}/{slug}/index.html"
SLUGIFY_SOURCE = "title"
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/{number}/", "{base_name}/{number}/index.html"),
)

# Shown before every [[TBA: …]] gap in the content.
PLACEHOLDER_LABELS = {"de": "noch offen", "ru": "уточняется"}

# --- Bilingual plugin -------------------------------------------------------

BILINGUAL_LANGUAGES = {
    "de": {"name": "Deutsch", "locale": "de_DE"},
    "ru": {"name": "Русский", "locale": "ru_RU"},
}
BILINGUAL_SETTINGS = {
    "de": {
        "ARTICLE_URL": "de/aktuelles/{slug}/",
        "ARTICLE_SAVE_AS": "de/aktuelles/{slug}/index.html",
        "NEWS_URL": "de/aktuelles/",
        "NEWS_SAVE_AS": "de/aktuelles/index.html",
        "FEED_ATOM": "de/aktuelles/feed.atom",
        "CATEGORY_URL": "de/aktuelles/thema/{slug}/",
        "CATEGORY_SAVE_AS": "de/aktuelles/thema/{slug}/index.html",
        "TAG_URL": "de/aktuelles/stichwort/{slug}/",
        "TAG_SAVE_AS": "de/aktuelles/stichwort/{slug}/index.html",
        "SITENAME": CONFERENCE["name"]["de"],
        "AUTHOR": "Veranstalter der Konferenz",
    },
    "ru": {
        "ARTICLE_URL": "ru/novosti/{slug}/",
        "ARTICLE_SAVE_AS": "ru/novosti/{slug}/index.html",
        "NEWS_URL": "ru/novosti/",
        "NEWS_SAVE_AS": "ru/novosti/index.html",
        "FEED_ATOM": "ru/novosti/feed.atom",
        "CATEGORY_URL": "ru/novosti/tema/{slug}/",
        "CATEGORY_SAVE_AS": "ru/novosti/tema/{slug}/index.html",
        "TAG_URL": "ru/novosti/teg/{slug}/",
        "TAG_SAVE_AS": "ru/novosti/teg/{slug}/index.html",
        "SITENAME": CONFERENCE["name"]["ru"],
        "AUTHOR": "Организаторы конференции",
    },
}
# Menu entries are translation keys; each page shows them in its own language.
BILINGUAL_MENUS = {
    "main": [
        "home",
        "program",
        "working-groups",
        "venue",
        "funding",
        "registration",
        "news",
        "organisers",
    ],
    "footer": ["contact", "imprint", "privacy", "accessibility"],
}
