"""check_text, apply_suggestion and summary_count."""

from __future__ import annotations

import pytest

from plans.language import (
    Finding,
    Glossary,
    GlossaryEntry,
    LanguageReport,
    apply_suggestion,
    check_text,
    summary_count,
)
from plans.settings import get_settings

EXAMPLE = "Vh har samtyckt till SIP enligt SoL"
# Offsets by hand: "Vh" 0-2, "samtyckt" 7-15, "SIP" 21-24, "SoL" 32-35.

# 7 words, 1 sentence, long words (> 6 letters): Vårdnadshavarna, samtyckt,
# informationsöverföring, verksamheterna = 4 -> LIX 7 + 400/7 = 64.1
HARD_SV = "Vårdnadshavarna har samtyckt till informationsöverföring mellan verksamheterna."


def by_term(report: LanguageReport) -> dict[str, Finding]:
    return {f.term: f for f in report.findings}


def test_example_finds_abbreviations_with_suggestions_and_offsets() -> None:
    report = check_text(EXAMPLE, "sv")
    found = by_term(report)
    expected = {
        "Vh": (0, 2, "dina föräldrar"),
        "SIP": (21, 24, "en gemensam plan"),
        "SoL": (32, 35, "socialtjänstlagen"),
    }
    for term, (start, end, suggestion) in expected.items():
        finding = found[term]
        assert (finding.start, finding.end, finding.suggestion) == (start, end, suggestion)
        assert finding.kind == "abbreviation"
        assert finding.message_key == "language.finding.abbreviation"
        assert EXAMPLE[finding.start : finding.end] == term
    assert found["samtyckt"].kind == "jargon"
    assert found["samtyckt"].message_key == "language.finding.jargon"


def test_example_scores() -> None:
    # 7 words, 1 sentence, 1 long word (samtyckt): LIX = 7 + 100/7 = 21.29 -> 21.3
    report = check_text(EXAMPLE, "sv")
    assert (report.words, report.sentences, report.long_words) == (7, 1, 1)
    assert report.lix == 21.3
    assert report.flesch is None
    assert report.band == "easy"
    assert report.over_target is False


def test_findings_are_in_text_order() -> None:
    starts = [f.start for f in check_text(EXAMPLE, "sv").findings]
    assert starts == sorted(starts)


def test_apply_suggestion_capitalises_at_sentence_start() -> None:
    found = by_term(check_text(EXAMPLE, "sv"))
    assert apply_suggestion(EXAMPLE, found["Vh"]).startswith("Dina föräldrar har samtyckt")
    assert apply_suggestion(EXAMPLE, found["SIP"]) == (
        "Vh har samtyckt till en gemensam plan enligt SoL"
    )


def test_apply_suggestion_capitalises_after_a_full_stop_only() -> None:
    text = "Vi ringde. BVC svarade och BVC kom."
    first, second = (f for f in check_text(text, "sv").findings if f.term == "BVC")
    assert apply_suggestion(text, first) == "Vi ringde. Barnavårdscentralen svarade och BVC kom."
    assert apply_suggestion(text, second) == "Vi ringde. BVC svarade och barnavårdscentralen kom."


def test_applying_every_suggestion_from_the_end_gives_plain_text() -> None:
    text = EXAMPLE
    for finding in sorted(check_text(EXAMPLE, "sv").findings, key=lambda f: -f.start):
        text = apply_suggestion(text, finding)
    assert text == "Dina föräldrar har sagt ja till en gemensam plan enligt socialtjänstlagen"
    assert check_text(text, "sv").findings == []


def test_apply_suggestion_refuses_hints_and_stale_offsets() -> None:
    report = check_text("Hon har ADHD. " + EXAMPLE, "sv")
    unknown = by_term(report)["ADHD"]
    with pytest.raises(ValueError, match="no replacement"):
        apply_suggestion("Hon har ADHD.", unknown)
    with pytest.raises(ValueError, match="changed"):
        apply_suggestion("Han har " + EXAMPLE, by_term(report)["SIP"])


def test_unknown_all_caps_words_are_flagged_without_suggestion() -> None:
    report = check_text("Hon har ADHD-utredning och KBT. Vi ser på TV, det är OK.", "sv")
    abbreviations = {f.term: f.suggestion for f in report.findings if f.kind == "abbreviation"}
    assert abbreviations["ADHD"] == ""
    assert abbreviations["KBT"] != ""  # known: the glossary explains it
    assert "TV" not in abbreviations
    assert "OK" not in abbreviations


@pytest.mark.parametrize(("target", "limit"), [("family", 20), ("child", 15)])
def test_long_sentences(target: str, limit: int) -> None:
    ok = " ".join(["Jag"] * limit) + "."
    long = " ".join(["Jag"] * (limit + 1)) + "."
    text = f"{ok} {long}"
    report = check_text(text, "sv", target)  # type: ignore[arg-type]
    [finding] = [f for f in report.findings if f.kind == "long_sentence"]
    assert (finding.start, finding.end) == (len(ok) + 1, len(text))
    assert finding.term == long
    assert finding.suggestion
    assert finding.message_key == "language.finding.long_sentence"


def test_child_text_without_first_person_gets_a_nudge() -> None:
    text = "Eleven behöver stöd med läxorna."
    [nudge] = [f for f in check_text(text, "sv", "child").findings]
    assert nudge.kind == "not_first_person"
    assert (nudge.start, nudge.end) == (0, len(text))
    assert nudge.suggestion == "Jag behöver ..."
    assert nudge.message_key == "language.finding.not_first_person"


@pytest.mark.parametrize(
    ("text", "lang", "target"),
    [
        ("Jag behöver stöd med läxorna.", "sv", "child"),
        ("Mamma hjälper mig.", "sv", "child"),
        ("Eleven behöver stöd med läxorna.", "sv", "family"),  # only the child's parts
        ("", "sv", "child"),
        ("I'm happy at school.", "en", "child"),
    ],
)
def test_no_nudge(text: str, lang: str, target: str) -> None:
    report = check_text(text, lang, target)  # type: ignore[arg-type]
    assert [f for f in report.findings if f.kind == "not_first_person"] == []


def test_english_nudge_and_flesch() -> None:
    # "The pupil needs help." words 4, sentences 1, syllables the 1 pu-pil 2 needs 1 help 1 = 5
    # 206.835 - 1.015*4 - 84.6*5/4 = 206.835 - 4.06 - 105.75 = 97.025 -> 97.0
    report = check_text("The pupil needs help.", "en", "child")
    assert report.flesch == 97.0
    assert report.lix is None
    assert report.band == "easy"
    assert [f.suggestion for f in report.findings] == ["I need ..."]


def test_english_over_target_uses_flesch_constants() -> None:
    # "We help children. Families decide together." has Flesch 34.59 (see readability tests)
    report = check_text("We help children. Families decide together.", "en")
    assert report.over_target is True
    assert report.band == "hard"
    relaxed = check_text(
        "We help children. Families decide together.", "en", flesch_target_family=30
    )
    assert relaxed.over_target is False


def test_lix_targets_come_from_parameters_or_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    assert check_text(HARD_SV, "sv").over_target is True  # default family target 40
    assert check_text(HARD_SV, "sv", lix_target_family=65).over_target is False
    assert check_text(HARD_SV, "sv", "child", lix_target_child=65).over_target is False
    monkeypatch.setenv("HJULET_LIX_TARGET_FAMILY", "70")
    get_settings.cache_clear()
    assert check_text(HARD_SV, "sv").over_target is False
    assert check_text(HARD_SV, "sv", "child").over_target is True  # child target still 30


def test_empty_text() -> None:
    report = check_text("", "sv", "child")
    assert (report.words, report.sentences, report.lix, report.band) == (0, 0, None, None)
    assert report.over_target is False
    assert report.findings == []


def test_custom_glossary_replaces_the_default() -> None:
    glossary = Glossary("sv", [GlossaryEntry(term="fritids", plain="fritidshemmet")])
    report = check_text("Fritids och SoL.", "sv", glossary=glossary)
    kinds = {f.term: (f.kind, f.suggestion) for f in report.findings}
    assert kinds == {"Fritids": ("jargon", "fritidshemmet")}


def test_summary_count_counts_hard_words_not_hints() -> None:
    first = check_text(EXAMPLE, "sv", "child")  # Vh, samtyckt, SIP, SoL + a nudge
    second = check_text("Hon har ADHD.", "sv")  # ADHD
    assert summary_count([first, second]) == 5
    assert summary_count([]) == 0
