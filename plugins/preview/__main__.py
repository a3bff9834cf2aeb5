"""``python -m preview``: the live preview without invoke (tests use this too)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .app import serve


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m preview", description=serve.__doc__)
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--port", type=int, default=8000, help="0: any free port")
    parser.add_argument("--root", type=Path, help="project folder (default: the settings' one)")
    arguments = parser.parse_args()
    serve(arguments.settings, arguments.output, arguments.port, arguments.root)


if __name__ == "__main__":
    main()
