"""Step 4 – the five questions and the outcome (fem frågor, vad händer nu).

The named person answers GIRFEC's five questions in their own words and decides: help
within their own organisation, hand over, or bring partners together. Saved in the
assessment draft, next to the wheel the answers are based on.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from app.case_context import CaseContext
from app.components import fields
from app.components.rating import optional_radio
from app.components.savebar import save_bar
from app.components.text import escape
from app.context import tr
from app.drafts import Draft
from app.pages.steps.assessment import assessment_draft
from assessment.model import FIVE_QUESTIONS, AssessmentBody, Outcome
from assessment.template import WheelTemplate


def _support_hint(draft: Draft, template: WheelTemplate) -> None:
    """Where someone answered that it is hard: a starting point for question one."""
    try:
        body = AssessmentBody.model_validate(draft.body)
    except ValidationError:
        return  # the save bar explains what is wrong; the hint is only a help
    titles = {a.id: a.title for a in template.areas}
    needing = [titles[a] for a in body.areas_needing_support(template)]
    if needing:
        st.info(
            escape(tr("questions.support_areas", areas=", ".join(needing))),
            icon=":material/lightbulb:",
        )
    else:
        st.caption(tr("questions.no_support_areas"))


def _outcome() -> list[str]:
    return [o.value for o in Outcome]


def render(ctx: CaseContext) -> None:
    st.header(tr("step.questions"))
    st.caption(tr("questions.intro"))
    found = assessment_draft(ctx)
    if found is None:
        return
    draft, template = found
    _support_hint(draft, template)
    for question in FIVE_QUESTIONS:
        fields.text_area(
            draft,
            ("five_questions", question),
            tr(f"questions.{question}"),
            help=tr(f"questions.{question}_help"),
            height=110,
        )
    st.subheader(tr("questions.outcome_title"), divider="gray")
    optional_radio(
        draft,
        ("outcome",),
        tr("questions.outcome_label"),
        _outcome(),
        format_func=lambda o: tr(f"outcome.{o}"),
        captions=[tr(f"outcome.{o}_help") for o in _outcome()],
    )
    fields.text_area(draft, ("outcome_note",), tr("questions.outcome_note"), height=90)
    save_bar(draft)
