"""Publishing: the workflow lints clean and deploys only what passed the
publish check; the publish policy (tasks.publish_policy) refuses what would
mislead visitors and lists every gap; on GitHub Actions every problem is an
annotation on its line; tasks work from any folder; ``invoke messages``
leaves unchanged catalogs byte-identical."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, invoke, write_settings
from sites import next_conference

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ANNOTATION = re.compile(r"^::(error|warning) file=([^,:]+),line=(\d+)::(.+)$", re.M)


def actionlint() -> str | None:
    """actionlint from requirements/test.txt (a wheel that carries the binary)."""
    beside = Path(sys.executable).parent / "actionlint"
    return str(beside) if beside.exists() else shutil.which("actionlint")


def jobs(workflow: str) -> dict[str, str]:
    """Each job's text, by name (the workflow's two-space-indented keys under jobs:)."""
    body = workflow.split("\njobs:\n", 1)[1]
    parts = re.split(r"^  ([\w-]+):\n", body, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_workflow_lints_clean():
    tool = actionlint()
    if tool is None:
        pytest.skip(
            "actionlint is not installed: python3 run.py test installs requirements/test.txt"
        )
    result = subprocess.run([tool, *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_workflow_deploys_only_what_passed_the_publish_check():
    workflow = (ROOT / ".github/workflows/site.yml").read_text(encoding="utf-8")
    # every action pinned by a full commit, its version in a comment
    uses = re.findall(r"uses: (\S+)(.*)", workflow)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+(\.\d+)*", comment), (action, comment)
    assert re.search(r"^  schedule:\n    - cron: ", workflow, re.M)  # the site follows the date
    assert re.search(r"^permissions: \{\}$", workflow, re.M)  # each job asks for its own
    found = jobs(workflow)
    for name, job in found.items():
        assert "timeout-minutes:" in job, name
        if "configure-pages" in job or '/pages"' in job:  # reads the Pages settings
            assert re.search(r"pages: (read|write)", job), name
    build, deploy = found["build"], found["deploy"]
    assert "pages: read" in build
    # the artifact is uploaded only after the publish policy passed, in the same job
    assert build.index("run.py invoke preview") < build.index("upload-pages-artifact")
    assert "needs: [test, build]" in deploy
    assert "needs.build.result == 'success'" in deploy
    assert "contents:" not in deploy and "pages: write" in deploy
    assert "bash .ci/run" in found["test"]


def broken_copy(tmp: Path) -> tuple[Path, Path, int]:
    """The fixture conference with an editor's mistake; its settings, file and line."""
    source = next_conference(tmp)
    source.edit("pages/ru/kontakty.md", "Summary:", "Sumary:")
    line = source.line_of("pages/ru/kontakty.md", "Sumary:")
    page = source.content / "pages/ru/kontakty.md"
    return write_settings(tmp, content=source.content, folder=source.folder), page, line


def test_on_github_every_problem_is_an_annotation_on_its_line(tmp_path: Path):
    settings, page, line = broken_copy(tmp_path)
    output = tmp_path / "output"
    github = {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(tmp_path)}
    result = invoke(
        "build", "--settings", str(settings), "--output", str(output), cwd=tmp_path, env=github
    )
    assert result.returncode != 0
    found = ANNOTATION.findall(result.stdout + result.stderr)
    expected = ("error", page.relative_to(tmp_path).as_posix(), str(line))
    assert [hit[:3] for hit in found] == [expected], result.stderr
    assert "unknown field 'Sumary'" in found[0][3]
    # locally, the same problem as today, and no workflow commands
    local = invoke("build", "--settings", str(settings), "--output", str(output), cwd=tmp_path)
    assert f"kontakty.md:{line}: unknown field 'Sumary'" in local.stderr
    assert "::error" not in local.stdout + local.stderr


def test_the_publish_policy_refuses_placeholders_and_lists_every_gap(tmp_path: Path):
    source = next_conference(tmp_path)
    settings = write_settings(
        tmp_path, "publishconf.py", content=source.content, folder=source.folder
    )
    output, summary = tmp_path / "output", tmp_path / "summary.md"
    github = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = invoke(
        "preview", "--settings", str(settings), "--output", str(output), cwd=tmp_path, env=github
    )
    log = result.stdout + result.stderr
    assert result.returncode == 1, log
    assert not output.exists()  # a refused site is not written where it would be published
    gaps = [
        (path, number)
        for path in sorted(source.content.rglob("*.md"))
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for _ in re.finditer(r"\[\[TBA:", text)
    ]
    assert gaps
    assert f"gaps left: {len(gaps)}" in result.stdout
    warnings = [hit for hit in ANNOTATION.findall(log) if hit[0] == "warning"]
    assert len(warnings) == len(gaps)
    errors = [hit for hit in ANNOTATION.findall(log) if hit[0] == "error"]
    assert any("REGISTRATION_URL is still a placeholder address" in hit[3] for hit in errors)
    table = summary.read_text(encoding="utf-8")
    assert f"### Gaps still marked on the site: {len(gaps)}" in table
    assert "| file | line | missing |" in table
    assert re.search(r"^\| key \| de file \| ru file \| state \|$", table, re.M)


def test_check_final_refuses_any_gap(tmp_path: Path):
    source = next_conference(tmp_path)
    real = 'SITEURL = "https://konferenz.test"\nREGISTRATION_URL = "https://anmeldung.test/"\n'
    settings = write_settings(
        tmp_path, "publishconf.py", real, content=source.content, folder=source.folder
    )
    output = tmp_path / "output"
    # gaps are visibly marked: allowed online …
    allowed = invoke("preview", "--settings", str(settings), "--output", str(output), cwd=tmp_path)
    assert allowed.returncode == 0, allowed.stdout + allowed.stderr
    assert (output / "index.html").exists()
    # … but not in a final site
    final = invoke(
        "preview",
        "--final",
        "--settings",
        str(settings),
        "--output",
        str(tmp_path / "final"),
        cwd=tmp_path,
    )
    assert final.returncode == 1
    assert "(refused by --final)" in final.stdout
    assert "gap(s)" in final.stderr


def test_tasks_work_from_a_subfolder():
    result = invoke("translations", cwd=ROOT / "content" / "pages")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^key +de file +ru file +state", result.stdout, re.M)
    assert "content/pages/de/start.md" in result.stdout


def test_messages_twice_leaves_the_catalogs_byte_identical(tmp_path: Path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"THEME = {str(theme)!r}\nPATH = {str(ROOT / 'content')!r}\n",
        encoding="utf-8",
    )

    def catalogs() -> dict[str, bytes]:
        folder = theme / "translations"
        return {
            p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.po*"))
        }

    first = invoke("messages", "--settings", str(settings), cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    once = catalogs()
    second = invoke("messages", "--settings", str(settings), cwd=tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert catalogs() == once
    assert b"ORGANIZATION" not in once["de/LC_MESSAGES/messages.po"]
    assert "Städtepartnerkonferenz".encode() in once["de/LC_MESSAGES/messages.po"]
