"""Every kind of document Hjulet stores, with its body model and schema version."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from assessment.model import AssessmentBody
from plans.documents.case import CaseBody
from plans.documents.consent import ConsentBody
from plans.documents.plan import PlanBody
from plans.documents.review import ReviewBody
from plans.documents.survey import SurveyBody


@dataclass(frozen=True)
class Kind:
    name: str
    body: type[BaseModel]
    schema_version: int
    singleton: bool
    """One document of this kind per case (its id is the kind's name)."""


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("case", CaseBody, 1, True),
        Kind("consent", ConsentBody, 2, True),
        Kind("assessment", AssessmentBody, 2, True),
        Kind("plan", PlanBody, 2, True),
        Kind("review", ReviewBody, 1, False),
        Kind("survey", SurveyBody, 1, False),
    )
}


def kind(name: str) -> Kind:
    try:
        return KINDS[name]
    except KeyError:
        raise ValueError(f"unknown document kind '{name}'") from None
