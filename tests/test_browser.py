"""Every page in a real browser: Debian's Chromium, driven by Playwright.

The built site is served on localhost. Each page must pass axe-core's
WCAG 2.2 A and AA rules in the light and the dark colour scheme, send no
request anywhere but localhost, log no console error (a broken CSP or a
missing file would), be complete with JavaScript off, fit a 320 px screen,
and let a keyboard reach the language switcher and the registration link.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from conftest import ROOT, Built
from sites import Source, local, pages_by_language, spaces, url_of

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Templates the next conference's fixture is checked on in the browser (this
# site is checked on every page): its own program, groups and organisers.
SAMPLED_KEYS = ("home", "program", "organisers", "registration")


def registration_button_expected(source: Source, path: str) -> bool:
    """While registration is open, every page of one language's site offers
    it – not the language choice, the site-wide 404 and the print view; while
    it is not (no address known yet, or closed), no page does."""
    from conference.facts import read_facts

    if not read_facts(source.settings, source.languages, {}).registration_open:
        return False
    outside = {"index.html", "404.html", source.settings.get("PROGRAM_PRINT_SAVE_AS")}
    return path not in outside


def chromium_path() -> str:
    for candidate in (
        os.environ.get("CHROME_BIN"),
        "chromium",
        "chromium-browser",
        "google-chrome",
    ):
        if candidate and (found := shutil.which(candidate)):
            return found
    pytest.fail(
        "no Chromium found: install Debian's 'chromium' (bash .ci/run does) or set CHROME_BIN"
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output for the tests."""


@pytest.fixture(scope="module")
def server(site: Built) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site.output))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def pages_of(site: Built, source: Source | None = None, sample: bool = False) -> list[str]:
    """Every page of this site; of another conference (or as a ``sample``),
    the pages outside one language and, in each language, those of
    SAMPLED_KEYS and one working group: one of each template."""
    every = sorted(p.relative_to(site.output).as_posix() for p in site.output.rglob("*.html"))
    if source is None or (source.name == "this-site" and not sample):
        return every
    languages = pages_by_language(site)
    sampled = {p for p in every if not any(p.startswith(f"{lang}/") for lang in languages)}
    for lang in languages:
        keys = [
            *SAMPLED_KEYS,
            *[m.value("Key") for m in source.with_field("Kind", "working-group", lang)][:1],
        ]
        for key in keys:
            sampled.add(url_of(site, source, key, lang).lstrip("/") + "index.html")
    return sorted(sampled)


def address(server: str, path: str) -> str:
    return f"{server}/{path.removesuffix('index.html')}"


def axe_violations(page: Page, url: str, only: dict) -> list[str]:
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "only => axe.run(document, {runOnly: only, resultTypes: ['violations']})", only
    )
    return [
        f"{v['id']} ({v['impact']}): {node['target']} – {node['failureSummary'].splitlines()[-1].strip()}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


# Every WCAG 2.2 A and AA rule in the light scheme, on every page; in the dark
# one, what the colours decide – the theme's, so one page of each template.
AXE_RUNS = {
    "light": {"type": "tag", "values": WCAG_TAGS},
    "dark": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]},
}


@pytest.mark.parametrize("scheme", list(AXE_RUNS))
def test_every_page_passes_axe_wcag_22_aa(
    site: Built, source: Source, server: str, browser: Browser, scheme
):
    assert AXE.exists(), "axe-core is missing: run 'npm ci'"
    context = browser.new_context(bypass_csp=True, color_scheme=scheme)
    page = context.new_page()
    failures = {
        path: axe_violations(page, address(server, path), AXE_RUNS[scheme])
        for path in pages_of(site, source, sample=scheme == "dark")
    }
    context.close()
    assert {path: found for path, found in failures.items() if found} == {}


def visit(context: BrowserContext, url: str, own_host: str) -> tuple[Page, list[str]]:
    """Open a page; return it with every console error and every request elsewhere."""
    problems: list[str] = []
    page = context.new_page()
    page.on(
        "console",
        lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))

    def guard(route, request):
        if urlsplit(request.url).netloc != own_host:
            problems.append(f"request to another host: {request.url}")
            return route.abort()
        return route.continue_()

    page.route("**/*", guard)
    page.goto(url, wait_until="load")
    return page, problems


def test_no_request_leaves_the_site_and_no_console_error(
    site: Built, source: Source, server: str, browser: Browser
):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    host = urlsplit(server).netloc
    failures = {}
    for path in pages_of(site, source):
        page, problems = visit(context, address(server, path), host)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            problems.append(f"wider than a 320 px phone: {width} px")
        page.close()
        if problems:
            failures[path] = problems
    context.close()
    assert failures == {}


def test_pages_are_complete_without_javascript(
    site: Built, source: Source, server: str, browser: Browser
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    failures = []
    for path in pages_of(site, source):
        page.goto(address(server, path))
        heading = page.locator("h1, .language-choice").first
        if not heading.is_visible() or not page.locator("main").inner_text().strip():
            failures.append(f"{path}: no visible heading or content")
        button = registration_button_expected(source, path)
        if button and not page.locator("a.button").first.is_visible():
            failures.append(f"{path}: no visible registration link")
    context.close()
    assert failures == []


def focus_trail(page: Page, needs_button: bool, presses: int = 80) -> list[dict]:
    """What Tab reaches, in order, until it has met the switcher (and the
    registration link): href, where it is, and whether focus is drawn."""
    trail: list[dict] = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        trail.append(
            page.evaluate(
                """() => {
                const e = document.activeElement;
                const style = getComputedStyle(e);
                return {
                    href: e.getAttribute('href'),
                    inSwitcher: !!e.closest('.lang-switch, .language-choice'),
                    button: e.classList.contains('button'),
                    outline: style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
                };
            }"""
            )
        )
        seen_switcher = any(step["inSwitcher"] for step in trail)
        seen_button = any(step["button"] for step in trail) or not needs_button
        if (seen_switcher and seen_button) or (trail[-1]["href"] is None and len(trail) > 1):
            break
    return trail


def test_keyboard_reaches_switcher_and_registration_with_visible_focus(
    site: Built, source: Source, server: str, browser: Browser
):
    context = browser.new_context()
    page = context.new_page()
    failures = []
    for path in pages_of(site, source):
        page.goto(address(server, path))
        button = registration_button_expected(source, path)
        trail = focus_trail(page, needs_button=button)
        if not any(step["inSwitcher"] for step in trail):
            failures.append(f"{path}: Tab never reaches the language switcher")
        if button and not any(step["button"] for step in trail):
            failures.append(f"{path}: Tab never reaches the registration link")
        if not all(step["outline"] for step in trail if step["href"] is not None):
            failures.append(f"{path}: a focused link shows no outline")
    context.close()
    assert failures == []


# A phone's first screen, and the header's budget in it (issue 13).
PHONE = {"width": 360, "height": 800}
HEADER_BUDGET = 200
# Widths at which the menu wraps onto rows (below them it is one scrollable row).
MENU_WIDTHS = (1280, 1024, 768)
# What a screen shows of a page: the header's height, the menu's items per row,
# where the first session's title and the start page's registration end, the
# text that ends within the first screen, the time ranges broken across lines
# and the heights of the cards of parallel sessions side by side.
LAYOUT = """() => {
    const rect = selector => document.querySelector(selector)?.getBoundingClientRect();
    const rows = {};
    for (const li of document.querySelectorAll('.main-menu li')) {
        const top = Math.round(li.getBoundingClientRect().top);
        rows[top] = (rows[top] || 0) + 1;
    }
    return {
        lang: document.documentElement.lang,
        header: rect('.site-header')?.height,
        rows: Object.values(rows),
        session: rect('.timetable .session .title')?.bottom,
        registration: rect('.at-a-glance .registration-status')?.bottom,
        firstScreen: [...document.querySelectorAll('body *')]
            .filter(e => !e.children.length && e.getBoundingClientRect().bottom <= innerHeight)
            .map(e => e.textContent).join(' '),
        brokenRanges: [...document.querySelectorAll('.range')]
            .filter(e => new Set([...e.getClientRects()].map(r => Math.round(r.top))).size > 1)
            .map(e => e.textContent),
        parallel: [...document.querySelectorAll('.parallel-sessions')].map(slot => {
            const cards = [...slot.querySelectorAll('.session')].map(c => c.getBoundingClientRect());
            const tops = new Set(cards.map(c => Math.round(c.top)));
            return tops.size === 1 ? [...new Set(cards.map(c => Math.round(c.height)))] : [];
        }),
    };
}"""


def layouts(browser: Browser, server: str, paths: list[str], width: int) -> dict[str, dict]:
    """LAYOUT of every page in a width×800 screen without JavaScript. The pages
    load side by side, each in a frame of that size, in one tab: a visit each
    would take ten times as long."""
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": PHONE["height"]}
    )
    page = context.new_page()
    page.goto(server + "/robots.txt")  # the site's origin, so the frames can be read
    frames = "".join(
        f'<iframe src="{address(server, path)}" width="{width}" height="{PHONE["height"]}"'
        ' style="border:0;display:block"></iframe>'
        for path in paths
    )
    page.set_content(f"<!DOCTYPE html><body style='margin:0'>{frames}</body>")
    by_url = {frame.url: frame for frame in page.frames}
    found = {path: by_url[address(server, path)].evaluate(LAYOUT) for path in paths}
    context.close()
    return found


def test_a_phone_sees_the_essentials_in_its_first_screen(
    site: Built, source: Source, server: str, browser: Browser
):
    """At 360×800 without JavaScript: on every page the header (name, language,
    menu) takes at most HEADER_BUDGET px and the same height on every page of a
    language; the start page shows the conference's name, dates, place and
    registration, the program page its first session, within the first screen."""
    from pelican.plugins.bilingual.dates import format_date_range

    found = layouts(browser, server, pages_of(site, source), PHONE["width"])
    failures, heights = [], {}
    for path, layout in found.items():
        if layout["header"] is None:  # the language choice and the print view have none
            continue
        heights.setdefault(layout["lang"], set()).add(round(layout["header"]))
        if layout["header"] > HEADER_BUDGET:
            failures.append(f"{path}: header {layout['header']:.0f} px > {HEADER_BUDGET}")
        if layout["brokenRanges"]:
            failures.append(f"{path}: broken time ranges {layout['brokenRanges']}")
    conference = source.settings["CONFERENCE"]
    for lang in source.languages:
        locale = source.settings["BILINGUAL_LANGUAGES"][lang]["locale"]
        home = found[url_of(site, source, "home", lang).lstrip("/") + "index.html"]
        dates = format_date_range(conference["start"], conference["end"], locale)
        for fact in (conference["name"][lang], dates, conference["city"][lang]):
            if spaces(fact) not in spaces(home["firstScreen"]):
                failures.append(f"{lang} start page: {fact!r} not in the first screen")
        if not 0 < (home["registration"] or 0) <= PHONE["height"]:
            failures.append(f"{lang} start page: registration ends at {home['registration']}")
        program = found[url_of(site, source, "program", lang).lstrip("/") + "index.html"]
        if not 0 < (program["session"] or 0) <= PHONE["height"]:
            failures.append(f"{lang} program: first session ends at {program['session']}")
    unequal = {lang: sorted(sizes) for lang, sizes in heights.items() if len(sizes) > 1}
    assert failures == [] and unequal == {}


def test_wider_screens_keep_menu_header_and_timetable_in_shape(
    site: Built, source: Source, server: str, browser: Browser
):
    """At MENU_WIDTHS no menu row holds a single item (unless the menu has one),
    no time range breaks, parallel sessions side by side are cards of one height,
    and the header is as high on one page of each template as on the others of
    its language (at 360 px every page is compared): the current item must not
    widen the menu."""
    failures = []
    for width in MENU_WIDTHS:
        heights: dict[str, set[int]] = {}
        for path, layout in layouts(
            browser, server, pages_of(site, source, sample=True), width
        ).items():
            if layout["header"] is None:
                continue
            heights.setdefault(layout["lang"], set()).add(round(layout["header"]))
            if len(layout["rows"]) > 1 and 1 in layout["rows"]:
                failures.append(f"{width} px, {path}: a menu item alone {layout['rows']}")
            if layout["brokenRanges"]:
                failures.append(f"{width} px, {path}: broken time ranges {layout['brokenRanges']}")
            if any(len(heights) > 1 for heights in layout["parallel"]):
                failures.append(f"{width} px, {path}: parallel cards {layout['parallel']}")
        failures += [
            f"{width} px, {lang}: header heights {sorted(found)}"
            for lang, found in heights.items()
            if len(found) > 1
        ]
    assert failures == []


def test_section_pages_mark_their_section_and_lead_up_to_it(site: Built, source: Source):
    """A working group's page marks "working groups" in the menu, a news item or
    news topic marks the news, and each links up to that page."""
    for lang, urls in pages_by_language(site).items():
        sections = {}
        if source.with_field("Key", "working-groups", lang):
            overview = url_of(site, source, "working-groups", lang)
            for group in source.with_field("Kind", "working-group", lang):
                sections[url_of(site, source, group.value("Key"), lang)] = overview
        news = source.settings["BILINGUAL_SETTINGS"][lang].get("NEWS_URL")
        for url in map(local, urls):
            if news and url.startswith(f"/{news}") and url != f"/{news}":
                sections[url] = f"/{news}"
        assert sections, lang
        for url, up in sections.items():
            page = site.html(url)
            marked = [a["href"] for a in page.select(".main-menu a[aria-current]")]
            assert marked == [up], url
            assert page.select_one(f'main .up a[href="{up}"]'), url


def test_skip_link_comes_first_and_leads_to_the_content(
    site: Built, source: Source, server: str, browser: Browser
):
    page = browser.new_page()
    page.goto(server + url_of(site, source, "program", source.languages[-1]))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    assert page.locator("a.skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


def test_size_budget_fits_the_first_round_trip(site: Built):
    """HTML plus CSS of every page at most 14 KB gzipped; no image without size."""
    import gzip
    import re

    css = sum(len(gzip.compress(p.read_bytes(), 9)) for p in (site.output / "theme").rglob("*.css"))
    over = {}
    for path in pages_of(site):
        html = (site.output / path).read_bytes()
        total = len(gzip.compress(html, 9)) + css
        if total > 14 * 1024:
            over[path] = total
        text = html.decode("utf-8")
        for tag in re.findall(r"<img\b[^>]*>", text):
            if "width=" not in tag or "height=" not in tag:
                over[path] = f"image without width and height: {tag}"
    images = [
        p for p in site.output.rglob("*") if p.suffix.lower() in {".png", ".jpg", ".jpeg", ".webp"}
    ]
    assert [p.name for p in images if p.stat().st_size > 150 * 1024] == []
    assert over == {}


def test_headers_file_repeats_the_page_policies(site: Built):
    headers = (site.output / "_headers").read_text(encoding="utf-8")
    page = site.html("/")
    csp = page.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert f"Content-Security-Policy: {csp}; frame-ancestors 'none'" in headers
    assert "Referrer-Policy: same-origin" in headers
    assert page.select_one('meta[name="referrer"]')["content"] == "same-origin"


def test_external_links_tell_the_other_site_nothing(site: Built):
    for path in pages_of(site):
        for link in site.html(path).select('a[href^="http"]'):
            assert {"noopener", "noreferrer"} <= set(link.get("rel", [])), (path, str(link))


def test_open_graph_and_favicon(site: Built, source: Source):
    languages = source.settings["BILINGUAL_LANGUAGES"]
    for lang, language in languages.items():
        url = url_of(site, source, "venue", lang)
        page = site.html(url)
        og = {m["property"]: m["content"] for m in page.select("meta[property]")}
        assert og["og:locale"] == language["locale"]
        others = [m["content"] for m in page.select('meta[property="og:locale:alternate"]')]
        assert others == [v["locale"] for other, v in languages.items() if other != lang]
        [title] = [m.value("Title") for m in source.with_field("Key", "venue", lang)]
        assert og["og:title"].startswith(title) and og["og:url"] == url
        icon = page.select_one('link[rel="icon"]')["href"]
        assert (site.output / icon.lstrip("/")).exists()


def test_an_accessibility_statement_is_linked_from_every_page(site: Built, source: Source):
    if not source.with_field("Key", "accessibility", source.languages[0]):
        pytest.skip("this conference has no accessibility statement")
    for lang, urls in pages_by_language(site).items():
        statement = url_of(site, source, "accessibility", lang)
        for url in urls:
            footer = [a["href"] for a in site.html(url).select(".site-footer a")]
            assert statement in footer, url


def test_the_axe_harness_finds_a_real_violation(browser: Browser):
    """The checks above can fail: a page with a nameless image and no language fails here."""
    page = browser.new_page()
    page.set_content(
        "<!DOCTYPE html><html><head><title>t</title></head><body><img src='x.png'></body></html>"
    )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("only => axe.run(document, {runOnly: only})", AXE_RUNS["light"])
    assert {"image-alt", "html-has-lang"} <= {v["id"] for v in result["violations"]}
    page.close()


def publish_address(source: Source) -> str:
    """The public address publishconf.py gives the site (CI may override it)."""
    text = (source.folder / "publishconf.py").read_text(encoding="utf-8")
    default = re.search(r'^SITEURL = os\.environ\.get\("SITEURL", "([^"]+)"\)', text, re.M)[1]
    return os.environ.get("SITEURL", default)


def decode_qr(png: bytes, folder: Path) -> list[str]:
    zbar = shutil.which("zbarimg")
    if zbar is None:
        pytest.fail("no zbarimg: install Debian's 'zbar-tools' (bash .ci/run does)")
    image = folder / "qr.png"
    image.write_bytes(png)
    result = subprocess.run([zbar, "-q", "--raw", str(image)], capture_output=True, text=True)
    return result.stdout.split()


def test_every_printout_carries_a_standard_qr_code_of_its_public_address(
    site: Built, source: Source, server: str, browser: Browser, tmp_path: Path
):
    """Each printable program (every language's page, the side-by-side view)
    prints, in a development build too, QR codes a phone camera reads (zbar
    reads no Micro QR) that lead to the program's absolute public address."""
    public = publish_address(source)
    context = browser.new_context(device_scale_factor=3)
    page = context.new_page()
    page.emulate_media(media="print")
    printable = [p for p in pages_of(site) if site.html(p).select(".qr svg")]
    programs = {p for p in printable if site.html(p).select(".program")}
    assert programs and len(printable) == len(programs) + 1, printable
    decoded = {}
    for path in printable:
        page.goto(address(server, path))
        codes = page.locator(".qr svg")
        assert codes.count() >= 1
        found = [decode_qr(codes.nth(n).screenshot(), tmp_path) for n in range(codes.count())]
        captions = [spaces(c) for c in page.locator(".qr figcaption").all_inner_texts()]
        for texts, caption in zip(found, captions, strict=True):
            assert len(texts) == 1 and caption.endswith(texts[0]), (path, texts, caption)
        decoded[path] = [texts[0] for texts in found]
        # Codes printed side by side are one size.
        sizes = {codes.nth(n).get_attribute("viewBox") for n in range(codes.count())}
        assert len(sizes) == 1, (path, sizes)
        # On screen the program page shows its address as a link, not a code.
        if path in programs:
            page.emulate_media(media="screen")
            assert not codes.first.is_visible(), path
            page.emulate_media(media="print")
    context.close()
    own = {f"{public}/{path.removesuffix('index.html')}" for path in programs}
    assert {path: urls for path, urls in decoded.items() if path in programs} == {
        path: [f"{public}/{path.removesuffix('index.html')}"] for path in programs
    }
    (view,) = set(printable) - programs
    assert sorted(decoded[view]) == sorted(own)
