"""Mistakes that used to pass in silence: gap markers an editor wrapped or
mistyped, a program line indented by mistake, a day listed twice, a news
item dated differently in its two languages or dated ahead, a file too large
or too slow to convert, a build that was killed.

Each is made in a copy of the fixture conference (tests/sites.py); the
expected lines are found in its text. Independent mistakes of one kind share
a build (a build reports all problems of a kind), to keep these tests quick.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from test_editor_mistakes import named, publish_settings

from conftest import ROOT, Built, build_source, invoke, write_settings
from sites import Source, next_conference

KONTAKT = "pages/de/kontakt.md"
KONTAKTY = "pages/ru/kontakty.md"
PROGRAMM = "pages/de/programm.md"
NEWS_DE = "news/de/2027-05-01-einladung.md"
NEWS_RU = "news/ru/2027-05-01-priglashenie.md"


def log_of(built: Built | subprocess.CompletedProcess, source: Source) -> str:
    """The messages, with the content folder's paths as an editor sees them."""
    text = built.log if isinstance(built, Built) else built.stdout + built.stderr
    return text.replace(str(source.content) + "/", "")


def assert_named_once(log: str, source: Source, path: str, text: str, message: str) -> None:
    """``path:line: message`` once, at the line of ``path`` that holds ``text``."""
    expected = f"{path}:{source.line_of(path, text)}: {message}"
    assert log.count(expected) == 1, f"{expected!r} not once in:\n{log}"


def test_wrapped_and_lower_case_markers_are_shown_and_counted(tmp_path: Path):
    source = next_conference(tmp_path)
    source.edit(KONTAKT, "[[TBA: E-Mail-Adresse]]", "[[tba: E-Mail\nAdresse]]")
    source.edit(KONTAKTY, "[[TBA: адрес электронной почты]]", "[[ TBA : адрес\n  почты ]]")
    # A news item dated after the as-of date (2027-05-01) waits for its day.
    for path in (NEWS_DE, NEWS_RU):
        source.edit(path, "Date: 2027-05-01 10:00", "Date: 2027-06-15 10:00")

    built = build_source(source, tmp_path / "build")
    log = log_of(built, source)
    assert built.returncode == 0, log
    marks = [m.get_text(" ", strip=True) for m in built.html("de/kontakt/").select("mark.tba")]
    assert marks == ["noch offen: E-Mail Adresse"]
    marks = [m.get_text(" ", strip=True) for m in built.html("ru/kontakty/").select("mark.tba")]
    assert marks == ["уточняется: адрес почты"]
    assert "[[" not in built.text("de/kontakt/index.html")

    # Held back: not written, listed, fed or in the sitemap; the log says until when.
    for path in (NEWS_DE, NEWS_RU):
        assert f"Info: {path}: dated 2027-06-15, held back until then" in log
    assert not (built.output / "de/neues/einladung").exists()
    assert not (built.output / "ru/novoe/priglashenie").exists()
    written = ["de/neues/index.html", "de/neues/feed.atom", "ru/novoe/index.html"]
    written += ["ru/novoe/feed.atom", "sitemap.xml", "de/index.html", "ru/index.html"]
    for path in written:
        text = built.text(path)
        for held in ("zur XXI. Konferenz", "neues/einladung", "на XXI конференцию", "priglashenie"):
            assert held not in text, (path, held)

    # A marker in a .markdown file is published by Pelican's reader, so it counts.
    (source.content / "pages/de/notiz.markdown").write_text(
        "Title: Notiz\nKey: note\n\nRaum: [[TBA:\nRaumnummer]]\n", encoding="utf-8"
    )
    settings = publish_settings(source, tmp_path)
    result = invoke("check", "--publish", "--settings", str(settings), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    found = named(result.stdout, ": not known yet: ")
    for path, text in (
        (KONTAKT, "[[tba:"),
        (KONTAKTY, "[[ TBA :"),
        ("pages/de/notiz.markdown", "[[TBA:"),
    ):
        assert ((source.content / path).resolve(), source.line_of(path, text)) in found
    assert "not known yet: E-Mail Adresse" in result.stdout
    assert "not known yet: адрес почты" in result.stdout
    assert "not known yet: Raumnummer" in result.stdout


NEAR_MISSES = {
    # file: (the marker there, its near miss, the message)
    KONTAKT: (
        "[[TBA: E-Mail-Adresse]]",
        "[TBA: E-Mail-Adresse]]",
        "'[TBA:' is not a gap marker: write two brackets, [[TBA: …]]",
    ),
    KONTAKTY: (
        "[[TBA: адрес электронной почты]]",
        "[[TBA адрес электронной почты]]",
        "'[[TBA' is not a gap marker: write a colon after TBA, [[TBA: …]]",
    ),
    "pages/de/impressum.md": (
        "[[TBA: Name und Anschrift]]",
        "[[TBD: Name und Anschrift]]",
        "'[[TBD:' is not a gap marker: write [[TBA: …]]",
    ),
    "pages/de/anreise.md": (
        "[[TBA: Anreisehinweise]]",
        "[[TBA: Anreisehinweise",
        "the gap marker is not closed: end it with ]] in the same paragraph",
    ),
}


def test_near_misses_of_a_marker_are_named(tmp_path: Path):
    source = next_conference(tmp_path)
    for path, (marker, near_miss, _) in NEAR_MISSES.items():
        source.edit(path, marker, near_miss)
    built = build_source(source, tmp_path / "build")
    log = log_of(built, source)
    assert built.returncode == 1
    assert "Traceback" not in log
    for path, (_, near_miss, message) in NEAR_MISSES.items():
        assert_named_once(log, source, path, near_miss, message)


def test_indented_session_and_repeated_day_are_errors(tmp_path: Path):
    source = next_conference(tmp_path)
    source.edit(PROGRAMM, "14:00–17:00 | forum", "    14:00–17:00 | forum")
    source.edit(PROGRAMM, "20:00–01:00 | reception", "day 2027-10-29\n20:00–01:00 | reception")
    built = build_source(source, tmp_path / "build")
    log = log_of(built, source)
    assert built.returncode == 1
    assert "Traceback" not in log
    assert_named_once(
        log,
        source,
        PROGRAMM,
        "    14:00–17:00 | forum",
        "looks like a session but is indented: remove the indentation",
    )
    lines = (source.content / PROGRAMM).read_text(encoding="utf-8").splitlines()
    first, second = (n for n, text in enumerate(lines, 1) if text == "day 2027-10-29")
    expected = f"{PROGRAMM}:{second}: day 2027-10-29 is listed twice (also line {first})"
    assert log.count(expected) == 1, log


def test_news_dated_differently_in_its_languages_is_an_error(tmp_path: Path):
    source = next_conference(tmp_path)
    source.edit(NEWS_RU, "Date: 2027-05-01 10:00", "Date: 2027-05-02 10:00")
    built = build_source(source, tmp_path / "build")
    log = log_of(built, source)
    assert built.returncode == 1
    assert "Traceback" not in log
    first = f"{NEWS_DE}:{source.line_of(NEWS_DE, 'Date:')}"
    assert_named_once(
        log,
        source,
        NEWS_RU,
        "Date:",
        "news item 'news-invitation' is dated 2027-05-02 10:00 here but 2027-05-01 10:00"
        f" in its de version ({first}): give every language the same Date",
    )


def test_large_files_stop_the_build_and_large_images_are_warned_about(tmp_path: Path):
    source = next_conference(tmp_path)
    source.edit(KONTAKT, "E-Mail –", "x" * 5000 + "\n\nE-Mail –")
    (source.content / "images").mkdir()
    (source.content / "images/foto.jpg").write_bytes(b"\xff" * 3000)
    limits = "CONTENT_MAX_BYTES = 4000\nIMAGE_MAX_BYTES = 2000\n"
    built = build_source(source, tmp_path / "build", extra_settings=limits)
    log = log_of(built, source)
    assert built.returncode == 1
    assert "Traceback" not in log
    assert log.count(f"ERROR {KONTAKT}: the file is 5 KB, more than the 4 KB") == 1, log
    assert "(CONTENT_MAX_BYTES)" in log
    assert log.count("WARNING images/foto.jpg: the image is 3 KB, more than 2 KB") == 1, log


def test_a_file_too_slow_to_convert_stops_the_build(tmp_path: Path):
    source = next_conference(tmp_path)
    # Thousands of open brackets: Python-Markdown takes seconds (minutes for more).
    source.edit(KONTAKT, "E-Mail –", "[" * 6000 + "\n\nE-Mail –")
    start = time.monotonic()
    built = build_source(source, tmp_path / "build", extra_settings="CONTENT_MAX_SECONDS = 0.3\n")
    assert time.monotonic() - start < 4
    log = log_of(built, source)
    assert built.returncode == 1
    assert "Traceback" not in log
    assert log.count(f"{KONTAKT}: converting the file took more than 0.3 s") == 1, log


def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in found.split()]


def _still_running(pid: int, patience: float = 5.0) -> bool:
    """Whether a process lives on. One that ended may stay a zombie for a
    moment until its new parent reaps it (longer on a busy machine)."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
        except (FileNotFoundError, ProcessLookupError):
            return False
        if "\nState:\tZ" in status:
            return False
        time.sleep(0.1)
    return True


def test_a_killed_build_leaves_no_folder_and_no_process(tmp_path: Path):
    source = next_conference(tmp_path)
    source.edit(KONTAKT, "E-Mail –", "[" * 12000 + "\n\nE-Mail –")  # busy for many seconds
    settings = write_settings(
        tmp_path,
        content=source.content,
        folder=source.folder,
        extra_settings="CONTENT_MAX_SECONDS = 120\n",
    )
    site = tmp_path / "site"
    (site / "output").mkdir(parents=True)
    (site / "output" / "index.html").write_text("online", encoding="utf-8")
    # Left by builds killed with SIGKILL: one of a process that is gone, one of an old name.
    (site / ".build-99999999-x").mkdir()
    (site / ".build-abc").mkdir()
    command = [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "build"]
    command += ["--settings", str(settings), "--output", str(site / "output")]
    build = subprocess.Popen(
        command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    pelican: list[int] = []
    deadline = time.monotonic() + 20
    while not pelican and time.monotonic() < deadline:
        time.sleep(0.1)
        pelican = _children(build.pid)
    assert pelican, "Pelican did not start"
    building = [folder.name for folder in site.glob(".build-*")]
    assert len(building) == 1 and building[0].startswith(f".build-{build.pid}-")
    time.sleep(1)  # Pelican is reading the slow file now
    build.send_signal(signal.SIGTERM)
    output, _ = build.communicate(timeout=30)
    assert build.returncode != 0
    assert "Build interrupted. The previous output/ is unchanged." in output
    assert "Traceback" not in output
    assert sorted(p.name for p in site.iterdir()) == ["output"]
    assert (site / "output" / "index.html").read_text(encoding="utf-8") == "online"
    for pid in pelican:
        assert not _still_running(pid), "Pelican still runs"
