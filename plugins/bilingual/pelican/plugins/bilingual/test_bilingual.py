"""The plugin on small sites built in-process: Pelican's default theme, the
README's minimal settings, and the mistakes a site's author makes."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pelican.plugins.bilingual.errors import BuildStopped
from pelican.plugins.bilingual.testing import Site

LANG = re.compile(r'<html lang="([^"]+)"')


def html_lang(site: Site, path: str) -> str:
    match = LANG.search(site.html(path))
    assert match, path
    return match[1]


def written(site: Site) -> set[str]:
    return {p.relative_to(site.output).as_posix() for p in site.output.rglob("*") if p.is_file()}


def test_readme_setup_is_at_most_ten_lines():
    lines = (Path(__file__).parent / "test_data" / "pelicanconf.py").read_text().splitlines()
    assert len([line for line in lines if line.strip() and not line.startswith("#")]) <= 10


def test_default_theme_writes_every_page_and_list_in_its_language(site: Site):
    site.build()
    files = written(site)
    pages = sorted(f for f in files if f.endswith(".html"))
    assert pages, files
    for page in pages:
        folder = page.split("/")[0]
        assert folder in ("en", "fr"), f"{page} is outside the language folders"
        assert html_lang(site, page) == folder, page
    # The per-language lists: news, categories, tags, each in its folder.
    assert {"en/index.html", "fr/index.html"} <= files
    assert "en/category/news.html" in files and "fr/category/actualites.html" in files
    assert "en/tag/music.html" in files and "fr/tag/musique.html" in files
    # Core's own lists for the whole site are not written, nor its mixed feeds.
    assert not any(f.startswith(("category/", "tag/", "author/", "feeds/all.")) for f in files)
    assert {"feeds/all-en.atom.xml", "feeds/all-fr.atom.xml"} <= files


def test_default_theme_sees_its_language(site: Site):
    site.build()
    french = site.html("fr/pages/a-propos-du-festival.html")
    assert "Journées du port" in french and "Harbour Days" not in french
    # Pelican's menu lists the pages of the page's own language only.
    assert "À propos du festival" in french and "About the festival" not in french
    # The default theme's translation links and hreflang come from the pairing.
    article = site.html("en/the-programme-is-online.html")
    assert 'hreflang="fr" href="/fr/le-programme-est-en-ligne.html"' in article
    assert 'href="/en/category/news.html"' in article  # the theme's category link
    assert 'href="/en/tag/music.html"' in article


def test_no_landing_or_site_wide_404_without_a_template(site: Site):
    site.build()
    assert not (site.output / "index.html").exists()
    assert not (site.output / "404.html").exists()


def test_landing_written_when_the_theme_has_one(site: Site, tmp_path: Path):
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "landing.html").write_text(
        '<html lang="{{ page_lang() }}">{% for code in languages() %}'
        "<a href=\"/{{ link('about', code) }}\">{{ code }}</a>{% endfor %}</html>"
    )
    site.build(THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    assert 'href="/fr/pages/a-propos-du-festival.html"' in site.html("index.html")
    assert (site.output / "404.html").exists()


def test_sitemap_lists_only_pages_that_exist(site: Site):
    """A per-language pagination is honoured by the writer and the sitemap alike."""
    for n in range(5):
        site.write(
            f"content/fr/n{n}.md",
            f"Title: Nouvelle {n}\nKey: n{n}\nDate: 2026-04-0{n + 1}\n\nTexte.",
        )
        site.write(
            f"content/en/n{n}.md", f"Title: News {n}\nKey: n{n}\nDate: 2026-04-0{n + 1}\n\nText."
        )
    site.build(BILINGUAL_SETTINGS={"fr": {"DEFAULT_PAGINATION": 2}})
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ET.fromstring((site.output / "sitemap.xml").read_text(encoding="utf-8"))
    listed = [loc.text.lstrip("/") for loc in root.iter(f"{ns}loc")]
    assert any(
        (url.startswith("fr/") and "/2/" in url) or url.endswith("index2.html") for url in listed
    )
    for url in listed:
        path = site.output / url
        assert (path / "index.html" if url.endswith("/") or not url else path).exists(), url
    assert not any(u.startswith("en/") and ("index2" in u or "/2/" in u) for u in listed)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"BILINGUAL_LANGAUGES": {}},
            "BILINGUAL_LANGAUGES is not a setting of the plugin"
            " – did you mean BILINGUAL_LANGUAGES?",
        ),
        (
            {"BILINGUAL_SETTINGS": {"fr": {"THEME": "x"}}},
            "BILINGUAL_SETTINGS['fr']['THEME']: THEME holds for the whole site",
        ),
        (
            {"BILINGUAL_SETTINGS": {"de": {"SITENAME": "x"}}},
            "BILINGUAL_SETTINGS['de']: no such language (known: en, fr)",
        ),
    ],
)
def test_settings_the_plugin_cannot_honour_stop_naming_them(site: Site, settings, message, caplog):
    with pytest.raises(BuildStopped):
        site.build(**settings)
    assert any(message in record.getMessage() for record in caplog.records), caplog.text


def test_site_values_are_kept(site: Site):
    """The plugin sets core defaults only where the site kept Pelican's own."""
    site.build(PAGE_URL="{lang}/seiten/{slug}/", PAGE_SAVE_AS="{lang}/seiten/{slug}/index.html")
    assert "en/seiten/about-the-festival/index.html" in written(site)


def test_a_mistake_stops_one_run_and_the_next_run_recovers(site: Site, caplog):
    """State belongs to a run: the same Pelican object builds again after a fix,
    as autoreload does, and sees what changed between the runs."""
    site.write("content/pages/fr/double.md", "Title: Encore\nKey: about\n\nDoublon.")
    pelican = site.pelican()
    with pytest.raises(BuildStopped) as stopped:
        pelican.run()
    assert isinstance(stopped.value, Exception)  # not SystemExit: a loop survives it
    assert "key 'about' in language 'fr' is already used by" in caplog.text
    (site.root / "content/pages/fr/double.md").unlink()
    site.write(
        "content/pages/fr/a-propos.md", "Title: Au sujet du festival\nKey: about\n\nTrois jours."
    )
    pelican.run()
    assert "Au sujet du festival" in site.html("fr/pages/au-sujet-du-festival.html")


def test_catalogs_are_read_again_for_every_run(site: Site, tmp_path: Path):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "templates" / "page.html").write_text(
        "<html lang=\"{{ page_lang() }}\"><p>{{ _('Hello') }}</p></html>"
    )

    def catalog(text: str) -> None:
        path = theme / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        po = Catalog(locale="fr")
        po.add("Hello", text)
        with path.open("wb") as handle:
            write_po(handle, po)

    catalog("Bonjour")
    pelican = site.pelican(THEME=str(theme), NEWS_SAVE_AS="", TAG_SAVE_AS="", CATEGORY_SAVE_AS="")
    pelican.run()
    assert "Bonjour" in site.html("fr/pages/a-propos-du-festival.html")
    catalog("Salut")
    pelican.run()
    assert "Salut" in site.html("fr/pages/a-propos-du-festival.html")


def test_readme_minimal_setup_is_the_test_site():
    """The README's minimal setup is exactly what test_data/ builds with."""
    readme = (Path(__file__).parents[3] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Minimal setup", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    settings = (Path(__file__).parent / "test_data" / "pelicanconf.py").read_text()
    code = [line for line in settings.splitlines() if line.strip() and not line.startswith("#")]
    assert section.strip().splitlines() == code


def test_pelican_autoreload_survives_a_mistake(site: Site):
    """``pelican -r`` reports a mistake once, keeps running, and builds the fix."""
    import subprocess
    import sys
    import time

    command = [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py"]
    command += ["-o", "output", "-r", "--log-handler", "plain"]
    log = site.root / "autoreload.log"
    page = site.root / "content" / "pages" / "fr" / "a-propos.md"
    original = page.read_text(encoding="utf-8")

    def wait_for(condition, what: str) -> None:
        deadline = time.monotonic() + 30
        while not condition():
            assert time.monotonic() < deadline, f"{what}:\n{log.read_text()}"
            time.sleep(0.05)

    with log.open("w") as handle:
        process = subprocess.Popen(command, cwd=site.root, stdout=handle, stderr=subprocess.STDOUT)
    try:
        target = site.output / "fr" / "pages" / "a-propos-du-festival.html"
        wait_for(target.exists, "first build")

        def reported() -> bool:
            return "no 'key:' in the metadata" in log.read_text()

        # The watcher starts just after the build: save again until it saw one.
        for _ in range(30):
            page.write_text(original.replace("Key: about", "Kee: about") + "\n", encoding="utf-8")
            deadline = time.monotonic() + 3
            while not reported() and time.monotonic() < deadline:
                time.sleep(0.05)
            if reported():
                break
        wait_for(reported, "the mistake reported")
        time.sleep(0.5)  # a loop that re-ran at once would report it again meanwhile
        assert log.read_text().count("no 'key:' in the metadata") == 1
        page.write_text(original.replace("À propos du festival", "Le festival"), encoding="utf-8")
        fixed = site.output / "fr" / "pages" / "le-festival.html"
        wait_for(fixed.exists, "the fixed build")
        assert process.poll() is None, "pelican -r ended"
        assert "Traceback" not in log.read_text()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_static_files_keep_their_address(site: Site):
    """A file in Pelican's default STATIC_PATHS is no content of a language."""
    site.write("content/images/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    site.build()
    assert (site.output / "images" / "logo.svg").exists()


def test_terms_differing_in_case_are_one_list_and_pair_by_their_articles(site: Site):
    """``Music`` and ``music`` are one list, as in core; with several tags per
    article a tag pairs with the one whose articles are its translations."""
    for n, (en_tags, fr_tags) in enumerate(
        [("Music, boats", "musique, bateaux"), ("music", "musique"), ("boats", "bateaux")]
    ):
        site.write(
            f"content/en/t{n}.md",
            f"Title: E{n}\nKey: t{n}\nDate: 2026-03-0{n + 1}\nTags: {en_tags}\n\nE.",
        )
        site.write(
            f"content/fr/t{n}.md",
            f"Title: F{n}\nKey: t{n}\nDate: 2026-03-0{n + 1}\nTags: {fr_tags}\n\nF.",
        )
    site.build()
    music = site.html("en/tag/music.html")
    assert ">E0<" in music and ">E1<" in music and ">E2<" not in music
    sitemap = site.html("sitemap.xml")
    entry = sitemap.split("<loc>/fr/tag/musique.html</loc>", 1)[1].split("</url>", 1)[0]
    assert 'href="/en/tag/music.html"' in entry and "boats" not in entry


def test_pelican_default_theme_menu_shows_the_page_languages_categories(site: Site):
    site.build()
    french = site.html("fr/index.html")
    assert 'href="/fr/category/actualites.html"' in french
    assert "/en/category/" not in french


def test_a_catalog_placeholder_the_template_does_not_pass_is_named(site: Site, caplog):
    path = site.root / "theme-translations" / "fr" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "%(num)d news"\nmsgstr "%(anzahl)d nouvelles"\n',
        encoding="utf-8",
    )
    with pytest.raises(BuildStopped):
        site.build(BILINGUAL_CATALOGS=str(site.root / "theme-translations"))
    assert "messages.po:7:" in caplog.text and "anzahl" in caplog.text  # the msgstr line


def test_languages_written_as_a_list_are_named(site: Site, caplog):
    with pytest.raises(BuildStopped):
        site.build(BILINGUAL_LANGUAGES=["en", "fr"])
    assert "BILINGUAL_LANGUAGES must be a dict" in caplog.text


def test_a_file_in_no_language_folder_is_named(site: Site, caplog):
    site.write("content/loose.md", "Title: Loose\nKey: loose\nDate: 2026-05-01\n\nText.")
    with pytest.raises(BuildStopped):
        site.build()
    assert "loose.md: lies in no language folder" in caplog.text


def test_language_list_names_the_languages_in_the_page_language(site: Site, tmp_path: Path):
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "page.html").write_text(
        '<html lang="{{ page_lang() }}"><p>{{ language_list() }}</p>'
    )
    site.build(THEME_TEMPLATES_OVERRIDES=[str(overrides)])
    assert "<p>English and French</p>" in site.html("en/pages/about-the-festival.html")
    assert "<p>français et anglais</p>" in site.html("fr/pages/a-propos-du-festival.html")


def test_a_setting_derived_later_reaches_every_language_but_an_override():
    """Another plugin derives a site-wide value after the per-language copies
    were made; a language that set its own value keeps it."""
    from pelican.plugins.bilingual.config import Config
    from pelican.settings import DEFAULT_CONFIG

    config = Config.from_settings(
        {
            **DEFAULT_CONFIG,
            "DEFAULT_LANG": "en",
            "BILINGUAL_LANGUAGES": {"en": {}, "fr": {}, "ja": {}},
            "BILINGUAL_SETTINGS": {"ja": {"TIMEZONE": "Asia/Tokyo"}},
        }
    )
    config.derive("TIMEZONE", "Europe/Paris")
    assert {code: config.setting(code, "TIMEZONE") for code in config.languages} == {
        "en": "Europe/Paris",
        "fr": "Europe/Paris",
        "ja": "Asia/Tokyo",
    }
