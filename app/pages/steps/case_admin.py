"""Case details: correct the child's details, the family, who holds the case, the team,
gender and SIP; record that an expected child is born; close with a reason; reopen.

Corrections are the case draft (shared with the Notice step) saved through the save
bar; the birth, closing and reopening are their own services and start from the
saved case, so they wait until the draft's changes are saved or undone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st
from pydantic import ValidationError

from app.case_context import CaseContext
from app.components import fields
from app.components.savebar import save_bar
from app.components.text import escape
from app.context import fixed_labels, lang, service_context, store, tr
from app.drafts import Draft, drop_draft
from app.validation import messages, rule_messages
from plans import clock
from plans.documents.case import CaseStatus, CaseType, CloseReason, Gender
from plans.documents.common import Contact
from plans.i18n import format_date
from plans.organisations import COMMON_ORGANISATIONS
from plans.pdf.handover import handover_pdf
from plans.planview import build_plan_view
from plans.planview.errors import NoPlanForCaseError
from plans.services import RuleError, close_case, record_birth, reopen_case
from plans.services.handover import hand_over, suggested_transition
from plans.store import ConflictError, InvalidInputError

FLASH = "case_admin::flash::"
HANDED = "case_admin::handed::"


def _people(
    draft: Draft, path: tuple[str, ...], label: str, add_label: str, *, relation: bool
) -> None:
    """A list of people (guardians, expecting parents): one row each, add and remove."""
    st.markdown(f"**{escape(label)}**")
    people: list[Any] = list(draft.get(path) or [])
    for index, person in enumerate(people):
        cols = st.columns([3, 2, 2, 3, 1], vertical_alignment="bottom")
        with cols[0]:
            fields.text_input(draft, (*path, index, "name"), tr("field.name"), max_chars=120)
        with cols[1]:
            if relation:
                fields.text_input(draft, (*path, index, "relation"), tr("field.relation"))
            else:
                fields.text_input(draft, (*path, index, "role"), tr("field.role"))
        with cols[2]:
            fields.text_input(draft, (*path, index, "phone"), tr("field.phone"), max_chars=30)
        with cols[3]:
            fields.text_input(draft, (*path, index, "email"), tr("field.email"))
        name = str((person or {}).get("name") or "") or tr("case_admin.person_unnamed")
        if cols[4].button(
            ":material/delete:",
            key=f"remove::{draft.key}::{'.'.join(path)}::{index}",
            help=tr("case_admin.remove_person", name=name),
        ):
            body = draft.body
            node: Any = body
            for part in path:
                node = node[part]
            del node[index]
            draft.replace(body)
            st.rerun()
    if len(people) < 6 and st.button(
        add_label, icon=":material/person_add:", key=f"add::{draft.key}::{'.'.join(path)}"
    ):
        draft.set((*path, len(people)), {"name": ""})
        draft.replace(draft.body)
        st.rerun()


def _contact(draft: Draft, who: str, label: str) -> None:
    st.markdown(f"**{escape(label)}**")
    cols = st.columns(4)
    with cols[0]:
        fields.text_input(draft, (who, "name"), tr("field.name"), max_chars=120)
    with cols[1]:
        fields.text_input(draft, (who, "role"), tr("field.role"))
    with cols[2]:
        fields.text_input(draft, (who, "organisation"), tr("field.organisation"))
    with cols[3]:
        fields.text_input(draft, (who, "phone"), tr("field.phone"), max_chars=30)


def _gender(draft: Draft) -> None:
    options = ["", *[g.value for g in Gender]]
    key = draft.widget_key(("gender",))
    if key not in st.session_state:
        st.session_state[key] = draft.get(("gender",)) or ""

    def keep() -> None:
        draft.set(("gender",), st.session_state[key] or None)

    st.selectbox(
        tr("field.gender"),
        options,
        key=key,
        format_func=fixed_labels(options, lambda g: tr(f"gender.{g or 'not_given'}")),
        on_change=keep,
        placeholder=tr("common.choose"),
    )


def _details(ctx: CaseContext, draft: Draft) -> None:
    today = clock.today()
    if ctx.case.type is CaseType.CHILD:
        st.subheader(tr("case_admin.details"))
        cols = st.columns(3)
        with cols[0]:
            fields.text_input(draft, ("child", "first_name"), tr("field.first_name") + " *")
        with cols[1]:
            fields.text_input(draft, ("child", "last_name"), tr("field.last_name"))
        with cols[2]:
            fields.date_input(
                draft,
                ("child", "birth_date"),
                tr("field.birth_date") + " *",
                min_value=today - dt.timedelta(days=25 * 365),
                max_value=today,
            )
    elif ctx.case.type is CaseType.UNBORN:
        st.subheader(tr("case_admin.unborn_details"))
        halves = st.columns(2)
        with halves[0]:
            fields.date_input(
                draft,
                ("unborn", "expected_date"),
                tr("field.expected_date") + " *",
                min_value=today - dt.timedelta(days=60),
                max_value=today + dt.timedelta(days=300),
            )
        with halves[1]:
            fields.text_input(draft, ("unborn", "child_name"), tr("field.child_name"))
    if ctx.case.type is not CaseType.ANONYMOUS:
        _gender(draft)
        st.subheader(tr("case_admin.people"))
        if ctx.case.type is CaseType.UNBORN:
            _people(
                draft,
                ("unborn", "expecting_parents"),
                tr("field.expecting_parents"),
                tr("case_admin.add_parent"),
                relation=False,
            )
        _people(
            draft,
            ("guardians",),
            tr("field.guardians"),
            tr("case_admin.add_guardian"),
            relation=True,
        )
    st.subheader(tr("case_admin.professionals"))
    fields.text_input(draft, ("team",), tr("field.team"))
    if ctx.case.type is not CaseType.ANONYMOUS:
        _contact(draft, "named_person", tr("field.named_person"))
        _contact(draft, "lead_professional", tr("field.lead_professional"))
        if fields.checkbox(draft, ("coordinated_plan",), tr("case_admin.sip")):
            fields.date_input(
                draft,
                ("coordinated_plan_on",),
                tr("case_admin.sip_on"),
                min_value=ctx.case.raised_on,
                max_value=today,
            )
    save_bar(draft, key="case_admin")


def _after(ctx: CaseContext, message: str) -> None:
    """The case changed outside the draft: start the draft again from the saved case."""
    drop_draft(ctx.case_id, "case")
    st.session_state[FLASH + ctx.case_id] = message
    st.rerun()


def _go_to_step(case_id: str, step: str) -> None:
    # A callback runs before the stepper exists in the next run, so it may move it.
    st.session_state[f"step::{case_id}"] = step


def _run(ctx: CaseContext, action: Any, message: str) -> None:
    try:
        action()
    except RuleError as exc:
        for line in rule_messages(exc, lang()):
            st.error(escape(line))
        return
    except ConflictError:
        st.error(tr("case_admin.save_first"))
        return
    _after(ctx, message)


def _birth(ctx: CaseContext, dirty: bool) -> None:
    st.subheader(tr("case_admin.born_title"))
    st.caption(tr("case_admin.born_intro"))
    unborn = ctx.case.unborn
    with st.form(f"born::{ctx.case_id}"):
        cols = st.columns(3)
        first = cols[0].text_input(
            tr("field.first_name") + " *",
            value=unborn.child_name if unborn else "",
            max_chars=120,
            key=f"born_first::{ctx.case_id}",
        )
        last = cols[1].text_input(
            tr("field.last_name"), max_chars=120, key=f"born_last::{ctx.case_id}"
        )
        born_on = cols[2].date_input(
            tr("field.birth_date") + " *",
            value=clock.today(),
            min_value=clock.today() - dt.timedelta(days=365),
            max_value=clock.today(),
            format="YYYY-MM-DD",
            key=f"born_on::{ctx.case_id}",
        )
        if st.form_submit_button(tr("case_admin.born_button"), type="primary"):
            if dirty:
                st.warning(tr("case_admin.save_first"))
                return
            _run(
                ctx,
                lambda: record_birth(
                    service_context(),
                    ctx.case_id,
                    birth_date=born_on if isinstance(born_on, dt.date) else clock.today(),
                    first_name=first,
                    last_name=last,
                    base_revision=ctx.case_env.revision,
                ),
                tr("case_admin.born_done"),
            )


def _close_or_reopen(ctx: CaseContext, dirty: bool) -> None:
    if ctx.case.status is CaseStatus.CLOSED:
        reason = ctx.case.closed_reason
        st.info(
            tr(
                "case_admin.closed_info",
                date=format_date(ctx.case.closed_on, lang()),
                reason=tr(f"case_admin.reason.{reason.value}") if reason else tr("common.none"),
            )
        )
        if st.button(tr("case_admin.reopen_button"), key=f"reopen::{ctx.case_id}"):
            if dirty:
                st.warning(tr("case_admin.save_first"))
                return
            _run(
                ctx,
                lambda: reopen_case(
                    service_context(), ctx.case_id, base_revision=ctx.case_env.revision
                ),
                tr("case_admin.reopened_done"),
            )
        return
    st.subheader(tr("case_admin.close_title"))
    st.caption(tr("case_admin.close_intro"))
    if not ctx.anonymous and ctx.plan is not None:
        st.button(
            tr("case_admin.final_review"),
            icon=":material/event:",
            key=f"final::{ctx.case_id}",
            on_click=_go_to_step,
            args=(ctx.case_id, "review"),
        )
    reasons = [r.value for r in CloseReason]
    with st.form(f"close::{ctx.case_id}"):
        chosen: str | None = st.radio(
            tr("case_admin.close_reason"),
            reasons,
            format_func=fixed_labels(reasons, lambda r: tr(f"case_admin.reason.{r}")),
            index=None,
        )
        note = st.text_input(tr("case_admin.close_note"), max_chars=500)
        if st.form_submit_button(tr("case_admin.close_button")):
            if dirty:
                st.warning(tr("case_admin.save_first"))
                return
            if chosen is None:
                st.error(tr("case_admin.close_reason"))
                return
            _run(
                ctx,
                lambda: close_case(
                    service_context(),
                    ctx.case_id,
                    CloseReason(chosen),
                    base_revision=ctx.case_env.revision,
                    note=note,
                ),
                tr("case_admin.closed_done"),
            )


def _handover(ctx: CaseContext, dirty: bool) -> None:
    st.subheader(tr("handover.title"))
    st.caption(tr("handover.intro"))
    step = suggested_transition(ctx.case, service_context())
    if step is not None:
        st.info(
            tr(
                "handover.suggested",
                role=tr(f"caseload.role.{step.to_role.value}"),
                date=format_date(step.on, lang()),
            ),
            icon=":material/swap_horiz:",
        )
    else:
        st.caption(tr("handover.none_suggested"))
    organisations = list(COMMON_ORGANISATIONS)
    with st.form(f"handover::{ctx.case_id}"):
        cols = st.columns(3)
        name = cols[0].text_input(
            tr("handover.to_name"), max_chars=120, key=f"ho_name::{ctx.case_id}"
        )
        role = cols[1].text_input(tr("handover.to_role"), key=f"ho_role::{ctx.case_id}")
        email = st.text_input(
            tr("field.email"), help=tr("handover.email_help"), key=f"ho_email::{ctx.case_id}"
        )
        organisation = cols[2].selectbox(
            tr("handover.to_organisation"),
            organisations,
            format_func=fixed_labels(organisations, lambda o: tr(f"organisation.{o}")),
            accept_new_options=True,
            index=None,
            key=f"ho_org::{ctx.case_id}",
            placeholder=tr("common.choose"),
        )
        note = st.text_input(
            tr("handover.note_label"), max_chars=500, key=f"ho_note::{ctx.case_id}"
        )
        if st.form_submit_button(tr("handover.button"), type="primary"):
            if dirty:
                st.warning(tr("case_admin.save_first"))
                return
            try:
                receiver = Contact(
                    name=name, role=role, organisation=str(organisation or ""), email=email
                )
                result = hand_over(
                    service_context(),
                    ctx.case_id,
                    to=receiver,
                    to_role=step.to_role if step else None,
                    note=note,
                    base_revision=ctx.case_env.revision,
                    lang=lang(),
                )
            except ValidationError as exc:
                for line in messages(exc, lang()):
                    st.error(escape(line))
                return
            except (RuleError, InvalidInputError) as exc:
                lines = rule_messages(exc, lang()) if isinstance(exc, RuleError) else [str(exc)]
                for line in lines:
                    st.error(escape(line))
                return
            except ConflictError:
                st.error(tr("case_admin.save_first"))
                return
            st.session_state[HANDED + ctx.case_id] = result
            _after(ctx, tr("handover.done", name=result.handover.to_person.name))
    _handover_download(ctx)
    if ctx.case.handovers:
        st.markdown(f"**{escape(tr('handover.history'))}**")
        for record in reversed(ctx.case.handovers):
            line = tr(
                "handover.history_line",
                date=format_date(record.on, lang()),
                from_name=record.from_person.name if record.from_person else "–",
                to_name=", ".join(
                    p for p in (record.to_person.name, record.to_person.organisation) if p
                ),
            )
            st.markdown(f"- {escape(line)}")


def _handover_download(ctx: CaseContext) -> None:
    """The summary for the person who took over, built only when clicked."""
    result = st.session_state.get(HANDED + ctx.case_id)
    if result is None:
        return
    try:
        view = build_plan_view(store(), ctx.case_id, audience="team", lang=lang())
    except NoPlanForCaseError:
        st.caption(tr("handover.no_plan_pdf"))
        return
    name = result.handover.to_person.name
    st.download_button(
        tr("handover.download", name=name),
        data=lambda: handover_pdf(
            view, result.handover, consent_covers=result.consent_covers_receiver
        ),
        file_name=f"{ctx.case_id}-handover-{result.handover.on.isoformat()}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        key=f"ho_pdf::{ctx.case_id}",
    )


def render(ctx: CaseContext) -> None:
    st.header(tr("step.case_admin"))
    flash = st.session_state.pop(FLASH + ctx.case_id, None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    st.caption(tr("case_admin.intro"))
    draft = ctx.case_draft()
    _details(ctx, draft)
    st.divider()
    if ctx.case.type is CaseType.UNBORN and ctx.case.status is CaseStatus.OPEN:
        _birth(ctx, draft.dirty)
        st.divider()
    if not ctx.anonymous and ctx.case.status is CaseStatus.OPEN:
        _handover(ctx, draft.dirty)
        st.divider()
    _close_or_reopen(ctx, draft.dirty)
