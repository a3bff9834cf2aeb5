"""A malicious contributor's input: nothing unsafe reaches the published site.

Each test builds a copy of the fixture conference (tests/sites.py) with hostile
input and asserts what reaches the output – text stays text, no script element,
no injected attribute, no file from outside the repository – or that the build
stops with one ``file: message`` line per problem, no traceback and the output
folder untouched. Independent inputs share one build to keep this file fast.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import Built, build_source
from sites import next_conference

SCRIPT = "<script>alert(1)</script>"
QUOTE = '" onmouseover="alert(2)'


def live_scripts(page: BeautifulSoup) -> list[str]:
    """Script elements other than structured data (the site has no JavaScript)."""
    return [str(s) for s in page.select("script") if s.get("type") != "application/ld+json"]


def handlers(page: BeautifulSoup) -> list[str]:
    """Elements carrying an event-handler attribute (``onmouseover=…``)."""
    return [tag.name for tag in page.find_all(True) if any(a.startswith("on") for a in tag.attrs)]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One build with hostile text in metadata, the program, settings and raw HTML."""
    tmp = tmp_path_factory.mktemp("hostile")
    source = next_conference(tmp)
    source.edit(
        "pages/de/anreise.md", "Title: Anreise nach Halle", f"Title: Anreise {SCRIPT} & {QUOTE}"
    )
    source.edit("pages/de/anreise.md", "Summary: ", f"Summary: {SCRIPT} ")
    source.edit(
        "pages/de/anreise.md",
        "## Halle (Saale)",
        '## Halle (Saale)\n\n<a href="https://raw.example/">raw</a>'
        ' <a target="_blank" rel="nofollow" href="http://blank.example/">blank</a>\n',
    )
    source.edit(
        "pages/de/programm.md", "| Eröffnung der Konferenz |", f"| Eröffnung {SCRIPT} {QUOTE} |"
    )
    source.edit("pages/de/programm.md", "place room-a: Raum A", f"place room-a: Raum {SCRIPT}")
    source.edit("pages/de/anreise.md", "Menu_title: Anreise", f"Menu_title: Anreise {SCRIPT}")
    source.edit(
        "pages/de/programm.md",
        "| Abendempfang der Stadt | hall",
        f"| Empfang | hall\n    Mit {SCRIPT}",
    )
    invitation = "news/de/2027-05-01-einladung.md"
    source.edit(invitation, "Title: Einladung", f"Title: Einladung {SCRIPT}")
    source.edit(invitation, "Summary: ", f"Summary: {SCRIPT} ")
    source.edit(invitation, "Tags: Einladung", f"Tags: Einladung {SCRIPT}")
    built = build_source(
        source,
        tmp,
        extra_settings=f"""
        CONFERENCE["name"]["de"] = 'Konferenz {QUOTE} {SCRIPT}'
        CONFERENCE["city"]["de"] = 'Halle {SCRIPT}'
        BILINGUAL_SETTINGS["de"]["SITENAME"] = 'Seite {QUOTE} {SCRIPT}'
        BILINGUAL_LANGUAGES["de"]["name"] = 'Deutsch {SCRIPT}'
        PLACEHOLDER_LABELS["de"] = 'offen {SCRIPT}'
        """,
    )
    assert built.returncode == 0, built.log
    return built


def test_no_page_gets_a_script_or_an_attribute_from_text(hostile: Built) -> None:
    for path in sorted(hostile.output.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert live_scripts(page) == [], path
        assert handlers(page) == [], path
        for data in page.select('script[type="application/ld+json"]'):
            assert "</script" not in data.string.lower(), path
            json.loads(data.string)


def test_titles_and_settings_are_shown_as_text(hostile: Built) -> None:
    page = hostile.html("/de/anreise/")
    assert page.h1.get_text() == f"Anreise {SCRIPT} & {QUOTE}"
    assert page.title.get_text().startswith(f"Anreise {SCRIPT} & {QUOTE} – Konferenz {QUOTE}")
    og_title = page.select_one('meta[property="og:title"]')["content"]
    assert og_title.startswith(f"Anreise {SCRIPT} & {QUOTE}")
    assert page.select_one(".site-name a").get_text() == f"Konferenz {QUOTE} {SCRIPT}"
    assert f"Halle {SCRIPT}" in page.select_one(".site-facts").get_text()
    menu = [a.get_text() for a in page.select(".main-menu a")]
    assert f"Anreise {SCRIPT}" in menu
    assert f"offen {SCRIPT}:" in [s.get_text() for s in page.select(".tba-label")]
    switch = hostile.html("/ru/kak-dobratsya/").select(".lang-switch a")
    assert f"Deutsch {SCRIPT}" in [a.get_text() for a in switch]
    news = hostile.html("/de/neues/")
    assert f"Einladung {SCRIPT}" in news.select_one(".news-list h2").get_text()


def test_session_titles_and_places_are_shown_as_text(hostile: Built) -> None:
    program = hostile.html("/de/programm/")
    titles = [h.get_text(strip=True) for h in program.select(".session .title")]
    assert f"Eröffnung {SCRIPT} {QUOTE}" in titles
    assert any(f"Raum {SCRIPT}" in p.get_text() for p in program.select(".session .place"))
    descriptions = [p.get_text() for p in program.select(".session .description")]
    assert f"Mit {SCRIPT}" in descriptions
    printed = hostile.html("/druck-pechat/")
    assert f"Eröffnung {SCRIPT} {QUOTE}" in printed.get_text()


def test_summaries_are_text_in_pages_and_feed(hostile: Built) -> None:
    home = hostile.html("/de/")
    assert any("alert(1)" in card.get_text() for card in home.select("li a span"))
    feed = ElementTree.fromstring(hostile.text("de/neues/feed.atom"))
    fields = [f for f in feed.iter() if f.tag.rsplit("}", 1)[-1] in ("title", "summary")]
    assert any("alert(1)" in (field.text or "") for field in fields)
    for field in fields:  # the feed's HTML, once unescaped from the XML
        assert "<script" not in (field.text or "").lower()


def test_raw_html_links_get_the_external_rel(hostile: Built) -> None:
    links = {a["href"]: a for a in hostile.html("/de/anreise/").select("main a[href]")}
    assert links["https://raw.example/"]["rel"] == ["external", "noopener", "noreferrer"]
    blank = links["http://blank.example/"]
    assert blank["rel"] == ["nofollow", "external", "noopener", "noreferrer"]
    assert blank["target"] == "_blank"


def stopped(built: Built, output_before: dict[str, bytes]) -> list[str]:
    """The build failed as an editor should see it: the problem lines it printed."""
    assert built.returncode == 1, built.log
    assert "Traceback" not in built.log
    after = {p.name: p.read_bytes() for p in built.output.iterdir()}
    assert after == output_before, "the output folder changed"
    return [line for line in built.log.splitlines() if line.startswith("ERROR ")]


def output_online(tmp: Path) -> dict[str, bytes]:
    """An output folder as if the site was built before."""
    output = tmp / "output"
    output.mkdir(parents=True)
    (output / "index.html").write_text("<p>online</p>", encoding="utf-8")
    return {"index.html": b"<p>online</p>"}


def test_content_from_outside_or_not_markdown_is_refused(tmp_path: Path) -> None:
    source = next_conference(tmp_path)
    pages = source.content / "pages" / "de"
    secret = tmp_path / "secret.md"
    secret.write_text("Title: Geheim\nKey: secret\n\nSECRET-TEXT\n", encoding="utf-8")
    os.symlink(secret, pages / "geheim.md")
    os.symlink(tmp_path, source.content / "images")
    (pages / "x.rst").write_text("X\n=\n\n.. include:: /etc/hostname\n", encoding="utf-8")
    (pages / "y.html").write_text("<html><body>y</body></html>", encoding="utf-8")
    before = output_online(tmp_path)
    lines = stopped(build_source(source, tmp_path), before)
    assert "SECRET-TEXT" not in "\n".join(lines)
    assert lines == [
        "ERROR next-conference/content/images: symlink leads outside the content folder;"
        " put the file itself there",
        "ERROR next-conference/content/pages/de/geheim.md: symlink leads outside the content"
        " folder; put the file itself there",
        "ERROR next-conference/content/pages/de/x.rst: only Markdown (.md) is read;"
        " rename it to x.md",
        "ERROR next-conference/content/pages/de/y.html: only Markdown (.md) is read;"
        " rename it to y.md",
    ]


def test_a_link_to_a_file_outside_content_is_refused(tmp_path: Path) -> None:
    source = next_conference(tmp_path)
    (tmp_path / "secret.txt").write_text("SECRET-TEXT", encoding="utf-8")
    link = "{static}/../../secret.txt"
    source.edit("pages/de/anreise.md", "## Halle", f"[Plan]({link})\n\n## Halle")
    before = output_online(tmp_path)
    lines = stopped(build_source(source, tmp_path), before)
    assert lines == [
        "ERROR next-conference/content/pages/de/anreise.md:7: '../../secret.txt' leads outside"
        " the content folder; link a file inside it"
    ]


def test_unsafe_addresses_in_settings_name_the_setting(tmp_path: Path) -> None:
    source = next_conference(tmp_path)
    before = output_online(tmp_path)
    built = build_source(
        source,
        tmp_path,
        extra_settings="""
        REGISTRATION_URL = 'https://anmeldung.example.org/" onmouseover="alert(1)'
        SITEURL = "javascript:alert(1)"
        CONFERENCE["website"] = "http://konferenz.example.org"
        """,
    )
    lines = stopped(built, before)
    assert len(lines) == 3, built.log
    assert lines[0].startswith("ERROR settings: CONFERENCE['website'] = 'http://")
    assert "REGISTRATION_URL" in lines[1] and "quotes" in lines[1]
    assert lines[2].startswith("ERROR settings: SITEURL = 'javascript:alert(1)' must start with")


@pytest.mark.parametrize(
    ("value", "site", "safe"),
    [
        ("https://konferenz.example.org", True, True),
        ("http://localhost:8000", True, True),
        ("http://konferenz.example.org", True, False),
        ("https://konferenz.example.org/", True, False),
        ("https://anmeldung.example.org/form?id=1", False, True),
        ("http://localhost:8000", False, False),
        ("javascript:alert(1)", False, False),
        ("JavaScript:alert(1)", False, False),
        ("https://x.example/ onclick=1", False, False),
        ("https://x.example/<script>", False, False),
        ("https:///path", False, False),
        ("//x.example", False, False),
    ],
)
def test_address_rules(value: str, site: bool, safe: bool) -> None:
    from sitecheck.urls import url_problem

    assert (url_problem(value, site=site) is None) == safe
