"""Tables that never break a short word (issue 13, item 4): a URL or a very long word in
one action used to send every column back to its default width, so the status broke
("Planera / t") on every row; an e-mail address wrapped mid-word; a section's heading
and its table header could stand alone at the foot of a page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

from pypdf import PdfReader

from plans.documents.common import Contact
from plans.pdf import render, style
from plans.pdf.document import PlanDocument
from plans.pdf.tables import Column, column_widths
from plans.planview import view_from_documents
from plans.planview.samples import sample_documents
from tests.unit.test_pdf_layout import layout_problems, text_runs

CREATED_AT = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
URL = "https://www.exempelkommun.se/omsorg-och-hjalp/barn-och-familj/stod-till-familjer"
LONG_WORD = "Barnochungdomspsykiatrimottagningsverksamhetsutvecklingsgruppen"
EMAIL = "karin.nystrom@familjecentralen.exempel.se"


def _docs(**changes: str) -> object:
    docs = sample_documents(actions=12)
    actions = list(docs.plan.actions)
    actions[0] = actions[0].model_copy(update={"what": f"Läs mer på {URL}"})
    actions[1] = actions[1].model_copy(update={"organisation": LONG_WORD})
    lead = Contact(name="Karin Nyström", organisation="Familjecentralen", email=EMAIL)
    plan = docs.plan.model_copy(update={"actions": actions, "lead_professional": lead})
    return dataclasses.replace(docs, plan=plan)


def _lines(data: bytes) -> list[str]:
    return [
        line.strip()
        for page in PdfReader(io.BytesIO(data)).pages
        for line in page.extract_text().splitlines()
    ]


def test_a_url_or_a_long_word_never_breaks_the_status_column() -> None:
    view = view_from_documents(_docs(), "family", "sv")  # type: ignore[arg-type]
    data = render(view, created_at=CREATED_AT).data
    lines = _lines(data)
    for status in ("Planerat", "Pågår", "Klart"):
        assert any(status in line for line in lines), status
    assert not any(line.endswith("Planera") for line in lines)
    assert "t" not in lines
    assert layout_problems(text_runs(data)) == []


def test_column_widths_keep_short_words_whole_when_not_everything_fits() -> None:
    view = view_from_documents(sample_documents(), "family", "sv")
    doc = PlanDocument(view, created_at=CREATED_AT)
    doc.add_page()
    columns = [Column("", 0.43), Column("", 0.24), Column("", 0.19), Column("", 0.14)]
    rows = [[f"Läs {URL}", LONG_WORD, "Senast 3 december 2026", "✓\u00a0Planerat"]]
    widths = column_widths(doc, columns, rows, style.BODY_PT - 0.5)
    assert abs(sum(widths) - doc.epw) < 0.01
    status = doc.text_width("✓\u00a0Planerat", style.BODY_PT - 0.5)
    assert widths[3] >= status + 4.4
    assert max(widths) <= doc.epw * 0.5 + 0.01


def test_an_email_address_stays_whole_when_there_is_room() -> None:
    view = view_from_documents(_docs(), "family", "sv")  # type: ignore[arg-type]
    text = "".join(_lines(render(view, created_at=CREATED_AT).data))
    assert EMAIL in text.replace("\n", "")
    lines = _lines(render(view, created_at=CREATED_AT).data)
    assert any(EMAIL in line for line in lines)


def test_a_section_heading_is_never_left_alone_at_the_foot_of_a_page() -> None:
    # Grow the reasons until the actions heading lands near the foot of page 1 or 2, at
    # every position: the heading is always on the same page as the table's first row.
    for words in range(0, 400, 9):
        docs = sample_documents(areas=1, actions=3)
        plan = docs.plan.model_copy(update={"reasons": " ".join(["ord"] * (words + 1))})
        view = view_from_documents(dataclasses.replace(docs, plan=plan), "family", "sv")
        reader = PdfReader(io.BytesIO(render(view, created_at=CREATED_AT).data))
        for page in reader.pages:
            lines = [ln.strip() for ln in page.extract_text().splitlines() if ln.strip()]
            body = [ln for ln in lines if not ln.startswith(("Sida ", "För familjen"))]
            for heading in ("Vem gör vad och när", "Så når du oss"):
                if heading in body:
                    assert body[-1] != heading and body.index(heading) < len(body) - 2, words
