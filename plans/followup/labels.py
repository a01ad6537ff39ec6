"""Words for the codes a report counts, in the reader's language.

Fixed categories (age band, gender, referrer) and the survey come from the i18n
catalogues; wheel areas, risk and protective factors and interventions are
template data, so their words come from the wheel templates. An unknown code is
shown as itself rather than hidden: a count without a word is still a count.
"""

from __future__ import annotations

from functools import lru_cache

from plans.documents.survey import QUESTIONS, scale_name
from plans.i18n import has, t

_TEMPLATE_BREAKDOWNS = ("by_area", "by_risk_factor", "by_protective_factor", "by_intervention")


@lru_cache(maxsize=4)
def _template_words(lang: str) -> dict[str, dict[str, str]]:
    from plans.templates import registry

    words: dict[str, dict[str, str]] = {name: {} for name in _TEMPLATE_BREAKDOWNS}
    reg = registry()
    # Later updates win: templates in the reader's language over others, newer
    # versions over older; other languages only fill ids nobody else names.
    templates = sorted(
        reg.templates.values(),
        key=lambda tpl: (tpl.language == lang, tuple(int(p) for p in tpl.version.split("."))),
    )
    for tpl in templates:
        words["by_area"].update({a.id: a.title for a in tpl.areas})
        words["by_risk_factor"].update({e.id: e.label for e in tpl.risk_factors})
        words["by_protective_factor"].update({e.id: e.label for e in tpl.protective_factors})
        words["by_intervention"].update({e.id: e.label for e in tpl.interventions})
    return words


def category_label(breakdown: str, code: str, lang: str = "sv") -> str:
    """``category_label("by_referrer", "bvc", "sv")`` -> ``"BVC (barnavårdscentral)"``."""
    if breakdown in _TEMPLATE_BREAKDOWNS:
        return _template_words(lang)[breakdown].get(code, code)
    key = f"followup.{breakdown.removeprefix('by_')}.{code}"
    return t(key, lang) if has(key, lang) or has(key, "sv") else code


def row_label(key: str, lang: str = "sv") -> str:
    """Headline rows and section titles: ``followup.row.<key>``."""
    return t(f"followup.row.{key}", lang)


def question_label(question: str, lang: str = "sv") -> str:
    return t(f"survey.short.{question}", lang)


def answer_label(question: str, code: str, lang: str = "sv") -> str:
    if question not in QUESTIONS:
        return code
    return t(f"survey.scale.{scale_name(question)}.{code}", lang)


def respondent_label(code: str, lang: str = "sv") -> str:
    return t(f"survey.respondent.{code}", lang)
