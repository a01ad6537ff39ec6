"""The agenda for the next meeting, built from the plan (issue 11): overdue actions first,
then actions due before the meeting, then areas whose readings fell since the last review,
and last the family's own question, asked every time: "Is there anything more we can do
for you?". One agenda for the app, the team PDF and the meeting view."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from assessment.model import AssessmentBody, Voice, VoiceRatings
from assessment.template import WheelTemplate
from plans.caseload.facts import OPEN_ACTIONS
from plans.documents.plan import PlanBody
from plans.documents.review import ReviewBody
from plans.i18n import format_date, t


@dataclass(frozen=True)
class AgendaAction:
    action_id: str
    what: str
    who: str
    by_when: dt.date


@dataclass(frozen=True)
class FallenVoice:
    voice: Voice
    before: int
    now: int


@dataclass(frozen=True)
class FallenArea:
    area_id: str
    title: str
    voices: tuple[FallenVoice, ...]


@dataclass(frozen=True)
class Agenda:
    meeting_on: dt.date
    overdue: tuple[AgendaAction, ...]
    due_before_meeting: tuple[AgendaAction, ...]
    fallen: tuple[FallenArea, ...]
    family_question: str

    @property
    def is_short(self) -> bool:
        """Nothing but the family's question."""
        return not (self.overdue or self.due_before_meeting or self.fallen)


def _readings_before(
    reviews: Sequence[ReviewBody], assessment: AssessmentBody | None
) -> tuple[dict[str, VoiceRatings], dict[str, VoiceRatings]]:
    """The newest readings and the ones before them (the review before, or the wheel)."""
    rated = [r for r in sorted(reviews, key=lambda r: r.held_on) if r.readings]
    initial = {a: area.ratings for a, area in (assessment.areas.items() if assessment else [])}
    if not rated:
        return {}, {}
    now = rated[-1].readings
    before = rated[-2].readings if len(rated) > 1 else initial
    return now, before


def build_agenda(
    plan: PlanBody,
    *,
    reviews: Sequence[ReviewBody] = (),
    assessment: AssessmentBody | None = None,
    template: WheelTemplate | None = None,
    today: dt.date,
    lang: str,
) -> Agenda:
    meeting = max(plan.next_review or today, today)
    open_actions = sorted(
        (a for a in plan.actions if a.status in OPEN_ACTIONS and a.by_when is not None),
        key=lambda a: (a.by_when or today, a.id),
    )

    def item(action_id: str, what: str, who: str, by_when: dt.date) -> AgendaAction:
        return AgendaAction(action_id, what, who, by_when)

    overdue = tuple(
        item(a.id, a.what, a.who, a.by_when)
        for a in open_actions
        if a.by_when is not None and a.by_when < today
    )
    due = tuple(
        item(a.id, a.what, a.who, a.by_when)
        for a in open_actions
        if a.by_when is not None and today <= a.by_when <= meeting
    )
    now, before = _readings_before(reviews, assessment)
    order = template.area_ids() if template else sorted(now)
    fallen = []
    for area_id in order:
        if area_id not in now or area_id not in before:
            continue
        voices = tuple(
            FallenVoice(voice, old, new)
            for voice in Voice
            if (old := before[area_id].numeric(voice)) is not None
            and (new := now[area_id].numeric(voice)) is not None
            and new < old
        )
        if voices:
            area = template.area(area_id) if template else None
            fallen.append(FallenArea(area_id, area.title if area else area_id, voices))
    return Agenda(meeting, overdue, due, tuple(fallen), t("agenda.family_question", lang))


def agenda_sections(agenda: Agenda, lang: str) -> list[tuple[str, list[str]]]:
    """The agenda in words, in its order: (heading, lines). The app and the PDF both lay
    out exactly these, so they cannot disagree."""

    def action_line(a: AgendaAction) -> str:
        return t(
            "agenda.action_line",
            lang,
            what=a.what,
            who=a.who or "–",
            date=format_date(a.by_when, lang, "medium"),
        )

    found: list[tuple[str, list[str]]] = []
    if agenda.overdue:
        found.append((t("agenda.overdue", lang), [action_line(a) for a in agenda.overdue]))
    if agenda.due_before_meeting:
        found.append((t("agenda.due", lang), [action_line(a) for a in agenda.due_before_meeting]))
    if agenda.fallen:
        lines = [
            f"{area.title}: "
            + "; ".join(
                t(
                    "agenda.fallen_line",
                    lang,
                    voice=t(f"words.voice.{v.voice.value}", lang),
                    before=v.before,
                    now=v.now,
                )
                for v in area.voices
            )
            for area in agenda.fallen
        ]
        found.append((t("agenda.fallen", lang), lines))
    found.append((t("agenda.family", lang), [agenda.family_question]))
    return found
