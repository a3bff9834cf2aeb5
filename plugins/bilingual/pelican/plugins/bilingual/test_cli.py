"""``python -m pelican.plugins.bilingual``: status and acknowledge, in-process."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.plugins.bilingual.__main__ import main

# A minimal site: the language comes from the folder because the plugin says
# so (core_defaults), as in the build.
SETTINGS = """
SITENAME = "Test"
TIMEZONE = "UTC"
DEFAULT_LANG = "de"
PATH = "content"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["news"]
BILINGUAL_LANGUAGES = {"de": {"name": "Deutsch"}, "ru": {"name": "Русский"}}
"""
SOURCE = "Title: Über uns\nKey: about\nSummary: Wer wir sind\n    und was wir tun.\n\nText.\n"
TRANSLATION = "Title: О нас\nKey: about\nSlug: o-nas\n\nТекст.\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A German page and its (not yet acknowledged) Russian translation; cwd is the site."""
    (tmp_path / "settings.py").write_text(SETTINGS, encoding="utf-8")
    for name, text in {"de/ueber.md": SOURCE, "ru/o-nas.md": TRANSLATION}.items():
        path = tmp_path / "content" / "pages" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main([*args, "-s", "settings.py"])
    out, err = capsys.readouterr()
    return code, out, err


def state(out: str, key: str) -> list[str]:
    """The cells of ``key``'s row of the status table."""
    return next(line.split() for line in out.splitlines() if line.split()[:1] == [key])


def test_status_names_files_relative_to_the_current_directory(site, capsys):
    code, out, _ = run(capsys, "status")
    assert code == 0
    assert state(out, "about") == [
        "about",
        "content/pages/de/ueber.md",
        "content/pages/ru/o-nas.md",
        "untracked",
    ]
    assert "content/pages/ru/o-nas.md:1: no 'Translated_from:'" in out
    assert run(capsys, "status", "--strict")[0] == 1


def test_acknowledging_makes_the_translation_current(site, capsys):
    code, out, _ = run(capsys, "acknowledge", "about")
    assert (code, out) == (0, "acknowledged: content/pages/ru/o-nas.md\n")
    translation = (site / "content/pages/ru/o-nas.md").read_text(encoding="utf-8")
    assert translation.splitlines()[2].startswith("Translated_from: de@")
    code, out, _ = run(capsys, "status", "--strict")
    assert code == 0, out
    assert state(out, "about")[-1] == "ok"


def test_a_change_on_a_continuation_line_of_the_summary_makes_the_translation_outdated(
    site, capsys
):
    run(capsys, "acknowledge", "all")
    source = site / "content/pages/de/ueber.md"
    source.write_text(SOURCE.replace("und was wir tun.", "und was wir machen."), encoding="utf-8")
    code, out, _ = run(capsys, "status", "--strict")
    assert code == 1
    assert state(out, "about")[-1] == "outdated"
    assert "content/pages/ru/o-nas.md:3: outdated:" in out


def test_missing_translation(site, capsys):
    (site / "content/pages/ru/o-nas.md").unlink()
    code, out, _ = run(capsys, "status")
    assert code == 0
    assert state(out, "about") == ["about", "content/pages/de/ueber.md", "—", "missing"]
    assert "content/pages/de/ueber.md:1: no translation into Русский ('ru')" in out


def test_unknown_key_exits_2(site, capsys):
    code, out, err = run(capsys, "acknowledge", "nothing")
    assert (code, out) == (2, "")
    assert err == "no content item has the key 'nothing'\n"


def test_wrong_settings_path_is_one_line(site, capsys):
    code = main(["status", "-s", "nowhere.py"])
    _, err = capsys.readouterr()
    assert (code, err) == (2, "error: nowhere.py: no such settings file\n")


def test_broken_settings_are_one_line(site, capsys):
    (site / "settings.py").write_text("PATH = (\n", encoding="utf-8")
    code, _, err = run(capsys, "status")
    assert code == 1
    assert err.startswith("error: settings.py: cannot be read:")
    assert len(err.splitlines()) == 1


def test_unreadable_content_file_is_one_line(site, capsys):
    (site / "content/pages/de/kaputt.md").write_bytes("Title: Ä\n\n".encode("latin-1"))
    code, _, err = run(capsys, "status")
    assert code == 1
    assert err.startswith("error: content/pages/de/kaputt.md: cannot be read:")
    assert len(err.splitlines()) == 1


def test_status_of_the_readme_site_reads_each_file_once(tmp_path, monkeypatch, capsys):
    """Articles in the content root, pages below pages/: Pelican's own file
    finder keeps pages out of the articles, as in the build."""
    import shutil

    from pelican.plugins.bilingual.testing import TEST_DATA

    shutil.copytree(TEST_DATA, tmp_path / "site")
    monkeypatch.chdir(tmp_path / "site")
    code = main(["status", "--strict", "-s", "pelicanconf.py"])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert [line.split()[-1] for line in out.splitlines()[1:]] == ["ok", "ok", "ok"]
    assert err == ""
