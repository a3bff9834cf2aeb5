"""The theme serves as many languages as the settings name."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

from babel.messages.pofile import read_po

from conftest import ROOT


def test_messages_creates_the_catalog_of_a_new_language(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    settings = tmp_path / "settings.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"THEME = {str(theme)!r}\nPATH = {str(ROOT / 'content')!r}\n"
        "BILINGUAL_LANGUAGES = {**BILINGUAL_LANGUAGES, 'fr': {'name': 'Français'}}\n",
        encoding="utf-8",
    )
    german = (theme / "translations/de/LC_MESSAGES/messages.po").read_bytes()
    command = [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "messages"]
    result = subprocess.run(
        [*command, "--settings", str(settings)], capture_output=True, text=True, cwd=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with (theme / "translations/fr/LC_MESSAGES/messages.po").open("rb") as handle:
        french = read_po(handle, locale="fr")
    with (theme / "translations/de/LC_MESSAGES/messages.po").open("rb") as handle:
        ids = {message.id for message in read_po(handle, locale="de") if message.id}
    assert ids and ids <= {message.id for message in french if message.id}
    strings = [m.string if isinstance(m.string, tuple) else (m.string,) for m in french if m.id]
    assert not any(any(s) for s in strings)  # left for the translator
    assert not list(theme.glob("translations/*/LC_MESSAGES/*.mo"))
    # Catalogs of the languages that had one keep their translations.
    with (theme / "translations/de/LC_MESSAGES/messages.po").open("rb") as handle:
        before = {m.id: m.string for m in read_po(io.BytesIO(german)) if m.id}
        after = {m.id: m.string for m in read_po(handle) if m.id}
    assert before == after
