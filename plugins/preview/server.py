"""Serving the output folder on localhost, with reloads and the error page.

Static files come from the output folder as they are. HTML pages get the reload
script, or, while the last build failed, the error page in their place. Nothing
is cached by the browser, so a reload always shows the newest build.
"""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .pages import EVENTS_PATH, error_page, inject
from .state import State

# A long poll answers at the latest after this many seconds (then the page asks again).
POLL_SECONDS = 20.0


class PreviewHandler(SimpleHTTPRequestHandler):
    """One request; ``state`` and ``directory`` are bound by ``start_server``."""

    def __init__(self, *args: Any, state: State, directory: str, **kwargs: Any) -> None:
        self.state = state
        super().__init__(*args, directory=directory, **kwargs)

    def do_GET(self) -> None:
        if urlsplit(self.path).path == EVENTS_PATH:
            self._events()
        else:
            super().do_GET()

    def _events(self) -> None:
        """Answer when the page's build is no longer the current one."""
        seen = parse_qs(urlsplit(self.path).query).get("build", [""])[0]
        build, text_only = self.state.wait_for_other(seen, POLL_SECONDS)
        body = json.dumps({"build": build, "textOnly": text_only}).encode()
        self._send(HTTPStatus.OK, "application/json", body)

    def send_head(self) -> Any:
        """Decide what a GET or HEAD sends; returns the body to copy, if any."""
        with self.state.changed:  # the output folder is not in the middle of a swap
            path = self.translate_path(self.path)
            if os.path.isdir(path) and urlsplit(self.path).path.endswith("/"):
                index = os.path.join(path, "index.html")
                if os.path.isfile(index):
                    path = index
            if path.endswith((".html", ".htm")) or not os.path.exists(path):
                return self._page(path)
            return super().send_head()

    def _page(self, path: str) -> io.BytesIO | None:
        """An HTML page (or the site's 404 page) with the reload script, or the
        error page while the last build failed."""
        status, page = HTTPStatus.OK, None
        with self.state.changed:
            now = self.state.snapshot()
            if not now.problems:
                if not os.path.isfile(path):
                    status, path = HTTPStatus.NOT_FOUND, os.path.join(self.directory, "404.html")
                if os.path.isfile(path):
                    page = Path(path).read_bytes()
        if now.problems:
            body = error_page(now.problems, now.build, now.finished)
            status = HTTPStatus.INTERNAL_SERVER_ERROR
        elif page is not None:
            body = inject(page, now.build)
        else:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        self._head(status, "text/html; charset=utf-8", len(body))
        return io.BytesIO(body)

    def _head(self, status: HTTPStatus, kind: str, length: int) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(length))
        self.end_headers()

    def _send(self, status: HTTPStatus, kind: str, body: bytes) -> None:
        self._head(status, kind, len(body))
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the terminal is for the editor's problems, not for requests."""


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closed its connection (a reload, a closed tab) is normal;
        anything else is one line, not a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            print(f"preview server: {type(error).__name__}: {error}", file=sys.stderr)


def start_server(state: State, output: Path, port: int, host: str = "localhost") -> PreviewServer:
    """Serve ``output`` on ``host:port`` (0: any free port) in a background thread."""
    handler = partial(PreviewHandler, state=state, directory=str(output))
    server = PreviewServer((host, port), handler)
    threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
    return server
