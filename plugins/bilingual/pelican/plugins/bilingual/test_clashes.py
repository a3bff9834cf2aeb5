"""Two writers of one file stop the build naming both, before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import Environment
from pelican.plugins.bilingual.errors import BuildStopped
from pelican.plugins.bilingual.testing import Site
from pelican.plugins.bilingual.writer import LanguageWriter

ABOUT = "content/pages/en/about.md"


def with_field(site: Site, path: str, field: str) -> None:
    """Add a metadata line after the key (line 3 of the test site's pages)."""
    target = site.root / path
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Key: about\n", f"Key: about\n{field}\n"), encoding="utf-8")


def landing_theme(tmp_path: Path) -> str:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "landing.html").write_text('<html lang="{{ page_lang() }}">choose</html>')
    return str(overrides)


def stopped(site: Site, caplog, **settings) -> str:
    with pytest.raises(BuildStopped):
        site.build(**settings)
    assert "Traceback" not in caplog.text
    assert not (site.output / "en").exists(), "nothing is written"
    return caplog.text


@pytest.mark.parametrize(
    ("save_as", "writer"),
    [
        ("index.html", "the landing page"),
        ("404.html", "the site-wide 404 page"),
        ("robots.txt", "robots.txt"),
        ("sitemap.xml", "the sitemap (sitemap.xml)"),
        ("feeds/all-fr.atom.xml", "the feed of 'fr' (FEED_ATOM)"),
        ("fr/index.html", "the news list in 'fr'"),
        ("en/category/news.html", "the category list 'News' in 'en'"),
        ("theme/css/main.css", "the theme's static file"),
        ("images/logo.svg", "the static file"),
        ("./en/../index.html", "the landing page"),
    ],
)
def test_save_as_of_something_the_build_writes_stops_naming_both(
    site: Site, tmp_path: Path, caplog, save_as: str, writer: str
):
    site.write("content/images/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    with_field(site, ABOUT, f"Save_as: {save_as}")
    text = stopped(site, caplog, THEME_TEMPLATES_OVERRIDES=[landing_theme(tmp_path)])
    assert f"{ABOUT}:3: Save_as '{save_as}' is also written by {writer}" in text


def test_two_items_on_one_file_name_both(site: Site, caplog):
    with_field(site, ABOUT, "Save_as: fr/pages/a-propos-du-festival.html")
    text = stopped(site, caplog)
    message = (
        f"{ABOUT}:3: Save_as 'fr/pages/a-propos-du-festival.html' is also written by"
        f" {site.root}/content/pages/fr/a-propos.md"
    )
    assert message in text


def test_an_address_made_from_the_title_is_named_at_the_title(site: Site, caplog):
    site.write("content/pages/en/again.md", "Title: About the festival\nKey: again\n\nX.")
    site.write("content/pages/fr/encore.md", "Title: Encore\nKey: again\n\nX.")
    text = stopped(site, caplog)
    assert (
        "content/pages/en/again.md:1: its address 'en/pages/about-the-festival.html'"
        f" (made from its title) is also written by {site.root}/{ABOUT}"
    ) in text


def test_an_address_outside_the_output_folder_is_refused(site: Site, caplog):
    with_field(site, ABOUT, "Save_as: ../../escaped.html")
    text = stopped(site, caplog)
    assert f"{ABOUT}:3: Save_as '../../escaped.html' leads outside the output folder" in text
    assert not (site.root.parent / "escaped.html").exists()


def test_a_file_where_a_folder_is_needed(site: Site, caplog):
    with_field(site, ABOUT, "Save_as: fr/pages")
    text = stopped(site, caplog)
    assert f"{ABOUT}:3: Save_as 'fr/pages' is also a folder of a file written by" in text


def test_two_urls_for_two_files(site: Site, caplog):
    with_field(site, ABOUT, "Url: fr/pages/a-propos-du-festival.html")
    text = stopped(site, caplog)
    assert (
        f"{ABOUT}:3: Url 'fr/pages/a-propos-du-festival.html' is also the address of"
        f" {site.root}/content/pages/fr/a-propos.md"
    ) in text


def test_a_file_another_plugin_reserved(site: Site, caplog):
    """A plugin that writes a file itself claims it with ``reserve``."""
    from pelican import signals
    from pelican.plugins.bilingual.addresses import reserve

    def headers(generator: object) -> None:
        reserve("_headers", "the security headers (_headers)")

    with_field(site, ABOUT, "Save_as: _headers")
    pelican = site.pelican()
    signals.article_generator_init.connect(headers)
    with pytest.raises(BuildStopped):
        pelican.run()
    assert f"{ABOUT}:3: Save_as '_headers' is also written by the security headers" in caplog.text


def test_a_url_leading_to_the_landing_page(site: Site, tmp_path: Path, caplog):
    with_field(site, ABOUT, "Url: index.html")
    text = stopped(site, caplog, THEME_TEMPLATES_OVERRIDES=[landing_theme(tmp_path)])
    assert f"{ABOUT}:3: Url 'index.html' is also the address of the landing page" in text


def test_the_writer_refuses_a_second_write_of_one_file(tmp_path: Path, caplog):
    """What another plugin writes through the writer is claimed as well."""
    writer = LanguageWriter(str(tmp_path), settings={"RELATIVE_URLS": False})
    template = Environment().from_string("x")
    template.name = "print.html"
    writer.write_file("print/index.html", template, {})
    with pytest.raises(BuildStopped):
        writer.write_file("print/./index.html", template, {})
    assert (
        "settings: 'print/./index.html' is also written by the page of template 'print.html'"
        in caplog.text
    )
