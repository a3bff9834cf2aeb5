"""preview: a live preview of the site that survives an editor's mistakes.

``serve(settings_file, output, port, root)`` builds the site with Pelican in
this process, serves the output folder on localhost and rebuilds when a file
in the content, the theme or the settings is saved; every open page reloads
after each build. A build that fails leaves the last good site in place and
shows, in place of every page, an error page listing each problem with file
and line, until a fixed build finishes. Run it with ``invoke livereload`` or
``python -m preview --help``.
"""

from __future__ import annotations

from .app import serve

__all__ = ["serve"]
