"""The plain-language check is linear in the text's size (issue 14, item 11): on
abbreviation-dense text it compared every capital word with every glossary hit,
so 200,000 characters took 40 s. The test counts the work instead of timing it:
the Python lines the checker executes, for a text and for the same text doubled."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import plans.language
from plans.language import check_text, load_glossary

LANGUAGE_DIR = str(Path(plans.language.__file__).parent)
UNIT = "BVC och SIP med ABC XYZ QQ, BUP och LSS. KBT-samtal hos EHT! "


def lines_executed(run: Callable[[], object]) -> int:
    count = 0

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        nonlocal count
        if not frame.f_code.co_filename.startswith(LANGUAGE_DIR):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        run()
    finally:
        sys.settrace(None)
    return count


def test_doubling_an_abbreviation_dense_text_doubles_the_work() -> None:
    glossary = load_glossary("sv", extra_dirs=[])
    text = UNIT * 60  # about 3,700 characters, some 900 capital words
    single = lines_executed(lambda: check_text(text, "sv", glossary=glossary))
    double = lines_executed(lambda: check_text(text * 2, "sv", glossary=glossary))
    assert single > 10_000
    # Linear work doubles; the old pairwise comparison made it four times as much.
    assert double / single < 2.3, (single, double)


def test_doubling_a_text_of_many_short_sentences_doubles_the_work() -> None:
    glossary = load_glossary("sv", extra_dirs=[])
    text = "Ja. Nej! Kanske? t.ex. kl. 14.30 … " * 80
    single = lines_executed(lambda: check_text(text, "sv", glossary=glossary))
    double = lines_executed(lambda: check_text(text * 2, "sv", glossary=glossary))
    assert double / single < 2.3, (single, double)
