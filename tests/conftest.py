"""Shared fixtures: the real site built once, and small sites built per test.

Builds run Pelican in a subprocess, as an editor's ``invoke build`` does, so a
test sees the exit status and the messages an editor would see.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from sites import NEXT_CONFERENCE, Source, next_conference, this_site

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Built:
    """A finished (or failed) build: its exit status, messages and files."""

    returncode: int
    log: str
    output: Path

    def html(self, url: str) -> BeautifulSoup:
        path = self.output / url.lstrip("/")
        if url.endswith("/") or not path.suffix:
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def text(self, url: str) -> str:
        return (self.output / url.lstrip("/")).read_text(encoding="utf-8")


def run_pelican(
    settings: Path, content: Path, output: Path, env: dict[str, str] | None = None, *extra: str
) -> Built:
    environ = {**local_environment(), **(env or {})}
    environ["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican",
            str(content),
            "-s",
            str(settings),
            "-o",
            str(output),
            "--fatal",
            "errors",
            "--log-handler",
            "plain",
            *extra,
        ],
        capture_output=True,
        text=True,
        cwd=settings.parent,
        env=environ,
    )
    return Built(result.returncode, result.stdout + result.stderr, output)


def write_settings(
    tmp: Path,
    settings: str = "pelicanconf.py",
    extra_settings: str = "",
    *,
    content: Path,
    folder: Path = NEXT_CONFERENCE,
) -> Path:
    """A settings file: the real theme and plugins, ``content``, the settings of
    the site in ``folder`` with ``extra_settings`` after them. Without a folder
    the base is the next conference's fixture, never this site's settings:
    a generator test must not change when this site's pelicanconf.py does."""
    tmp.mkdir(parents=True, exist_ok=True)
    conf = tmp / "settings.py"
    conf.write_text(
        encoding="utf-8",
        data=f"import sys\nsys.path.insert(0, {str(folder)!r})\n"
        f"from {Path(settings).stem} import *\n"
        f"PATH = {str(content)!r}\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n" + textwrap.dedent(extra_settings),
    )
    return conf


def build_source(
    source: Source,
    tmp: Path,
    settings: str = "pelicanconf.py",
    env: dict[str, str] | None = None,
    extra_settings: str = "",
) -> Built:
    """Builds a conference site (this one or another) as ``invoke build`` would."""
    conf = write_settings(
        tmp, settings, extra_settings, content=source.content, folder=source.folder
    )
    return run_pelican(conf, source.content, tmp / "output", env)


@pytest.fixture(scope="session", params=["this-site", "next-conference"])
def source(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Source:
    """Each conference the site tests run on (see sites.py)."""
    if request.param == "this-site":
        return this_site()
    return next_conference(tmp_path_factory.mktemp("sources"))


@pytest.fixture(scope="session")
def site(source: Source, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The development build of each conference site, built once."""
    built = build_source(source, tmp_path_factory.mktemp("site"))
    assert built.returncode == 0, built.log
    return built


def invoke(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """A task as an editor runs it (``invoke build …``), from ``cwd``; outside
    GitHub Actions whatever runs the tests (``env`` may set it back)."""
    environ = {**local_environment(), **(env or {})}
    command = [sys.executable, "-m", "invoke", "--search-root", str(ROOT), *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=environ)


def local_environment() -> dict[str, str]:
    """The environment of a build on an editor's machine: no SOURCE_DATE_EPOCH
    and none of GitHub Actions' variables (which add annotations to the log)."""
    return {
        k: v
        for k, v in os.environ.items()
        if k != "SOURCE_DATE_EPOCH" and not k.startswith("GITHUB_")
    }


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file of a folder with its hash: an untouched output/ keeps it."""
    import hashlib

    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def theme_pages(lang: str) -> dict[str, str]:
    """The pages the theme's start page links to besides the program (the
    venue and the registration), for fixture conferences that need no more."""
    return {
        f"pages/{lang}/ort.md": f"Title: {lang}: venue\nKey: venue\nSlug: venue\nSummary: -\n\n-\n",
        f"pages/{lang}/anmeldung.md": (
            f"Title: {lang}: registration\nKey: registration\nSlug: registration\n"
            "Template: registration\nSummary: -\n\n-\n"
        ),
    }


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
