"""Every character a plan prints has a glyph: the status marks, and names in the
scripts families in Swedish municipalities write (issue 13, item 1).

Two checks per PDF: its extracted text holds no replacement box (□ or U+FFFD),
and no embedded font was asked for a character it lacks (fpdf2 records each
one in ``missing_glyphs``; such a character prints as .notdef).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from plans.documents.plan import ActionStatus
from plans.pdf import render
from plans.pdf.render import build_document
from plans.pdf.sections import STATUS_MARK
from plans.pdf.text import MISSING_GLYPH, clean_text
from plans.planview import view_from_documents
from plans.planview.samples import sample_documents

CREATED_AT = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
NAMES = {
    "arabic": "ليلى حسن",
    "persian": "پریسا رضایی",
    "somali": "Cabdiraxmaan Xasan Maxamed",
    "tigrinya": "ሃብተ ገብረመድህን",
    "cyrillic": "Наталья Петрова",
    "vietnamese": "Nguyễn Thị Ánh",
    "emoji": "Ella 🌸",
}


def _documents(child: str) -> object:
    docs = sample_documents(actions=8, child_name=child, who_names=tuple(NAMES.values()))
    statuses = list(ActionStatus)
    actions = [
        a.model_copy(update={"status": statuses[i % len(statuses)]})
        for i, a in enumerate(docs.plan.actions)
    ]
    return dataclasses.replace(docs, plan=docs.plan.model_copy(update={"actions": actions}))


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("script", sorted(NAMES))
@pytest.mark.parametrize("audience", ["family", "team", "partner:bvc"])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_character_has_a_glyph(script: str, audience: str, lang: str) -> None:
    docs = _documents(NAMES[script])
    view = view_from_documents(docs, audience, lang)  # type: ignore[arg-type]
    doc = build_document(view, created_at=CREATED_AT)
    text = _text(bytes(doc.output()))
    assert MISSING_GLYPH not in text and "\ufffd" not in text
    missing = {key: font.missing_glyphs for key, font in doc.fonts.items()}
    assert all(not glyphs for glyphs in missing.values()), missing


def test_a_done_action_shows_a_tick_not_an_empty_box() -> None:
    view = view_from_documents(_documents("Alva"), "family", "sv")
    text = _text(render(view, created_at=CREATED_AT).data)
    for status, mark in STATUS_MARK.items():
        label = {"planned": "Planerat", "ongoing": "Pågår", "done": "Klart", "stopped": "Avbrutet"}
        assert f"{mark}" in text, status
        assert label[status.value] in text
    assert "✓" in text and "✕" in text


@pytest.mark.parametrize("name", sorted(NAMES.values()))
def test_names_in_these_scripts_are_never_replaced(name: str) -> None:
    assert clean_text(name) == name


def test_the_common_characters_clean_text_skips_are_all_in_the_main_font() -> None:
    from plans.pdf.text import _COMMON, main_codepoints

    common = [c for c in range(0x3000) if c != 10 and _COMMON.fullmatch(chr(c))]
    assert len(common) > 500
    assert [hex(c) for c in common if c not in main_codepoints()] == []
