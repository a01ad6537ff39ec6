"""Mixed-direction text (issue 13, item 3): a name in Arabic letters inside a Swedish
or English sentence keeps the sentence's direction; a paragraph written in Arabic
reads right to left; a file name never comes out as ``plan-plan-v2-family.pdf``."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from plans.pdf import render, style
from plans.pdf.text import base_direction, is_right_to_left
from plans.planview import view_from_documents
from plans.planview.samples import sample_documents
from plans.planview.words import isolate
from tests.unit.test_pdf_layout import text_runs

CREATED_AT = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
LAYLA = "ليلى"


def _arabic_case() -> object:
    docs = sample_documents(actions=12, child_name=LAYLA, who_names=("ليلى حسن", "Lena Holm"))
    plan = docs.plan.model_copy(update={"reasons": "ليلى تريد أن تلعب مع الأطفال الآخرين."})
    return dataclasses.replace(docs, plan=plan)


@pytest.mark.parametrize(("lang", "title"), [("sv", "Plan för"), ("en", "Plan for")])
def test_a_title_with_an_arabic_name_reads_in_the_sentences_direction(
    lang: str, title: str
) -> None:
    view = view_from_documents(_arabic_case(), "family", lang)  # type: ignore[arg-type]
    assert view.header.title == f"{title} {isolate(LAYLA)}"
    assert base_direction(view.header.title) == "ltr"
    runs = text_runs(render(view, created_at=CREATED_AT).data)
    # Page 1's title and page 2's running header start at the left margin, not the right.
    title_runs = [r for r in runs if r.page == 1 and r.size == style.TITLE_PT]
    assert min(r.x for r in title_runs) < style.MARGIN_X + 2
    header = [r for r in runs if r.page == 2 and r.baseline < style.MARGIN_TOP]
    assert min(r.x for r in header) < style.MARGIN_X + 2


def test_a_swedish_name_keeps_its_possessive_title() -> None:
    view = view_from_documents(sample_documents(child_name="Sofia"), "family", "sv")
    assert view.header.title == "Sofias plan"


def test_who_with_an_arabic_name_and_a_swedish_organisation_stays_left_to_right() -> None:
    view = view_from_documents(_arabic_case(), "family", "sv")  # type: ignore[arg-type]
    who = view.actions[0].who
    assert who == f"{isolate('ليلى حسن')}, Förskolan Solrosen"
    assert not is_right_to_left(who)
    assert view.actions[1].who == "Lena Holm, Barnavårdscentralen Norra"


def test_a_paragraph_written_in_arabic_reads_right_to_left() -> None:
    view = view_from_documents(_arabic_case(), "family", "sv")  # type: ignore[arg-type]
    assert is_right_to_left(view.reasons)
    assert base_direction("Lena Holm ليلى") == "ltr"
    assert base_direction("ليلى Lena") == "rtl"


@pytest.mark.parametrize(
    ("name", "start"),
    [
        (LAYLA, "c-sample0001-plan-v7-family"),
        ("Наталья", "c-sample0001-plan-v7-family"),
        ("Ella 🌸", "ella-plan-v7-family"),
        ("Åsa", "asa-plan-v7-family"),
    ],
)
def test_file_names_for_names_without_latin_letters_use_the_case_id(name: str, start: str) -> None:
    view = view_from_documents(sample_documents(child_name=name), "family", "sv")
    assert render(view, created_at=CREATED_AT).filename == f"{start}.pdf"
