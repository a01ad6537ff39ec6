"""Word wrapping for unshaped text: lines fit, words stay whole, nothing is lost."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from plans.pdf.wrap import wrap_words


def measure(text: str) -> float:
    """A stand-in font: capitals are twice as wide as everything else."""
    return float(sum(2 if c.isupper() else 1 for c in text))


def test_words_wrap_at_spaces_and_lines_at_newlines() -> None:
    assert wrap_words("Vi ses på mötet i mars", 10, measure) == ["Vi ses på", "mötet i", "mars"]
    assert wrap_words("ett\n\ntvå", 10, measure) == ["ett", "", "två"]
    assert wrap_words("", 10, measure) == [""]


def test_only_a_word_wider_than_the_line_is_cut() -> None:
    assert wrap_words("kort barnavårdscentralen kort", 10, measure) == [
        "kort",
        "barnavårds",
        "centralen",
        "kort",
    ]


words = st.text(alphabet="abcÅÄÖxyzW😀", min_size=0, max_size=30)


@given(st.lists(words, max_size=40), st.integers(min_value=3, max_value=60))
def test_lines_fit_and_keep_every_word(parts: list[str], width: int) -> None:
    text = " ".join(parts)
    lines = wrap_words(text, width, measure)
    assert all(measure(line) <= width for line in lines)
    # Every character survives, in order; only the spaces at the breaks are gone.
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for word in text.split(" "):
        if word and measure(word) <= width:
            assert any(word in line.split(" ") for line in lines)


def test_an_address_wraps_after_its_own_punctuation_without_a_hyphen() -> None:
    lines = wrap_words("https://www.exempel.se/stod/familj", 16, measure)
    assert lines[0].endswith(("/", "."))
    assert "".join(lines) == "https://www.exempel.se/stod/familj"
    assert all(measure(line) <= 16 for line in lines)
    assert "-" not in "".join(lines)
