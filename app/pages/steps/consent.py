"""Step 2 – Consent (samtycke): who, when, which organisations, the child's view;
withdrawal is recorded and stops sharing from that day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from app.case_context import CaseContext
from app.components import fields
from app.components.savebar import save_bar
from app.components.text import escape
from app.context import lang, tr
from plans import clock
from plans.documents.consent import scope_entry
from plans.i18n import format_date
from plans.organisations import COMMON_ORGANISATIONS
from plans.sharing import own_organisation


def _blank(ctx: CaseContext) -> dict[str, Any]:
    own = own_organisation(ctx.case)
    return {
        "given_by": [],
        "given_on": clock.today().isoformat(),
        "scope": [scope_entry(own)] if own else [],
        "child_view": "",
        "withdrawn_on": None,
        "withdrawn_note": "",
    }


def _people(ctx: CaseContext) -> list[str]:
    names = [g.name for g in ctx.case.guardians]
    if ctx.case.unborn:
        names += [p.name for p in ctx.case.unborn.expecting_parents]
    if ctx.case.child:
        names.append(ctx.case.child.first_name)
    return [n for n in names if n]


def _organisations(ctx: CaseContext) -> list[str]:
    orgs = [own_organisation(ctx.case), *[p.organisation for p in ctx.case.partners]]
    orgs += [tr(f"organisation.{name}") for name in COMMON_ORGANISATIONS]
    return list(dict.fromkeys(o for o in orgs if o))


def render(ctx: CaseContext) -> None:
    st.header(tr("step.consent"))
    st.caption(tr("consent.intro"))
    draft = ctx.draft("consent", lambda: _blank(ctx))
    withdrawn = draft.get(("withdrawn_on",))
    if withdrawn:
        st.error(
            tr("consent.withdrawn_on", date=format_date(dt.date.fromisoformat(withdrawn), lang())),
            icon=":material/lock:",
        )
    elif ctx.consent and ctx.consent.is_active(ctx.today):
        st.success(
            tr("consent.active", date=format_date(ctx.consent.given_on, lang())),
            icon=":material/check_circle:",
        )
        if ctx.consent.expires_on:
            st.info(
                tr("consent.ends_on", date=format_date(ctx.consent.expires_on, lang())),
                icon=":material/event:",
            )
    elif ctx.consent and ctx.consent.expires_on and ctx.consent.expires_on < ctx.today:
        st.error(
            tr("consent.ended_on", date=format_date(ctx.consent.expires_on, lang())),
            icon=":material/lock:",
        )
    else:
        st.info(tr("consent.none_yet"))
    fields.multiselect(
        draft,
        ("given_by",),
        tr("field.given_by") + " *",
        _people(ctx),
        accept_new_options=True,
        help=tr("consent.given_by_help"),
    )
    cols = st.columns(2)
    with cols[0]:
        fields.date_input(
            draft, ("given_on",), tr("field.given_on") + " *", max_value=clock.today()
        )
    with cols[1]:
        fields.date_input(
            draft, ("expires_on",), tr("field.expires_on"), help=tr("consent.expires_help")
        )
    fields.multiselect(
        draft,
        ("scope",),
        tr("field.scope"),
        _organisations(ctx),
        accept_new_options=True,
        help=tr("consent.scope_help"),
        from_body=lambda entries: [e["name"] for e in entries or [] if isinstance(e, dict)],
        to_body=lambda names: [scope_entry(str(n)) for n in names],
    )
    fields.text_area(
        draft, ("child_view",), tr("field.child_view"), help=tr("consent.child_view_help")
    )
    with st.expander(tr("consent.withdraw_title"), expanded=bool(withdrawn)):
        st.caption(tr("consent.withdraw_help"))
        fields.date_input(
            draft, ("withdrawn_on",), tr("field.withdrawn_on"), max_value=clock.today()
        )
        fields.text_area(draft, ("withdrawn_note",), tr("field.withdrawn_note"), height=80)
        if withdrawn and st.button(tr("consent.new_consent"), key="consent_renew"):
            renewed = {
                **draft.body,
                "withdrawn_on": None,
                "withdrawn_note": "",
                "given_on": clock.today().isoformat(),
            }
            draft.replace(renewed)
            st.rerun()
    st.markdown(escape(tr("consent.anonymous_alternative")))
    save_bar(draft)
