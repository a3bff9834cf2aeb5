"""The live preview as an editor meets it: a page in the browser, a saved
mistake, the error page naming file and line, the fix, the page again.

The preview runs as ``python -m preview`` (what ``invoke livereload`` starts)
on a fixture conference (``test_data/next-conference``, copied by
``sites.next_conference``) with this repository's theme and plugins, on a free
port; the test talks to it over HTTP only. Addresses come from the fixture's
settings and lines from its text, so nothing here is one conference's fact.
It waits for builds the way the page's reload script does, through the
preview's events address, so it never sleeps.
"""

from __future__ import annotations

import html
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import write_settings
from sites import ROOT, Source, next_conference

DEADLINE = 60.0  # seconds for one build to show; a build takes about one


@dataclass(frozen=True)
class OpenPage:
    """The page the editor has open: the conference's venue page in the default
    language, found by its key so that no slug or title is written here."""

    file: str  # relative to the project folder
    url: str
    title: str

    @classmethod
    def venue(cls, source: Source) -> OpenPage:
        lang = source.settings["DEFAULT_LANG"]
        (matter,) = source.with_field("Key", "venue", lang)
        url = "/" + source.settings["PAGE_URL"].format(lang=lang, slug=matter.value("Slug"))
        file = Path(matter.path).relative_to(source.folder).as_posix()
        return cls(file, url, matter.value("Title"))


@dataclass
class Preview:
    """A running preview: its address, its project folder and its terminal."""

    process: subprocess.Popen[str]
    source: Source  # the project folder: the conference's own files and the copied theme
    page: OpenPage
    base: str = ""
    terminal: list[str] = field(default_factory=list)

    @property
    def project(self) -> Path:
        return self.source.folder

    def get(self, url: str) -> tuple[int, str]:
        """Status and text; (0, "") while the preview restarts (plugin code changed)."""
        try:
            with urllib.request.urlopen(self.base + url, timeout=30) as answer:
                return answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError):
            return 0, ""

    def wait_until(
        self, url: str, wanted: Callable[[int, str], bool], what: str
    ) -> tuple[int, str]:
        """The page once ``wanted`` holds; between tries, wait for the next build."""
        end = time.monotonic() + DEADLINE
        while True:
            status, page = self.get(url)
            if wanted(status, page):
                return status, page
            assert self.process.poll() is None, "the preview ended:\n" + self.output()
            left = end - time.monotonic()
            assert left > 0, f"no {what} after {DEADLINE:.0f} s; last page:\n{page[:2000]}"
            if status == 0:  # restarting, as a browser's reload script sees it: ask again
                time.sleep(0.1)
                continue
            build = re.search(r'build = "([^"]+)"', page)
            assert build, f"no reload script in the page:\n{page[:2000]}"
            # Answers when a newer build is published (or after the server's poll time).
            self.get(f"/__preview__/events?build={build[1]}")

    def is_the_page(self, status: int, page: str) -> bool:
        """The open page itself, built without problems."""
        heading = f"<h1>{html.escape(self.page.title, quote=False)}"
        return status == 200 and "preview-problems" not in page and heading in page

    def wait_for_the_page(self, what: str = "page", also: str = "") -> str:
        """The open page once it is back (and holds ``also``)."""
        _, page = self.wait_until(
            self.page.url,
            lambda status, page: self.is_the_page(status, page) and also in page,
            what,
        )
        return page

    def edit(self, name: str, old: str, new: str) -> None:
        """Saves ``name`` with its first ``old`` replaced, as an editor would."""
        path = self.project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def line_holding(self, name: str, text: str) -> int:
        """The line of ``name`` (as saved now) that holds ``text``, which must be
        there once: where the preview should place a problem."""
        saved = (self.project / name).read_text(encoding="utf-8")
        assert saved.count(text) == 1, f"{text!r} is in {name} {saved.count(text)} times"
        return saved[: saved.index(text)].count("\n") + 1

    def output(self) -> str:
        return "\n".join(self.terminal)


def problems_shown(page: str) -> list[tuple[str | None, int | None, str]]:
    """Each problem on the error page as (file, line, message)."""
    listed = []
    for item in BeautifulSoup(page, "html.parser").select("#preview-problems li"):
        path, line = item.select_one(".where code"), item.select_one(".where strong")
        listed.append(
            (
                path.get_text() if path else None,
                int(line.get_text()) if line else None,
                item.select_one(".what").get_text(),
            )
        )
    return listed


def is_error_page(status: int, page: str) -> bool:
    return "preview-problems" in page


PLUGIN_LINE = 7  # the line the local plugin's message names
LOCAL_PLUGIN = f"""import logging

from pelican import signals


def check(pelican):
    if False:
        logging.getLogger("pelican.local").error("%s:{PLUGIN_LINE}: the plugin says no", __file__)


def register():
    signals.initialized.connect(check)
"""


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """The fixture conference's ``pelicanconf.py`` and ``content/``, a copy of
    this repository's theme (edited by the tests) and a plugin of the project's
    own, previewed from one folder as an editor's checkout would be."""
    source = next_conference(tmp_path_factory.mktemp("preview"))
    project = source.folder
    shutil.copytree(ROOT / "theme", project / "theme")
    # A plugin of the project's own, to change while the preview runs.
    (project / "plugins" / "local").mkdir(parents=True)
    (project / "plugins" / "local" / "__init__.py").write_text(LOCAL_PLUGIN, encoding="utf-8")
    settings = write_settings(
        project,
        content=source.content,
        folder=project,
        extra_settings=f"THEME = {str(project / 'theme')!r}\n"
        f"PLUGIN_PATHS = [*PLUGIN_PATHS, {str(project / 'plugins')!r}]\n"
        "PLUGINS = [*PLUGINS, 'local']\n",
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    env.pop("SOURCE_DATE_EPOCH", None)
    command = [sys.executable, "-m", "preview", "--settings", str(settings)]
    command += ["--output", str(project / "output"), "--port", "0", "--root", str(project)]
    process = subprocess.Popen(
        command,
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
    )
    running = Preview(process, source, OpenPage.venue(source))
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in process.stdout or []:
            running.terminal.append(line.rstrip("\n"))
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    try:
        end = time.monotonic() + DEADLINE
        while not running.base:
            try:
                line = lines.get(timeout=max(0.1, end - time.monotonic()))
            except queue.Empty:
                pytest.fail("the preview did not start:\n" + running.output())
            if found := re.search(r"Preview: (http://localhost:\d+)/", line):
                running.base = found[1]
        yield running
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_saved_mistake_shows_the_error_page_until_it_is_fixed(preview: Preview) -> None:
    page = preview.wait_for_the_page()
    assert "/__preview__/events" in page  # the page reloads itself after each build
    venue = preview.page.file

    preview.edit(venue, "Key: venue", "Kex: venue")
    line = preview.line_holding(venue, "Kex: venue")
    _, page = preview.wait_until(preview.page.url, is_error_page, "error page")
    shown = problems_shown(page)
    assert (venue, line, "unknown field 'Kex' – did you mean 'Key'?") in shown, shown
    soup = BeautifulSoup(page, "html.parser")
    assert soup.html["lang"] == preview.source.settings["DEFAULT_LANG"]
    heading = {span["lang"]: span.get_text() for span in soup.select("h1 span")}
    assert "nicht aktuell" in heading["de"] and "не обновлён" in heading["ru"]
    assert "not up to date" in heading["en"]
    assert "Traceback" not in page
    assert "/__preview__/events" in page  # turns back into the page after the fix
    # Every page says so, not only the one that was open: each language's home.
    for lang in preview.source.languages:
        assert is_error_page(*preview.get(f"/{lang}/")), lang

    preview.edit(venue, "Kex: venue", "Key: venue")
    preview.wait_for_the_page("page after the fix")
    terminal = preview.output()
    assert f"{venue}:{line}: unknown field 'Kex'" in terminal
    assert "Traceback" not in terminal


def test_an_edit_of_the_text_updates_the_open_page_in_place_a_theme_edit_reloads_it(
    preview: Preview,
) -> None:
    """The browser asks the events address what changed: page text only (the
    page swaps its body, no reload) or more (it reloads)."""
    page = preview.wait_for_the_page()
    build = re.search(r'build = "([^"]+)"', page)[1]
    venue = (preview.project / preview.page.file).read_text(encoding="utf-8")
    heading = re.search(r"^## .+$", venue, re.MULTILINE)[0]  # a heading of the page's text
    preview.edit(preview.page.file, heading, heading + " (neu)")
    news = json.loads(preview.get(f"/__preview__/events?build={build}")[1])
    assert news["textOnly"] is True
    new_text = html.escape(heading[3:] + " (neu)", quote=False)
    page = preview.wait_for_the_page("new text", also=new_text)
    build = re.search(r'build = "([^"]+)"', page)[1]
    preview.edit("theme/templates/page.html", "{%", "{# a comment #}{%")
    news = json.loads(preview.get(f"/__preview__/events?build={build}")[1])
    assert news["textOnly"] is False


@dataclass(frozen=True)
class Problem:
    """A problem as the error page lists it (a line of None: any line)."""

    file: str | None
    line: int | None
    message: str  # a part of the message

    def listed_on(self, page: str) -> bool:
        return any(
            self.file == file and self.line in (None, line) and self.message in message
            for file, line, message in problems_shown(page)
        )


@dataclass(frozen=True)
class Mistake:
    """``old`` saved as ``new`` in ``file``; the error page then lists ``message``
    for this file on the line that holds ``at`` after the save (by default the
    new text). ``named`` False: the problem names no file and line (a setting's
    value, not a line of the settings file, is wrong)."""

    file: str  # relative to the project folder
    old: str
    new: str
    message: str
    at: str = ""
    named: bool = True

    def expected(self, preview: Preview) -> Problem:
        """The problem the page must list, its line looked up in the saved file."""
        if not self.named:
            return Problem(None, None, self.message)
        return Problem(
            self.file, preview.line_holding(self.file, self.at or self.new), self.message
        )


SETTINGS = "from pelicanconf import *\n"  # the line of settings.py the settings mistakes follow

# Each kind of mistake the preview must show: front matter, links, the program,
# the theme, the settings. The text they change is the fixture conference's.
MISTAKES = [
    Mistake(
        "content/news/de/2027-05-01-einladung.md",
        "Date: 2027-05-01 10:00",
        "Date: 2027-02-30",
        "'2027-02-30' is not a valid date",
    ),
    Mistake(
        "content/pages/de/kontakt.md",
        "Slug: kontakt",
        "Slug kontakt",
        "'Slug kontakt' is not a metadata line",
    ),
    Mistake("content/pages/ru/kontakty.md", "Summary:", "Sumary:", "unknown field 'Sumary'"),
    Mistake(
        "content/pages/ru/kontakty.md",
        "Электронная почта —",
        "[Электронная почта]({filename}nigde.md) —",
        "leads nowhere",
    ),
    Mistake(
        "content/pages/ru/programma.md",
        "20:00–01:00 | reception",
        "17:00–01:00 | reception",  # into the opening, in the same hall
        "overlaps",
    ),
    Mistake(
        "content/pages/ru/programma.md",
        "09:30–12:30 | youth-1",
        "09:30–1230 | youth-1",
        "is not a time range",
    ),
    Mistake(
        "content/pages/de/programm.md",
        "working-group wg-youth",
        "working-group wg-nowhere",
        "unknown working group 'wg-nowhere'",
    ),
    Mistake("theme/templates/page.html", "{%", "{% if %}{%", "TemplateSyntaxError"),
    Mistake(
        "settings.py",
        SETTINGS,
        SETTINGS + "AS_OF_DATE = 'soon'\n",
        "AS_OF_DATE must be a date",
        named=False,
    ),
    Mistake("settings.py", SETTINGS, SETTINGS + "PATH = = 1\n", "SyntaxError", at="PATH = = 1"),
]


def test_ten_mistakes_in_a_row_each_fixed_and_the_preview_still_serves(preview: Preview) -> None:
    preview.wait_for_the_page()
    before: tuple[Mistake, Problem] | None = None
    for mistake in MISTAKES:
        if before is not None:
            preview.edit(before[0].file, before[0].new, before[0].old)  # fix the last one …
        preview.edit(mistake.file, mistake.old, mistake.new)  # … and make the next
        expected = mistake.expected(preview)
        _, page = preview.wait_until(
            preview.page.url,
            lambda status, page, e=expected: e.listed_on(page),
            f"error page for {mistake.new!r}",
        )
        if before is not None:
            assert not before[1].listed_on(page), problems_shown(page)  # the fixed one is gone
        assert "Traceback" not in page
        before = (mistake, expected)
    assert before is not None
    preview.edit(before[0].file, before[0].new, before[0].old)
    preview.wait_for_the_page("page after the last fix")
    assert preview.process.poll() is None
    lang = preview.source.settings["DEFAULT_LANG"]
    feed = preview.source.settings["BILINGUAL_SETTINGS"][lang]["FEED_ATOM"]
    assert preview.get(f"/{feed}")[0] == 200
    assert "Traceback" not in preview.output()
    assert json.loads(preview.get("/__preview__/events?build=none")[1])["build"]


def test_a_problem_stays_listed_while_other_files_are_saved(preview: Preview) -> None:
    """The checks of the built site remember unchanged files from build to build
    (output_files.py): what they found in a file must be found again."""
    preview.wait_for_the_page()
    contact = "content/pages/de/kontakt.md"
    embed = '<iframe src="https://h1.example/karte"></iframe>'
    preview.edit(contact, "E-Mail –", f"{embed}\n\nE-Mail –")
    expected = Problem(contact, preview.line_holding(contact, embed), "another host (h1.example)")
    _, page = preview.wait_until(preview.page.url, lambda s, p: expected.listed_on(p), "problem")
    build = re.search(r'build = "([^"]+)"', page)[1]

    # Another file saved: a new build, the page with the iframe written as before.
    preview.edit(preview.page.file, "Key: venue", "Key:  venue")
    _, page = preview.wait_until(
        preview.page.url,
        lambda status, page: f'build = "{build}"' not in page and "build = " in page,
        "a new build",
    )
    assert expected.listed_on(page), problems_shown(page)

    preview.edit(contact, f"{embed}\n\n", "")
    preview.edit(preview.page.file, "Key:  venue", "Key: venue")
    preview.wait_for_the_page("page after the fix")


def test_a_changed_setting_shows_although_the_text_was_read_before(preview: Preview) -> None:
    """The preview keeps converted Markdown between saves; a change of settings
    (here: permalinks beside headings) must reach pages whose file did not change."""
    page = preview.wait_for_the_page()
    assert 'class="headerlink"' not in page
    permalinks = (
        SETTINGS + "MARKDOWN = {**MARKDOWN, 'extension_configs': {**MARKDOWN['extension_configs'],"
        " 'markdown.extensions.toc': {'permalink': True}}}\n"
    )
    preview.edit("settings.py", SETTINGS, permalinks)
    preview.wait_for_the_page("permalinks", also='class="headerlink"')
    preview.edit("settings.py", permalinks, SETTINGS)
    preview.wait_until(
        preview.page.url,
        lambda s, page: preview.is_the_page(s, page) and "headerlink" not in page,
        "no permalinks",
    )


def test_a_changed_plugin_restarts_the_preview_on_the_same_address(preview: Preview) -> None:
    """Plugin code cannot be reloaded in the running process: it starts again."""
    preview.wait_for_the_page()
    plugin = "plugins/local/__init__.py"
    preview.edit(plugin, "if False:", "if True:")
    _, page = preview.wait_until(
        preview.page.url, is_error_page, "error page from the changed plugin"
    )
    assert problems_shown(page) == [(plugin, PLUGIN_LINE, "the plugin says no")]
    preview.edit(plugin, "if True:", "if False:")
    preview.wait_for_the_page("page after the plugin's fix")
    assert preview.output().count("restarting the preview") >= 2


def test_ctrl_c_ends_the_preview_cleanly(preview: Preview) -> None:
    preview.wait_for_the_page()
    preview.process.send_signal(signal.SIGINT)
    assert preview.process.wait(timeout=10) == 0
    assert "Preview stopped." in preview.output()
    assert "Traceback" not in preview.output()
    assert not list(preview.project.glob(".preview-*"))  # no build folder left behind
