"""The front-matter reader and writer, and the translation hash built on them."""

from __future__ import annotations

from pathlib import Path

from pelican.plugins.bilingual import frontmatter
from pelican.plugins.bilingual.outdated import Stamp, text_hash, write_stamp


def write(tmp_path: Path, text: str, name: str = "page.md") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_fields_values_and_lines(tmp_path):
    path = write(tmp_path, "Title: Über uns\nKey: about\nSlug: ueber-uns\n\nText.\nMore.\n")
    matter = frontmatter.read(path)
    assert {name: (f.value, f.line) for name, f in matter.fields.items()} == {
        "title": ("Über uns", 1),
        "key": ("about", 2),
        "slug": ("ueber-uns", 3),
    }
    assert matter.body == "Text.\nMore."
    assert matter.body_line == 5
    assert matter.problems == []


def test_continuation_lines_join_the_value_with_a_space(tmp_path):
    text = "Title: A\nSummary: first part\n    second part\n\tthird part\nKey: k\n\nBody"
    matter = frontmatter.read(write(tmp_path, text))
    summary = matter.fields["summary"]
    assert summary.value == "first part second part third part"
    assert (summary.line, summary.end) == (2, 4)
    assert matter.fields["key"].line == 5
    assert matter.body_line == 7


def test_names_are_lower_case_and_spelling_is_kept(tmp_path):
    matter = frontmatter.read(write(tmp_path, "TITLE: A\nMenu_Title: B\n\nBody"))
    assert matter.value("title") == "A"
    assert matter.fields["menu_title"].written == "Menu_Title"


def test_windows_line_ends_and_a_bom(tmp_path):
    path = write(tmp_path, "\ufeffTitle: A\r\nSummary: one\r\n    two\r\n\r\nBody\r\n")
    matter = frontmatter.read(path)
    assert matter.value("title") == "A"
    assert matter.value("summary") == "one two"
    assert matter.body == "Body"
    assert matter.body_line == 5
    assert (matter.bom, matter.newline) == (True, "\r\n")


def test_a_field_given_twice_is_a_problem_and_the_first_counts(tmp_path):
    matter = frontmatter.read(write(tmp_path, "Title: A\nKey: k\ntitle: B\n\nBody"))
    assert matter.value("title") == "A"
    assert [(p.line, p.message) for p in matter.problems] == [
        (3, "'title' is given twice (also line 1)")
    ]


def test_a_line_that_is_not_metadata_ends_the_front_matter(tmp_path):
    matter = frontmatter.read(write(tmp_path, "Title: A\nSlug foo\nKey: k\n\nBody"))
    assert list(matter.fields) == ["title"]
    assert [(p.line, p.message) for p in matter.problems] == [
        (
            2,
            "'Slug foo' is not a metadata line like 'Title: …';"
            " a blank line must separate the metadata from the text",
        )
    ]
    # as Python-Markdown reads it: the body starts at that line
    assert matter.body_line == 2 and matter.body.startswith("Slug foo")


def test_a_line_indented_less_than_four_spaces_does_not_continue(tmp_path):
    matter = frontmatter.read(write(tmp_path, "Summary: one\n  two\n\nBody"))
    assert matter.value("summary") == "one"
    assert [p.line for p in matter.problems] == [2]


def test_yaml_style_delimiters(tmp_path):
    matter = frontmatter.read(write(tmp_path, "---\nTitle: A\nKey: k\n---\nBody"))
    assert matter.value("title") == "A"
    assert matter.fields["key"].line == 3
    assert (matter.body, matter.body_line) == ("Body", 5)


def test_a_file_of_front_matter_only(tmp_path):
    matter = frontmatter.read(write(tmp_path, "Title: A"))
    assert matter.value("title") == "A"
    assert (matter.body, matter.body_line) == ("", 2)


def test_line_of(tmp_path):
    path = write(tmp_path, "Title: A\nSummary: one\n    two\nKey: k\n\nKey: in the body")
    assert frontmatter.line_of(path, "Key") == 4
    assert frontmatter.line_of(path, "slug") == 1  # not there
    assert frontmatter.line_of(tmp_path / "missing.md", "key") == 1


def test_writing_a_new_field_goes_after_the_key(tmp_path):
    path = write(tmp_path, "Title: О нас\nKey: about\nSlug: o-nas\n\nТекст.\n\nMore.\n")
    write_stamp(path, Stamp("de", "0123abcd"))
    assert path.read_text(encoding="utf-8") == (
        "Title: О нас\nKey: about\nTranslated_from: de@0123abcd\nSlug: o-nas\n\nТекст.\n\nMore.\n"
    )


def test_writing_replaces_a_continued_field_and_keeps_bom_and_line_ends(tmp_path):
    path = write(
        tmp_path,
        "\ufeffTitle: A\r\nTranslated_from: de@00000000\r\n    stray\r\nKey: k\r\n\r\nBody\r\n",
    )
    write_stamp(path, Stamp("de", "0123abcd"))
    assert path.read_bytes().decode("utf-8") == (
        "\ufeffTitle: A\r\nTranslated_from: de@0123abcd\r\nKey: k\r\n\r\nBody\r\n"
    )


def test_writing_follows_a_renamed_key_and_its_continuation(tmp_path):
    path = write(tmp_path, "Title: A\nPair: a\n    b\nSlug: s\n\nBody")
    write_stamp(path, Stamp("de", "0123abcd"), after="pair")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:5] == ["Title: A", "Pair: a", "    b", "Translated_from: de@0123abcd", "Slug: s"]


def test_hash_covers_continuation_lines_of_title_and_summary(tmp_path):
    one = write(tmp_path, "Title: A\nSummary: one\n    two\nKey: k\n\nBody", "one.md")
    other = write(tmp_path, "Title: A\nSummary: one\n    three\nKey: k\n\nBody", "other.md")
    flat = write(tmp_path, "Title: A\nSummary: one two\nKey: k\n\nBody", "flat.md")
    assert text_hash(one) != text_hash(other)
    assert text_hash(one) == text_hash(flat)  # spacing aside, the same text


def test_hash_of_a_file_without_continuation_lines_is_unchanged(tmp_path):
    # The value recorded in stamps before the shared reader existed.
    path = write(tmp_path, "Title: Über uns\nKey: about\nSlug: ueber-uns\n\nText.")
    assert text_hash(path) == "1ad71bea"


def test_hash_ignores_bom_and_line_ends(tmp_path):
    unix = write(tmp_path, "Title: A\nSummary: s\n\nBody\nmore\n", "unix.md")
    windows = write(tmp_path, "\ufeffTitle: A\r\nSummary: s\r\n\r\nBody\r\nmore\r\n", "win.md")
    assert text_hash(unix) == text_hash(windows)
