"""Plain-language suggestions that keep the sentence grammatical (issue 13, item 7): a
one-click replacement only where the plain words fit the word's form; otherwise the
finding explains the term and the person rewrites. A broken organisation glossary is
reported once and skipped, never raised in a page."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from plans.language import (
    Lang,
    apply_suggestion,
    check_text,
    glossary_problems,
    load_glossary,
)
from plans.planview import view_from_documents
from plans.planview.language import needs_language_check, texts_to_check
from plans.planview.samples import sample_documents
from plans.settings import get_settings


def one_click(text: str, lang: Lang) -> str:
    """The text after every one-click replacement the check offers."""
    report = check_text(text, lang)
    for finding in sorted((f for f in report.findings if f.replaceable), key=lambda f: -f.start):
        text = apply_suggestion(text, finding)
    return text


def explained(text: str, lang: Lang) -> dict[str, str]:
    return {
        f.term: f.suggestion
        for f in check_text(text, lang).findings
        if f.kind in ("jargon", "abbreviation") and not f.replaceable and f.suggestion
    }


@pytest.mark.parametrize(
    ("text", "lang", "after"),
    [
        # The reproductions from the issue: each used to come out broken.
        ("Vi ska kartlägga behoven.", "sv", "Vi ska ta reda på mer om behoven."),
        ("Socialtjänsten gör en utredning.", "sv", "Socialtjänsten gör en utredning."),
        (
            "We will refer her to CAMHS.",
            "en",
            "We will refer her to the children's mental health service.",
        ),
        ("FK-handläggaren ringer i morgon.", "sv", "FK-handläggaren ringer i morgon."),
        # Forms that fit are still one click away.
        ("Ring BVC i dag.", "sv", "Ring barnavårdscentralen i dag."),
        ("Vårdnadshavarna kommer på mötet.", "sv", "Föräldrarna kommer på mötet."),
        ("Handläggaren ringer er.", "sv", "Den som har hand om ert ärende ringer er."),
        ("We will commence on Monday.", "en", "We will start on Monday."),
        # After an article or a possessive the noun's form is fixed: explain instead.
        ("Vi ringer vår BVC.", "sv", "Vi ringer vår BVC."),
        ("Vi gör en SIP.", "sv", "Vi gör en SIP."),
        ("Please see the GP.", "en", "Please see the GP."),
        ("He has SEN.", "en", "He has SEN."),
    ],
)
def test_replacements_keep_the_sentence_grammatical(text: str, lang: Lang, after: str) -> None:
    assert one_click(text, lang) == after  # type: ignore[arg-type]


def test_what_cannot_be_replaced_is_explained() -> None:
    assert explained("Socialtjänsten gör en utredning.", "sv") == {
        "utredning": "att ta reda på hur du har det"
    }
    assert "refer" in explained("We will refer her to CAMHS.", "en")
    fk = explained("FK-handläggaren ringer.", "sv")
    assert fk["FK"] == "Försäkringskassan"
    # A caseworker at Försäkringskassan is not "personen på socialtjänsten".
    assert "socialtjänsten" not in fk["handläggaren"]


def test_no_glossary_entry_names_social_services_for_a_caseworker() -> None:
    for lang in ("sv", "en"):
        for entry in load_glossary(lang, extra_dirs=[]):  # type: ignore[arg-type]
            if entry.term in ("handläggare", "caseworker", "case worker", "key worker"):
                assert "social" not in entry.plain.casefold(), entry


BROKEN = '[[term]]\nterm = "ok"\nplain = "bra"\n\n[[term]]\nterm = "x"\n'


def test_a_broken_glossary_is_skipped_and_reported_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "sv.toml").write_text(BROKEN, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="hjulet.glossary"):
        first = load_glossary("sv", extra_dirs=[folder])
        again = load_glossary("sv", extra_dirs=[folder])
    assert len(first) == len(again) == len(load_glossary("sv", extra_dirs=[]))
    assert [r for r in caplog.records if "sv.toml" in r.getMessage()].__len__() == 1
    (problem,) = glossary_problems("sv", extra_dirs=[folder])
    assert "sv.toml" in problem and "term number 2" in problem


def test_the_meeting_views_language_check_survives_a_broken_glossary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "org"
    folder.mkdir()
    (folder / "sv.toml").write_text("this is [not toml", encoding="utf-8")
    monkeypatch.setenv("HJULET_GLOSSARY_DIRS", str(folder))
    get_settings.cache_clear()
    try:
        view = view_from_documents(sample_documents(), "family", "sv")
        assert texts_to_check(view)
        assert isinstance(needs_language_check(view), bool)
        assert glossary_problems("sv")
    finally:
        get_settings.cache_clear()
