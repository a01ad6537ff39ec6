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


def template_in_language(wheel: WheelTemplate, lang: str) -> tuple[WheelTemplate, bool]:
    """``wheel`` in the words of its translation into ``lang``, which the template
    declares (``translations = { en = "girfec-en" }``) and matches by area id.

    Returns the wheel and whether all its words are in ``lang``; without a
    translation (or with one that lacks some areas) the original words stay, so a
    caller can say so."""
    if wheel.language == lang:
        return wheel, True
    translation_id = wheel.translations.get(lang)
    if translation_id is None:
        return wheel, False
    try:
        translation = registry().get(translation_id)
    except UnknownTemplateError:
        return wheel, False
    return wheel.in_words_of(translation)
