"""``hjulet check-language``: the plain-language check of a text file or stdin."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from plans.language import (
    Finding,
    GlossaryError,
    Lang,
    LanguageReport,
    Target,
    check_text,
    load_glossary,
)

EXIT_INVALID = 2  # the CLI's "invalid input" code (see plans/cli/__init__.py)

_T = TypeVar("_T")

# A long sentence as a finding term would swamp the line it is printed on.
_MAX_TERM_CHARS = 50


# Choices are checked here rather than by typer so that a wrong value gives one
# plain line on stderr (exit 2), the same as every other invalid input.
_LANGS: dict[str, Lang] = {"sv": "sv", "en": "en"}
_TARGETS: dict[str, Target] = {"family": "family", "child": "child"}
_FORMATS = ("text", "json")


# The summary is read by the professional in their own language; the UI uses the
# translation catalogs instead (via Finding.message_key).
_WORDS: dict[str, dict[str, str]] = {
    "sv": {
        "score": "LIX {score} – {band}.",
        "no_words": "Ingen text att bedöma.",
        "over": "Texten är svårare än målet för {target}.",
        "within": "Texten klarar målet för {target}.",
        "findings": "Att se över:",
        "no_findings": "Inga ord eller meningar att se över.",
        "hard_to_understand": "kan vara svårt att förstå",
        "family": "familjen",
        "child": "barnet",
        "easy": "lätt",
        "medium": "medelsvår",
        "hard": "svår",
        "jargon": "fackord",
        "abbreviation": "förkortning",
        "long_sentence": "lång mening",
        "not_first_person": "skriv som jag",
    },
    "en": {
        "score": "Flesch reading ease {score} – {band}.",
        "no_words": "No text to assess.",
        "over": "The text is harder than the target for the {target}.",
        "within": "The text meets the target for the {target}.",
        "findings": "To look at:",
        "no_findings": "No words or sentences to look at.",
        "hard_to_understand": "may be hard to understand",
        "family": "family",
        "child": "child",
        "easy": "easy",
        "medium": "medium",
        "hard": "hard",
        "jargon": "jargon",
        "abbreviation": "abbreviation",
        "long_sentence": "long sentence",
        "not_first_person": "not in the first person",
    },
}


# Singular and plural of what the summary counts.
_NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "sv": {"words": ("ord", "ord"), "sentences": ("mening", "meningar"),
           "long_words": ("långt ord", "långa ord")},
    "en": {"words": ("word", "words"), "sentences": ("sentence", "sentences"),
           "long_words": ("long word", "long words")},
}  # fmt: skip


def register(app: typer.Typer) -> None:
    """Add ``check-language`` to ``app``."""
    app.command("check-language")(check_language)


def check_language(
    file: Annotated[str, typer.Argument(metavar="FILE|-", help="Text file, or - for stdin.")],
    lang: Annotated[str, typer.Option("--lang", help="Language of the text: sv or en.")] = "sv",
    target: Annotated[
        str, typer.Option("--target", help="Who reads it: family or child.")
    ] = "family",
    fmt: Annotated[str, typer.Option("--format", help="Output format: text or json.")] = "text",
) -> None:
    """Check that a text is plain language: readability, professional words, long
    sentences. Exits 0 even when the text is over its target."""
    text_lang = _choice("--lang", lang, _LANGS)
    reader = _choice("--target", target, _TARGETS)
    output = _choice("--format", fmt, {f: f for f in _FORMATS})
    text = _read_text(file)
    try:
        # The command says when the organisation's glossary is broken (exit 2); pages skip it.
        report = check_text(text, text_lang, reader, glossary=load_glossary(text_lang, strict=True))
    except GlossaryError as exc:
        _invalid(str(exc))
    if output == "json":
        sys.stdout.write(json.dumps(report_as_json(report), ensure_ascii=False, indent=2) + "\n")
    else:
        typer.echo(report_as_text(report))


def report_as_json(report: LanguageReport) -> dict[str, Any]:
    """The JSON contract of ``check-language --format json``."""
    score_key = "lix" if report.lang == "sv" else "flesch"
    return {
        score_key: report.lix if report.lang == "sv" else report.flesch,
        "band": report.band,
        "words": report.words,
        "sentences": report.sentences,
        "long_words": report.long_words,
        "over_target": report.over_target,
        "findings": [
            {
                "term": f.term,
                "start": f.start,
                "end": f.end,
                "kind": f.kind,
                "suggestion": f.suggestion,
                "replacement": f.replacement,
            }
            for f in report.findings
        ],
    }


def report_as_text(report: LanguageReport) -> str:
    """A short summary in the report's language, then one line per finding."""
    words = _WORDS[report.lang]
    score = report.lix if report.lang == "sv" else report.flesch
    lines: list[str] = []
    if score is None or report.band is None:
        lines.append(words["no_words"])
    else:
        shown = f"{score:.1f}".replace(".", ",") if report.lang == "sv" else f"{score:.1f}"
        lines.append(words["score"].format(score=shown, band=words[report.band]))
        nouns = _NOUNS[report.lang]
        counts = (
            ("words", report.words),
            ("sentences", report.sentences),
            ("long_words", report.long_words),
        )
        lines.append(", ".join(f"{n} {nouns[key][0 if n == 1 else 1]}" for key, n in counts) + ".")
        verdict = "over" if report.over_target else "within"
        lines.append(words[verdict].format(target=words[report.target]))
    if report.findings:
        lines.append(words["findings"])
        lines.extend(_finding_line(f, words) for f in report.findings)
    elif score is not None:
        lines.append(words["no_findings"])
    return "\n".join(lines)


def _finding_line(finding: Finding, words: dict[str, str]) -> str:
    term = " ".join(finding.term.split())  # one line, even for a multi-line span
    if len(term) > _MAX_TERM_CHARS:
        term = term[: _MAX_TERM_CHARS - 1] + "…"
    advice = finding.suggestion or words["hard_to_understand"]
    return f"  {finding.start}–{finding.end} {words[finding.kind]}: «{term}» → {advice}"


def _choice(option: str, value: str, choices: dict[str, _T]) -> _T:
    if value not in choices:
        _invalid(f"{option} must be one of {', '.join(choices)}, not {value!r}")
    return choices[value]


def _read_text(file: str) -> str:
    try:
        if file == "-":
            return sys.stdin.read()
        return Path(file).read_text(encoding="utf-8")
    except FileNotFoundError:
        _invalid(f"{file}: no such file")
    except IsADirectoryError:
        _invalid(f"{file}: is a folder, not a text file")
    except PermissionError:
        _invalid(f"{file}: permission denied")
    except UnicodeDecodeError:
        _invalid(f"{file}: not UTF-8 text")


def _invalid(message: str) -> NoReturn:
    typer.echo(f"hjulet: {message}", err=True)
    raise typer.Exit(EXIT_INVALID)
