"""The plan view: what one audience may see of a child's plan, as plain frozen data.

The meeting view in the app and the PDF both render exactly this object, so
they can never disagree. Every text in it is final, in the view's language;
renderers only lay it out. Team-only facts live in :class:`TeamDetail`, which
is ``None`` for the family and partner audiences, so a renderer cannot leak
them by accident.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from assessment.model import Rating, VoiceRatings
from assessment.template import WheelTemplate
from assessment.wheel import WedgeState
from plans.documents.plan import ActionStatus

AudienceKind = Literal["family", "team", "partner"]
ContactKind = Literal["lead", "named_person", "partner"]
ChangeKind = Literal[
    "new",
    "done",
    "moved",
    "undated",
    "removed",
    "started",
    "stopped",
    "changed",
    "new_who",
    "new_area",
    "area_changed",
    "removed_area",
    "next_meeting",
    "lead",
]
BaselineBasis = Literal["review", "previous", "chosen"]
"""Why a revision was compared with: the plan at the previous review, the
revision just before, or one the user picked."""


@dataclass(frozen=True)
class Audience:
    """Who a view is for. A partner audience names the organisation as the case spells it."""

    kind: AudienceKind
    organisation: str = ""
    partner_id: str = ""

    @property
    def code(self) -> str:
        """``family``, ``team`` or ``partner:<id or organisation>``, as the CLI takes it."""
        if self.kind != "partner":
            return self.kind
        return f"partner:{self.partner_id or self.organisation}"

    @property
    def is_team(self) -> bool:
        return self.kind == "team"


FAMILY = Audience("family")
TEAM = Audience("team")


@dataclass(frozen=True)
class Header:
    """What every page and the top of the meeting view show."""

    child_name: str
    """The child's first name; for an unborn child the name the parents use, or "Barnet"."""
    title: str
    """"Sofias plan"."""
    revision: int
    saved_on: dt.date
    version_line: str
    """"Version 7, sparad 23 november 2026"."""
    audience_line: str
    """"För familjen" – every copy says who it is for."""
    scope_note: str = ""
    """For a partner: that only its part is shown."""


@dataclass(frozen=True)
class VoiceReading:
    voice: str
    """``child``, ``guardians`` or ``professional``."""
    voice_label: str
    raw: Rating
    state: WedgeState
    text: str
    """"4 av 5 – Ganska bra", "Inte bedömt", "Ville inte svara"."""


@dataclass(frozen=True)
class AreaReading:
    area_id: str
    title: str
    colour: str
    shown: bool
    """False when the audience may not see this area's ratings (a partner's cut)."""
    voices: tuple[VoiceReading, ...]


@dataclass(frozen=True)
class WheelView:
    """The wheel's current readings: the assessment, updated by later reviews."""

    template: WheelTemplate = field(repr=False)
    """The exact template (id and version) the ratings were made with."""
    areas: tuple[AreaReading, ...]
    """Every area of the template, in the template's order."""
    as_of: dt.date | None
    as_of_text: str
    scale_low: str
    scale_high: str
    language_note: str = ""
    """Said when the wheel's words are not in the view's language (no translation)."""

    def ratings(self) -> dict[str, VoiceRatings]:
        """What :func:`assessment.wheel.wheel_wedges` takes; hidden areas stay unrated."""
        result: dict[str, VoiceRatings] = {}
        for area in self.areas:
            if not area.shown:
                continue
            values = {v.voice: v.raw for v in area.voices}
            result[area.area_id] = VoiceRatings(**values)
        return result


@dataclass(frozen=True)
class AreaView:
    """One wellbeing area that has support in the plan, in the child's words."""

    area_id: str
    title: str
    description: str
    colour: str
    child_needs: str
    family_will: str
    professionals_will: str


@dataclass(frozen=True)
class ActionView:
    action_id: str
    what: str
    who: str
    """In plain words: "Lena Holm, Barnavårdscentralen Norra" or "Inte bestämt än"."""
    organisation: str
    by_when: dt.date | None
    when: str
    """"Senast 15 mars 2027" or "Inget datum än"."""
    status: ActionStatus
    status_text: str
    area_id: str | None
    area_title: str
    how_we_know: str
    how_we_know_text: str
    """The how-we-know sentence with its lead-in, or empty."""


@dataclass(frozen=True)
class ContactView:
    kind: ContactKind
    label: str
    """What this person is to the family: "Samverkansansvarig – håller ihop planen"."""
    name: str
    role: str
    organisation: str
    phone: str
    email: str


@dataclass(frozen=True)
class ChangeView:
    kind: ChangeKind
    label: str
    """"Nytt", "Klart", "Flyttat till 15 mars"."""
    subject: str
    """What the change is about, usually the action's own words."""
    action_id: str | None = None
    area_id: str | None = None

    @property
    def text(self) -> str:
        return f"{self.label}: {self.subject}"


@dataclass(frozen=True)
class ChangesView:
    """What changed since the last meeting, shown first."""

    compared_with: int | None
    basis: BaselineBasis | None
    intro: str
    """Which revision this is compared with, or that this is the first version."""
    items: tuple[ChangeView, ...]
    empty_text: str
    """Said when there is a comparison but nothing changed."""


@dataclass(frozen=True)
class AssessedArea:
    area_id: str
    title: str
    voices: tuple[VoiceReading, ...]
    strengths: str
    worries: str
    child_words: str
    guardian_words: str
    observations: str
    infant_signs: str


@dataclass(frozen=True)
class QuestionAnswer:
    question: str
    answer: str


@dataclass(frozen=True)
class ConsentView:
    given_by: tuple[str, ...]
    given_on: dt.date
    given_on_text: str
    given_text: str
    scope: tuple[str, ...]
    child_view: str
    active: bool
    status_text: str


@dataclass(frozen=True)
class RevisionView:
    revision: int
    saved_on: dt.date
    text: str
    saved_by: str
    note: str


@dataclass(frozen=True)
class TeamDetail:
    """Only for the team: never built for the family or a partner."""

    assessed_areas: tuple[AssessedArea, ...]
    risk_factors: tuple[str, ...]
    protective_factors: tuple[str, ...]
    other_risks: str
    other_protection: str
    five_questions: tuple[QuestionAnswer, ...]
    outcome: str
    outcome_note: str
    consent: ConsentView | None
    consent_none_text: str
    internal_notes: str
    history: tuple[RevisionView, ...]
    agenda_title: str = ""
    agenda: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """The next meeting's agenda (plans/caseload/agenda.py): headings with their lines."""


@dataclass(frozen=True)
class PlanView:
    case_id: str
    audience: Audience
    lang: str
    header: Header
    changes: ChangesView
    reasons: str
    wheel: WheelView | None
    areas: tuple[AreaView, ...]
    actions: tuple[ActionView, ...]
    contacts: tuple[ContactView, ...]
    """The lead professional first, then the others the audience may reach."""
    next_meeting: dt.date | None
    next_meeting_text: str
    team: TeamDetail | None = None

    @property
    def lead_professional(self) -> ContactView | None:
        return next((c for c in self.contacts if c.kind == "lead"), None)

    def actions_for_area(self, area_id: str) -> tuple[ActionView, ...]:
        return tuple(a for a in self.actions if a.area_id == area_id)
