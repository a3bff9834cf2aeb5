"""The state of every translation: ok, missing, outdated or fallback.

One function decides it for the build (which stops or warns) and for
``python -m pelican.plugins.bilingual status`` (which prints it), so the two always agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .alternates import is_fallback
from .config import Config
from .errors import Problem, shown_path
from .frontmatter import line_of
from .outdated import FIELD, parse_stamp, text_hash
from .registry import ListPage, Registry


@dataclass
class Row:
    key: str
    files: dict[str, str | None]
    state: str = "ok"
    notes: list[str] = field(default_factory=list)


@dataclass
class Findings:
    rows: list[Row] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)  # always stop the build
    gaps: list[Problem] = field(default_factory=list)  # stop strict builds only


def _source_of(item: Any, key: str, registry: Registry, findings: Findings) -> Any | None:
    """The item this translation says it was made from; a Problem if none."""
    value = item.metadata.get(FIELD)
    if value is None:
        return None
    stamp = parse_stamp(str(value))

    def problem(message: str) -> Problem:
        # The file is read again for the line only when there is a problem.
        return Problem(item.source_path, line_of(item.source_path, FIELD), message)

    if stamp is None:
        findings.errors.append(
            problem(f"Translated_from '{value}' is not of the form 'de@1a2b3c4d'")
        )
        return None
    source = registry.get(key, stamp.lang)
    draft = registry.drafts.get((key, stamp.lang))
    if (source is None or is_fallback(source)) and draft is not None:
        # Translated from a text not yet published: fine to preview, not to publish.
        message = f"translated from {shown_path(draft.source_path)}, which is a draft"
        findings.gaps.append(problem(message))
        return None
    if source is None or is_fallback(source):
        message = f"translated from '{stamp.lang}', but no '{stamp.lang}' file has key '{key}'"
        findings.errors.append(problem(message))
        return None
    if stamp.digest != text_hash(source.source_path):
        item.outdated_source = source
        message = f"outdated: {shown_path(source.source_path)} changed since it was translated"
        findings.gaps.append(problem(message))
    return source


def _source_language(group: dict[str, Any], config: Config) -> str:
    """Unstamped items are originals; the default language's wins if there are two."""
    originals = [
        lang for lang, item in group.items() if not is_fallback(item) and FIELD not in item.metadata
    ]
    return config.default if config.default in originals else (originals or [""])[0]


def _missing(
    key: str, lang: str, group: dict[str, Any], registry: Registry, config: Config
) -> Problem:
    """A missing translation, named at the draft if there is one: a draft is
    published nowhere, so its language lacks the text like any other gap."""
    name = config.languages[lang].name
    message = f"no translation into {name} ('{lang}') for {config.key} '{key}'"
    draft = registry.drafts.get((key, lang))
    if draft is not None:
        message += " – this file is a draft ('Status: draft'), which is never published"
        return Problem(draft.source_path, line_of(draft.source_path, "status"), message)
    existing = next(i for i in group.values() if not is_fallback(i))
    return Problem(existing.source_path, 1, message)


def check(registry: Registry, config: Config) -> Findings:
    findings = Findings()
    for key, group in sorted(registry.items.items()):
        if any(isinstance(item, ListPage) for item in group.values()):
            continue
        files = {
            lang: (None if is_fallback(item) else item.source_path) for lang, item in group.items()
        }
        row = Row(key, {lang: files.get(lang) for lang in config.languages})
        source_lang = _source_language(group, config)
        for lang, item in group.items():
            if is_fallback(item):
                continue
            _source_of(item, key, registry, findings)
            if getattr(item, "outdated_source", None) is not None:
                row.state = "outdated"
            elif FIELD not in item.metadata and lang != source_lang:
                row.state = "untracked"
                message = (
                    "no 'Translated_from:' – run 'python -m pelican.plugins.bilingual acknowledge"
                    f" {key}' once the translation matches its source"
                )
                findings.gaps.append(Problem(item.source_path, 1, message))
        for lang in config.languages:
            if files.get(lang) is None:
                findings.gaps.append(_missing(key, lang, group, registry, config))
                row.state = "fallback" if lang in group else "missing"
        findings.rows.append(row)
    return findings
