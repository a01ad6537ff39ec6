"""Partners to the plan, each with a named contact, kept in the CASE document.

The secrecy rule lives in ``plans.sharing.may_share_with``: without active consent
nobody outside the named person's own organisation may be brought in, and with
consent only the organisations it names. A refusal is explained in plain words, and
after consent is withdrawn every partner it stopped is marked as such.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st
from pydantic import ValidationError

from app.components import fields
from app.components.stepper import go_to
from app.components.text import escape
from app.context import lang, tr
from app.drafts import Draft
from app.validation import messages
from plans.documents.case import CaseBody
from plans.documents.common import Contact, new_id
from plans.documents.consent import ConsentBody
from plans.i18n import format_date
from plans.organisations import organisation_id
from plans.sharing import may_share_with, own_organisation, sharing_stopped

_CONTACT_FIELDS = ("name", "role", "phone", "email")


def partner_id(organisation: str, taken: set[str]) -> str:
    """A readable id from the organisation's name ("socialtjansten"), unique in the case."""
    base = organisation_id(organisation)
    if len(base) < 3:
        base = new_id("p")
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def refusal(case: CaseBody, consent: ConsentBody | None, organisation: str) -> str | None:
    """Why ``organisation`` may not take part, in plain words; None when it may."""
    if may_share_with(case, consent, organisation):
        return None
    own = own_organisation(case)
    if consent is None:
        key = "partner.refused_no_consent" if own else "partner.refused_no_consent_no_own"
        return tr(key, organisation=organisation, own=own)
    if sharing_stopped(consent):
        day = format_date(consent.withdrawn_on, lang())
        return tr("partner.refused_withdrawn", organisation=organisation, date=day)
    if not consent.is_active():
        return tr("partner.refused_not_active", organisation=organisation)
    return tr("partner.refused_not_in_scope", organisation=organisation)


def _form_key(draft: Draft, name: str) -> str:
    return f"partner_add::{draft.key}::{name}"


def _feedback(draft: Draft, kind: str, markdown: str) -> None:
    """Remember the outcome of the last Add for display; ``markdown`` is already escaped."""
    st.session_state[_form_key(draft, "feedback")] = (kind, markdown)


def _add(draft: Draft, case: CaseBody, consent: ConsentBody | None) -> None:
    """Form callback: check the rule, then add; the typed values stay when refused."""
    value = {
        f: str(st.session_state.get(_form_key(draft, f)) or "").strip()
        for f in ("organisation", *_CONTACT_FIELDS)
    }
    organisation = value["organisation"]
    if not organisation or not value["name"]:
        _feedback(draft, "warning", escape(tr("partner.missing")))
        return
    partners: list[dict[str, Any]] = list(draft.get(("partners",)) or [])
    if any(p.get("organisation", "").casefold() == organisation.casefold() for p in partners):
        _feedback(draft, "warning", escape(tr("partner.duplicate", organisation=organisation)))
        return
    reason = refusal(case, consent, organisation)
    if reason:
        _feedback(draft, "error", escape(reason))
        return
    try:
        contact = Contact(
            organisation=organisation, **{f: value[f] for f in _CONTACT_FIELDS}
        ).model_dump(mode="json")
    except ValidationError as exc:
        _feedback(draft, "warning", "\n".join(f"- {escape(m)}" for m in messages(exc, lang())))
        return
    taken = {str(p.get("id")) for p in partners}
    partners.append(
        {"id": partner_id(organisation, taken), "organisation": organisation, "contact": contact}
    )
    draft.set(("partners",), partners)
    for f in ("organisation", *_CONTACT_FIELDS):
        st.session_state[_form_key(draft, f)] = None if f == "organisation" else ""
    _feedback(draft, "success", escape(tr("partner.added", organisation=organisation)))


def _remove(draft: Draft, partner: str) -> None:
    body = dict(draft.body)
    body["partners"] = [p for p in body.get("partners") or [] if p.get("id") != partner]
    draft.replace(body)


def _status(case: CaseBody, consent: ConsentBody | None, organisation: str) -> None:
    """Always in words (and an icon), never by colour alone."""
    reason = refusal(case, consent, organisation)
    if reason:
        st.markdown(":material/lock: " + escape(tr("partner.not_sharing")) + " " + escape(reason))
    elif organisation.strip().casefold() == own_organisation(case).strip().casefold():
        st.caption(":material/check: " + tr("partner.own_organisation"))
    else:
        st.caption(":material/check: " + tr("partner.sharing_ok"))


def _partner_card(
    draft: Draft, index: int, partner: dict[str, Any], case: CaseBody, consent: ConsentBody | None
) -> None:
    organisation = str(partner.get("organisation") or "")
    with st.container(border=True):
        st.markdown(f"**{escape(organisation)}**")
        _status(case, consent, organisation)
        cols = st.columns(4)
        for col, name in zip(cols, _CONTACT_FIELDS, strict=True):
            with col:
                fields.text_input(
                    draft,
                    ("partners", index, "contact", name),
                    tr(f"partner.contact_{name}"),
                    max_chars=120 if name == "name" else 200,
                )
        with st.popover(tr("partner.remove"), icon=":material/delete:"):
            st.markdown(escape(tr("partner.remove_confirm", organisation=organisation)))
            st.button(
                tr("partner.remove_yes"),
                type="primary",
                key=f"partner_remove::{draft.key}::{partner.get('id')}",
                on_click=_remove,
                args=(draft, str(partner.get("id"))),
            )


def _add_form(
    draft: Draft, case: CaseBody, consent: ConsentBody | None, suggestions: Sequence[str]
) -> None:
    with st.form(_form_key(draft, "form"), border=True):
        st.markdown("**" + escape(tr("partner.add_title")) + "**")
        st.selectbox(
            tr("partner.organisation") + " *",
            list(dict.fromkeys(suggestions)),
            index=None,
            accept_new_options=True,
            key=_form_key(draft, "organisation"),
            placeholder=tr("partner.organisation_placeholder"),
            help=tr("partner.organisation_help"),
        )
        cols = st.columns(4)
        for col, name in zip(cols, _CONTACT_FIELDS, strict=True):
            label = tr(f"partner.contact_{name}") + (" *" if name == "name" else "")
            col.text_input(label, key=_form_key(draft, name))
        st.form_submit_button(
            tr("partner.add"), icon=":material/add:", on_click=_add, args=(draft, case, consent)
        )
    feedback = st.session_state.get(_form_key(draft, "feedback"))
    if feedback:
        kind, markdown = feedback
        if kind == "success":  # said once; a refusal stays until the next try
            st.session_state.pop(_form_key(draft, "feedback"), None)
        show = {"error": st.error, "warning": st.warning, "success": st.success}[kind]
        show(
            markdown,
            icon={
                "error": ":material/lock:",
                "warning": ":material/edit_note:",
                "success": ":material/check_circle:",
            }[kind],
        )
        if kind == "error":
            # The case page keeps its current step under "step::<case id>" (app/pages/case.py).
            st.button(
                tr("partner.go_to_consent"),
                key=_form_key(draft, "to_consent"),
                icon=":material/arrow_forward:",
                on_click=go_to,
                args=(f"step::{draft.case_id}", "consent"),
            )


def partner_editor(
    draft: Draft, case: CaseBody, consent: ConsentBody | None, suggestions: Sequence[str]
) -> None:
    """The partners of the case draft: each with its contact, plus a form to add one."""
    if sharing_stopped(consent) and consent and consent.withdrawn_on:
        st.error(
            tr("partner.sharing_stopped", date=format_date(consent.withdrawn_on, lang())),
            icon=":material/lock:",
        )
    elif consent is None or not consent.is_active():
        st.info(
            tr("partner.no_consent_yet", own=own_organisation(case) or tr("common.none")),
            icon=":material/lock:",
        )
    partners: list[dict[str, Any]] = list(draft.get(("partners",)) or [])
    if not partners:
        st.caption(tr("partner.none_yet"))
    for index, partner in enumerate(partners):
        _partner_card(draft, index, partner, case, consent)
    _add_form(draft, case, consent, suggestions)
