"""Command line: the state of every translation, and acknowledging them.

    python -m pelican.plugins.bilingual status [--strict] [-s SETTINGS]
    python -m pelican.plugins.bilingual acknowledge KEY|all [-s SETTINGS]

``status`` prints one line per key (its file in every language and its state:
ok, outdated, untracked, missing), then every problem as ``file:line:
message``, then the untranslated and fuzzy entries of the theme's catalogs.
``acknowledge`` records in the translations of KEY (or of every key) that
they match their source's current text. It lives with the plugin, not with a
site's task runner, because it must decide states exactly as the build does.

Paths are printed relative to the current directory. Exit status: 0; 1 when
``--strict`` finds anything not ok, or the settings or a content file cannot
be read (one line, no traceback); 2 for an unknown key or a settings file
that does not exist.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence

from .errors import Problem
from .report import UnreadableError, acknowledge, catalog_gaps, load, table


def _relative(path: str) -> str:
    return os.path.relpath(path) if os.path.isabs(path) else path


def _line(problem: Problem) -> str:
    return str(dataclasses.replace(problem, path=_relative(problem.path)))


def status(settings: str, strict: bool) -> int:
    """Print every key's state and every problem; 1 for a problem that stops
    every build, and with ``strict`` for any gap that stops a strict one."""
    site = load(settings)
    print(table(site.config, site.findings, os.getcwd()))
    problems = site.problems + site.findings.errors + site.findings.gaps
    gaps = catalog_gaps(site.config)
    for problem in [*problems, *gaps]:
        print(_line(problem))
    if site.problems or site.findings.errors:
        print("the build stops on these problems", file=sys.stderr)
        return 1
    if strict and (problems or gaps):
        print("translations are not complete", file=sys.stderr)
        return 1
    return 0


def acknowledge_key(settings: str, key: str) -> int:
    """Stamp the translations of ``key`` (or of every key, for ``all``)."""
    site = load(settings)
    keys = [row.key for row in site.findings.rows] if key == "all" else [key]
    for name in keys:
        try:
            written = acknowledge(site.registry, site.config, name)
        except KeyError:
            print(f"no content item has the key '{name}'", file=sys.stderr)
            return 2
        for path in written:
            print(f"acknowledged: {_relative(path)}")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="python -m pelican.plugins.bilingual",
        description="The state of a bilingual site's translations.",
    )
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    show = commands.add_parser(
        "status", help="every key with its files and state, every problem, catalog gaps"
    )
    show.add_argument(
        "--strict", action="store_true", help="exit 1 unless every translation and entry is ok"
    )
    stamp = commands.add_parser(
        "acknowledge",
        help="record that the translations of KEY match their source now",
        description="Record that the translations of KEY match their source's current text: "
        "after re-translating, or for a minor change of the source.",
    )
    stamp.add_argument("key", metavar="KEY|all", help="a key, or 'all' for every key")
    for command in (show, stamp):
        command.add_argument(
            "-s",
            "--settings",
            default="pelicanconf.py",
            help="Pelican settings file (default: pelicanconf.py)",
        )
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not os.path.isfile(args.settings):
        print(f"error: {_relative(args.settings)}: no such settings file", file=sys.stderr)
        return 2
    try:
        if args.command == "status":
            return status(args.settings, args.strict)
        return acknowledge_key(args.settings, args.key)
    except UnreadableError as error:
        print(f"error: {_relative(error.path)}: {error.reason}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
