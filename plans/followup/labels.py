"""Words for the codes a report counts, in the reader's language.

Fixed categories (age band, gender, referrer) and the survey come from the i18n
catalogues; wheel areas, risk and protective factors and interventions are
template data, so their words come from the wheel templates. An unknown code is
shown as itself rather than hidden: a count without a word is still a count.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from assessment.template import Area, CatalogueEntry
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


@lru_cache(maxsize=1)
def _template_order() -> dict[str, dict[str, int]]:
    """Where each code first appears in the templates of the default language: the
    wheel's own order reads better than the alphabet of codes."""
    from plans.settings import get_settings
    from plans.templates import registry

    order: dict[str, dict[str, int]] = {name: {} for name in _TEMPLATE_BREAKDOWNS}
    for tpl in registry().for_language(get_settings().default_language):
        lists: dict[str, Sequence[Area | CatalogueEntry]] = {
            "by_area": tpl.areas,
            "by_risk_factor": tpl.risk_factors,
            "by_protective_factor": tpl.protective_factors,
            "by_intervention": tpl.interventions,
        }
        for name, items in lists.items():
            for item in items:
                order[name].setdefault(item.id, len(order[name]))
    return order


def category_sort_key(breakdown: str, code: str) -> tuple[int, str]:
    """Template order first; codes no template names come last, alphabetically."""
    position = _template_order().get(breakdown, {}).get(code)
    return (position if position is not None else 1_000_000, code)


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
