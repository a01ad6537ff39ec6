"""No text ever runs off the page: a checker that measures every piece of text in
the finished PDF, and a property test that throws odd plans at the renderer.

The checker reads the page content the way a PDF viewer does: it follows the
text position operators and adds up each glyph's width from the embedded
font's width table, so it measures what is printed, not what we meant to print.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

from fpdf import FPDF
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pypdf import PdfReader
from pypdf.generic import ContentStream

from assessment.model import AreaAssessment, AssessmentBody, VoiceRatings
from plans.documents.case import CaseBody, CaseType, Child
from plans.documents.plan import Action, ActionStatus, AreaPlan, PlanBody
from plans.pdf import render, style
from plans.planview import Baseline, CaseDocuments, view_from_documents
from plans.planview.samples import sample_documents
from plans.templates import template

PT_PER_MM = 72 / 25.4
TOLERANCE_MM = 0.3
CREATED_AT = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class TextRun:
    page: int
    x: float
    """Left edge, millimetres from the page's left edge."""
    width: float
    baseline: float
    """Millimetres from the top of the page."""
    size: float


def _width_table(font: Any) -> tuple[dict[int, float], float]:
    descendant = font["/DescendantFonts"][0].get_object()
    default = float(descendant.get("/DW", 1000))
    items = [item.get_object() for item in descendant.get("/W", [])]
    widths: dict[int, float] = {}
    index = 0
    while index < len(items):
        first, following = int(items[index]), items[index + 1]
        if isinstance(following, list):
            for offset, width in enumerate(following):
                widths[first + offset] = float(width)
            index += 2
        else:
            for code in range(first, int(following) + 1):
                widths[code] = float(items[index + 2])
            index += 3
    return widths, default


def _codes(string: Any) -> list[int]:
    raw = bytes(getattr(string, "original_bytes", string))
    return [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw) - 1, 2)]


def text_runs(data: bytes) -> list[TextRun]:
    """Every text-showing operation on every page, with its measured extent."""
    reader = PdfReader(io.BytesIO(data))
    runs: list[TextRun] = []
    for number, page in enumerate(reader.pages, start=1):
        height_pt = float(page.mediabox.height)
        fonts = page["/Resources"]["/Font"]
        tables = {name: _width_table(fonts[name].get_object()) for name in fonts}
        font, size, x, y, char_spacing, scale = "", 0.0, 0.0, 0.0, 0.0, 1.0
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            assert operator != b"cm", "the checker assumes text is never transformed"
            if operator == b"Tf":
                font, size = str(operands[0]), float(operands[1])
            elif operator == b"BT":
                x = y = 0.0
            elif operator == b"Td":
                x, y = x + float(operands[0]), y + float(operands[1])
            elif operator == b"Tm":
                x, y = float(operands[4]), float(operands[5])
            elif operator == b"Tc":
                char_spacing = float(operands[0])
            elif operator == b"Tz":
                scale = float(operands[0]) / 100
            elif operator in (b"Tj", b"TJ"):
                widths, default = tables[font]
                parts = operands[0] if operator == b"TJ" else [operands[0]]
                advance = 0.0
                for part in parts:
                    if isinstance(part, int | float) or hasattr(part, "as_numeric"):
                        advance -= float(part) / 1000 * size
                        continue
                    codes = _codes(part)
                    advance += sum(widths.get(c, default) for c in codes) / 1000 * size
                    advance += char_spacing * len(codes)
                runs.append(
                    TextRun(
                        page=number,
                        x=x / PT_PER_MM,
                        width=advance * scale / PT_PER_MM,
                        baseline=(height_pt - y) / PT_PER_MM,
                        size=size,
                    )
                )
    return runs


def layout_problems(runs: list[TextRun]) -> list[str]:
    """Text outside the margins; the running header and footer live in their own bands."""
    problems = []
    left, right = style.MARGIN_X - TOLERANCE_MM, style.PAGE_WIDTH - style.MARGIN_X + TOLERANCE_MM
    for run in runs:
        where = f"page {run.page} at ({run.x:.1f}, {run.baseline:.1f}) mm"
        if run.x < left or run.x + run.width > right:
            problems.append(f"{where}: {run.width:.1f} mm wide, outside the side margins")
        in_header = 8 <= run.baseline <= style.MARGIN_TOP
        in_footer = style.PAGE_HEIGHT - style.MARGIN_BOTTOM <= run.baseline <= style.PAGE_HEIGHT - 8
        if run.size == style.TINY_PT:
            if not (in_header or in_footer):
                problems.append(f"{where}: header/footer text outside its band")
        elif not style.MARGIN_TOP < run.baseline <= style.PAGE_HEIGHT - style.MARGIN_BOTTOM:
            problems.append(f"{where}: body text outside the top or bottom margin")
    return problems


def test_the_checker_measures_what_is_printed() -> None:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(style.FONT_FILES[""]))
    pdf.set_font("DejaVu", "", 11)
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_xy(30, 100)
    text = "Hjulet – “Åsa”"
    expected = pdf.get_string_width(text)
    pdf.cell(text=text)
    pdf.set_xy(150, 280)  # past the right margin and into the bottom margin
    pdf.cell(text="Den här raden är alldeles för lång för att få plats")
    runs = text_runs(bytes(pdf.output()))
    assert len(runs) == 2
    assert abs(runs[0].width - expected) < 0.05
    assert abs(runs[0].x - 30 - pdf.c_margin) < 0.05
    problems = layout_problems(runs)
    assert len(problems) == 2 and all("page 1" in p for p in problems)


def test_a_typical_plan_stays_inside_the_margins() -> None:
    for audience in ("family", "team"):
        view = view_from_documents(sample_documents(actions=30), audience)
        runs = text_runs(render(view, created_at=CREATED_AT).data)
        assert len(runs) > 300
        assert layout_problems(runs) == []


# -- the property test -----------------------------------------------------------------

PIECES = [
    "Åsa",
    "växer",
    "ÖÄÅ",
    "“citat” från Word",
    "‘enkla’",
    "—",
    "–",
    "…",
    "«»",
    "„så“",
    "😀",
    "🧒🏽",
    "👨‍👩‍👧",
    "❤️",
    "مرحبا بالعالم",
    "أنا أحتاج مساعدة",
    "שלום",
    "e\u0301",
    "\t",
    "\r\n",
    "\n",
    "\u200b",
    "\x00",
    "\ufeff",
    "\u2028",
    "ﷺ",
    "\ue000",
    "{nb}",
    "a" * 90,
    "Barnavårdscentralen",
    "Lorem ipsum dolor sit amet, consectetur.",
]
EXTREME = ["ord " * 1000, "x" * 4000, "مرحبا " * 660, "😀" * 2000, "\n" * 300, "Å" * 500]


def texts(limit: int, *, minimum: int = 0) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(PIECES), st.text(max_size=12))
    normal = st.lists(piece, max_size=10).map(" ".join)
    extreme = st.sampled_from(EXTREME)
    # Most texts are ordinary; now and then one is as long or as odd as a field allows.
    chosen = st.one_of(*([normal] * 20), extreme).map(lambda text: text[:limit])
    return chosen.filter(lambda text: len(text.strip()) >= minimum)


ratings = st.sampled_from([1, 2, 3, 4, 5, "not_assessed", "declined", None])
statuses = st.sampled_from(list(ActionStatus))
dates = st.none() | st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31))


@st.composite
def plans(draw: st.DrawFn, area_ids: list[str]) -> PlanBody:
    areas = draw(
        st.dictionaries(
            st.sampled_from(area_ids),
            st.builds(
                AreaPlan,
                child_needs=texts(4000),
                family_will=texts(4000),
                professionals_will=texts(4000),
            ),
            max_size=len(area_ids),
        )
    )
    count = draw(st.integers(0, 10))
    actions = [
        Action(
            id=f"a-{n + 1}",
            what=draw(texts(4000, minimum=1)),
            who=draw(texts(200)).strip(),
            organisation=draw(
                st.sampled_from(
                    ["", "Socialtjänsten", "Barnavårdscentralen Norra", "Familjecentralen"]
                )
            ),
            area_id=draw(st.none() | st.sampled_from(area_ids)),
            by_when=draw(dates),
            how_we_know=draw(texts(4000)),
            status=draw(statuses),
        )
        for n in range(count)
    ]
    return PlanBody(
        reasons=draw(texts(4000)),
        areas=areas,
        actions=actions,
        next_review=draw(dates),
        internal_notes=draw(texts(4000)),
    )


@st.composite
def documents(draw: st.DrawFn) -> CaseDocuments:
    wheel = template(draw(st.sampled_from(["girfec-sv", "girfec-en", "hlt-sv"])))
    base = sample_documents(template_id=wheel.id)
    try:
        child = Child(first_name=draw(texts(120, minimum=1)), birth_date=dt.date(2019, 5, 1))
    except ValidationError:
        assume(False)
        raise
    case = base.case.model_copy(update={"type": CaseType.CHILD, "child": child})
    CaseBody.model_validate(case.model_dump())
    area_ids = wheel.area_ids()
    assessment = AssessmentBody(
        template_id=wheel.id,
        template_version=wheel.version,
        areas={
            a: AreaAssessment(
                ratings=VoiceRatings(
                    child=draw(ratings), guardians=draw(ratings), professional=draw(ratings)
                ),
                worries=draw(texts(4000)),
            )
            for a in draw(st.lists(st.sampled_from(area_ids), unique=True))
        },
        other_risks=draw(texts(4000)),
        five_questions={"whats_in_the_way": draw(texts(4000))},
    )
    plan, earlier = draw(plans(area_ids)), draw(plans(area_ids))
    return dataclasses.replace(
        base,
        case=case,
        plan=plan,
        template=wheel,
        assessment=assessment,
        baseline=draw(st.none() | st.just(Baseline(earlier, 3, dt.date(2026, 10, 1), "previous"))),
    )


@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    docs=documents(),
    audience=st.sampled_from(["family", "team", "partner:bvc", "partner:Socialtjänsten"]),
    lang=st.sampled_from(["sv", "en"]),
)
def test_any_plan_renders_inside_the_page(docs: CaseDocuments, audience: str, lang: str) -> None:
    view = view_from_documents(docs, audience, lang)
    result = render(view, created_at=CREATED_AT)
    reader = PdfReader(io.BytesIO(result.data))
    assert len(reader.pages) == result.pages
    footer = "Sida 1 av" if lang == "sv" else "Page 1 of"
    # Whitespace folded: odd neighbours (right-to-left text, emoji) can change how a
    # text extractor spaces the footer, not what it says.
    assert f"{footer} {result.pages}" in re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert layout_problems(text_runs(result.data)) == []
