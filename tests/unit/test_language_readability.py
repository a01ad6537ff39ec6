"""LIX, Flesch and the word/sentence counting they rest on, against hand-computed values."""

from __future__ import annotations

import pytest

from plans.language.readability import (
    count_syllables,
    find_words,
    flesch_band,
    flesch_reading_ease,
    lix,
    lix_band,
    split_sentences,
    text_stats,
)


def test_words_keep_compounds_numbers_and_dotted_abbreviations_whole() -> None:
    text = "BVC-sköterskan ringde 3,5 gånger, t.ex. kl. 14.30 – så är det."
    assert [w.text for w in find_words(text)] == [
        "BVC-sköterskan", "ringde", "3,5", "gånger", "t.ex.", "kl", "14.30", "så", "är", "det",
    ]  # fmt: skip
    first = find_words(text)[0]
    assert text[first.start : first.end] == "BVC-sköterskan"


def test_swedish_letters_count_as_letters() -> None:
    # "Öppenvården" has 11 letters, "åtta" 4: only the first is a long word.
    assert [w.letters for w in find_words("Öppenvården åtta")] == [11, 4]


def test_abbreviation_dots_and_decimals_do_not_end_sentences() -> None:
    text = "Vi ses kl. 14.30 på BVC, t.ex. i morgon. Det blir bra!"
    sentences = split_sentences(text)
    assert [text[s.start : s.end] for s in sentences] == [
        "Vi ses kl. 14.30 på BVC, t.ex. i morgon.",
        "Det blir bra!",
    ]


def test_initials_do_not_end_sentences_but_final_abbreviations_can() -> None:
    text = "A. Svensson läser, ritar m.m. Sedan äter vi."
    assert [len(s.words) for s in split_sentences(text)] == [5, 3]


def test_each_line_is_its_own_sentence() -> None:
    # List items in a plan rarely end with a full stop; each one still stands alone.
    text = "Mål:\n- sova bättre\n- gå till skolan"
    assert [text[s.start : s.end] for s in split_sentences(text)] == [
        "Mål:",
        "sova bättre",
        "gå till skolan",
    ]


def test_text_without_end_punctuation_is_one_sentence() -> None:
    assert text_stats("jag mår bra").sentences == 1


def test_lix_short_easy_text() -> None:
    # "Barnet går till skolan. Hon tycker om matematik."
    # words 8, sentences 2, long words (> 6 letters): matematik = 1
    # LIX = 8/2 + 100*1/8 = 4 + 12.5 = 16.5
    text = "Barnet går till skolan. Hon tycker om matematik."
    stats = text_stats(text)
    assert (stats.words, stats.sentences, stats.long_words) == (8, 2, 1)
    assert lix(text) == pytest.approx(16.5)
    assert lix_band(16.5) == "easy"


def test_lix_bureaucratic_text() -> None:
    # "Vårdnadshavarna har samtyckt till informationsöverföring mellan verksamheterna."
    # words 7, sentences 1; long: Vårdnadshavarna(15) samtyckt(8)
    # informationsöverföring(22) verksamheterna(14) = 4 ("mellan" has exactly 6)
    # LIX = 7/1 + 100*4/7 = 7 + 57.142857 = 64.142857
    text = "Vårdnadshavarna har samtyckt till informationsöverföring mellan verksamheterna."
    assert text_stats(text).long_words == 4
    assert lix(text) == pytest.approx(64.142857, abs=1e-5)
    assert lix_band(64.142857) == "hard"


def test_lix_with_abbreviations_and_numbers() -> None:
    # "Vi ses kl. 14.30 på BVC, t.ex. i morgon. Det blir bra!"
    # words: Vi ses kl 14.30 på BVC t.ex. i morgon | Det blir bra = 9 + 3 = 12
    # sentences 2, long words 0 ("morgon" has 6 letters)
    # LIX = 12/2 + 0 = 6.0
    assert lix("Vi ses kl. 14.30 på BVC, t.ex. i morgon. Det blir bra!") == pytest.approx(6.0)


def test_flesch_one_syllable_words() -> None:
    # "The cat sat on the mat." words 6, sentences 1, syllables 6
    # 206.835 - 1.015*6 - 84.6*1 = 206.835 - 6.09 - 84.6 = 116.145
    assert flesch_reading_ease("The cat sat on the mat.") == pytest.approx(116.145)


def test_flesch_longer_words() -> None:
    # "We help children. Families decide together."
    # words 6, sentences 2; syllables: we 1, help 1, chil-dren 2, fa-mi-lies 3,
    # de-cide 2 (silent final e), to-ge-ther 3 = 12
    # 206.835 - 1.015*(6/2) - 84.6*(12/6) = 206.835 - 3.045 - 169.2 = 34.59
    score = flesch_reading_ease("We help children. Families decide together.")
    assert score == pytest.approx(34.59)
    assert flesch_band(34.59) == "hard"


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("cat", 1),
        ("make", 1),  # silent e
        ("table", 2),  # "-le" is spoken
        ("jumped", 1),  # silent -ed
        ("wanted", 2),  # -ted is spoken
        ("boxes", 2),  # -xes is spoken
        ("families", 3),
        ("the", 1),
        ("2020", 1),  # numbers count as one
    ],
)
def test_syllable_heuristic(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


@pytest.mark.parametrize("text", ["", "   \n ", "... !? –"])
def test_text_without_words_has_no_score(text: str) -> None:
    stats = text_stats(text)
    assert (stats.words, stats.sentences, stats.long_words) == (0, 0, 0)
    assert lix(text) is None
    assert flesch_reading_ease(text) is None


@pytest.mark.parametrize(
    ("score", "band"),
    [(0.0, "easy"), (30.0, "easy"), (30.1, "medium"), (40.0, "medium"), (40.1, "hard")],
)
def test_lix_bands(score: float, band: str) -> None:
    assert lix_band(score) == band


@pytest.mark.parametrize(
    ("score", "band"),
    [(100.0, "easy"), (70.0, "easy"), (69.9, "medium"), (50.0, "medium"), (49.9, "hard")],
)
def test_flesch_bands(score: float, band: str) -> None:
    assert flesch_band(score) == band
