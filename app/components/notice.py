"""The notice fields (uppmärksamma): who noticed, from where, what was seen.

Used when a case is created and on the case's Notice step, so both ask alike.
"""

from __future__ import annotations

import streamlit as st

from app.components import fields
from app.components.privacy import anonymous_warnings
from app.context import tr
from app.drafts import Draft
from plans import clock
from plans.documents.case import Referrer


def notice_fields(draft: Draft, *, anonymous: bool, with_date: bool, height: int = 100) -> None:
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
    if with_date:
        fields.date_input(
            draft, ("notice", "noticed_on"), tr("field.noticed_on"), max_value=clock.today()
        )
    seen = fields.text_area(
        draft,
        ("notice", "what_was_seen"),
        tr("field.what_was_seen"),
        help=tr("notice.what_was_seen_help"),
        height=height,
    )
    if anonymous:
        anonymous_warnings(seen)
