"""The hook for the plain-language check: which texts in a view the family reads.

:func:`texts_to_check` lists every piece of user-written text that reaches
the family (or a partner), each with a label a person understands and the
reader it is written for (``child`` for the child's own words). Team-only
text is never listed: it is not written for the family.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from plans.documents.plan import AREA_PARTS
from plans.i18n import t
from plans.planview.model import PlanView

TextKind = Literal["family", "child"]


@dataclass(frozen=True)
class TextToCheck:
    field: str
    """A stable path, e.g. ``areas.safe.child_needs`` or ``actions.a-2.what``."""
    label: str
    """Where the text is, in the view's language: "Trygg – Det här behöver jag hjälp med"."""
    text: str
    kind: TextKind


Checker = Callable[[TextToCheck, str], bool]
"""``(text, lang) -> True`` when the text needs another look."""


def texts_to_check(view: PlanView) -> list[TextToCheck]:
    lang = view.lang
    found: list[TextToCheck] = []

    def add(field: str, label: str, text: str, kind: TextKind = "family") -> None:
        if text.strip():
            found.append(TextToCheck(field, label, text, kind))

    add("reasons", t("planview.reasons_title", lang), view.reasons)
    for area in view.areas:
        for name, kind in AREA_PARTS:
            label = f"{area.title} – {t(f'words.plan_area.{name}', lang)}"
            add(f"areas.{area.area_id}.{name}", label, getattr(area, name), kind)
    for action in view.actions:
        add(f"actions.{action.action_id}.what", action.what[:60], action.what)
        add(f"actions.{action.action_id}.how_we_know", action.what[:60], action.how_we_know)
    return found


def plain_language_checker(item: TextToCheck, lang: str) -> bool:
    """The project's plain-language check: too hard to read, or anything to fix."""
    from plans.language import check_text, own_words

    report = check_text(item.text, "en" if lang == "en" else "sv", item.kind)
    if item.kind == "child":
        report = own_words(report)  # the child's words are theirs (plan.AREA_PARTS)
    return report.over_target or bool(report.findings)


def needs_language_check(view: PlanView, checker: Checker | None = None) -> bool:
    """Whether any family-facing text would need another look before it is shared."""
    check = checker or plain_language_checker
    return any(check(item, view.lang) for item in texts_to_check(view))
