"""Tasks for editors and CI: ``invoke --list`` shows them.

Every build writes into a fresh folder beside ``output/`` and replaces
``output/`` only when Pelican succeeded, so a failed build never leaves a
half-built site behind.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from invoke import Context, Exit, task

sys.path.insert(0, str(Path(__file__).resolve().parent / "plugins"))

ROOT = Path(__file__).resolve().parent
OUTPUT = ROOT / "output"
PY = sys.executable
SETTINGS = {"local": "pelicanconf.py", "publish": "publishconf.py"}


def _settings_path(settings: str | Path) -> Path:
    """A settings file named on the command line: relative to the folder the
    task was started in if it is there, else to the project (so every task
    works from any folder of the repository)."""
    here = Path.cwd() / settings
    return here.resolve() if here.exists() else (ROOT / settings).resolve()


def _here(path: str | Path) -> Path:
    """A folder named on the command line, relative to where the task was started."""
    return (Path.cwd() / path).resolve()


def _settings_problem(settings: str) -> str | None:
    """A mistake in the settings as one ``file:line: message`` line, found by
    running them as Pelican will – Pelican itself would print a traceback."""
    import runpy
    import traceback

    try:
        runpy.run_path(str(_settings_path(settings)))
    except Exception as error:  # a settings file is Python: any mistake
        # Only now: the preview package brings Pelican (a quarter of a second).
        from preview.problems import from_exception

        installed = (sys.prefix, sys.base_prefix, str(Path(__file__).resolve()))
        own = [
            Path(frame.filename)
            for frame in traceback.extract_tb(error.__traceback__)
            if not frame.filename.startswith(installed)
        ]
        return str(from_exception(error, Path.cwd(), within=own))
    return None


def _pelican(c: Context, settings: str, output: Path, *extra: str) -> bool:
    """Run Pelican; True when it finished without an error."""
    problem = _settings_problem(settings)
    if problem is not None:
        print(problem, file=sys.stderr)
        return False
    command = [PY, "-m", "pelican", "-s", str(_settings_path(settings)), "-o", str(output)]
    command += ["--fatal", "errors", "--log-handler", "plain", *extra]
    with c.cd(str(ROOT)):
        result = c.run(shlex.join(command), warn=True, pty=False)
    return result is not None and result.ok


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _remove_stale_builds(parent: Path) -> None:
    """Folders of builds that could not clean up after themselves (killed
    with SIGKILL, the machine switched off). Each is named for the process
    that built it (``.build-PID-…``); a folder whose process is gone is stale."""
    for folder in parent.glob(".build-*"):
        pid = folder.name.split("-")[1]
        if not (pid.isdigit() and _alive(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)


def _children(pid: int) -> list[int]:
    """Every descendant of a process, deepest first (``pgrep`` on Linux and macOS)."""
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    children = [int(line) for line in found.split()]
    return [grandchild for child in children for grandchild in _children(child)] + children


@contextmanager
def _interruptible() -> Iterator[None]:
    """On Ctrl-C, SIGTERM or SIGHUP, end Pelican first, then leave through
    ``finally``: no half-built folder and no Pelican process stays behind
    (by default SIGTERM ends this process at once, and Pelican runs on)."""

    def stop(signum: int, frame: Any) -> None:
        for pid in _children(os.getpid()):
            try:
                os.kill(pid, signal.SIGTERM)
                os.waitpid(pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass  # gone already, or not ours to wait for
        raise SystemExit("Build interrupted. The previous output/ is unchanged.")

    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    previous = {number: signal.signal(number, stop) for number in signals}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def build_into(c: Context, settings: str, output: Path, *extra: str) -> None:
    """Build atomically: the old output stays until the new one is complete."""
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_builds(output.parent)
    fresh = Path(tempfile.mkdtemp(prefix=f".build-{os.getpid()}-", dir=output.parent))
    try:
        with _interruptible():
            built = _pelican(c, settings, fresh, *extra)
        if not built:
            sys.exit("Build failed: see the messages above. The previous output/ is unchanged.")
        old = output.with_name(output.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if output.exists():
            output.rename(old)
        fresh.rename(output)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


@task(
    help={
        "output": "folder to build into (default: output/)",
        "settings": "settings file (default: pelicanconf.py)",
    }
)
def build(c, output=str(OUTPUT), settings=SETTINGS["local"]):
    """Build the site with the local settings (pelicanconf.py)."""
    build_into(c, settings, _here(output))


@task(
    help={
        "output": "folder to build into (default: output/)",
        "settings": "settings file (default: publishconf.py)",
        "final": "refuse any gap marker too (see check --final)",
    }
)
def preview(c, output=str(OUTPUT), settings=SETTINGS["publish"], final=False):
    """Build the site as it will be published, under the publish policy (as the deploy does)."""
    publish_policy(c, settings, _here(output), final=final)


@task
def clean(c):
    """Remove the built site."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task(pre=[clean, build])
def rebuild(c):
    """Clean, then build."""


@task(help={"port": "port on localhost (default 8000)"})
def serve(c, port=8000):
    """Serve output/ on http://localhost:PORT/."""
    settings = ROOT / SETTINGS["local"]
    command = [PY, "-m", "pelican", "--listen", "--port", str(int(port)), "-o", str(OUTPUT)]
    c.run(shlex.join([*command, "-s", str(settings)]), pty=False)


@task(help={"port": "port on localhost (default 8000)"})
def livereload(c, port=8000):
    """Serve the site; rebuild and reload the browser when a source changes."""
    from preview import serve  # plugins/preview, importable through sys.path above

    # Pelican runs in this process, once per save; a build with mistakes keeps
    # the preview running and shows them, with file and line, in the browser.
    serve(ROOT / SETTINGS["local"], OUTPUT, int(port), ROOT)


@task(help={"settings": "settings file (default: pelicanconf.py)"})
def messages(c, settings=SETTINGS["local"]):
    """Extract the theme's strings, update the .po catalogs (a new language
    of the settings gets its catalog), report gaps."""
    from pelican.plugins.bilingual.config import Config
    from pelican.settings import read_settings

    try:
        site = read_settings(str(_settings_path(settings)))
    except Exception as error:  # a settings file is Python: any mistake
        raise Exit(f"{settings}: cannot be read: {error}", code=2) from None
    config = Config.from_settings(site)
    translations = Path(config.catalogs or Path(site["THEME"]) / "translations")
    pybabel = shlex.quote(str(Path(PY).parent / "pybabel"))
    template = translations / "messages.pot"
    template.parent.mkdir(parents=True, exist_ok=True)
    domain = f"-D {shlex.quote(config.domain)}"
    name = str(site.get("SITENAME") or ROOT.name)
    project = shlex.quote(name)
    fresh = Path(tempfile.mkdtemp(prefix="messages-")) / "messages.pot"
    with c.cd(str(ROOT)):  # babel.cfg and the sources to scan lie here
        c.run(
            f"{pybabel} extract -F babel.cfg -k translate:2 --no-location --sort-output"
            f" --project {project} --copyright-holder {project} -o {fresh} .",
            hide="err",
        )
        # Only a changed string changes the template: a new date alone does not.
        if not template.exists() or _undated(template) != _undated(fresh):
            shutil.copyfile(fresh, template)
        shutil.rmtree(fresh.parent, ignore_errors=True)
        for lang in config.languages:
            if not (translations / lang / "LC_MESSAGES" / f"{config.domain}.po").exists():
                c.run(f"{pybabel} init -i {template} -d {translations} -l {lang} {domain}")
        c.run(
            f"{pybabel} update -i {template} -d {translations} {domain}"
            " --no-fuzzy-matching --ignore-obsolete --ignore-pot-creation-date"
        )
        c.run(
            f"{pybabel} compile --statistics -d {translations} --use-fuzzy -f",
            hide="out",
            warn=True,
        )
    for mo in translations.glob("*/LC_MESSAGES/*.mo"):
        os.remove(mo)  # compiled at build time; only the .po files are kept
    for po in translations.glob(f"*/LC_MESSAGES/{config.domain}.po"):
        _name_project(po, name)


def _undated(catalog: Path) -> list[str]:
    """A catalog without the lines that change with every extraction."""
    lines = catalog.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith(('"POT-Creation-Date:', "# Copyright"))]


def _name_project(po: Path, project: str) -> None:
    """Babel's placeholders in a catalog's header give way to the project's name."""
    text = po.read_text(encoding="utf-8")
    named = text.replace("ORGANIZATION", project).replace("PROJECT VERSION", project)
    named = named.replace(
        "Project-Id-Version: conference-site VERSION", f"Project-Id-Version: {project}"
    )
    if named != text:
        po.write_text(named, encoding="utf-8")


@task(
    help={
        "strict": "exit non-zero unless every translation and catalog entry is ok",
        "acknowledge": "KEY: record that the translations of KEY match their source now "
        "(after re-translating, or for a minor change of the source); 'all' for every key",
        "settings": "settings file (default: pelicanconf.py)",
    }
)
def translations(c, strict=False, acknowledge=None, settings=SETTINGS["local"]):
    """Show the state of every translation (ok, missing, outdated) and catalog gaps."""
    # The plugin's own command decides states as the build does; paths are
    # printed relative to the project, as everywhere else in these tasks.
    command = [PY, "-m", "pelican.plugins.bilingual"]
    path = str(_settings_path(settings))
    steps = [[*command, "status", "-s", path, *(["--strict"] if strict else [])]]
    if acknowledge:
        steps.insert(0, [*command, "acknowledge", acknowledge, "-s", path])
    with c.cd(str(ROOT)):
        for step in steps:
            result = c.run(shlex.join(step), warn=True, pty=False)
            if result is None or not result.ok:
                raise Exit(code=result.exited if result is not None else 1)


VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _validate_html(c: Context, folder: Path) -> bool:
    """The Nu Html Checker on every page; installs it (npm ci) on first use."""
    if not VNU.exists():
        with c.cd(str(ROOT)):  # package.json lies here, whatever folder the task runs in
            c.run("npm ci --no-audit --no-fund --ignore-scripts", hide="out")
    command = ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", "--skip-non-html"]
    result = c.run(shlex.join([*command, str(folder)]), warn=True, hide="out")
    return result is not None and result.ok


def _relative(path: str) -> str:
    """A path relative to the project, if it lies in it."""
    absolute = Path(path).resolve()
    return absolute.relative_to(ROOT).as_posix() if absolute.is_relative_to(ROOT) else str(absolute)


def _shown(problem: Any) -> str:
    """A problem as ``path:line: message``, the path relative to the project."""
    where = _relative(problem.path)
    return (
        f"{where}:{problem.line}: {problem.message}"
        if problem.line
        else f"{where}: {problem.message}"
    )


def _settings_placeholders(path: Path) -> list[Any]:
    """Settings that still hold a placeholder address, where they are set."""
    from pelican.settings import read_settings
    from sitecheck.markers import setting_markers, settings_files

    return setting_markers(read_settings(str(path)), settings_files(path))


def _gaps(path: Path) -> list[Any]:
    """Every gap marker (``[[TBA: …]]``) in the files Pelican reads."""
    from pelican.settings import read_settings
    from sitecheck.markers import content_markers

    from placeholders.sources import read_extensions

    settings = read_settings(str(path))
    return content_markers(Path(settings["PATH"]), read_extensions(settings))


def _summary(path: Path, gaps: list[Any], refused: list[Any]) -> None:
    """On GitHub Actions: the gaps and the translations' state as tables in the
    job summary ($GITHUB_STEP_SUMMARY)."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    lines = ["## Publish check", ""]
    if refused:
        lines += [f"**Refused: {len(refused)} problem(s)**", "", "| file | line | problem |"]
        lines += ["|---|---|---|"]
        lines += [_row(p) for p in refused] + [""]
    lines += [f"### Gaps still marked on the site: {len(gaps)}", ""]
    if gaps:
        lines += ["| file | line | missing |", "|---|---|---|"] + [_row(p) for p in gaps]
    lines += ["", "### Translations", ""]
    status = subprocess.run(
        [PY, "-m", "pelican.plugins.bilingual", "status", "-s", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    table = status.stdout.splitlines()
    if table:
        header = re.split(r"\s{2,}", table[0].strip())
        rows = [re.split(r"\s{2,}", line.strip()) for line in table[1:]]
        rows = [row for row in rows if len(row) == len(header)]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
    with open(summary, "a", encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")


def _row(problem: Any) -> str:
    cell = problem.message.replace("|", "\\|").removeprefix("not known yet: ")
    return f"| {_relative(problem.path)} | {problem.line or ''} | {cell} |"


def publish_policy(
    c: Context, settings: str, output: Path, *, final: bool = False, strict: bool = True
) -> None:
    """The one publish policy of ``invoke preview``, ``invoke publish``,
    ``invoke check --publish`` and the deploy. Builds into ``output`` and
    raises ``Exit`` when the site would mislead its visitors:

    - a setting that still holds a placeholder address (example.org);
    - a missing or outdated translation, a draft, third-party content (the
      strict build with the publish settings stops on each, naming file and line);
    - with ``final``: any gap marker at all.

    Every gap marker (``[[TBA: …]]``) is listed with file and line, and counted:
    online it is allowed only because visitors see it marked as not known yet.
    """
    from pelican.plugins.bilingual.errors import annotate

    path = _settings_path(settings)
    problem = _settings_problem(str(path))
    if problem is not None:
        print(problem, file=sys.stderr)
        raise Exit("publish check failed: the settings cannot be read", code=1)
    refused, gaps = _settings_placeholders(path), _gaps(path)
    extra = ("-e", "SITECHECK_STRICT=true") if strict else ()
    # A site refused already is still built, for the build's own findings,
    # but not into ``output``: what is there (or online) stays as it was.
    doomed = bool(refused or (final and gaps))
    target = Path(tempfile.mkdtemp(prefix="refused-")) / "site" if doomed else output
    built = True
    try:
        build_into(c, str(path), target, *extra)
    except SystemExit as stop:
        print(stop, file=sys.stderr)
        built = False
    finally:
        if doomed:
            shutil.rmtree(target.parent, ignore_errors=True)
    for gap in gaps:
        print(_shown(gap))
    annotate(gaps, "error" if final else "warning", str(ROOT))
    print(f"gaps left: {len(gaps)}" + (" (refused by --final)" if final and gaps else ""))
    for line in map(_shown, refused):
        print(line)
    annotate(refused, root=str(ROOT))
    _summary(path, gaps, refused)
    if refused or not built or (final and gaps):
        reasons = [f"{len(refused)} placeholder setting(s)"] if refused else []
        reasons += [] if built else ["the build stopped"]
        reasons += [f"{len(gaps)} gap(s)"] if final and gaps else []
        raise Exit(f"publish check failed: {', '.join(reasons)}; fix the lines above", code=1)


@task(
    help={
        "publish": "check as for publishing (publishconf.py): the publish policy, gaps listed",
        "final": "as --publish, and refuse any gap marker at all",
        "settings": "settings file (default: pelicanconf.py, with --publish publishconf.py)",
    }
)
def check(c, publish=False, final=False, settings=None):
    """Everything to run before a push: strict build, metadata, links, HTML validity."""
    import time

    publish = publish or final
    settings = settings or SETTINGS["publish" if publish else "local"]
    folder = Path(tempfile.mkdtemp(prefix="check-"))
    steps: list[tuple[str, bool, float]] = []
    try:
        start = time.perf_counter()
        built = True
        try:
            if publish:
                publish_policy(c, settings, folder / "site", final=final)
            else:
                build_into(c, settings, folder / "site", "-e", "SITECHECK_STRICT=true")
        except (SystemExit, Exit):
            built = False
        name = "publish policy" if publish else "strict build, metadata, links"
        steps.append((name, built, time.perf_counter() - start))
        if (folder / "site").exists():
            start = time.perf_counter()
            steps.append(
                (
                    "HTML validity (Nu Html Checker)",
                    _validate_html(c, folder / "site"),
                    time.perf_counter() - start,
                )
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for name, ok, seconds in steps:
        print(f"{'ok    ' if ok else 'FAILED'}  {name}  ({seconds:.1f} s)")
    if not all(ok for _, ok, _ in steps):
        raise Exit("check failed: fix the lines above", code=1)


@task(
    help={
        "target": "rsync target, e.g. user@host:/var/www/site/ (default: $PUBLISH_TARGET)",
        "output": "folder to build into first (default: output/)",
        "settings": "settings file (default: publishconf.py)",
    }
)
def publish(c, target=None, output=str(OUTPUT), settings=SETTINGS["publish"]):
    """Build under the publish policy and copy the site to your server (rsync over ssh).

    Set PUBLISH_SSH to pass ssh options, e.g. "ssh -p 2222 -i ~/.ssh/site".
    """
    target = target or os.environ.get("PUBLISH_TARGET")
    if not target:
        raise Exit("no target: pass --target user@host:/path/ or set PUBLISH_TARGET", code=2)
    output = str(_here(output))
    publish_policy(c, settings, Path(output))
    ssh = os.environ.get("PUBLISH_SSH", "ssh")
    c.run(shlex.join(["rsync", "-rlz", "--delete", "--checksum", "-e", ssh, f"{output}/", target]))
