"""The HTML the preview adds: a reload script in every page, and the error page.

The script asks the server to answer once the build it was served with is no
longer current (a long poll), then reloads: after a good build the page shows
the change, after a failed one the error page, and after the fix the page again.
If the server is away (it restarts after a plugin changed), the script retries.

When only the text of pages changed, the script fetches the page and puts its
new body in place, keeping the scroll position: a tenth of a second sooner
than a reload, which loads and lays out everything again. It reloads after
all if the page's head (title aside) or status is not what it was.
"""

from __future__ import annotations

import html
import json
import re
import time

from .problems import Problem

EVENTS_PATH = "/__preview__/events"

_SCRIPT = """<script>
(() => {
  let build = %s;
  const head = (page) => {
    const copy = page.head.cloneNode(true);
    copy.querySelector("title")?.remove();
    return page.documentElement.lang + copy.outerHTML;
  };
  const replaceText = async () => {
    const answer = await fetch(location.href, {cache: "no-store"});
    const page = new DOMParser().parseFromString(await answer.text(), "text/html");
    if (answer.status !== 200 || head(page) !== head(document)) return location.reload();
    document.title = page.title;
    document.body.replaceWith(page.body);
    poll();
  };
  const poll = () => fetch("%s?build=" + encodeURIComponent(build), {cache: "no-store"})
    .then((answer) => answer.json())
    .then((news) => {
      if (news.build === build) return poll();
      build = news.build;
      return news.textOnly ? replaceText().catch(() => location.reload()) : location.reload();
    })
    .catch(() => setTimeout(poll, 250));
  poll();
})();
</script>"""

_BODY_END = re.compile(rb"</body\s*>", re.IGNORECASE)


def reload_script(build: str) -> str:
    return _SCRIPT % (json.dumps(build), EVENTS_PATH)


def inject(page: bytes, build: str) -> bytes:
    """The page with the reload script before its last ``</body>``."""
    script = reload_script(build).encode()
    ends = list(_BODY_END.finditer(page))
    if not ends:
        return page + script
    at = ends[-1].start()
    return page[:at] + script + page[at:]


_STYLE = """
body { font: 1.05rem/1.5 system-ui, sans-serif; margin: 0; background: #fdf6f6; color: #1d1d1d; }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.35rem; line-height: 1.3; margin: 0 0 .75rem; color: #8a1010; }
h1 span { display: block; }
h1 span + span { font-size: 1rem; font-weight: 600; color: #5a2a2a; }
.note { margin: 0 0 1.25rem; color: #444; }
.note span { display: block; }
ol { padding-left: 1.5rem; }
li { background: #fff; border: 1px solid #e4b9b9; border-left: .35rem solid #b31b1b;
     border-radius: .3rem; padding: .6rem .8rem; margin: 0 0 .75rem; }
.where { margin: 0 0 .25rem; font-size: .95rem; color: #444; }
.where code { font-size: 1rem; color: #1d1d1d; overflow-wrap: anywhere; }
.what { margin: 0; white-space: pre-wrap; font-weight: 600; }
footer { font-size: .85rem; color: #666; }
"""


def _item(problem: Problem) -> str:
    where = ""
    if problem.path is not None:
        where = f"<code>{html.escape(problem.path)}</code>"
        if problem.line is not None:
            where += f", Zeile/строка/line <strong>{problem.line}</strong>"
        where = f'<p class="where">{where}</p>'
    what = f'<p class="what" lang="en">{html.escape(problem.message)}</p>'
    return f"<li>{where}{what}</li>"


def error_page(problems: tuple[Problem, ...], build: str, finished: float) -> bytes:
    """Shown for every page while the last build failed."""
    items = "\n".join(_item(p) for p in problems)
    when = time.strftime("%H:%M:%S", time.localtime(finished))
    page = f"""<!DOCTYPE html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vorschau nicht aktuell · Предпросмотр не обновлён</title>
<style>{_STYLE}</style>
</head>
<body>
<main id="preview-problems">
<h1>
<span lang="de">Die Vorschau ist nicht aktuell: Bitte die Fehler unten beheben.</span>
<span lang="ru">Предпросмотр не обновлён: исправьте ошибки ниже.</span>
<span lang="en">The preview is not up to date because of the problems below.</span>
</h1>
<p class="note">
<span lang="de">Nach dem Speichern lädt diese Seite von selbst neu.</span>
<span lang="ru">После сохранения страница обновится сама.</span>
<span lang="en">This page reloads by itself once the files are saved.</span>
</p>
<ol>
{items}
</ol>
<footer><span lang="de">Stand</span> / <span lang="ru">состояние</span> /
<span lang="en">as of</span> {when}</footer>
</main>
{reload_script(build)}
</body>
</html>
"""
    return page.encode("utf-8")
