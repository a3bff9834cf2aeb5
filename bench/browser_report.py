#!/usr/bin/env python3
"""Measure the built site as a phone and a printer see it.

    .venv/bin/python bench/browser_report.py lighthouse    # needs: cd bench/lighthouse && npm ci
    .venv/bin/python bench/browser_report.py screenshots   # PNGs and the program as PDF

``lighthouse`` runs Lighthouse 12.2.3 (mobile profile, Debian's Chromium)
on the start page and the program in both languages and prints the four
scores. ``screenshots`` takes every page of the build at 360 px and 1280 px
(the whole page, and at 360 px also the first screen, 360×800, as
``…-360-first.png``) and prints every printable program (each language's
program page and the side-by-side print view: the pages with a QR code) to
A4 PDF, reporting the page count, that every page is A4 and, where
``pdftotext`` (poppler-utils) is installed, the last line of each PDF page,
so that a caption or label left at a page's end shows. Both serve the site
on localhost only.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["de/", "ru/", "de/programm/", "ru/programma/"]
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"
A4_POINTS = (595, 842)


@contextlib.contextmanager
def served(folder: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder))
    )
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def build(folder: Path, siteurl: str) -> None:
    """The local build, but with the server's address as SITEURL: canonical,
    hreflang and the sitemap in robots.txt must be absolute, as published."""
    command = [
        sys.executable,
        "-m",
        "pelican",
        "-s",
        str(ROOT / "pelicanconf.py"),
        "-o",
        str(folder),
    ]
    command += ["-q", "-e", f"SITEURL={json.dumps(siteurl)}"]
    subprocess.run(command, check=True, cwd=ROOT)


def chromium() -> str:
    return shutil.which("chromium") or shutil.which("google-chrome") or "/usr/bin/chromium"


def lighthouse(base: str) -> None:
    binary = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        sys.exit("run 'npm ci' (or 'npm install') in bench/lighthouse first")
    print("| page | performance | accessibility | best practices | SEO |")
    print("|---|---:|---:|---:|---:|")
    for page in PAGES:
        result = subprocess.run(
            [
                str(binary),
                f"{base}/{page}",
                "--quiet",
                "--output=json",
                "--output-path=stdout",
                f"--chrome-path={chromium()}",
                f"--chrome-flags={FLAGS}",
                "--form-factor=mobile",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        categories = json.loads(result.stdout)["categories"]
        scores = [
            round(categories[c]["score"] * 100)
            for c in ("performance", "accessibility", "best-practices", "seo")
        ]
        print(f"| /{page} | " + " | ".join(map(str, scores)) + " |", flush=True)


def every_page(folder: Path) -> list[str]:
    """Every HTML page of the build, as the address path a visitor opens."""
    return sorted(
        p.relative_to(folder).as_posix().removesuffix("index.html") for p in folder.rglob("*.html")
    )


def printable(folder: Path) -> list[str]:
    """The pages that print a program: they carry a QR code of their address."""
    return [
        path
        for path in every_page(folder)
        if 'class="qr'
        in (folder / (path if path.endswith(".html") else f"{path}index.html")).read_text()
    ]


def shot_name(path: str) -> str:
    return path.strip("/").replace("/", "-").removesuffix(".html") or "entrance"


def screenshots(base: str, target: Path, folder: Path) -> None:
    from playwright.sync_api import sync_playwright

    target.mkdir(parents=True, exist_ok=True)
    pages = every_page(folder)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=FLAGS.split()[1:])
        for width in (360, 1280):
            page = browser.new_page(viewport={"width": width, "height": 800})
            for path in pages:
                page.goto(f"{base}/{path}")
                name = target / f"{shot_name(path)}-{width}.png"
                page.screenshot(path=str(name), full_page=True)
                if width == 360:
                    page.screenshot(path=str(target / f"{shot_name(path)}-360-first.png"))
                height = page.evaluate("document.documentElement.scrollHeight")
                print(f"{name.relative_to(target)}: {width} px wide, {height} px tall")
            page.close()
        page = browser.new_page()
        page.emulate_media(media="print")
        for path in printable(folder):
            name = target / f"{shot_name(path)}.pdf"
            page.goto(f"{base}/{path}")
            page.pdf(path=str(name), format="A4", prefer_css_page_size=True)
            report_pdf(name)
        browser.close()


def report_pdf(path: Path) -> None:
    """Page count and size from the PDF itself: every page must be A4."""
    import re

    data = path.read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    sizes = {(round(float(w)), round(float(h))) for w, h in boxes}
    a4 = all(abs(w - A4_POINTS[0]) <= 2 and abs(h - A4_POINTS[1]) <= 2 for w, h in sizes)
    print(f"{path.name}: {len(boxes)} page(s), {'all A4' if a4 else f'NOT A4: {sizes}'}")
    if shutil.which("pdftotext"):
        for number in range(1, len(boxes) + 1):
            text = subprocess.run(
                ["pdftotext", "-f", str(number), "-l", str(number), "-layout", str(path), "-"],
                capture_output=True,
                text=True,
            ).stdout
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            print(f"  page {number}: {len(lines)} lines, last: {lines[-1] if lines else ''!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=["lighthouse", "screenshots"])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "screenshots")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, served(Path(folder)) as base:
        build(Path(folder), base)
        if args.what == "lighthouse":
            lighthouse(base)
        else:
            screenshots(base, args.out, Path(folder))


if __name__ == "__main__":
    main()
