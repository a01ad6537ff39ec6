"""The plan PDF, read back the way a person's PDF reader would: text, pages,
metadata, bookmarks and embedded fonts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from plans.documents.plan import Action, AreaPlan
from plans.pdf import plan_pdf, render
from plans.planview import build_plan_view, view_from_documents
from plans.planview.samples import sample_documents
from plans.store import Store
from tests.unit.test_planview import TEAM_ONLY, WHAT, make_case

CREATED_AT = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


def read(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in read(data).pages]


def flat(text: str) -> str:
    """Text with line breaks and repeated spaces folded, so wrapped phrases still match."""
    return re.sub(r"\s+", " ", text)


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(reader.outline)
    return titles


@pytest.fixture
def case_id(store: Store) -> str:
    return make_case(store)


def test_the_family_pdf_says_what_the_family_needs(store: Store, case_id: str) -> None:
    result = plan_pdf(store, case_id, created_at=CREATED_AT)
    pages = page_texts(result.data)
    everything = flat(" ".join(pages))
    assert len(pages) == result.pages >= 2
    assert result.audience_line == "För familjen"
    assert result.filename == "tove-plan-v2-family.pdf"
    assert "Toves plan" in pages[0]
    assert "Version 2, sparad" in pages[0]
    # What changed comes first, before the wheel and the plan itself.
    changes = everything.index("Det här har hänt sedan förra mötet")
    assert (
        changes < everything.index("Välbefinnandehjulet") < everything.index("Vem gör vad och när")
    )
    assert f"Flyttat till 15 mars {WHAT['a-1']}" in everything
    for title in ("Trygg", "Hälsa", "Lära och utvecklas", "Delaktig"):
        assert title in everything
    for what in (WHAT["a-1"], WHAT["a-2"], WHAT["a-4"]):
        assert what in everything
    assert "Jag vill förstå matten." in everything
    assert "Eva Strand" in everything and "090-2" in everything
    assert "Samverkansansvarig – håller ihop planen" in everything
    for number, text in enumerate(pages, start=1):
        assert f"Sida {number} av {result.pages}" in text
        assert "För familjen" in text
    for text in pages[1:]:
        assert "Toves plan" in text and "Version 2, sparad" in text  # the running header


def test_team_only_facts_never_reach_the_family_or_partner_pdf(store: Store, case_id: str) -> None:
    for audience in ("family", "partner:bvc", "partner:socialtjansten"):
        everything = " ".join(page_texts(plan_pdf(store, case_id, audience=audience).data))
        assert [f for f, marker in TEAM_ONLY.items() if marker in everything] == []
        assert "Bara för teamet" not in everything and "Blir mobbad" not in everything
    team = plan_pdf(store, case_id, audience="team")
    everything = " ".join(page_texts(team.data))
    assert [f for f, marker in TEAM_ONLY.items() if marker not in everything] == []
    assert "Bara för teamet" in everything and "Blir mobbad" in everything
    assert team.audience_line.startswith("För teamet")


def test_a_partner_pdf_holds_only_its_part(store: Store, case_id: str) -> None:
    result = plan_pdf(store, case_id, audience="partner:bvc", lang="en", created_at=CREATED_AT)
    everything = flat(" ".join(page_texts(result.data)))
    assert "For Barnavårdscentralen" in everything
    assert WHAT["a-4"] in everything
    assert WHAT["a-1"] not in everything and WHAT["a-2"] not in everything
    assert "Ahmed Karimi" not in everything
    assert result.filename == "tove-plan-v2-partner-bvc.pdf"


def test_metadata_bookmarks_and_embedded_fonts(store: Store, case_id: str) -> None:
    reader = read(plan_pdf(store, case_id, audience="team", created_at=CREATED_AT).data)
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Toves plan – Version 2, sparad " + meta.title.split("sparad ")[1]
    assert meta.author == "Eva Strand"
    assert meta.creator == "Hjulet"
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    titles = outline_titles(reader)
    for section in (
        "Det här har hänt sedan förra mötet",
        "Välbefinnandehjulet",
        "Det här arbetar vi med",
        "Lära och utvecklas",
        "Vem gör vad och när",
        "Här når du oss",
        "Nästa möte",
        "Bara för teamet",
        "Samtycke",
    ):
        assert section in titles
    fonts = {
        str(font.get_object()["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    # Only the embedded DejaVu fonts: a core font would crash on curly quotes.
    assert fonts and all(name.endswith(("DejaVuSansBook", "DejaVuSansBold")) for name in fonts)
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor.get_object()


def test_english_pdf(store: Store, case_id: str) -> None:
    result = plan_pdf(store, case_id, lang="en", created_at=CREATED_AT)
    pages = page_texts(result.data)
    assert "Tove’s plan" in pages[0] and "Version 2, saved" in pages[0]
    assert "What has happened since the last meeting" in pages[0]
    assert f"Page 1 of {result.pages}" in pages[0]
    assert read(result.data).trailer["/Root"]["/Lang"] == "en"


def test_the_same_view_gives_the_same_bytes(store: Store, case_id: str) -> None:
    view = build_plan_view(store, case_id, audience="team")
    first = render(view, created_at=CREATED_AT).data
    assert render(view, created_at=CREATED_AT).data == first
    assert render(view, created_at=CREATED_AT + dt.timedelta(seconds=1)).data != first


def test_long_tables_split_across_pages_with_their_heading_repeated() -> None:
    docs = sample_documents(actions=60)
    long_text = "Ett långt stycke om vad vi ska göra tillsammans. " * 80
    plan = docs.plan.model_copy(
        update={
            "actions": [*docs.plan.actions[:3], Action(id="a-long", what=long_text)],
        }
    )
    result = render(view_from_documents(dataclasses.replace(docs, plan=plan)))
    pages = page_texts(result.data)
    headed = [n for n, text in enumerate(pages) if "Vad vi gör" in text]
    assert len(headed) >= 2  # the action that is longer than a page continues under a heading
    everything = flat(" ".join(pages))
    assert everything.count("tillsammans.") >= 80  # nothing of it is lost
    many = render(view_from_documents(sample_documents(actions=100)))
    assert sum("Vad vi gör" in text for text in page_texts(many.data)) >= 4


def test_text_pasted_from_anywhere_never_crashes() -> None:
    docs = sample_documents(areas=2, actions=2)
    odd = "“Citat” ‘så’ – och — … 😀 🧒🏽 👨‍👩‍👧 ❤️ \x00\t\r\n e\u0301 \ue000 ﷺ"
    arabic = "أحتاج إلى مساعدة في الرياضيات، وأريد أصدقاء في المدرسة."
    plan = docs.plan.model_copy(
        update={
            "reasons": odd,
            "areas": {
                "safe": AreaPlan(child_needs=arabic, family_will=odd, professionals_will="x" * 900)
            },
            "actions": [Action(id="a-1", what=arabic, who="محمد", how_we_know=odd)],
        }
    )
    for lang in ("sv", "en"):
        result = render(view_from_documents(dataclasses.replace(docs, plan=plan), "family", lang))
        text = flat(" ".join(page_texts(result.data)))
        assert "“Citat” ‘så’ – och — …" in text
        assert result.pages >= 2
