"""Translation states on small sites: outdated, missing (fallback), keys
without a source, transliterated slugs, lists and pagination, the sitemap,
and ``invoke translations``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pelican.plugins.bilingual.outdated import Stamp, text_hash, write_stamp

from conftest import ROOT, run_pelican
from sites import head_alternates, sitemap_alternates
from test_bilingual_plugin import CONTENT, assert_stopped, make_site


def stamped(tmp: Path) -> dict[str, str]:
    """CONTENT with the Russian page recorded as translated from the German one."""
    source = tmp / "content/pages/de/ueber.md"
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_text(CONTENT["content/pages/de/ueber.md"], encoding="utf-8")
    stamp = f"de@{text_hash(source)}"
    return {
        "content/pages/ru/o-nas.md": f"Title: О нас\nKey: about\nTranslated_from: {stamp}\nSlug: o-nas\n\nТекст."
    }


def test_changed_source_makes_its_translation_outdated(tmp_path):
    changes = stamped(tmp_path / "dev")
    changes["content/pages/de/ueber.md"] = (
        "Title: Über uns\nKey: about\nSlug: ueber-uns\n\nNeuer Text."
    )
    dev = make_site(tmp_path / "dev", changes)
    assert dev.returncode == 0, dev.log
    assert "pages/ru/o-nas.md:3: outdated" in dev.log
    notice = dev.html("/ru/o-nas/").select_one(".translation-notice")
    assert notice is not None and notice.select_one("a")["href"] == "/de/ueber-uns/"
    assert dev.html("/de/ueber-uns/").select_one(".translation-notice") is None
    strict = make_site(tmp_path / "strict", changes | {}, settings="BILINGUAL_STRICT = True\n")
    # make_site rewrote the source after stamping, so the stamp is stale here too
    assert_stopped(strict, "pages/ru/o-nas.md:3: outdated")


def test_unchanged_source_keeps_the_translation_current(tmp_path):
    built = make_site(tmp_path, stamped(tmp_path))
    assert built.returncode == 0, built.log
    assert "o-nas.md" not in built.log
    assert built.html("/ru/o-nas/").select_one(".translation-notice") is None


def test_acknowledging_a_minor_change_records_the_new_text(tmp_path):
    changes = stamped(tmp_path)
    make_site(tmp_path, changes)
    source, translation = (
        tmp_path / "content/pages/de/ueber.md",
        tmp_path / "content/pages/ru/o-nas.md",
    )
    source.write_text(source.read_text(encoding="utf-8") + " Tippfehler behoben.", encoding="utf-8")
    write_stamp(translation, Stamp("de", text_hash(source)))
    header = translation.read_text(encoding="utf-8").splitlines()
    assert header[:4] == [
        "Title: О нас",
        "Key: about",
        f"Translated_from: de@{text_hash(source)}",
        "Slug: o-nas",
    ]
    again = run_pelican(tmp_path / "settings.py", tmp_path / "content", tmp_path / "out2", None)
    assert "outdated" not in again.log


def test_missing_translation_gets_a_marked_fallback_in_development(tmp_path):
    built = make_site(tmp_path, {"content/pages/ru/o-nas.md": None})
    assert built.returncode == 0, built.log
    fallback = built.html("/ru/ueber-uns/")
    assert fallback.html["lang"] == "ru"
    assert fallback.select_one("#hello").text == "Привет"  # the page speaks Russian …
    assert "немецкий" in fallback.select_one(".translation-notice").text
    assert (
        fallback.select_one('article[lang="de"], [lang="de"]') is not None
    )  # … the text is German
    # hreflang never names a fallback; the menu still leads there
    assert [link["hreflang"] for link in built.html("/de/ueber-uns/").select("link[hreflang]")] == [
        "de"
    ]
    assert ("Über uns", "/ru/ueber-uns/") in [
        (a.text, a["href"]) for a in built.html("/ru/").select("#menu a")
    ]
    assert "/ru/ueber-uns/" not in built.text("sitemap.xml")


def test_translation_of_a_missing_source_is_an_error(tmp_path):
    built = make_site(
        tmp_path,
        {
            "content/pages/ru/novoe.md": "Title: Новое\nKey: fresh\nTranslated_from: de@0123abcd\n\nТекст."
        },
    )
    assert_stopped(
        built, "pages/ru/novoe.md:3: translated from 'de', but no 'de' file has key 'fresh'"
    )


def test_malformed_stamp_is_an_error(tmp_path):
    built = make_site(
        tmp_path,
        {"content/pages/ru/o-nas.md": "Title: О нас\nKey: about\nTranslated_from: German\n\nТ."},
    )
    assert_stopped(built, "pages/ru/o-nas.md:3: Translated_from 'German' is not of the form")


def test_russian_slug_is_transliterated_when_not_given(tmp_path):
    built = make_site(
        tmp_path,
        {
            "content/pages/de/ort.md": "Title: Tagungsort\nKey: venue\n\nText.",
            "content/pages/ru/mesto.md": "Title: Место проведения\nKey: venue\n\nТекст.",
        },
    )
    assert built.returncode == 0, built.log
    assert built.html("/ru/mesto-provedeniya/").html["lang"] == "ru"
    assert (
        built.html("/de/tagungsort/").select_one('link[hreflang="ru"]')["href"]
        == "/ru/mesto-provedeniya/"
    )


NEWS = {
    f"content/news/{lang}/{n}.md": f"Title: {title} {n}\nKey: n{n}\nSlug: {lang}-{n}\nDate: 2017-03-1{n}\nCategory: {category}\nTags: {tag}\n\nT."
    for lang, title, category, tag, numbers in (
        ("de", "Meldung", "Konferenz", "Förderung", (1, 2, 3)),
        ("ru", "Новость", "Конференция", "Финансовая поддержка", (1, 2)),
    )
    for n in numbers
}


def test_lists_and_their_pages_lead_to_the_same_page_of_the_other_language(tmp_path):
    settings = (
        "DEFAULT_PAGINATION = 1\n"
        "PAGINATION_PATTERNS = ((1, '{url}', '{save_as}'), (2, '{base_name}/{number}/', '{base_name}/{number}/index.html'))\n"
        "BILINGUAL_SETTINGS['de'].update(CATEGORY_URL='de/thema/{slug}/', CATEGORY_SAVE_AS='de/thema/{slug}/index.html')\n"
        "BILINGUAL_SETTINGS['ru'].update(CATEGORY_URL='ru/tema/{slug}/', CATEGORY_SAVE_AS='ru/tema/{slug}/index.html')\n"
        "BILINGUAL_SETTINGS['de'].update(TAG_URL='de/tag/{slug}/', TAG_SAVE_AS='de/tag/{slug}/index.html')\n"
        "BILINGUAL_SETTINGS['ru'].update(TAG_URL='ru/teg/{slug}/', TAG_SAVE_AS='ru/teg/{slug}/index.html')\n"
    )
    built = make_site(
        tmp_path, dict.fromkeys([k for k in CONTENT if "/news/" in k]) | NEWS, settings
    )
    assert built.returncode == 0, built.log
    second = built.html("/de/neu/2/")
    assert {link["hreflang"]: link["href"] for link in second.select("link[hreflang]")} == {
        "de": "/de/neu/2/",
        "ru": "/ru/novoe/2/",
        "x-default": "/de/neu/2/",
    }
    third = built.html("/de/neu/3/")  # Russian has two pages: no equivalent, no hreflang
    assert [link["hreflang"] for link in third.select("link[hreflang]")] == ["de"]
    category = built.html("/ru/tema/konferentsiya/")
    assert {link["hreflang"]: link["href"] for link in category.select("link[hreflang]")} == {
        "de": "/de/thema/konferenz/",
        "ru": "/ru/tema/konferentsiya/",
        "x-default": "/de/thema/konferenz/",
    }
    assert [h.text for h in category.select(".item")] == ["Новость 2"]
    tag = built.html("/de/tag/foerderung/")
    assert tag.select_one('link[hreflang="ru"]')["href"] == "/ru/teg/finansovaya-podderzhka/"


def test_sitemap_says_what_the_heads_say(tmp_path):
    built = make_site(tmp_path)
    assert built.returncode == 0, built.log
    entries = sitemap_alternates(built)
    assert set(entries) == {
        "/de/",
        "/ru/",
        "/de/ueber-uns/",
        "/ru/o-nas/",
        "/de/neu/",
        "/ru/novoe/",
        "/de/neu/erste/",
        "/ru/novoe/pervaya/",
    }
    for url, links in entries.items():
        assert links == head_alternates(built, url)
        for href in links.values():  # reciprocal: every alternate names this page back
            assert href == "/" or url in entries[href].values()
    assert "Sitemap: /sitemap.xml" in built.text("robots.txt")


def test_translations_task_prints_the_state_and_fails_strictly(tmp_path):
    changes = {"content/pages/ru/o-nas.md": None}
    make_site(tmp_path, changes)
    po = tmp_path / "theme/translations/ru/LC_MESSAGES/messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Привет"', 'msgstr ""'), encoding="utf-8"
    )
    command = [
        sys.executable,
        "-m",
        "invoke",
        "--search-root",
        str(ROOT),
        "translations",
        "--settings",
        str(tmp_path / "settings.py"),
    ]
    relaxed = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path)
    assert relaxed.returncode == 0, relaxed.stderr
    assert any(
        line.split()[:1] == ["about"] and line.split()[-1] == "missing"
        for line in relaxed.stdout.splitlines()
    )
    assert "untranslated: 'Hello'" in relaxed.stdout
    strict = subprocess.run([*command, "--strict"], capture_output=True, text=True, cwd=tmp_path)
    assert strict.returncode == 1
