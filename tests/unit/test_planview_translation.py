"""The English copy of a case assessed with the Swedish wheel speaks English: area
titles, descriptions and scale words come from the template's declared translation,
matched by area id (issue 13, item 2)."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from assessment.template import WheelTemplate
from plans.pdf import render
from plans.planview import view_from_documents
from plans.planview.samples import sample_documents
from plans.templates import template, template_in_language

CREATED_AT = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
SWEDISH_WORDS = ("Trygg", "Mycket svårt", "Inte bedömt", "Välbefinnandehjulet")


def _text(data: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def test_the_english_copy_of_a_swedish_wheel_case_uses_the_english_wheel() -> None:
    docs = sample_documents(template_id="girfec-sv")
    english = template("girfec-en")
    for audience in ("family", "team"):
        view = view_from_documents(docs, audience, "en")
        assert view.wheel is not None
        assert [a.title for a in view.wheel.areas] == [a.title for a in english.areas]
        assert view.areas[0].description == english.areas[0].description
        assert view.wheel.scale_low == "Very hard"
        assert view.wheel.language_note == ""
        # The ratings are the assessment's, untouched: the same template id and version.
        assert view.wheel.template.key == docs.template.key if docs.template else False
        text = _text(render(view, created_at=CREATED_AT).data)
        for word in SWEDISH_WORDS:
            assert word not in text, (audience, word)
        assert "Safe" in text and "Not assessed" in text


def test_the_swedish_copy_is_unchanged() -> None:
    view = view_from_documents(sample_documents(template_id="girfec-sv"), "family", "sv")
    assert view.wheel is not None and view.wheel.areas[0].title == "Trygg"


def test_a_wheel_without_a_translation_keeps_its_words_and_says_so() -> None:
    docs = sample_documents(template_id="hlt-sv", areas=3)
    view = view_from_documents(docs, "family", "en")
    assert view.wheel is not None
    assert view.wheel.areas[0].title == template("hlt-sv").areas[0].title
    assert "Swedish" in view.wheel.language_note
    assert view.wheel.language_note in _text(render(view, created_at=CREATED_AT).data).replace(
        "\n", " "
    )


def test_a_translation_lacking_an_area_keeps_that_area_in_the_original() -> None:
    swedish = template("girfec-sv")
    english = template("girfec-en")
    partial = WheelTemplate.model_validate(
        english.model_dump() | {"areas": [a.model_dump() for a in english.areas[1:]]}
    )
    merged, complete = swedish.in_words_of(partial)
    assert not complete
    assert merged.areas[0].title == "Trygg" and merged.areas[1].title == english.areas[1].title
    assert merged.key == swedish.key and merged.area_ids() == swedish.area_ids()
    assert template_in_language(swedish, "sv") == (swedish, True)
