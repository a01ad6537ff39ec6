"""Step 1 – Notice (uppmärksamma): who noticed, from where, what was seen."""

from __future__ import annotations

import streamlit as st

from app.case_context import CaseContext
from app.components.notice import notice_fields
from app.components.savebar import save_bar
from app.context import tr


def render(ctx: CaseContext) -> None:
    st.header(tr("step.notice"))
    st.caption(tr("notice.intro"))
    draft = ctx.case_draft()
    notice_fields(draft, anonymous=ctx.anonymous, with_date=True, height=160)
    save_bar(draft)
