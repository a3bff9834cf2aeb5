#!/usr/bin/env python3
"""Set up once and run: ``python3 run.py build`` or ``python3 run.py test``.

Needs nothing but Python 3.11. Creates ``.venv`` with the pinned packages of
requirements.txt (again whenever that file changes), then hands over to the
project's own tools: ``invoke build`` or ``pytest``. Further arguments are
passed on, e.g. ``python3 run.py test -k program``.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / "requirements.sha256"
COMMANDS = {"build": ["invoke", "build"], "test": ["pytest"], "invoke": ["invoke"]}


def ensure_environment() -> None:
    wanted = hashlib.sha256((ROOT / "requirements.txt").read_bytes()).hexdigest()
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
    )
    STAMP.write_text(wanted)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(f"usage: python3 run.py {{{'|'.join(COMMANDS)}}} [arguments …]", file=sys.stderr)
        return 2
    ensure_environment()
    command = [str(BIN / COMMANDS[argv[0]][0]), *COMMANDS[argv[0]][1:], *argv[1:]]
    return subprocess.run(command, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
