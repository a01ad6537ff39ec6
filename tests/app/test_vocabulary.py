"""One vocabulary (issue 12 item 7): the app's screens, the meeting view and the PDF call
each thing by the same word, so a family recognises on paper what it saw on the screen."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from app.components.rating import answer_text
from app.components.wheel_chart import voice_name
from assessment.model import DECLINED
from assessment.wheel import VOICES
from plans.documents.plan import ActionStatus
from plans.i18n import t
from plans.pdf.render import render_pdf
from plans.planview import build_plan_view, view_from_documents
from plans.planview.samples import sample_documents
from plans.planview.words import rating_text, status_text
from plans.store.files import FileStore
from plans.templates import template
from tests.app.conftest import MakeApp, case_of_type
from tests.app.test_meeting_view import _all_text, _open_meeting


def _pdf_text(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in pages))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_meeting_view_and_the_family_pdf_have_the_same_headings_and_statuses(
    make_app: MakeApp, app_store: FileStore, lang: str
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = _open_meeting(make_app, cid, lang=lang)
    at.segmented_control(key="meeting_mode").set_value("all").run()
    screen_only = {t(f"meeting.{key}", lang) for key in ("download_title", "other_actions")}
    agenda = t("agenda.title", lang, date="")  # for the professional, never on the family's paper
    headings = [
        s.value for s in at.subheader if s.value not in screen_only and agenda not in s.value
    ]
    view = build_plan_view(app_store, cid, audience="family", lang=lang)
    paper = _pdf_text(render_pdf(view))
    assert len(headings) >= 5  # what has changed, why, what we work on, its areas, contacts
    assert [h for h in headings if h.replace("\\", "") not in paper] == []
    statuses = {action.status_text for action in view.actions}
    assert statuses and all(status in _all_text(at) and status in paper for status in statuses)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_screens_and_the_plan_view_name_voices_and_answers_alike(lang: str) -> None:
    """What the app's wheel, table and pickers say is what the meeting view and PDF say."""
    girfec = template("girfec-sv")
    view = view_from_documents(sample_documents(), "family", lang)
    assert view.wheel is not None
    on_paper = [v.voice_label for v in view.wheel.areas[0].voices]
    assert [voice_name(voice, lang) for voice in VOICES] == on_paper
    assert answer_text(girfec.scale, DECLINED, lang) == rating_text(DECLINED, girfec, lang)
    assert answer_text(girfec.scale, None, lang) == rating_text(None, girfec, lang)


def test_the_review_step_offers_the_statuses_the_plan_view_shows(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="review")
    at.run()
    assert not at.exception
    picker = next(s for s in at.selectbox if s.label == t("review.status", number=1))
    shown = [picker.format_func(option) for option in picker.options]
    assert shown == [status_text(status, "sv") for status in ActionStatus]
