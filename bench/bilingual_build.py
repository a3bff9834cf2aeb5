#!/usr/bin/env python3
"""Benchmark: one bilingual build with our plugin against pelican-i18n-subsites.

Generates N page pairs (German and Russian, about 600 words each, with a
heading, a list and a table) plus N/10 article pairs, and builds the same
content three ways, each in its own process:

- ``bilingual``: our plugin, one Pelican run, pairing by key;
- ``i18n_subsites``: pelican-i18n-subsites, one Pelican run per language;
- ``core``: Pelican core's own translations (pairing by slug), for reference.

Each theme's menu lists a fixed handful of pages, not every page: a menu of
all pages makes any Pelican build quadratic in N.

Usage (from the project root)::

    .venv/bin/pip install -r bench/requirements.txt
    .venv/bin/python bench/bilingual_build.py --sizes 100 1000

Prints a Markdown table: wall time and peak memory (max RSS of the build
process) per variant and size.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

ROOT = Path(__file__).resolve().parent.parent
WORDS = {
    "de": "Stadt Partnerschaft Begegnung Verwaltung Bürger Austausch Jugend Kultur Wirtschaft "
    "Bildung Sprache Erinnerung Zusammenarbeit Initiative Verein Konferenz Gemeinde Projekt "
    "Erfahrung Zukunft Dialog Freundschaft Schule Museum".split(),
    "ru": "город партнёрство встреча администрация граждане обмен молодёжь культура экономика "
    "образование язык память сотрудничество инициатива общество конференция община проект "
    "опыт будущее диалог дружба школа музей".split(),
}
TITLE = {"de": "Seite", "ru": "Страница"}


def text(lang: str, rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS[lang]) for _ in range(words)).capitalize() + "."


def body(lang: str, rng: random.Random) -> str:
    paragraphs = "\n\n".join(text(lang, rng, 100) for _ in range(5))
    items = "\n".join(f"- {text(lang, rng, 8)}" for _ in range(5))
    rows = "\n".join(f"| {text(lang, rng, 3)} | {text(lang, rng, 6)} |" for _ in range(4))
    return f"## {text(lang, rng, 4)}\n\n{paragraphs}\n\n{items}\n\n| A | B |\n|---|---|\n{rows}\n"


def write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def generate(root: Path, pairs: int) -> None:
    """The same texts in two layouts: by folder and key (ours), by slug (core, i18n_subsites)."""
    rng = random.Random(pairs)
    for n in range(pairs + pairs // 10):
        kind = "pages" if n < pairs else "news"
        date = "" if kind == "pages" else f"Date: 2017-03-{1 + n % 28:02d}\n"
        for lang in ("de", "ru"):
            title = f"{TITLE[lang]} {n}"
            content = body(lang, rng)
            ours = f"Title: {title}\nKey: k{n}\nSlug: {lang}-{n}\n{date}\n{content}"
            write(root / "keyed" / kind / lang / f"{n}.md", ours)
            theirs = f"Title: {title}\nLang: {lang}\nSlug: s{n}\n{date}\n{content}"
            write(root / "slugged" / kind / f"{n}-{lang}.md", theirs)


BASE_THEIRS = """<!DOCTYPE html><html lang="{{ DEFAULT_LANG }}"><head><title>{{ SITENAME }}</title>
{%- set item = article if article is defined else (page if page is defined else none) %}
{%- for t in (item.translations if item else []) %}
<link rel="alternate" hreflang="{{ t.lang }}" href="{{ SITEURL }}/{{ t.url }}">{% endfor %}
</head><body><nav>{% for p in pages[:5] %}<a href="{{ SITEURL }}/{{ p.url }}">{{ p.title }}</a>{% endfor %}
</nav><p>{{ _('Skip to content') }}</p>{% block content %}{% endblock %}</body></html>"""
BASE_OURS = """<!DOCTYPE html><html lang="{{ page_lang() }}"><head><title>t</title>
{%- for code, url in hreflang() %}
<link rel="alternate" hreflang="{{ code }}" href="{{ SITEURL }}/{{ url }}">{% endfor %}
</head><body><nav>{% for e in menu('main') %}<a href="{{ SITEURL }}/{{ e.url }}">{{ e.title }}</a>{% endfor %}
</nav><p>{{ _('Skip to content') }}</p>{% block content %}{% endblock %}</body></html>"""
TEMPLATES = {
    "page.html": '{% extends "base.html" %}{% block content %}{{ page.content }}{% endblock %}',
    "article.html": '{% extends "base.html" %}{% block content %}{{ article.content }}{% endblock %}',
    "index.html": '{% extends "base.html" %}{% block content %}'
    "{% for a in articles_page.object_list %}<h2>{{ a.title }}</h2>{% endfor %}{% endblock %}",
    "landing.html": "<html><body>{% for c in languages() %}{{ c }}{% endfor %}</body></html>",
}


def theme(root: Path, base: str) -> Path:
    folder = root / "theme"
    for name, template in {**TEMPLATES, "base.html": base}.items():
        write(folder / "templates" / name, template)
    for lang in ("de", "ru"):
        catalog = Catalog(locale=lang)
        catalog.add("Skip to content", {"de": "Zum Inhalt", "ru": "К содержанию"}[lang])
        messages = folder / "translations" / lang / "LC_MESSAGES"
        messages.mkdir(parents=True, exist_ok=True)
        with (messages / "messages.po").open("wb") as handle:
            write_po(handle, catalog)
        compiled = BytesIO()
        write_mo(compiled, catalog)
        (messages / "messages.mo").write_bytes(compiled.getvalue())  # for i18n_subsites
    return folder


COMMON = """
SITENAME = "Bench"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "de"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["news"]
DEFAULT_PAGINATION = 10
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DIRECT_TEMPLATES = ["index"]
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
"""
SETTINGS = {
    "bilingual": COMMON
    + """
PLUGINS = ["bilingual"]
DIRECT_TEMPLATES = []  # COMMON asks core for an index; the plugin writes one per language
PAGE_URL = "{{lang}}/{{slug}}/"
PAGE_SAVE_AS = "{{lang}}/{{slug}}/index.html"
ARTICLE_URL = "{{lang}}/news/{{slug}}/"
ARTICLE_SAVE_AS = "{{lang}}/news/{{slug}}/index.html"
BILINGUAL_LANGUAGES = {{"de": {{"name": "Deutsch"}}, "ru": {{"name": "Русский"}}}}
BILINGUAL_MENUS = {{"main": ["k0", "k1", "k2", "k3", "k4"]}}
BILINGUAL_SETTINGS = {{
    lang: {{"NEWS_URL": f"{{lang}}/news/", "NEWS_SAVE_AS": f"{{lang}}/news/index.html",
            "FEED_ATOM": f"{{lang}}/feed.atom"}} for lang in ("de", "ru")
}}
""",
    "i18n_subsites": COMMON
    + """
PLUGINS = ["i18n_subsites"]
JINJA_ENVIRONMENT = {{"extensions": ["jinja2.ext.i18n"]}}
I18N_SUBSITES = {{"ru": {{"SITENAME": "Бенч"}}}}
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
""",
    "core": COMMON
    + """
PLUGINS = []  # else Pelican loads every installed namespace plugin
JINJA_ENVIRONMENT = {{"extensions": ["jinja2.ext.i18n"]}}
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
PAGE_LANG_URL = "{{lang}}/{{slug}}/"
PAGE_LANG_SAVE_AS = "{{lang}}/{{slug}}/index.html"
""",
}


def build(root: Path, variant: str) -> tuple[float, float]:
    """Wall seconds and peak MB of one build in a fresh process."""
    content = root / ("keyed" if variant == "bilingual" else "slugged")
    site = root / variant
    shutil.rmtree(site, ignore_errors=True)
    theme_path = theme(site, BASE_OURS if variant == "bilingual" else BASE_THEIRS)
    settings = site / "settings.py"
    extra = "\nJINJA_GLOBALS = {'_': lambda s: s}\n" if variant == "core" else ""
    settings.write_text(
        SETTINGS[variant].format(plugins=str(ROOT / "plugins"))
        + f"\nTHEME = {str(theme_path)!r}\nPATH = {str(content)!r}\n"
        + extra,
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "pelican", "-s", str(settings)]
    command += ["-o", str(site / "output"), "-q", "--log-handler", "plain"]
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=site)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    log = process.stdout.read().decode() if process.stdout else ""
    if status != 0:
        raise SystemExit(f"{variant} build failed:\n{log}")
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--variants", nargs="+", default=["bilingual", "i18n_subsites", "core"])
    args = parser.parse_args()
    print("| pairs | variant | wall (s) | ms per pair | peak memory (MB) |")
    print("|---:|---|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        for pairs in args.sizes:
            root = Path(folder) / str(pairs)
            generate(root, pairs)
            for variant in args.variants:
                wall, peak = build(root, variant)
                per_pair = wall * 1000 / (pairs + pairs // 10)
                print(
                    f"| {pairs} | {variant} | {wall:.2f} | {per_pair:.1f} | {peak:.0f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
