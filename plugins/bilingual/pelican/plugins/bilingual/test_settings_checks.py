"""Names that name nothing (menu keys, languages, template references) and
broken catalogs: one line each at the right place, the build stops, no traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican.plugins.bilingual.errors import BuildStopped
from pelican.plugins.bilingual.testing import Site

KNOWN = "known keys: about, news, programme-online, tickets"


def stopped(site: Site, caplog, **settings) -> str:
    with pytest.raises(BuildStopped):
        site.build(**settings)
    assert "Traceback" not in caplog.text
    return caplog.text


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {"BILINGUAL_MENUS": {"main": ["abuot", "news"]}},
            f"settings: BILINGUAL_MENUS['main']: 'abuot' names no page; {KNOWN}"
            " – did you mean 'about'?",
        ),
        (
            {"BILINGUAL_MENUS": {"main": "about"}},
            "settings: BILINGUAL_MENUS must be a dict of lists of keys",
        ),
        (
            {"BILINGUAL_SETTINGS": {"fre": {"SITENAME": "x"}}},
            "settings: BILINGUAL_SETTINGS['fre']: no such language (known: en, fr)"
            " – did you mean 'fr'?",
        ),
    ],
)
def test_a_setting_naming_nothing_stops_listing_the_known(site: Site, caplog, settings, message):
    assert message in stopped(site, caplog, **settings)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("link('abuot')", f"link('abuot'): 'abuot' names no page; {KNOWN} – did you mean 'about'?"),
        ("link('about', 'de')", "link('about'): no language 'de'; known: en, fr"),
        ("menu('mian')", "menu('mian') names no menu of BILINGUAL_MENUS; known: main"),
    ],
)
def test_a_template_reference_naming_nothing_is_named_at_its_line(
    site: Site, tmp_path: Path, caplog, call: str, message: str
):
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "page.html").write_text(
        '<html lang="{{ page_lang() }}">\n<a href="/{{ link(\'about\') }}">ok</a>\n'
        f"<p>{{{{ {call} }}}}</p></html>\n"
    )
    text = stopped(
        site,
        caplog,
        THEME_TEMPLATES_OVERRIDES=[str(overrides)],
        BILINGUAL_MENUS={"main": ["about"]},
    )
    assert f"{overrides}/page.html:3: {message}" in text
    assert text.count(message) == 1  # once, though every page renders it


HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'msgid "Hello"\nmsgstr "Bonjour\n',
            "7: cannot read catalog: '\"Bonjour' has no closing '\"' at its end",
        ),
        (
            'msgid "Hello"\nmsgstr Bonjour"\n',
            "7: cannot read catalog: 'Bonjour\"' must start with a '\"'",
        ),
        (
            'msgid "Hello"\nmsgstr "Bon"jour"\n',
            "7: cannot read catalog: '\"Bon\"jour\"': a '\"' inside the text",
        ),
        (
            'msgid "Hello"\nmsgstr "Bon\\jour"\n',
            "7: cannot read catalog: '\"Bon\\\\jour\"': '\\j' is no escape",
        ),
        (
            'msgid "Hello"\nmsgstrr "Bonjour"\n',
            "7: cannot read catalog: 'msgstrr' is not a catalog keyword",
        ),
        (
            'msgid "Hello"\n\nmsgid "Bye"\nmsgstr "Salut"\n',
            "6: cannot read catalog: missing msgstr for msgid 'Hello'",
        ),
        (
            '#, python-format\nmsgid "%(num)d news"\nmsgstr "%(nombre)d nouvelles"\n',
            "8: placeholder %(nombre) is not in the source string '%(num)d news' (it has: %(num))",
        ),
        (
            'msgid "%(num)d news"\nmsgstr "%(num) nouvelles"\n',
            "7: '%(num) nouvelles': broken placeholder (unsupported format character 'n'",
        ),
        ('msgid "Sold out"\nmsgstr "100 % vendu"\n', "7: '100 % vendu': broken placeholder"),
    ],
)
def test_a_broken_catalog_is_one_line_at_its_place(site: Site, caplog, body: str, message: str):
    folder = site.root / "translations"
    path = folder / "fr" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER + body, encoding="utf-8")
    text = stopped(site, caplog, BILINGUAL_CATALOGS=str(folder))
    assert f"messages.po:{message}" in text


def test_a_broken_plural_expression_is_named_at_its_line(site: Site, caplog):
    folder = site.root / "translations"
    path = folder / "fr" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(HEADER.replace("(n > 1)", "(n > 1") + 'msgid "a"\nmsgstr "b"\n')
    text = stopped(site, caplog, BILINGUAL_CATALOGS=str(folder))
    assert "messages.po:4: Plural-Forms: broken expression '(n > 1' (unbalanced parenthesis" in text


def test_a_catalog_not_in_utf8_is_named_at_its_line(site: Site, caplog):
    folder = site.root / "translations"
    path = folder / "fr" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_bytes((HEADER + 'msgid "Bye"\nmsgstr "À bientôt"\n').encode("latin-1"))
    text = stopped(site, caplog, BILINGUAL_CATALOGS=str(folder))
    assert "messages.po:7: not UTF-8 (byte 0xc0): save the catalog as UTF-8" in text
