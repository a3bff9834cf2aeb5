"""The real site, built once, as a visitor in either language sees it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from conftest import Built, build_real_site, copy_content, head_alternates, sitemap_alternates

# key: (German address, Russian address) — the site's URL scheme.
PAGES = {
    "home": ("/de/", "/ru/"),
    "program": ("/de/programm/", "/ru/programma/"),
    "working-groups": ("/de/arbeitsgruppen/", "/ru/rabochie-gruppy/"),
    "wg-economy": ("/de/arbeitsgruppen/wirtschaft/", "/ru/rabochie-gruppy/ekonomika/"),
    "wg-education": (
        "/de/arbeitsgruppen/bildung-und-sprache/",
        "/ru/rabochie-gruppy/obrazovanie-i-yazyk/",
    ),
    "wg-municipal": (
        "/de/arbeitsgruppen/kommunalarbeit/",
        "/ru/rabochie-gruppy/mestnoe-samoupravlenie/",
    ),
    "wg-memory": ("/de/arbeitsgruppen/gedenkkultur/", "/ru/rabochie-gruppy/kultura-pamyati/"),
    "venue": ("/de/tagungsort/", "/ru/mesto-provedeniya/"),
    "funding": ("/de/foerderung/", "/ru/finansovaya-podderzhka/"),
    "registration": ("/de/anmeldung/", "/ru/registratsiya/"),
    "organisers": ("/de/veranstalter/", "/ru/organizatory/"),
    "news": ("/de/aktuelles/", "/ru/novosti/"),
    "news-invitation": ("/de/aktuelles/einladung/", "/ru/novosti/priglashenie/"),
    "category:konferenz": ("/de/aktuelles/thema/konferenz/", "/ru/novosti/tema/konferentsiya/"),
    "tag:einladung": ("/de/aktuelles/stichwort/einladung/", "/ru/novosti/teg/priglashenie/"),
    "not-found": ("/de/404.html", "/ru/404.html"),
    "contact": ("/de/kontakt/", "/ru/kontakty/"),
    "imprint": ("/de/impressum/", "/ru/vykhodnye-dannye/"),
    "privacy": ("/de/datenschutz/", "/ru/politika-konfidentsialnosti/"),
    "accessibility": ("/de/barrierefreiheit/", "/ru/dostupnost/"),
}
PAIRS = [
    (key, lang, urls[i], urls[1 - i])
    for key, urls in PAGES.items()
    for i, lang in enumerate(("de", "ru"))
]
PAIR_IDS = [f"{lang}:{key}" for key, lang, _, _ in PAIRS]
REGISTRATION_URL = "https://anmeldung.example.org/staedtepartnerkonferenz-2017"


@pytest.mark.parametrize(("key", "lang", "url", "other"), PAIRS, ids=PAIR_IDS)
def test_page_is_in_its_language_and_leads_to_its_translation(site: Built, key, lang, url, other):
    page = site.html(url)
    assert page.html["lang"] == lang
    switcher = page.select_one("nav.lang-switch")
    other_lang = "ru" if lang == "de" else "de"
    assert switcher.select_one(f'a[hreflang="{other_lang}"]')["href"] == other
    hreflang = {
        link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"][hreflang]')
    }
    assert hreflang[lang] == url and hreflang[other_lang] == other
    assert hreflang["x-default"] == ("/" if key == "home" else PAGES[key][0])


@pytest.mark.parametrize(("key", "lang", "url", "other"), PAIRS, ids=PAIR_IDS)
def test_every_page_offers_registration(site: Built, key, lang, url, other):
    buttons = site.html(url).select(f'a.button[href="{REGISTRATION_URL}"]')
    assert buttons, "no registration button"
    assert "noopener" in buttons[0]["rel"]


@pytest.mark.parametrize(
    ("lang", "expected", "foreign"),
    [
        (
            "de",
            ["Programm", "Arbeitsgruppen", "Tagungsort", "Anmeldung", "Aktuelles", "Veranstalter"],
            "Программа",
        ),
        (
            "ru",
            [
                "Программа",
                "Рабочие группы",
                "Место проведения",
                "Регистрация",
                "Новости",
                "Организаторы",
            ],
            "Programm",
        ),
    ],
)
def test_menu_speaks_the_pages_language(site: Built, lang, expected, foreign):
    for urls in PAGES.values():
        url = urls[0 if lang == "de" else 1]
        menu = [a.get_text(strip=True) for a in site.html(url).select("nav.main-menu a")]
        assert all(word in menu for word in expected), (url, menu)
        assert foreign not in menu


def spaces(text: str) -> str:
    """CLDR keeps "2017 г." together with a narrow no-break space; compare words."""
    return re.sub(r"[\s\u202f\xa0]+", " ", text)


def test_dates_are_written_the_way_each_language_writes_them(site: Built):
    assert "28.–30. Juni 2017" in spaces(site.html("/de/programm/").select_one(".site-facts").text)
    assert "28–30 июня 2017 г." in spaces(
        site.html("/ru/programma/").select_one(".site-facts").text
    )
    assert site.html("/de/aktuelles/").select_one("time").text == "15. März 2017"
    assert spaces(site.html("/ru/novosti/").select_one("time").text) == "15 марта 2017 г."


def test_russian_pages_carry_no_german_theme_strings(site: Built):
    german = ["Zum Inhalt springen", "Jetzt anmelden", "Anmeldeschluss", "Hauptmenü", "noch offen"]
    for _, (_, ru) in PAGES.items():
        text = site.html(ru).get_text(" ")
        assert not [word for word in german if word in text], ru


def test_landing_page_lets_the_visitor_choose_without_redirect(site: Built):
    page = site.html("/")
    choices = {a["hreflang"]: a["href"] for a in page.select(".language-choice a")}
    assert choices == {"de": "/de/", "ru": "/ru/"}
    assert page.select_one('meta[http-equiv="refresh"]') is None
    assert (
        page.select_one('li[lang="ru"]')
        .get_text(" ", strip=True)
        .startswith("XIV Российско-германская")
    )
    assert not page.select("script")


def test_start_page_answers_who_what_when_where_for_whom(site: Built):
    de = site.html("/de/")
    glance = de.select_one(".at-a-glance").get_text(" ", strip=True)
    assert "28.–30. Juni 2017" in glance and "Krasnodar" in glance
    assert "Plenarsitzungen und 4 Arbeitsgruppen" in glance
    text = de.select_one("main").get_text(" ")
    for needle in (
        "Deutsch-Russischen Forum",
        "Bürgermeister",
        "Nichtregierungsorganisationen",
        "Gedenkkultur",
    ):
        assert needle in text
    ru = site.html("/ru/").select_one(".at-a-glance").get_text(" ", strip=True)
    assert "Пленарные заседания и 4 рабочие группы" in ru


def test_program_has_three_days_and_is_marked_provisional(site: Built):
    for url, provisional in (
        ("/de/programm/", "Vorläufiges Programm, Stand 15.03.2017"),
        ("/ru/programma/", "Программа предварительная, по состоянию на 15.03.2017"),
    ):
        page = site.html(url)
        assert provisional in page.select_one(".provisional").text
        assert [s["id"] for s in page.select("section.day")] == [
            "2017-06-28",
            "2017-06-29",
            "2017-06-30",
        ]
        assert "UTC+3" in page.select_one(".clock-note").text


@pytest.mark.parametrize("key", ["wg-economy", "wg-education", "wg-municipal", "wg-memory"])
def test_working_group_pages_say_when_they_meet(site: Built, key):
    de, ru = PAGES[key]
    for url, program in ((de, "/de/programm/"), (ru, "/ru/programma/")):
        page = site.html(url)
        assert page.select_one(f'main a[href="{program}#2017-06-29"]')
        times = [t["datetime"] for t in page.select(".session .time time")]
        assert times == [
            "2017-06-29T09:30:00+03:00",
            "2017-06-29T12:30:00+03:00",
            "2017-06-29T14:00:00+03:00",
            "2017-06-29T17:00:00+03:00",
        ]
    assert site.html(PAGES["working-groups"][0]).select_one(f'main a[href="{de}"]')


def test_organisers_are_listed_in_each_language(site: Built):
    de = [li.text for li in site.html("/de/veranstalter/").select("ul.organisers li")]
    ru = [li.text for li in site.html("/ru/organizatory/").select("ul.organisers li")]
    assert len(de) == len(ru) == 5
    assert "Internationale Assoziation „Partnerstädte“ (Moskau)" in de
    assert "Фонд «Западно-восточные встречи»" in ru


def test_news_lists_and_feeds_hold_only_their_language(site: Built):
    for url, feed, title in (
        ("/de/aktuelles/", "de/aktuelles/feed.atom", "Einladung zur XIV."),
        ("/ru/novosti/", "ru/novosti/feed.atom", "Приглашение на XIV"),
    ):
        items = site.html(url).select(".news-list h2 a")
        assert [a.text[:18] for a in items] == [title[:18]]
        entries = ET.fromstring(site.text(feed)).findall("{http://www.w3.org/2005/Atom}entry")
        authors = {
            e.findtext("{http://www.w3.org/2005/Atom}author/{http://www.w3.org/2005/Atom}name")
            for e in entries
        }
        assert authors == (
            {"Veranstalter der Konferenz"}
            if url.startswith("/de/")
            else {"Организаторы конференции"}
        )
        assert [e.findtext("{http://www.w3.org/2005/Atom}title")[:18] for e in entries] == [
            title[:18]
        ]
        assert site.html(url).select_one(f'link[type="application/atom+xml"][href="/{feed}"]')


def test_unknown_details_are_marked_in_the_readers_language(site: Built):
    de = site.html("/de/kontakt/").select("mark.tba")
    ru = site.html("/ru/kontakty/").select("mark.tba")
    assert de and ru
    assert de[0].get_text().startswith("noch offen:")
    assert ru[0].get_text().startswith("уточняется:")


def test_registration_state_comes_from_the_as_of_date(tmp_path):
    """After the deadline the site says registration is closed, and shows no button."""
    closed = build_real_site(
        tmp_path / "closed",
        env={"SOURCE_DATE_EPOCH": "1497484800"},  # 2017-06-15
        extra_settings="from datetime import date\nREGISTRATION_DEADLINE = date(2017, 6, 1)\n",
    )
    assert closed.returncode == 0, closed.log
    for url, box, message in (
        ("/de/", ".at-a-glance", "Die Anmeldung ist geschlossen."),
        ("/de/programm/", "aside.registration", "Die Anmeldung ist geschlossen."),
        ("/ru/programma/", "aside.registration", "Регистрация закрыта."),
    ):
        page = closed.html(url)
        assert message in page.select_one(box).text
        assert not page.select(f'a[href="{REGISTRATION_URL}"]')


def test_deadline_is_shown_while_registration_is_open(tmp_path):
    built = build_real_site(
        tmp_path,
        extra_settings="from datetime import date\nREGISTRATION_DEADLINE = date(2017, 5, 31)\n",
    )
    assert built.returncode == 0, built.log
    glance = built.html("/de/").select_one(".at-a-glance").text
    assert "bis zum 31. Mai 2017 geöffnet" in glance
    banner = built.html("/ru/kontakty/").select_one("aside.registration").text
    assert "открыта до 31 мая 2017 г." in spaces(banner)


def test_pages_need_no_javascript_and_load_nothing_from_other_hosts(site: Built):
    pages = sorted(site.output.rglob("*.html"))
    assert len(pages) == 2 * len(PAGES) + 3  # both languages, landing, 404, print view
    for path in pages:
        page = site.html(str(path.relative_to(site.output)))
        scripts = page.select("script")
        assert all(script.get("type") == "application/ld+json" for script in scripts), path
        loaded = [tag.get("src") for tag in page.select("[src]")]
        loaded += [link["href"] for link in page.select('link[rel="stylesheet"], link[rel="icon"]')]
        assert all(not ref.startswith(("http:", "https:", "//")) for ref in loaded), (path, loaded)


def test_sitemap_pairs_every_page_as_its_head_does(site: Built):
    entries = sitemap_alternates(site)
    listed = {url for url in entries}
    expected = {url for key, urls in PAGES.items() if key != "not-found" for url in urls}
    assert listed == expected
    for url, links in entries.items():
        assert links == head_alternates(site, url)


def test_published_build_is_strict_and_complete(tmp_path):
    """publishconf.py stops on any missing or outdated translation; the real site has none."""
    built = build_real_site(tmp_path, settings="publishconf.py")
    assert built.returncode == 0, built.log
    assert "translation" not in built.log
    assert site_url_in(built.text("sitemap.xml"))


def site_url_in(text: str) -> bool:
    return "<loc>https://" in text


def test_every_page_has_a_not_found_page_in_its_language(site: Built):
    root = site.html("/404.html")
    assert [a["href"] for a in root.select(".language-choice a")] == ["/de/", "/ru/"]
    assert root.select_one('meta[name="robots"]')["content"] == "noindex"
    assert site.html("/ru/404.html").select_one("h1").text == "Страница не найдена"


def test_real_theme_marks_fallbacks_and_outdated_translations(tmp_path):
    """Development build: a missing Russian page shows the German text, marked;
    a changed German page makes its Russian translation show a notice."""
    content = copy_content(
        tmp_path,
        {"pages/de/tagungsort.md": ("## Krasnodar", "## Krasnodar am Kuban")},
    )
    (content / "pages/ru/vykhodnye-dannye.md").unlink()
    built = build_real_site(tmp_path, content=content)
    assert built.returncode == 0, built.log
    fallback = built.html("/ru/impressum/")
    assert fallback.html["lang"] == "ru"
    notice = fallback.select_one(".translation-notice").get_text(" ", strip=True)
    assert notice.startswith("Эта страница ещё не переведена") and "немецкий" in notice
    assert fallback.select_one("article")["lang"] == "de"
    assert "/ru/impressum/" in [a["href"] for a in built.html("/ru/").select(".site-footer a")]
    outdated = built.html("/ru/mesto-provedeniya/").select_one(".translation-notice")
    assert "изменился после того, как был сделан перевод" in outdated.get_text()
    assert outdated.select_one("a")["href"] == "/de/tagungsort/"


@pytest.mark.parametrize(
    ("epoch", "de", "ru"),
    [
        (
            "1498694400",
            "Die Konferenz läuft gerade, bis zum 30. Juni 2017.",
            "Конференция идёт сейчас",
        ),  # 2017-06-29
        (
            "1514764800",
            "Die Konferenz hat stattgefunden: 28.–30. Juni 2017.",
            "Конференция прошла 28–30 июня 2017 г.",
        ),
    ],
)
def test_running_and_past_conference(tmp_path, epoch, de, ru):
    built = build_real_site(tmp_path, env={"SOURCE_DATE_EPOCH": epoch})
    assert built.returncode == 0, built.log
    assert de in spaces(built.html("/de/programm/").select_one("aside.registration").text)
    assert ru in spaces(built.html("/ru/").select_one(".at-a-glance").text)
    assert not built.html("/de/anmeldung/").select(f'a[href="{REGISTRATION_URL}"]')
