"""Tasks for editors and CI: ``invoke --list`` shows them.

Every build writes into a fresh folder beside ``output/`` and replaces
``output/`` only when Pelican succeeded, so a failed build never leaves a
half-built site behind.
"""

from __future__ import annotations

import os
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


def _settings_problem(settings: str) -> str | None:
    """A mistake in the settings as one ``file:line: message`` line, found by
    running them as Pelican will – Pelican itself would print a traceback."""
    import runpy
    import traceback

    from preview.problems import from_exception

    try:
        runpy.run_path(str(ROOT / settings))
    except Exception as error:  # a settings file is Python: any mistake
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
    command = [PY, "-m", "pelican", "-s", str(ROOT / settings), "-o", str(output)]
    command += ["--fatal", "errors", "--log-handler", "plain", *extra]
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
    build_into(c, settings, Path(output))


@task(help={"output": "folder to build into (default: output/)"})
def preview(c, output=str(OUTPUT)):
    """Build the site as it will be published (publishconf.py)."""
    build_into(c, SETTINGS["publish"], Path(output))


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
    c.run(
        f"{PY} -m pelican --listen --port {int(port)} -o {OUTPUT} -s {SETTINGS['local']}", pty=False
    )


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
        site = read_settings(str(ROOT / settings))
    except Exception as error:  # a settings file is Python: any mistake
        raise Exit(f"{settings}: cannot be read: {error}", code=2) from None
    config = Config.from_settings(site)
    translations = Path(config.catalogs or Path(site["THEME"]) / "translations")
    pybabel = shlex.quote(str(Path(PY).parent / "pybabel"))
    template = translations / "messages.pot"
    template.parent.mkdir(parents=True, exist_ok=True)
    domain = f"-D {shlex.quote(config.domain)}"
    with c.cd(str(ROOT)):  # babel.cfg and the sources to scan lie here
        c.run(
            f"{pybabel} extract -F babel.cfg -k translate:2 --no-location --sort-output"
            f" -o {template} .",
            hide="err",
        )
        for lang in config.languages:
            if not (translations / lang / "LC_MESSAGES" / f"{config.domain}.po").exists():
                c.run(f"{pybabel} init -i {template} -d {translations} -l {lang} {domain}")
        c.run(
            f"{pybabel} update -i {template} -d {translations} {domain}"
            " --no-fuzzy-matching --ignore-obsolete"
        )
        c.run(
            f"{pybabel} compile --statistics -d {translations} --use-fuzzy -f",
            hide="out",
            warn=True,
        )
    for mo in translations.glob("*/LC_MESSAGES/*.mo"):
        os.remove(mo)  # compiled at build time; only the .po files are kept


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
    path = str(ROOT / settings)
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
        c.run("npm ci --no-audit --no-fund --ignore-scripts", hide="out")
    command = ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", "--skip-non-html"]
    result = c.run(shlex.join([*command, str(folder)]), warn=True, hide="out")
    return result is not None and result.ok


def _placeholders(settings_file: str) -> list[str]:
    from pelican.settings import read_settings
    from sitecheck.markers import content_markers, setting_markers, settings_files

    from placeholders.sources import read_extensions

    path = (ROOT / settings_file).resolve()
    settings = read_settings(str(path))
    problems = content_markers(Path(settings["PATH"]), read_extensions(settings))
    problems += setting_markers(settings, settings_files(path))
    return [f"{os.path.relpath(p.path, ROOT)}:{p.line}: {p.message}" for p in problems]


@task(
    help={
        "publish": "check as for publishing: production settings, no placeholder left",
        "settings": "settings file (default: pelicanconf.py, with --publish publishconf.py)",
    }
)
def check(c, publish=False, settings=None):
    """Everything to run before a push: strict build, metadata, links, HTML validity."""
    import time

    settings = settings or SETTINGS["publish" if publish else "local"]
    folder = Path(tempfile.mkdtemp(prefix="check-"))
    steps: list[tuple[str, bool, float]] = []
    try:
        start = time.perf_counter()
        built = True
        try:
            build_into(c, settings, folder / "site", "-e", "SITECHECK_STRICT=true")
        except SystemExit:
            built = False
        steps.append(("strict build, metadata, links", built, time.perf_counter() - start))
        if built:
            start = time.perf_counter()
            steps.append(
                (
                    "HTML validity (Nu Html Checker)",
                    _validate_html(c, folder / "site"),
                    time.perf_counter() - start,
                )
            )
        if publish:
            left = _placeholders(settings)
            for line in left:
                print(line)
            steps.append((f"placeholders left: {len(left)}", not left, 0.0))
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
    """Build for production and copy the site to your own server with rsync over ssh.

    Set PUBLISH_SSH to pass ssh options, e.g. "ssh -p 2222 -i ~/.ssh/site".
    """
    target = target or os.environ.get("PUBLISH_TARGET")
    if not target:
        raise Exit("no target: pass --target user@host:/path/ or set PUBLISH_TARGET", code=2)
    build_into(c, settings, Path(output))
    ssh = os.environ.get("PUBLISH_SSH", "ssh")
    c.run(shlex.join(["rsync", "-rlz", "--delete", "--checksum", "-e", ssh, f"{output}/", target]))
