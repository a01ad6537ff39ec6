"""Step – the family survey (enkät till familjen): eight short questions after a meeting.

The child and each guardian answer on a form of their own. The family may answer
anonymously to the team: then the answers are kept apart from the case (team, month and
coded answers only; ``plans.services.surveys``), counted in the follow-up, and nothing in
the case says that they exist. Answers the family chooses to share become a ``survey``
document of the case. After a save the form starts empty for the next person, so one
person's answers are never left on the screen for the next.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app.case_context import CaseContext
from app.components import fields
from app.components.savebar import save_bar, show_problems, validation_problems
from app.components.text import escape, labelled
from app.context import lang, service_context, tr
from app.drafts import Draft, drop_draft
from app.validation import rule_messages
from plans import clock
from plans.documents.common import new_id
from plans.documents.survey import (
    FREE_TEXT_QUESTION,
    QUESTIONS,
    Change,
    Respondent,
    SurveyBody,
    scale_name,
)
from plans.i18n import format_date
from plans.services import RuleError
from plans.services.surveys import record_anonymous_survey
from plans.store import Envelope

NO_ANSWER = "no_answer"
"""The radio choice for 'rather not say / don't know'; stored as no answer (None)."""
RESPONDENTS = [r.value for r in Respondent]


def _new_key(ctx: CaseContext) -> str:
    return f"survey_new::{ctx.case_id}"


def _flash_key(ctx: CaseContext) -> str:
    return f"survey_saved::{ctx.case_id}"


def blank_survey() -> dict[str, Any]:
    """A new answer sheet: nobody chosen yet, anonymous unless the family says otherwise."""
    body: dict[str, Any] = {
        "respondent": None,
        "anonymous": True,
        "answered_on": clock.today().isoformat(),
    }
    body.update({question: None for question in QUESTIONS})
    body[FREE_TEXT_QUESTION] = ""
    return body


def earlier_surveys(ctx: CaseContext) -> list[tuple[Envelope, SurveyBody]]:
    """The answers the family shared with the team. (An anonymous sheet an older version
    kept in the case is left out until ``hjulet run`` moves it out.)"""
    found = []
    for ref in ctx.store.documents_of_kind(ctx.case_id, "survey"):
        env = ctx.store.load(ctx.case_id, ref.doc_id)
        body = env.body_as(SurveyBody)
        if not body.anonymous:
            found.append((env, body))
    return sorted(found, key=lambda pair: (pair[1].answered_on, pair[0].saved_at), reverse=True)


def _earlier(ctx: CaseContext) -> None:
    surveys = earlier_surveys(ctx)
    st.subheader(tr("survey_app.earlier_title", count=len(surveys)))
    if not surveys:
        st.caption(tr("survey_app.none_earlier"))
        return
    st.caption(tr("survey_apart.earlier_intro"))
    rows = [
        {
            tr("survey_app.col_answered_on"): format_date(body.answered_on, lang()),
            tr("survey_app.col_respondent"): tr(f"survey.respondent.{body.respondent.value}"),
        }
        for _, body in surveys
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, key=f"survey_list::{ctx.case_id}")
    for env, body in surveys:
        _shared_answers(env, body)


def _shared_answers(env: Envelope, body: SurveyBody) -> None:
    title = tr(
        "survey_app.shared_title",
        respondent=tr(f"survey.respondent.{body.respondent.value}"),
        date=format_date(body.answered_on, lang()),
    )
    with st.expander(title, icon=":material/visibility:"):
        role = body.respondent.value
        for question in QUESTIONS:
            value = getattr(body, question)
            answer = (
                tr(f"survey.scale.{scale_name(question)}.{value.value}")
                if value is not None
                else tr("survey_app.not_answered")
            )
            st.markdown(
                f"**{escape(tr(f'survey.question.{question}.{role}'))}**  \n{escape(answer)}"
            )
        labelled(tr(f"survey.question.{FREE_TEXT_QUESTION}.{role}"), body.do_better)
        st.caption(tr("survey_app.version", revision=env.revision))


# --- the form -------------------------------------------------------------------------


def _write_choice(draft: Draft, path: tuple[str, ...], key: str) -> None:
    value = st.session_state[key]
    draft.set(path, None if value == NO_ANSWER else value)
    if path == ("situation_change",) and not _improved(draft):
        # "How much did our help matter" is only asked when things got better.
        draft.set(("help_mattered",), None)
        st.session_state.pop(draft.widget_key(("help_mattered",)), None)


def _improved(draft: Draft) -> bool:
    value = draft.get(("situation_change",))
    return value is not None and Change(value).improved


def _choice(
    draft: Draft,
    path: tuple[str, ...],
    label: str,
    options: list[str],
    format_func: Any,
    *,
    disabled: bool = False,
    help: str | None = None,
) -> str | None:
    """A radio with nothing chosen until the person chooses: never a silent first answer."""
    key = draft.widget_key(path)
    current = draft.get(path)
    if key not in st.session_state and current in options:
        st.session_state[key] = current
    extra: dict[str, Any] = {} if key in st.session_state else {"index": None}
    # Side by side, a scale reads from one end to the other as on a paper form.
    value = st.radio(
        label,
        options,
        key=key,
        format_func=format_func,
        horizontal=True,
        disabled=disabled,
        help=help,
        on_change=_write_choice,
        args=(draft, path, key),
        **extra,
    )
    return None if value in (None, NO_ANSWER) else str(value)


def _answer_format(question: str) -> Any:
    scale = scale_name(question)

    def fmt(code: str) -> str:
        return tr("survey.no_answer") if code == NO_ANSWER else tr(f"survey.scale.{scale}.{code}")

    return fmt


def _question(draft: Draft, number: int, question: str, role: str) -> None:
    options = [str(member.value) for member in QUESTIONS[question]] + [NO_ANSWER]
    locked = question == "help_mattered" and not _improved(draft)
    _choice(
        draft,
        (question,),
        f"{number}. {tr(f'survey.question.{question}.{role}')}",
        options,
        _answer_format(question),
        disabled=locked,
        help=tr("survey.help_mattered_only_if_better") if question == "help_mattered" else None,
    )
    if locked:
        st.caption(tr("survey.help_mattered_only_if_better"))


def _form(draft: Draft) -> bool:
    """The answer sheet; False while nobody is chosen as the one answering."""
    role = _choice(
        draft,
        ("respondent",),
        tr("survey.respondent_question"),
        RESPONDENTS,
        lambda code: tr(f"survey.respondent.{code}"),
        help=tr("survey_app.respondent_help"),
    )
    if role is None:
        st.info(tr("survey_app.choose_respondent"))
        return False
    fields.checkbox(draft, ("anonymous",), tr("survey.anonymous"))
    with st.columns([1, 3])[0]:
        fields.date_input(
            draft, ("answered_on",), tr("survey.answered_on"), max_value=clock.today()
        )
    st.markdown(f"**{escape(tr('survey.title'))}**  \n{escape(tr('survey.intro'))}")
    for number, question in enumerate(QUESTIONS, start=1):
        _question(draft, number, question, role)
    anonymous = bool(draft.get(("anonymous",)))
    fields.text_area(
        draft,
        (FREE_TEXT_QUESTION,),
        f"{len(QUESTIONS) + 1}. {tr(f'survey.question.{FREE_TEXT_QUESTION}.{role}')}",
        help=tr("survey_app.do_better_help"),
        disabled=anonymous,
    )
    if anonymous:
        # Free text can name the family; anonymous answers keep only the coded choices.
        st.caption(tr("survey_apart.free_text_shared_only"))
    return True


def _save_anonymously(ctx: CaseContext, draft: Draft) -> None:
    """Anonymous answers never become a document of the case: one button, no note, no
    version, kept apart (team, month, coded answers)."""
    if not st.button(
        tr("survey_apart.save_button"), type="primary", key=f"survey_anon::{draft.doc_id}"
    ):
        return
    problems = validation_problems(draft)
    if problems:
        show_problems(problems)
        return
    body = SurveyBody.model_validate({**draft.body, FREE_TEXT_QUESTION: ""})
    try:
        record_anonymous_survey(service_context(), ctx.case_id, body)
    except RuleError as exc:
        show_problems(rule_messages(exc, lang()))
        return
    _on_saved(ctx, draft)
    st.rerun()


def _on_saved(ctx: CaseContext, draft: Draft) -> None:
    anonymous = bool(draft.get(("anonymous",)))
    st.session_state[_flash_key(ctx)] = tr(
        "survey_apart.saved" if anonymous else "survey_app.saved"
    )
    # The next person gets an empty form under a new document id.
    st.session_state.pop(_new_key(ctx), None)
    drop_draft(ctx.case_id, draft.doc_id)


def render(ctx: CaseContext) -> None:
    st.header(tr("step.survey"))
    st.caption(tr("survey_app.intro"))
    flash = st.session_state.pop(_flash_key(ctx), None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    doc_id = st.session_state.setdefault(_new_key(ctx), new_id("sur"))
    draft = ctx.draft("survey", blank_survey, doc_id=doc_id)
    with st.container(border=True):
        st.subheader(tr("survey_app.new_title"), anchor=False)
        ready = _form(draft)
    if ready and draft.get(("anonymous",)):
        _save_anonymously(ctx, draft)
    elif ready:
        save_bar(draft, key=f"survey_save::{doc_id}", on_saved=lambda _env: _on_saved(ctx, draft))
    st.divider()
    _earlier(ctx)
