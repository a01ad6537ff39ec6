"""The agenda for the next meeting: the professional's first page of the meeting view."""

from __future__ import annotations

import streamlit as st

from app.components.text import escape
from app.context import lang, store, tr
from plans import clock
from plans.caseload.agenda import agenda_sections, build_agenda
from plans.documents.review import ReviewBody
from plans.i18n import format_date
from plans.services import latest_body, read_case_file


def case_agenda_sections(case_id: str) -> tuple[str, list[tuple[str, list[str]]]]:
    s = store()
    file = read_case_file(s, case_id)
    if file.plan is None:
        return "", []
    reviews = [
        body
        for ref in s.documents_of_kind(case_id, "review")
        if (body := latest_body(s, case_id, ref.doc_id, ReviewBody)) is not None
    ]
    agenda = build_agenda(
        file.plan,
        reviews=reviews,
        assessment=file.assessment,
        template=file.template,
        today=clock.today(),
        lang=lang(),
    )
    title = tr("agenda.title", date=format_date(agenda.meeting_on, lang()))
    return title, agenda_sections(agenda, lang())


def agenda_panel(case_id: str) -> None:
    """Shown until the professional switches it off (the family's screen never needs it)."""
    if not st.toggle(
        tr("agenda.show"), value=True, key="meeting_agenda", help=tr("agenda.show_help")
    ):
        return
    title, sections = case_agenda_sections(case_id)
    if not sections:
        return
    with st.container(border=True, key="meeting_agenda_panel"):
        st.subheader(escape(title))
        for heading, lines in sections:
            st.markdown(f"**{escape(heading)}**")
            st.markdown("\n".join(f"{i}. {escape(line)}" for i, line in enumerate(lines, 1)))
