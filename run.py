#!/usr/bin/env python3
"""Set up once and run: ``python3 run.py build`` or ``python3 run.py test``.

Needs nothing but Python 3.11. Creates ``.venv`` with the pinned packages of
requirements.txt and the project's plugins (again whenever one of the files
they are installed from changes), then hands over to the
project's own tools: ``invoke build`` or ``pytest``. Further arguments are
passed on, e.g. ``python3 run.py test -k program``.

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
STAMP = VENV / "requirements.sha256"
COMMANDS = {"build": ["invoke", "build"], "test": ["pytest"], "invoke": ["invoke"]}
# program -> Debian package that provides it
TEST_PROGRAMS = {
    "chromium": "chromium",
    "java": "default-jre-headless",
    "npm": "npm",
    "rsync": "rsync",
}


# What the environment is made from: the pinned packages and the plugins'
# own package files (they are installed from their folders, in editable mode).
INSTALLED_FROM = ("requirements.txt", "plugins/pyproject.toml", "plugins/bilingual/pyproject.toml")


def ensure_environment() -> None:
    digest = hashlib.sha256()
    for name in INSTALLED_FROM:
        digest.update((ROOT / name).read_bytes())
    wanted = digest.hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    if not (BIN / "python").exists():
        print("Creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    print("Installing requirements …", flush=True)
    subprocess.run(
        [
            str(BIN / "python"),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
            str(ROOT / "requirements.txt"),
        ],
        check=True,
        cwd=ROOT,  # requirements.txt names the plugins' folders relative to it
    )
    STAMP.write_text(wanted)


def ensure_test_tools() -> None:
    missing = [package for program, package in TEST_PROGRAMS.items() if not shutil.which(program)]
    if missing and shutil.which("apt-get") and os.geteuid() == 0:
        print(f"Installing {', '.join(missing)} …", flush=True)
        environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing]
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
    ensure_environment()
    if argv[0] == "test":
        ensure_test_tools()
    command = [str(BIN / COMMANDS[argv[0]][0]), *COMMANDS[argv[0]][1:], *argv[1:]]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
