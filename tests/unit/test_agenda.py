"""The next meeting's agenda: its order, readings that fell, the family's question;
in the team PDF and never in the family's."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from assessment.model import AreaAssessment, AssessmentBody, VoiceRatings
from plans.caseload.agenda import agenda_sections, build_agenda
from plans.documents.plan import Action, ActionStatus, PlanBody
from plans.documents.review import ReviewBody
from plans.pdf.render import plan_pdf
from plans.store.files import FileStore
from plans.templates import template
from tests.app.conftest import case_of_type

MONDAY = dt.date(2026, 11, 23)
WHEEL = template("girfec-sv")


def _plan() -> PlanBody:
    return PlanBody(
        next_review=MONDAY + dt.timedelta(days=10),
        actions=[
            Action(id="a-later", what="Läxhjälp", by_when=MONDAY + dt.timedelta(days=30)),
            Action(id="a-soon", what="Hembesök", who="Eva", by_when=MONDAY + dt.timedelta(days=5)),
            Action(
                id="a-late", what="Läkarbesök", who="Omar", by_when=MONDAY - dt.timedelta(days=1)
            ),
            Action(
                id="a-done",
                what="Möte",
                by_when=MONDAY - dt.timedelta(days=9),
                status=ActionStatus.DONE,
            ),
        ],
    )


def _ratings(child: int, guardians: int, professional: int) -> VoiceRatings:
    return VoiceRatings(child=child, guardians=guardians, professional=professional)


def test_overdue_then_due_before_the_meeting_then_fallen_areas_then_the_family() -> None:
    safe, healthy = WHEEL.area_ids()[:2]
    assessment = AssessmentBody(
        template_id=WHEEL.id,
        template_version=WHEEL.version,
        areas={safe: AreaAssessment(ratings=_ratings(4, 4, 4))},
    )
    reviews = [
        ReviewBody(held_on=MONDAY - dt.timedelta(days=60), readings={healthy: _ratings(3, 3, 3)}),
        ReviewBody(
            held_on=MONDAY - dt.timedelta(days=20),
            readings={safe: _ratings(4, 2, 4), healthy: _ratings(4, 3, 3)},
        ),
    ]
    agenda = build_agenda(
        _plan(), reviews=reviews, assessment=assessment, template=WHEEL, today=MONDAY, lang="sv"
    )
    assert agenda.meeting_on == MONDAY + dt.timedelta(days=10)
    assert [a.action_id for a in agenda.overdue] == ["a-late"]
    assert [a.action_id for a in agenda.due_before_meeting] == ["a-soon"]
    # the review before the last one had no reading of "safe": no fall can be seen there
    assert agenda.fallen == ()
    one_review = build_agenda(
        _plan(),
        reviews=reviews[1:],
        assessment=assessment,
        template=WHEEL,
        today=MONDAY,
        lang="sv",
    )
    [fell] = one_review.fallen
    assert (fell.area_id, [(v.voice.value, v.before, v.now) for v in fell.voices]) == (
        safe,
        [("guardians", 4, 2)],
    )
    headings = [h for h, _ in agenda_sections(one_review, "sv")]
    assert headings == [
        "Försenade insatser",
        "Insatser som ska vara klara före mötet",
        "Områden där skattningen har sjunkit sedan förra uppföljningen",
        "Familjens fråga",
    ]
    assert agenda_sections(one_review, "sv")[-1][1] == ["Finns det något mer vi kan göra för er?"]


def test_a_plan_with_nothing_due_still_asks_the_family() -> None:
    agenda = build_agenda(PlanBody(), today=MONDAY, lang="en")
    assert agenda.is_short and agenda.meeting_on == MONDAY
    assert agenda_sections(agenda, "en") == [
        ("The family's question", ["Is there anything more we can do for you?"])
    ]


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_the_team_pdf_opens_its_part_with_the_agenda_and_the_family_pdf_has_none(
    demo_store: FileStore,
) -> None:
    case_id = case_of_type(demo_store, "child", "Noah")
    team = _text(plan_pdf(demo_store, case_id, audience="team", lang="sv").data)
    family = _text(plan_pdf(demo_store, case_id, audience="family", lang="sv").data)
    assert "Dagordning för mötet" in team and "Familjens fråga" in team
    assert team.index("Dagordning för mötet") < team.index("Bedömningen, område för område")
    assert "Dagordning" not in family
