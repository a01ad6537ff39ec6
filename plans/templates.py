"""The template registry as configured (shipped + HJULET_TEMPLATE_DIRS), loaded once,
and the one rule for which wheel a case is shown with."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from assessment.registry import TemplateRegistry, UnknownTemplateError, load_registry
from assessment.template import WheelTemplate
from plans.settings import get_settings

if TYPE_CHECKING:
    from assessment.model import AssessmentBody
    from plans.documents.case import CaseBody


@lru_cache(maxsize=1)
def registry() -> TemplateRegistry:
    return load_registry(get_settings().template_dirs)


def template(template_id: str, version: str | None = None) -> WheelTemplate:
    return registry().get(template_id, version)


def case_template(case: CaseBody, assessment: AssessmentBody | None) -> WheelTemplate | None:
    """The wheel a case is shown with, everywhere (case page, meeting view, PDF): the exact
    template the assessment was made with, else that template's latest version, else the
    case's template; None when none of them is installed any more."""
    wanted: list[tuple[str, str | None]] = []
    if assessment is not None:
        wanted += [(assessment.template_id, assessment.template_version)]
        wanted += [(assessment.template_id, None)]
    wanted += [(case.template_id, None)]
    for template_id, version in wanted:
        try:
            return registry().get(template_id, version)
        except UnknownTemplateError:
            continue
    return None
