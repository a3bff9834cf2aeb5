"""Drafts: previewed at their own address in a development build, never
linked from anything a reader sees, never in a publish (strict) build."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.plugins.bilingual.errors import BuildStopped
from pelican.plugins.bilingual.testing import Site

# A page template that shows everything that could lead to a draft.
LINKS = (
    '<html lang="{{ page_lang() }}">'
    "{% for e in menu('main') %}<a class=menu href=\"/{{ e.url }}\">{{ e.title }}</a>{% endfor %}"
    '{% for a in alternates() %}<a class=switch href="/{{ a.url }}">{{ a.name }}</a>{% endfor %}'
    '{% for code, url in hreflang() %}<link hreflang="{{ code }}" href="/{{ url }}">{% endfor %}'
    "{{ page.content }}</html>"
)


def links_theme(tmp_path: Path) -> str:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "page.html").write_text(LINKS, encoding="utf-8")
    return str(overrides)


def draft(site: Site, path: str) -> None:
    """Mark a content file of the test site as a draft (after its first line)."""
    target = site.root / path
    lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
    target.write_text("".join([lines[0], "Status: draft\n", *lines[1:]]), encoding="utf-8")


def every_file(site: Site) -> dict[str, str]:
    return {
        path.relative_to(site.output).as_posix(): path.read_text(encoding="utf-8")
        for path in site.output.rglob("*")
        if path.is_file() and path.suffix in (".html", ".xml", ".txt")
    }


def test_a_draft_translation_is_previewed_but_nothing_leads_to_it(site: Site, tmp_path: Path):
    draft(site, "content/pages/fr/a-propos.md")
    site.build(
        THEME_TEMPLATES_OVERRIDES=[links_theme(tmp_path)], BILINGUAL_MENUS={"main": ["about"]}
    )
    files = every_file(site)
    preview = "fr/drafts/pages/a-propos-du-festival.html"
    assert "Trois jours" in files[preview]
    # The French reader gets the fallback, as for a missing translation.
    fallback = files["fr/pages/about-the-festival.html"]
    assert "Three days" in fallback
    assert 'class=menu href="/fr/pages/about-the-festival.html"' in fallback
    for name, text in files.items():
        if name != preview:
            assert "a-propos-du-festival" not in text and "drafts/" not in text, name
    # hreflang names no fallback, so the English page names no French page.
    assert 'hreflang="fr"' not in files["en/pages/about-the-festival.html"]


def test_a_draft_translation_of_an_article_stays_out_of_lists_and_feeds(site: Site):
    draft(site, "content/fr/billets.md")
    site.build()
    files = every_file(site)
    for name in ("fr/index.html", "feeds/all-fr.atom.xml", "sitemap.xml"):
        assert "Billets en vente" not in files[name] and "billets-en-vente" not in files[name]
    assert "Billets en vente" in files["fr/drafts/billets-en-vente.html"]


def test_a_draft_with_the_published_address_is_previewed_at_its_draft_address(site: Site):
    """Its ``Save_as`` would replace the fallback shown in its place."""
    target = site.root / "content/pages/fr/a-propos.md"
    text = target.read_text(encoding="utf-8")
    target.write_text(
        text.replace("Key: about\n", "Key: about\nSave_as: fr/pages/about-the-festival.html\n"),
        encoding="utf-8",
    )
    draft(site, "content/pages/fr/a-propos.md")
    site.build()
    assert "Three days" in site.html("fr/pages/about-the-festival.html")
    assert "Trois jours" in site.html("fr/drafts/pages/a-propos-du-festival.html")


def test_a_publish_build_counts_a_draft_translation_as_missing(site: Site, caplog):
    draft(site, "content/pages/fr/a-propos.md")
    with pytest.raises(BuildStopped):
        site.build(BILINGUAL_STRICT=True)
    message = (
        "content/pages/fr/a-propos.md:2: no translation into Français ('fr') for key 'about'"
        " – this file is a draft ('Status: draft'), which is never published"
    )
    assert message in caplog.text
    assert "Traceback" not in caplog.text


def test_a_publish_build_writes_no_draft(site: Site):
    for lang, title in (("en", "Plans"), ("fr", "Projets")):
        site.write(
            f"content/pages/{lang}/plans.md", f"Title: {title}\nKey: plans\nStatus: draft\n\nX"
        )
    site.build(BILINGUAL_STRICT=True)
    files = every_file(site)
    assert not [name for name in files if "drafts/" in name or "plans" in name.lower()]
    assert not [name for name, text in files.items() if "Projets" in text or "Plans" in text]


def test_a_menu_entry_naming_only_a_draft_stops_a_publish_build(site: Site, caplog):
    for lang, title in (("en", "Plans"), ("fr", "Projets")):
        site.write(
            f"content/pages/{lang}/plans.md", f"Title: {title}\nKey: plans\nStatus: draft\n\nX"
        )
    with pytest.raises(BuildStopped):
        site.build(BILINGUAL_STRICT=True, BILINGUAL_MENUS={"main": ["about", "plans"]})
    assert (
        "settings: BILINGUAL_MENUS['main']: 'plans' names only a draft, which is never published"
        in caplog.text
    )


def test_a_link_to_a_draft_translation_leads_to_the_page_in_its_place(site: Site):
    draft(site, "content/fr/billets.md")
    page = site.root / "content/fr/programme-en-ligne.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[Billets]({filename}billets.md)\n", encoding="utf-8"
    )
    site.build()
    html = site.html("fr/le-programme-est-en-ligne.html")
    assert 'href="/fr/tickets-on-sale.html"' in html and "drafts/" not in html
    assert "Tickets on sale" in site.html("fr/tickets-on-sale.html")  # the fallback


def test_a_link_to_a_text_that_is_only_a_draft_stops_a_publish_build(site: Site, caplog):
    for lang, title in (("en", "Plans"), ("fr", "Projets")):
        site.write(
            f"content/pages/{lang}/plans.md", f"Title: {title}\nKey: plans\nStatus: draft\n\nX"
        )
    about = site.root / "content/pages/en/about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + "\nSee [our plans]({filename}plans.md).\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildStopped):
        site.build(BILINGUAL_STRICT=True)
    assert (
        f"content/pages/en/about.md:6: links to {site.root}/content/pages/en/plans.md,"
        " a draft ('Status: draft'), which is never published"
    ) in caplog.text
