"""The case page: the practice model's steps, one screen each, with a stepper."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app.case_context import CaseContext, load_context
from app.components import restored_drafts
from app.components.stepper import Step, next_step_button, stepper
from app.components.text import escape
from app.context import cases as visible_cases
from app.context import lang, tr
from app.navigation import open_case, page
from app.pages.steps import (
    assessment,
    case_admin,
    child_view,
    consent,
    consultation,
    history,
    notice,
    plan,
    questions,
    review,
    survey,
)
from plans.i18n import format_date
from plans.services import AccessDeniedError
from plans.store import InvalidInputError, NotFoundError

STEPS: dict[str, Callable[[CaseContext], None]] = {
    "notice": notice.render,
    "consent": consent.render,
    "consultation": consultation.render,
    "assessment": assessment.render,
    "questions": questions.render,
    "plan": plan.render,
    "review": review.render,
    "survey": survey.render,
    "history": history.render,
    "case_admin": case_admin.render,
}


def steps_for(ctx: CaseContext) -> list[Step]:
    if ctx.anonymous:
        return [
            Step("notice", bool(ctx.case.notice.what_was_seen)),
            Step("consultation", bool(ctx.case.anonymous and ctx.case.anonymous.advice)),
            Step("history", None),
            Step("case_admin", None),
        ]
    return [
        Step("notice", bool(ctx.case.notice.what_was_seen)),
        Step("consent", ctx.consent is not None),
        Step("assessment", ctx.assessment_complete()),
        Step("questions", bool(ctx.assessment and ctx.assessment.outcome)),
        Step("plan", ctx.plan is not None),
        Step("review", ctx.has_review()),
        Step("survey", None),
        Step("history", None),
        Step("case_admin", None),
    ]


def _choose_case() -> None:
    cases = sorted(visible_cases(), key=lambda c: c.display_name.casefold())
    if not cases:
        st.info(tr("case.none"))
        return
    labels = {c.id: f"{c.display_name or tr(f'case.type.{c.type}')} ({c.id})" for c in cases}
    chosen = st.selectbox(
        tr("case.choose"),
        list(labels),
        format_func=labels.__getitem__,
        index=None,
        placeholder=tr("case.choose_placeholder"),
    )
    if chosen:
        open_case(chosen)


def _header(ctx: CaseContext) -> None:
    title = ctx.case.display_name() or tr(f"case.type.{ctx.case.type.value}")
    st.title(escape(title))
    facts = [tr(f"case.type.{ctx.case.type.value}"), tr(f"case.status.{ctx.case.status.value}")]
    if ctx.case.child:
        facts.append(tr("case.born", date=format_date(ctx.case.child.birth_date, lang())))
    if ctx.case.unborn:
        facts.append(tr("case.expected", date=format_date(ctx.case.unborn.expected_date, lang())))
    if ctx.case.named_person:
        facts.append(tr("case.named_person_is", name=ctx.case.named_person.name))
    st.caption(escape(" · ".join(facts)))
    if ctx.sharing_stopped:
        st.error(tr("consent.withdrawn_banner"), icon=":material/lock:")
    if not ctx.anonymous:
        cols = st.columns(2)
        cols[0].page_link(
            page("meeting"),
            label=tr("case.open_meeting"),
            icon=":material/groups:",
            query_params={"case": ctx.case_id},
        )
        if cols[1].button(
            tr("case.child_view"), icon=":material/child_care:", key="open_child_view"
        ):
            st.session_state[child_view.mode_key(ctx.case_id)] = "child"


def render() -> None:
    case_id = st.query_params.get("case")
    if not case_id:
        st.title(tr("nav.case"))
        _choose_case()
        return
    try:
        ctx = load_context(case_id)
    except AccessDeniedError:
        st.error(tr("auth.no_access"), icon=":material/lock:")
        st.caption(tr("auth.no_access_help"))
        _choose_case()
        return
    except (NotFoundError, InvalidInputError):
        st.error(tr("case.not_found", case_id=escape(case_id)))
        _choose_case()
        return
    _header(ctx)
    restored_drafts.notice(ctx.case_id)
    key = f"step::{ctx.case_id}"
    if st.session_state.get(child_view.mode_key(ctx.case_id)):
        child_view.render(ctx)
        return
    steps = steps_for(ctx)
    chosen = stepper(steps, key)
    st.divider()
    STEPS[chosen](ctx)
    next_step_button(steps, key, chosen)


if __name__ == "__main__":
    render()
