"""Turns a plan view into PDF bytes (fpdf2, A4, embedded DejaVu fonts).

The same view always gives the same bytes when ``created_at`` is fixed,
which is what golden tests rely on.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from plans.pdf.document import PlanDocument
from plans.pdf.sections import family_sections
from plans.pdf.team import team_sections
from plans.planview.build import build_plan_view
from plans.planview.model import Audience, PlanView
from plans.planview.words import has_latin_letter
from plans.store import Store


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    filename: str
    """A suggested file name, e.g. ``sofia-plan-v7-family.pdf``."""
    audience: Audience
    audience_line: str
    """Who the file is for, in the view's language – say it wherever the file is offered."""
    version_line: str
    """"Version 7, sparad 23 november 2026"."""


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40]


def suggested_filename(view: PlanView) -> str:
    """``sofia-plan-v7-family.pdf``; a name with no Latin letters (ليلى, Наталья) gives
    ``c-1a2b3c4d-plan-v7-family.pdf`` by the case id instead of an empty name."""
    name = _slug(view.header.child_name) if has_latin_letter(view.header.child_name) else ""
    name = name or _slug(view.case_id) or "plan"
    audience = _slug(view.audience.code.replace(":", "-")) or view.audience.kind
    return f"{name}-plan-v{view.header.revision}-{audience}.pdf"


def build_document(view: PlanView, *, created_at: dt.datetime | None = None) -> PlanDocument:
    """The laid-out document of ``view``, not yet written (tests look at its fonts)."""
    moment = created_at or dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    doc = PlanDocument(view, created_at=moment)
    doc.add_page()
    family_sections(doc, view)
    if view.team is not None:
        team_sections(doc, view.team)
    return doc


def render(view: PlanView, *, created_at: dt.datetime | None = None) -> RenderedPdf:
    """The PDF of ``view``; ``created_at`` (default: now) is the only varying input."""
    doc = build_document(view, created_at=created_at)
    data = bytes(doc.output())
    return RenderedPdf(
        data=data,
        pages=doc.pages_count,
        filename=suggested_filename(view),
        audience=view.audience,
        audience_line=view.header.audience_line,
        version_line=view.header.version_line,
    )


def render_pdf(view: PlanView, *, created_at: dt.datetime | None = None) -> bytes:
    return render(view, created_at=created_at).data


def plan_pdf(
    store: Store,
    case_id: str,
    *,
    audience: Audience | str = "family",
    lang: str = "sv",
    revision: int | None = None,
    compare_with: int | None = None,
    created_at: dt.datetime | None = None,
) -> RenderedPdf:
    """Build the view and render it: what a download button or the CLI calls."""
    view = build_plan_view(
        store,
        case_id,
        audience=audience,
        lang=lang,
        revision=revision,
        compare_with=compare_with,
    )
    return render(view, created_at=created_at)
