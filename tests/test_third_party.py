"""The site loads nothing from other hosts: checked at build time, not only by the CSP.

One build of the fixture conference carries every kind of third-party load an
editor (or a hostile contributor) could write; it must stop, name each at its
content file and line, and leave the previous output as it was. A page with
ordinary external links and a local image must still build. The parsing of
addresses is tried on its own, where a build would be too slow.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sitecheck.addresses import (
    css_addresses,
    host_of,
    is_script,
    refresh_address,
    srcset_addresses,
)
from sitecheck.output_files import scan_output
from sitecheck.thirdparty import check_third_party

from conftest import ROOT, build_source, fingerprint, invoke, write_settings
from sites import next_conference

# Each line loads, connects, submits or navigates to a host of its own (hN.example),
# or runs code: one problem each, named at that line.
HOSTILE_PAGE = """
Ein [Link](https://h1.example/video) ist erlaubt, das Einbetten nicht:

<iframe src="https://h1.example/video"></iframe>
![Bild](https://h2.example/a.png)
<script src="https://h3.example/x.js"></script>
<link rel="stylesheet" href="https://h4.example/s.css">
<link rel="preconnect" href="https://h5.example">
<link rel="dns-prefetch" href="//h6.example">
<video poster="https://h7.example/p.jpg"></video>
<audio><source src="https://h8.example/a.mp3"></audio>
<object data="https://h9.example/o"></object>
<embed src="https://h10.example/e">
<form action="https://h11.example/submit"></form>
<meta http-equiv="Refresh" content="0; URL='https://h12.example/'">
<img srcset="/local.png 1x, https://h13.example/b.png 2x">
<div style="background: url( 'https://h14.example/bg.png' )">x</div>
<svg><use href="https://h15.example/s.svg#i"></use></svg>
<base href="https://h16.example/">
<a href="javascript:alert(17)">klick</a>
<a href="java&#9;script:alert(18)">klick</a>
<img src="\\\\h19.example/x.png">
<style>p { background: \\75 rl(https://h20.example/e.png) }</style>
"""

HOSTILE_NEWS = """
![Logo][logo]

<IFRAME
  SRC="https://h21.example/embed"></IFRAME>

[logo]: https://h22.example/logo.png
"""

# Ordinary links a visitor clicks, a local image, an inline image: all allowed.
FRIENDLY_PAGE = """
Siehe [die Stadt](https://www.halle.example/) oder <https://verein.example/>.

<a href="https://partner.example/" target="_blank">Partner</a>
<link rel="alternate" hreflang="en" href="https://en.example/">

![Plan](/images/plan.png)
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
"""

KONTAKT = "pages/de/kontakt.md"
NEWS = "news/de/2027-05-01-einladung.md"


def lines_with(file: Path, pattern: str) -> dict[int, str]:
    """Each line of ``file`` that matches ``pattern``, with the match."""
    found = {}
    for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.search(pattern, line)
        if match:
            found[number] = match[0]
    return found


def reported(log: str) -> list[tuple[str, int, str]]:
    """Every ``path:line: message`` of a build's messages."""
    pattern = r"^(?:ERROR )?(\S+?):(\d+): (.*)$"
    return [(m[1], int(m[2]), m[3]) for m in re.finditer(pattern, log, re.MULTILINE)]


def test_every_third_party_load_stops_the_build_and_keeps_the_output(tmp_path: Path):
    source = next_conference(tmp_path)
    for name, added in ((KONTAKT, HOSTILE_PAGE), (NEWS, HOSTILE_NEWS)):
        file = source.content / name
        file.write_text(file.read_text(encoding="utf-8") + added, encoding="utf-8")
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<p>the site online</p>", encoding="utf-8")
    before = fingerprint(output)
    settings = write_settings(tmp_path, content=source.content, folder=source.folder)

    result = invoke("build", "--settings", str(settings), "--output", str(output), cwd=tmp_path)

    log = result.stdout + result.stderr
    assert result.returncode != 0, log
    assert "Traceback" not in log
    assert fingerprint(output) == before
    expected = {}
    for name in (KONTAKT, NEWS):
        shown = str((source.content / name).resolve())
        for number, what in lines_with(source.content / name, r"h\d+\.example|alert").items():
            if "[Link]" not in (source.content / name).read_text().splitlines()[number - 1]:
                expected[(shown, number)] = what
    # Builds run in the project's folder: a file outside it is named in full.
    third_party = {
        (str((ROOT / path).resolve()), line): message
        for path, line, message in reported(log)
        if "another host" in message or "javascript:" in message
    }
    assert len(expected) == 22  # h1 (its load, not its link) to h22
    assert set(third_party) == set(expected), log
    for where, what in expected.items():
        if what != "alert":
            assert f"({what})" in third_party[where], third_party[where]


def test_plain_links_and_a_local_image_build(tmp_path: Path):
    source = next_conference(tmp_path)
    (source.content / "images").mkdir()
    (source.content / "images" / "plan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    file = source.content / KONTAKT
    file.write_text(file.read_text(encoding="utf-8") + FRIENDLY_PAGE, encoding="utf-8")

    built = build_source(source, tmp_path, extra_settings='STATIC_PATHS = ["images"]\n')

    assert built.returncode == 0, built.log
    page = built.html("/de/kontakt/")
    assert page.find("a", href="https://partner.example/")
    assert page.find("img", src="/images/plan.png")


def test_a_load_the_theme_adds_is_named_in_the_output(tmp_path: Path):
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "a.html").write_text('<p>\n<script src="https://cdn.example/x.js">')
    (tmp_path / "de" / "b.html").write_text('<script src="https://cdn.example/x.js">')

    sources = {"de/a.html": str(tmp_path / "none.md")}
    problems = check_third_party(tmp_path, sources, scan_output(tmp_path, None))

    assert [(p.path, p.line) for p in problems] == [(f"{tmp_path.name}/de/a.html", 2)]
    assert "cdn.example" in problems[0].message
    assert "also on 1 other page" in problems[0].message


@pytest.mark.parametrize(
    ("address", "host"),
    [
        ("https://other.example/x", "other.example"),
        ("  //Other.Example:8080/x", "other.example"),
        ("\\\\other.example/x", "other.example"),
        ("/\\other.example/x", "other.example"),
        ("https:///other.example", "other.example"),
        ("https://own.example@other.example/", "other.example"),
        ("ht\ttps://other.example", "other.example"),
        ("/images/a.png", None),
        ("a.png", None),
        ("mailto:team@other.example", None),
        ("data:image/png;base64,AAAA", None),
    ],
)
def test_the_host_is_read_as_a_browser_reads_it(address: str, host: str | None):
    assert host_of(address) == host


def test_addresses_hidden_in_attributes_are_found():
    assert is_script(" JaVa\nScRiPt:alert(1)")
    assert not is_script("https://example.org/javascript:")
    assert srcset_addresses("a.png 1x,https://b.example/c,d.png 2x, e.png") == [
        "a.png",
        "https://b.example/c,d.png",
        "e.png",
    ]
    assert css_addresses('@import "https://a.example/i.css"; p{b:\\75 rl(//c.example/x)}') == [
        "//c.example/x",
        "https://a.example/i.css",
    ]
    assert refresh_address("5; URL='https://a.example/'") == "https://a.example/"
    assert refresh_address("30") == ""
