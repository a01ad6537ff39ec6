"""Step 1 – Notice (uppmärksamma): who noticed, from where, what was seen."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app.case_context import CaseContext
from app.components import fields
from app.components.privacy import anonymous_warnings
from app.components.savebar import save_bar
from app.context import tr
from plans.documents.case import Referrer


def render(ctx: CaseContext) -> None:
    st.header(tr("step.notice"))
    st.caption(tr("notice.intro"))
    draft = ctx.case_draft()
    cols = st.columns(3)
    with cols[0]:
        fields.text_input(draft, ("notice", "noticed_by"), tr("field.noticed_by"))
    with cols[1]:
        fields.text_input(draft, ("notice", "organisation"), tr("field.organisation"))
    with cols[2]:
        fields.select(
            draft,
            ("notice", "referrer"),
            tr("field.referrer"),
            [r.value for r in Referrer],
            format_func=lambda r: tr(f"referrer.{r}"),
        )
    fields.date_input(
        draft, ("notice", "noticed_on"), tr("field.noticed_on"), max_value=dt.date.today()
    )
    seen = fields.text_area(
        draft,
        ("notice", "what_was_seen"),
        tr("field.what_was_seen"),
        help=tr("notice.what_was_seen_help"),
        height=160,
    )
    if ctx.anonymous:
        anonymous_warnings(seen)
    save_bar(draft)
