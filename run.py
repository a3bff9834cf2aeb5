#!/usr/bin/env python3
"""Set up once and run: ``python3 run.py build`` or ``python3 run.py test``.

Needs nothing but Python 3.11. Creates ``.venv`` with the locked packages
(every one pinned with its hashes) and the project's plugins (again whenever one
of the files they are installed from changes), then hands over to the
project's own tools: ``invoke build`` or ``pytest``. Further arguments are
passed on, e.g. ``python3 run.py test -k program``.

``build`` and ``invoke`` install only what building needs
(requirements/build.txt); ``test`` adds the test tooling
(requirements/test.txt: pytest, Playwright, ruff, actionlint).

The tests also use programs from outside Python: Debian's Chromium (browser
tests), a Java runtime (the Nu Html Checker), npm (to install the checker
and axe-core, pinned in package-lock.json) and rsync (``invoke publish``).
``test`` installs what is missing with apt-get when it runs as root on
Debian, as CI does, and otherwise says what to install.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
COMMANDS = {"build": ["invoke", "build"], "test": ["pytest"], "invoke": ["invoke"]}
# program -> Debian package that provides it
TEST_PROGRAMS = {
    "chromium": "chromium",
    "java": "default-jre-headless",
    "npm": "npm",
    "rsync": "rsync",
    "zbarimg": "zbar-tools",  # reads the printed QR codes back
}


# What the environment is made from: the locks (with hashes) and the plugins'
# own package files (they are installed from their folders, in editable mode).
LOCKS = {"build": ["requirements/build.txt"]}
LOCKS["test"] = [*LOCKS["build"], "requirements/test.txt"]
PLUGINS = ("plugins/bilingual", "plugins")
INSTALLED_FROM = ("plugins/pyproject.toml", "plugins/bilingual/pyproject.toml")


def ensure_environment(kind: str = "build") -> None:
    """``kind``: "build" (what building needs) or "test" (and the test tooling)."""
    stamp = VENV / f"{kind}.sha256"
    digest = hashlib.sha256()
    for name in [*LOCKS[kind], *INSTALLED_FROM]:
        digest.update((ROOT / name).read_bytes())
    wanted = digest.hexdigest()
    if stamp.exists() and stamp.read_text().strip() == wanted:
        return
    if not (BIN / "python").exists():
        print("Creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print(f"Installing the {kind} requirements …", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    locks = [arg for lock in LOCKS[kind] for arg in ("-r", str(ROOT / lock))]
    subprocess.run([*pip, "--require-hashes", *locks], check=True, cwd=ROOT)
    # The plugins are this repository's own code; their build backends come
    # from the lock above, so nothing unhashed is fetched for them.
    plugins = [arg for folder in PLUGINS for arg in ("-e", str(ROOT / folder))]
    subprocess.run([*pip, "--no-deps", "--no-build-isolation", *plugins], check=True, cwd=ROOT)
    stamp.write_text(wanted)


def ensure_test_tools() -> None:
    missing = [
        package
        for program, package in TEST_PROGRAMS.items()
        if not shutil.which(program)
        and not (program == "chromium" and os.environ.get("CHROME_BIN"))
    ]
    # root (CI here) installs directly; a CI runner's user through sudo without a password
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n", "-E"] if shutil.which("sudo") else None
    root = sudo == [] or (
        sudo is not None and subprocess.run([*sudo, "true"], capture_output=True).returncode == 0
    )
    if missing and shutil.which("apt-get") and root:
        print(f"Installing {', '.join(missing)} …", flush=True)
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True)
        install = [*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]
        subprocess.run(install, check=True, env=environment, stdout=subprocess.DEVNULL)
    elif missing:
        print(f"The tests need these Debian packages: {' '.join(missing)}", file=sys.stderr)
    stamp = ROOT / "node_modules" / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    if shutil.which("npm") and (not stamp.exists() or stamp.stat().st_mtime < lock.stat().st_mtime):
        print("Installing the HTML checker and axe-core (npm ci) …", flush=True)
        quiet = ["--no-audit", "--no-fund", "--ignore-scripts", "--silent"]
        subprocess.run(["npm", "ci", *quiet], check=True, cwd=ROOT)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(f"usage: python3 run.py {{{'|'.join(COMMANDS)}}} [arguments …]", file=sys.stderr)
        return 2
    ensure_environment("test" if argv[0] == "test" else "build")
    if argv[0] == "test":
        ensure_test_tools()
    command = [str(BIN / COMMANDS[argv[0]][0]), *COMMANDS[argv[0]][1:], *argv[1:]]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
