"""The plan view: one computed picture of a child's plan per audience (family,
team, partner:ORG), rendered by both the app's meeting view and the PDF so the
two can never disagree. Never imports streamlit."""

from plans.planview.audience import parse_audience
from plans.planview.build import build_plan_view, current_readings, view_from_documents
from plans.planview.documents import Baseline, CaseDocuments, load_documents
from plans.planview.errors import (
    InvalidAudienceError,
    NoPlanForCaseError,
    PlanNotFoundError,
    PlanViewError,
)
from plans.planview.language import (
    Checker,
    TextToCheck,
    needs_language_check,
    plain_language_checker,
    texts_to_check,
)
from plans.planview.model import (
    FAMILY,
    TEAM,
    ActionView,
    AreaReading,
    AreaView,
    AssessedArea,
    Audience,
    ChangesView,
    ChangeView,
    ConsentView,
    ContactView,
    Header,
    PlanView,
    QuestionAnswer,
    RevisionView,
    TeamDetail,
    VoiceReading,
    WheelView,
)

__all__ = [
    "FAMILY",
    "TEAM",
    "ActionView",
    "AreaReading",
    "AreaView",
    "AssessedArea",
    "Audience",
    "Baseline",
    "CaseDocuments",
    "ChangeView",
    "ChangesView",
    "Checker",
    "ConsentView",
    "ContactView",
    "Header",
    "InvalidAudienceError",
    "NoPlanForCaseError",
    "PlanNotFoundError",
    "PlanView",
    "PlanViewError",
    "QuestionAnswer",
    "RevisionView",
    "TeamDetail",
    "TextToCheck",
    "VoiceReading",
    "WheelView",
    "build_plan_view",
    "current_readings",
    "load_documents",
    "needs_language_check",
    "parse_audience",
    "plain_language_checker",
    "texts_to_check",
    "view_from_documents",
]
