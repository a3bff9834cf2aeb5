#!/usr/bin/env python3
"""The real site's cold build: ``invoke build`` in a fresh process, as an editor runs it.

    .venv/bin/python bench/site_build.py [--rounds 8] [--before REVISION]

Three variants take turns in every round, so the machine's load of the moment
touches all of them alike:

* ``before``: the generator (plugins, ``tasks.py``) at ``--before`` (default:
  the parent of the commit that added this bench), checked out into a
  temporary worktree, building the working tree's content, theme and
  settings: the same site;
* ``first``: the working tree, with no compiled templates kept from an earlier
  build (a fresh clone's first build);
* ``next``: the working tree, with the compiled templates the previous build
  kept (``BILINGUAL_TEMPLATE_CACHE``; every build after the first).

Each build goes into a scratch folder. Wall time and CPU time (user + system of
``invoke`` and everything it starts) are reported as median and min–max, with
the ratio to ``before`` taken within each round. The outputs of all variants
are compared file by file: the figures mean nothing if the sites differ.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import preview_latency as latency

ROOT = Path(__file__).resolve().parent.parent


def default_before() -> str:
    """The commit before this bench was added (the state it was written to compare)."""
    added = latency.git(
        "log", "--format=%h", "--diff-filter=A", "--", "bench/site_build.py"
    ).split()
    return f"{added[-1]}^" if added else "HEAD"


def build(project: Path, output: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one ``invoke build`` in a fresh process, with the
    project's own plugins (the venv's editable installs point at ROOT's)."""
    shutil.rmtree(output, ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    plugins = project / "plugins"
    env["PYTHONPATH"] = os.pathsep.join([str(plugins / "bilingual"), str(plugins)])
    command = [sys.executable, "-m", "invoke", "build", "--output", str(output)]
    before = os.times()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    if result.returncode != 0:
        raise SystemExit(f"build in {project} failed:\n{result.stdout}{result.stderr}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--before", default=None, help="revision to compare with")
    arguments = parser.parse_args()
    before = arguments.before or default_before()
    load_before = latency.load()
    with tempfile.TemporaryDirectory(prefix="site-build-") as tmp:
        scratch = Path(tmp)
        worktree = scratch / "checkout"
        latency.git("worktree", "add", "--detach", str(worktree), before)
        try:
            for name in ("content", "theme"):
                shutil.rmtree(worktree / name)
                shutil.copytree(ROOT / name, worktree / name)
            for name in ("pelicanconf.py", "publishconf.py"):
                shutil.copy2(ROOT / name, worktree / name)
            variants = {"before": worktree, "first": ROOT, "next": ROOT}
            walls: dict[str, list[float]] = {name: [] for name in variants}
            cpus: dict[str, list[float]] = {name: [] for name in variants}
            templates = ROOT / "cache" / "templates"
            build(ROOT, scratch / "warm-up")  # fills the template cache for "next"
            for number in range(arguments.rounds):
                names = list(variants)
                shift = number % len(names)
                for name in names[shift:] + names[:shift]:
                    if name == "first":
                        shutil.rmtree(templates, ignore_errors=True)
                    wall, cpu = build(variants[name], scratch / name)
                    walls[name].append(wall)
                    cpus[name].append(cpu)
            sites = {name: latency.fingerprint(scratch / name) for name in variants}
        finally:
            latency.git("worktree", "remove", "--force", str(worktree))
    same = all(site == sites["first"] for site in sites.values())
    print(
        f"{time.strftime('%Y-%m-%d')}; `--rounds {arguments.rounds}`; before = `{before}`"
        f" ({latency.git('rev-parse', '--short', before).strip()}); load average {load_before} before;"
        f" the three sites {'byte-identical' if same else 'DIFFER'}.\n"
    )
    print("| variant | wall median (s) | min–max (s) | CPU median (s) | min–max (s) | ×before |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in variants:
        ratios = [w / b for w, b in zip(walls[name], walls["before"], strict=True)]
        print(
            f"| {name} | {statistics.median(walls[name]):.2f} | {latency.summary(walls[name])[1]}"
            f" | {statistics.median(cpus[name]):.2f} | {latency.summary(cpus[name])[1]}"
            f" | {statistics.median(ratios):.2f} ({latency.summary(ratios)[1]}) |"
        )
    if not same:
        raise SystemExit("the variants built different sites")


if __name__ == "__main__":
    main()
