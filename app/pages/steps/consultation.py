"""For an anonymous consultation: the concern and the team's advice, nothing personal."""

from __future__ import annotations

import streamlit as st

from app.case_context import CaseContext
from app.components import fields
from app.components.privacy import anonymous_warnings
from app.components.savebar import save_bar
from app.context import tr
from plans.documents.case import AgeBand


def render(ctx: CaseContext) -> None:
    st.header(tr("step.consultation"))
    st.info(tr("new_case.anonymous_info"), icon=":material/lock:")
    draft = ctx.case_draft()
    fields.select(
        draft,
        ("anonymous", "age_band"),
        tr("field.age_band"),
        [b.value for b in AgeBand],
        format_func=lambda b: tr(f"age_band.{b}"),
    )
    concern = fields.text_area(draft, ("anonymous", "concern"), tr("field.concern"), height=140)
    advice = fields.text_area(draft, ("anonymous", "advice"), tr("field.advice"), height=140)
    anonymous_warnings(concern + "\n" + advice)
    st.caption(tr("consultation.with_consent_later"))
    save_bar(draft)
