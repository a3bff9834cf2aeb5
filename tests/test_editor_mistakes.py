"""An editor's mistakes: each stops the build with a message naming the file,
and the site that was online stays as it was.

They are made in a copy of the fixture conference (tests/sites.py), so the
expected lines are found in its text, not known by heart."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT, build_source, fingerprint, invoke, write_settings
from sites import Source, next_conference


def publish_settings(source: Source, tmp: Path, extra_settings: str = "") -> Path:
    return write_settings(
        tmp, "publishconf.py", extra_settings, content=source.content, folder=source.folder
    )


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A site already online: the fixture conference built once with invoke build."""
    tmp = tmp_path_factory.mktemp("online")
    settings = publish_settings(next_conference(tmp), tmp)
    result = invoke("build", "--settings", str(settings), "--output", str(tmp / "output"), cwd=tmp)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "output", fingerprint(tmp / "output")


@dataclass(frozen=True)
class Mistake:
    """A change to one file; the message names ``file`` at the line holding
    the first line of ``new`` (a deleted file's translation is named at its
    first line)."""

    file: str
    old: str | None  # None: the file is deleted
    new: str
    message: str


MISTAKES = {
    "missing translation": Mistake(
        "pages/ru/kontakty.md",
        None,
        "pages/de/kontakt.md",
        "no translation into {ru} ('ru') for key 'contact'",
    ),
    "broken internal link": Mistake(
        "pages/ru/kontakty.md",
        "Электронная почта —",
        "[Почта]({filename}komanda.md) —",
        "the link '{{filename}}komanda.md' leads nowhere",
    ),
    "overlapping sessions": Mistake(
        "pages/ru/programma.md",
        "20:00–01:00 | reception",
        "17:00–01:00 | reception",
        "'Приём от имени города' overlaps 'Открытие конференции'",
    ),
    "invalid date": Mistake(
        "news/de/2027-05-01-einladung.md",
        "Date: 2027-05-01 10:00",
        "Date: 2027-02-30",
        "'2027-02-30' is not a valid date",
    ),
    "malformed front matter": Mistake(
        "pages/de/kontakt.md",
        "Slug: kontakt",
        "Slug kontakt",
        "'Slug kontakt' is not a metadata line",
    ),
    "unknown metadata key": Mistake(
        "pages/ru/kontakty.md",
        "Summary:",
        "Sumary:",
        "unknown field 'Sumary' – did you mean 'Summary'?",
    ),
    "a page where the security headers go": Mistake(
        "pages/de/kontakt.md",
        "Summary:",
        "Save_as: _headers\nSummary:",
        "Save_as '_headers' is also written by the security headers (_headers)",
    ),
    "a page where the favicon goes": Mistake(
        "pages/ru/kontakty.md",
        "Summary:",
        "Save_as: theme/favicon.svg\nSummary:",
        "Save_as 'theme/favicon.svg' is also written by the favicon",
    ),
}


@pytest.mark.parametrize("name", list(MISTAKES))
def test_mistake_is_named_and_the_online_site_stays(tmp_path: Path, published, name: str):
    output, before = published
    mistake = MISTAKES[name]
    source = next_conference(tmp_path)
    languages = {
        lang: info["name"] for lang, info in source.settings["BILINGUAL_LANGUAGES"].items()
    }
    message = mistake.message.format(**languages)
    if mistake.old is None:
        (source.content / mistake.file).unlink()
        expected = f"{mistake.new}:1: {message}"
    else:
        source.edit(mistake.file, mistake.old, mistake.new)
        line = source.line_of(mistake.file, mistake.new.splitlines()[0])
        expected = f"{mistake.file}:{line}: {message}"
    settings = publish_settings(source, tmp_path)
    result = invoke("build", "--settings", str(settings), "--output", str(output), cwd=tmp_path)
    log = (result.stdout + result.stderr).replace(str(source.content) + "/", "")
    assert result.returncode != 0
    assert log.count(expected) == 1, log  # once, on one line of its own
    assert "Traceback" not in log
    assert fingerprint(output) == before  # nothing half-built went online


def named(stdout: str, message: str) -> list[tuple[Path, int]]:
    """The file and line of each ``path:line: …message…`` that ``invoke check``
    printed; its paths are relative to the project."""
    found = []
    for line in stdout.splitlines():
        if message in line:
            path, number, _ = line.split(":", 2)
            found.append(((ROOT / path).resolve(), int(number)))
    return found


def test_check_lists_exactly_the_placeholders_left(tmp_path: Path):
    source = next_conference(tmp_path)
    # the settings file in use sets a placeholder address of its own
    settings = publish_settings(
        source, tmp_path, 'REGISTRATION_URL = "https://anmeldung.example.org/platzhalter"\n'
    )
    result = invoke("check", "--publish", "--settings", str(settings), cwd=tmp_path)
    assert result.returncode == 1
    expected = [
        (path.resolve(), number)
        for path in sorted(source.content.rglob("*.md"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for _ in re.finditer(r"\[\[TBA:", line)
    ]
    assert expected  # the fixture leaves some
    assert named(result.stdout, ": not known yet: ") == expected
    lines = settings.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("REGISTRATION_URL ="))
    assert named(result.stdout, ": REGISTRATION_URL is still a placeholder address") == [
        (settings.resolve(), line)
    ]


def test_check_names_a_placeholder_setting_where_the_conference_sets_it(tmp_path: Path):
    source = next_conference(tmp_path)
    settings = publish_settings(source, tmp_path)
    result = invoke("check", "--publish", "--settings", str(settings), cwd=tmp_path)
    conf = source.folder / "pelicanconf.py"
    lines = conf.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("REGISTRATION_URL ="))
    assert named(result.stdout, ": REGISTRATION_URL is still a placeholder address") == [
        (conf.resolve(), line)
    ]


def test_check_passes_on_a_complete_conference(tmp_path: Path):
    source = next_conference(tmp_path)
    settings = write_settings(tmp_path, content=source.content, folder=source.folder)
    result = invoke("check", "--settings", str(settings), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok      HTML validity (Nu Html Checker)" in result.stdout


def test_check_finds_invalid_html(tmp_path: Path):
    source = next_conference(tmp_path)
    source.edit("pages/ru/kontakty.md", "Электронная почта", "<p><div>Электронная</p> почта")
    settings = write_settings(tmp_path, content=source.content, folder=source.folder)
    result = invoke("check", "--settings", str(settings), cwd=tmp_path)
    assert result.returncode == 1
    assert "FAILED  HTML validity" in result.stdout


def test_two_builds_of_one_commit_are_identical(tmp_path: Path):
    source = next_conference(tmp_path)
    first = build_source(source, tmp_path / "one", settings="publishconf.py")
    second = build_source(source, tmp_path / "two", settings="publishconf.py")
    assert first.returncode == second.returncode == 0
    assert fingerprint(first.output) == fingerprint(second.output)


def test_publish_copies_the_built_site_with_rsync(tmp_path: Path):
    """The server then holds exactly the built files, and nothing else."""
    # the publish policy refuses placeholder addresses: this conference has real ones
    real = 'SITEURL = "https://konferenz.test"\nREGISTRATION_URL = "https://anmeldung.test/"\n'
    settings = publish_settings(next_conference(tmp_path), tmp_path, real)
    target = tmp_path / "server"
    target.mkdir()
    (target / "stale.html").write_text("old")
    built = tmp_path / "built"
    result = invoke(
        "publish",
        "--settings",
        str(settings),
        "--target",
        f"{target}/",
        "--output",
        str(built),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "index.html").exists()
    assert fingerprint(target) == fingerprint(built)  # the stale file is gone


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("SITENAME = = 'x'", "SyntaxError: invalid syntax"),
        ("SITENAME = Halle", "NameError: name 'Halle' is not defined"),
        ("AS_OF_DATE = date(2027, 13, 1)", "ValueError: month must be in 1..12"),
    ],
)
def test_a_mistake_in_the_settings_is_one_line_without_a_traceback(
    tmp_path: Path, published, line: str, message: str
):
    """Settings are Python; Pelican would answer any mistake with a traceback."""
    output, before = published
    source = next_conference(tmp_path)
    conf = source.folder / "pelicanconf.py"
    conf.write_text(conf.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    number = len(conf.read_text(encoding="utf-8").splitlines())
    settings = publish_settings(source, tmp_path)
    result = invoke("build", "--settings", str(settings), "--output", str(output), cwd=tmp_path)
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"pelicanconf.py:{number}: {message}" in log, log
    assert "Traceback" not in log
    assert fingerprint(output) == before
