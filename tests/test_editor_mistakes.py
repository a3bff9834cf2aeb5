"""An editor's mistakes: each stops the build with a message naming the file,
and the site that was online stays as it was."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_real_site, copy_content, write_settings


def invoke(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd)


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A site already online: built once with invoke build, from the real content."""
    tmp = tmp_path_factory.mktemp("online")
    settings = write_settings(tmp, "publishconf.py")
    result = invoke("build", "--settings", str(settings), "--output", str(tmp / "output"), cwd=tmp)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "output", fingerprint(tmp / "output")


MISTAKES = {
    "missing translation": (
        {"pages/ru/kontakty.md": None},
        "pages/de/kontakt.md:1: no translation into Русский ('ru') for key 'contact'",
    ),
    "broken internal link": (
        {
            "pages/ru/kontakty.md": (
                "ответит оргкомитет:",
                "ответит [оргкомитет]({filename}komanda.md):",
            )
        },
        "pages/ru/kontakty.md:7: the link '{filename}komanda.md' leads nowhere",
    ),
    "overlapping sessions": (
        {"pages/ru/programma.md": ("11:30–12:30 | closing", "11:00–12:30 | closing")},
        "pages/ru/programma.md:39: 'Закрытие конференции' overlaps",
    ),
    "invalid date": (
        {"news/de/2017-03-15-einladung.md": ("Date: 2017-03-15 10:00", "Date: 2017-02-30")},
        "news/de/2017-03-15-einladung.md:4: '2017-02-30' is not a valid date",
    ),
    "malformed front matter": (
        {"pages/de/foerderung.md": ("Slug: foerderung", "Slug foerderung")},
        "pages/de/foerderung.md:3: 'Slug foerderung' is not a metadata line",
    ),
    "unknown metadata key": (
        {"pages/ru/kontakty.md": ("Summary:", "Sumary:")},
        "pages/ru/kontakty.md:5: unknown field 'Sumary' – did you mean 'Summary'?",
    ),
}


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_mistake_is_named_and_the_online_site_stays(tmp_path, published, mistake):
    output, before = published
    edits, expected = MISTAKES[mistake]
    content = copy_content(tmp_path, {k: v for k, v in edits.items() if v is not None})
    for name, edit in edits.items():
        if edit is None:
            (content / name).unlink()
    settings = write_settings(tmp_path, "publishconf.py", content=content)
    result = invoke("build", "--settings", str(settings), "--output", str(output), cwd=tmp_path)
    log = (result.stdout + result.stderr).replace(str(content) + "/", "")
    assert result.returncode != 0
    assert expected in log, log
    assert "Traceback" not in log
    assert fingerprint(output) == before  # nothing half-built went online


def test_check_lists_exactly_the_placeholders_left(tmp_path):
    result = invoke("check", "--publish", cwd=tmp_path)
    assert result.returncode == 1
    listed = [line for line in result.stdout.splitlines() if ": not known yet: " in line]
    expected = [
        f"{path.relative_to(ROOT).as_posix()}:{number}"
        for path in sorted((ROOT / "content").rglob("*.md"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for _ in re.finditer(r"\[\[TBA:", line)
    ]
    assert [line.split(": not known yet")[0] for line in listed] == expected
    settings = (ROOT / "pelicanconf.py").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(settings, 1) if text.startswith("REGISTRATION_URL ="))
    assert (
        f"pelicanconf.py:{line}: REGISTRATION_URL is still a placeholder address" in result.stdout
    )


def test_check_passes_on_the_real_site(tmp_path):
    result = invoke("check", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok      HTML validity (Nu Html Checker)" in result.stdout


def test_check_finds_invalid_html(tmp_path):
    content = copy_content(
        tmp_path, {"pages/ru/kontakty.md": ("На вопросы", "<p><div>На</p> вопросы")}
    )
    settings = write_settings(tmp_path, content=content)
    result = invoke("check", "--settings", str(settings), cwd=tmp_path)
    assert result.returncode == 1
    assert "FAILED  HTML validity" in result.stdout


def test_two_builds_of_one_commit_are_identical(tmp_path):
    first = build_real_site(tmp_path / "one", settings="publishconf.py")
    second = build_real_site(tmp_path / "two", settings="publishconf.py")
    assert first.returncode == second.returncode == 0
    assert fingerprint(first.output) == fingerprint(second.output)


def test_publish_copies_the_built_site_with_rsync(tmp_path):
    target = tmp_path / "server"
    target.mkdir()
    (target / "stale.html").write_text("old")
    result = invoke(
        "publish", "--target", f"{target}/", "--output", str(tmp_path / "built"), cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "de" / "programm" / "index.html").exists()
    assert not (target / "stale.html").exists()
