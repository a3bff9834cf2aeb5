"""The live preview as an editor meets it: a page in the browser, a saved
mistake, the error page naming file and line, the fix, the page again.

The preview runs as ``python -m preview`` (what ``invoke livereload`` starts)
on a copy of the real content, theme and settings, on a free port; the test
talks to it over HTTP only. It waits for builds the way the page's reload
script does, through the preview's events address, so it never sleeps.
"""

from __future__ import annotations

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

from conftest import ROOT, copy_content, write_settings

PAGE = "/de/tagungsort/"
DEADLINE = 60.0  # seconds for one build to show; a build takes about one


@dataclass
class Preview:
    """A running preview: its address, its project folder and its terminal."""

    process: subprocess.Popen[str]
    project: Path
    base: str = ""
    terminal: list[str] = field(default_factory=list)

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

    def edit(self, name: str, old: str, new: str) -> None:
        path = self.project / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

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


def is_the_page(status: int, page: str) -> bool:
    return status == 200 and "preview-problems" not in page and "<h1>Tagungsort" in page


LOCAL_PLUGIN = """import logging

from pelican import signals


def check(pelican):
    if False:
        logging.getLogger("pelican.local").error("%s:7: the plugin says no", __file__)


def register():
    signals.initialized.connect(check)
"""


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    project = tmp_path_factory.mktemp("preview")
    content = copy_content(project, {})
    shutil.copytree(ROOT / "theme", project / "theme")
    # A plugin of the project's own, to change while the preview runs.
    (project / "plugins" / "local").mkdir(parents=True)
    (project / "plugins" / "local" / "__init__.py").write_text(LOCAL_PLUGIN, encoding="utf-8")
    settings = write_settings(
        project,
        content=content,
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
    running = Preview(process, project)
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


def test_a_saved_mistake_shows_the_error_page_until_it_is_fixed(preview):
    _, page = preview.wait_until(PAGE, is_the_page, "page")
    assert "/__preview__/events" in page  # the page reloads itself after each build

    preview.edit("content/pages/de/tagungsort.md", "Key: venue", "Kex: venue")
    _, page = preview.wait_until(PAGE, is_error_page, "error page")
    shown = problems_shown(page)
    assert (
        "content/pages/de/tagungsort.md",
        3,
        "unknown field 'Kex' – did you mean 'Key'?",
    ) in shown, shown
    soup = BeautifulSoup(page, "html.parser")
    assert soup.html["lang"] == "de"
    heading = {span["lang"]: span.get_text() for span in soup.select("h1 span")}
    assert "nicht aktuell" in heading["de"] and "не обновлён" in heading["ru"]
    assert "not up to date" in heading["en"]
    assert "Traceback" not in page
    assert "/__preview__/events" in page  # turns back into the page after the fix
    # Every page says so, not only the one that was open.
    assert is_error_page(*preview.get("/ru/"))

    preview.edit("content/pages/de/tagungsort.md", "Kex: venue", "Key: venue")
    preview.wait_until(PAGE, is_the_page, "page after the fix")
    terminal = preview.output()
    assert "content/pages/de/tagungsort.md:3: unknown field 'Kex'" in terminal
    assert "Traceback" not in terminal


def test_an_edit_of_the_text_updates_the_open_page_in_place_a_theme_edit_reloads_it(preview):
    """The browser asks the events address what changed: page text only (the
    page swaps its body, no reload) or more (it reloads)."""
    _, page = preview.wait_until(PAGE, is_the_page, "page")
    build = re.search(r'build = "([^"]+)"', page)[1]
    preview.edit("content/pages/de/tagungsort.md", "## Krasnodar", "## Krasnodar am Kuban")
    news = json.loads(preview.get(f"/__preview__/events?build={build}")[1])
    assert news["textOnly"] is True
    _, page = preview.wait_until(PAGE, lambda s, p: "Krasnodar am Kuban" in p, "new text")
    build = re.search(r'build = "([^"]+)"', page)[1]
    preview.edit("theme/templates/page.html", "{%", "{# a comment #}{%")
    news = json.loads(preview.get(f"/__preview__/events?build={build}")[1])
    assert news["textOnly"] is False


# The line of the file that holds the old text (where the mistake is made).
HERE = -1

# (file, old text, mistake, what the error page says: file, line, part of the message)
MISTAKES = [
    (
        "content/news/de/2017-03-15-einladung.md",
        "Date: 2017-03-15 10:00",
        "Date: 2017-02-30",
        ("content/news/de/2017-03-15-einladung.md", HERE, "'2017-02-30' is not a valid date"),
    ),
    (
        "content/pages/de/foerderung.md",
        "Slug: foerderung",
        "Slug foerderung",
        ("content/pages/de/foerderung.md", HERE, "'Slug foerderung' is not a metadata line"),
    ),
    (
        "content/pages/ru/kontakty.md",
        "Summary:",
        "Sumary:",
        ("content/pages/ru/kontakty.md", HERE, "unknown field 'Sumary'"),
    ),
    (
        "content/pages/ru/kontakty.md",
        "ответит оргкомитет:",
        "ответит [оргкомитет]({filename}komanda.md):",
        ("content/pages/ru/kontakty.md", HERE, "leads nowhere"),
    ),
    (
        "content/pages/ru/programma.md",
        "11:30–12:30 | closing",
        "11:00–12:30 | closing",
        ("content/pages/ru/programma.md", HERE, "overlaps"),
    ),
    (
        "content/pages/ru/programma.md",
        "09:30–12:30 | economy-1",
        "09:30–1230 | economy-1",
        ("content/pages/ru/programma.md", HERE, "is not a time range"),
    ),
    (
        "content/pages/de/programm.md",
        "working-group wg-economy",
        "working-group wg-nowhere",
        ("content/pages/de/programm.md", None, "wg-nowhere"),
    ),
    (
        "theme/templates/page.html",
        "{%",
        "{% if %}{%",
        ("theme/templates/page.html", 1, "TemplateSyntaxError"),
    ),
    (
        "settings.py",
        "from pelicanconf import *\n",
        "from pelicanconf import *\nAS_OF_DATE = 'soon'\n",
        (None, None, "AS_OF_DATE must be a date"),
    ),
    (
        "settings.py",
        "from pelicanconf import *\n",
        "from pelicanconf import *\nPATH = = 1\n",
        ("settings.py", 4, "SyntaxError"),
    ),
]


def names(expected: tuple[str | None, int | None, str], page: str) -> bool:
    """The error page lists this problem (a line of None: any line)."""
    path, line, message = expected
    return any(
        shown_path == path and line in (None, shown_line) and message in shown_message
        for shown_path, shown_line, shown_message in problems_shown(page)
    )


def test_ten_mistakes_in_a_row_each_fixed_and_the_preview_still_serves(preview):
    preview.wait_until(PAGE, is_the_page, "page")
    before = None
    for name, old, mistake, expected in MISTAKES:
        if before is not None:
            preview.edit(before[0], before[2], before[1])  # fix the last one …
        if expected[1] == HERE:
            text = (preview.project / name).read_text(encoding="utf-8")
            expected = (expected[0], text[: text.index(old)].count("\n") + 1, expected[2])
        preview.edit(name, old, mistake)  # … and make the next
        _, page = preview.wait_until(
            PAGE, lambda status, page, e=expected: names(e, page), f"error page for {mistake!r}"
        )
        if before is not None:
            assert not names(before[3], page), problems_shown(page)  # the fixed one is gone
        assert "Traceback" not in page
        before = (name, old, mistake, expected)
    assert before is not None
    preview.edit(before[0], before[2], before[1])
    preview.wait_until(PAGE, is_the_page, "page after the last fix")
    assert preview.process.poll() is None
    assert preview.get("/de/aktuelles/feed.atom")[0] == 200
    assert "Traceback" not in preview.output()
    assert json.loads(preview.get("/__preview__/events?build=none")[1])["build"]


def test_a_changed_setting_shows_although_the_text_was_read_before(preview):
    """The preview keeps converted Markdown between saves; a change of settings
    (here: permalinks beside headings) must reach pages whose file did not change."""
    preview.wait_until(PAGE, is_the_page, "page")
    assert 'class="headerlink"' not in preview.get(PAGE)[1]
    permalinks = (
        "from pelicanconf import *\n"
        "MARKDOWN = {**MARKDOWN, 'extension_configs': {**MARKDOWN['extension_configs'],"
        " 'markdown.extensions.toc': {'permalink': True}}}\n"
    )
    preview.edit("settings.py", "from pelicanconf import *\n", permalinks)
    preview.wait_until(
        PAGE, lambda s, page: is_the_page(s, page) and 'class="headerlink"' in page, "permalinks"
    )
    preview.edit("settings.py", permalinks, "from pelicanconf import *\n")
    preview.wait_until(
        PAGE, lambda s, page: is_the_page(s, page) and "headerlink" not in page, "no permalinks"
    )


def test_a_changed_plugin_restarts_the_preview_on_the_same_address(preview):
    """Plugin code cannot be reloaded in the running process: it starts again."""
    preview.wait_until(PAGE, is_the_page, "page")
    preview.edit("plugins/local/__init__.py", "if False:", "if True:")
    _, page = preview.wait_until(PAGE, is_error_page, "error page from the changed plugin")
    assert problems_shown(page) == [("plugins/local/__init__.py", 7, "the plugin says no")]
    preview.edit("plugins/local/__init__.py", "if True:", "if False:")
    preview.wait_until(PAGE, is_the_page, "page after the plugin's fix")
    assert preview.output().count("restarting the preview") >= 2


def test_ctrl_c_ends_the_preview_cleanly(preview):
    preview.wait_until(PAGE, is_the_page, "page")
    preview.process.send_signal(signal.SIGINT)
    assert preview.process.wait(timeout=10) == 0
    assert "Preview stopped." in preview.output()
    assert "Traceback" not in preview.output()
    assert not list(preview.project.glob(".preview-*"))  # no build folder left behind
