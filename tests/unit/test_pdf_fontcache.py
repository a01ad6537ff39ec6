"""Fonts read once per process give the very bytes fpdf2's own add_font gives."""

from __future__ import annotations

import datetime as dt

import pytest

import plans.pdf.document as document
from plans.pdf import render
from plans.planview import view_from_documents
from plans.planview.samples import sample_documents

CREATED_AT = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def test_cached_fonts_write_the_same_pdf(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = sample_documents(who_names=("ليلى حسن", "Ella 🌸", "ሃብተ ገብረመድህን"))
    view = view_from_documents(docs, "team")
    cached = [render(view, created_at=CREATED_AT).data for _ in range(2)]
    monkeypatch.setattr(
        document,
        "add_cached_font",
        lambda doc, family, style, path: doc.add_font(family, style, str(path)),
    )
    plain = render(view, created_at=CREATED_AT).data
    assert cached[0] == cached[1] == plain


def test_each_document_subsets_a_font_already_cut_to_what_is_embedded() -> None:
    """Half the subsetting on output was reading tables fpdf2 then drops (GSUB, GPOS,
    GDEF) and working the glyph order out of the character map, again per document."""
    from fpdf import FPDF

    from plans.pdf import style
    from plans.pdf.fontcache import add_cached_font

    doc = FPDF()
    add_cached_font(doc, style.FONT, "", style.FONT_FILES[""])
    font = doc.fonts[f"{style.FONT.lower()}"].ttfont
    assert not {"GSUB", "GPOS", "GDEF"} & set(font.keys())
