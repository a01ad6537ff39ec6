"""New case: a child, an unborn child, or an anonymous consultation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st
from pydantic import ValidationError

from app.components import fields
from app.components.notice import notice_fields
from app.components.privacy import anonymous_warnings
from app.components.savebar import show_problems
from app.components.text import escape
from app.context import lang, service_context, signed_in_user, store, tr
from app.drafts import Draft, drop_draft, get_draft
from app.navigation import open_case
from app.validation import messages, rule_messages
from plans import clock
from plans.documents.case import AgeBand, CaseBody, CaseType, Gender
from plans.services import RuleError, create_case
from plans.templates import registry

DRAFT_CASE = "new-case"


def _blank() -> dict[str, Any]:
    me = signed_in_user()
    return {
        "type": "child",
        "child": {"first_name": "", "last_name": "", "birth_date": None},
        "unborn": {
            "expected_date": None,
            "expecting_parents": [{"name": "", "phone": ""}],
            "child_name": "",
        },
        "anonymous": {"age_band": "6-12", "concern": "", "advice": ""},
        "guardians": [
            {"name": "", "relation": "", "phone": ""},
            {"name": "", "relation": "", "phone": ""},
        ],
        "notice": {
            "noticed_by": me.label if me else "",
            "organisation": me.organisation if me else "",
            "referrer": "other",
            "noticed_on": clock.today().isoformat(),
            "what_was_seen": "",
        },
        "team": "",
        "named_person": {
            "name": me.label if me else "",
            "organisation": me.organisation if me else "",
            "phone": "",
            "email": me.email if me else "",
        },
        "gender": "",  # "not given", as the select offers it
        "template_id": "girfec-sv" if lang() == "sv" else "girfec-en",
    }


def _people(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items() if v} for r in rows if (r.get("name") or "").strip()]


def to_case_body(form: dict[str, Any]) -> CaseBody:
    """Turn the form's draft into a case, keeping only the details of the chosen type."""
    kind = form["type"]
    data: dict[str, Any] = {
        "type": kind,
        "notice": form["notice"],
        "team": form.get("team", ""),
        # An anonymous consultation holds nothing but age band, concern and advice.
        "gender": (form.get("gender") or None) if kind != "anonymous" else None,
        "template_id": form.get("template_id") or "girfec-sv",
    }
    named = form.get("named_person") or {}
    if (named.get("name") or "").strip():
        data["named_person"] = {k: v for k, v in named.items() if v}
    if kind == "child":
        data["child"] = form["child"]
        data["guardians"] = _people(form.get("guardians", []))
    elif kind == "unborn":
        unborn = dict(form["unborn"])
        unborn["expecting_parents"] = _people(unborn.get("expecting_parents", []))
        data["unborn"] = unborn
    else:
        data["anonymous"] = form["anonymous"]
    return CaseBody.model_validate(data)


def _child_fields(draft: Draft) -> None:
    cols = st.columns(3)
    with cols[0]:
        fields.text_input(
            draft, ("child", "first_name"), tr("field.first_name") + " *", max_chars=120
        )
    with cols[1]:
        fields.text_input(draft, ("child", "last_name"), tr("field.last_name"), max_chars=120)
    with cols[2]:
        fields.date_input(
            draft,
            ("child", "birth_date"),
            tr("field.birth_date") + " *",
            min_value=clock.today() - dt.timedelta(days=25 * 365),
            max_value=clock.today(),
        )
    st.markdown(f"**{escape(tr('new_case.guardians'))}**")
    for index in range(2):
        cols = st.columns(3)
        with cols[0]:
            fields.text_input(
                draft, ("guardians", index, "name"), tr("new_case.guardian_name", n=index + 1)
            )
        with cols[1]:
            fields.text_input(
                draft,
                ("guardians", index, "relation"),
                tr("new_case.guardian_relation", n=index + 1),
                placeholder=tr("new_case.relation_placeholder"),
            )
        with cols[2]:
            fields.text_input(
                draft,
                ("guardians", index, "phone"),
                tr("new_case.guardian_phone", n=index + 1),
                max_chars=30,
            )


def _unborn_fields(draft: Draft) -> None:
    cols = st.columns(3)
    with cols[0]:
        fields.date_input(
            draft,
            ("unborn", "expected_date"),
            tr("field.expected_date") + " *",
            min_value=clock.today() - dt.timedelta(days=60),
            max_value=clock.today() + dt.timedelta(days=300),
        )
    with cols[1]:
        fields.text_input(
            draft,
            ("unborn", "expecting_parents", 0, "name"),
            tr("new_case.expecting_parent") + " *",
        )
    with cols[2]:
        fields.text_input(
            draft, ("unborn", "expecting_parents", 0, "phone"), tr("field.phone"), max_chars=30
        )
    fields.text_input(
        draft, ("unborn", "child_name"), tr("field.child_name"), help=tr("new_case.child_name_help")
    )


def _anonymous_fields(draft: Draft) -> None:
    st.info(tr("new_case.anonymous_info"), icon=":material/lock:")
    bands = [b.value for b in AgeBand]
    fields.select(
        draft,
        ("anonymous", "age_band"),
        tr("field.age_band"),
        bands,
        format_func=lambda b: tr(f"age_band.{b}"),
    )
    concern = fields.text_area(draft, ("anonymous", "concern"), tr("field.concern"))
    advice = fields.text_area(draft, ("anonymous", "advice"), tr("field.advice"))
    anonymous_warnings(concern + "\n" + advice)


def render() -> None:
    st.title(tr("new_case.title"))
    draft = get_draft(store(), DRAFT_CASE, "case", _blank)
    kinds = [k.value for k in CaseType]
    kind = fields.select(
        draft,
        ("type",),
        tr("new_case.type"),
        kinds,
        radio=True,
        horizontal=True,
        format_func=lambda k: tr(f"case.type.{k}"),
        help=tr("new_case.type_help"),
    )
    st.subheader(tr(f"new_case.section.{kind}"))
    {"child": _child_fields, "unborn": _unborn_fields, "anonymous": _anonymous_fields}[kind](draft)
    if kind != "anonymous":
        genders = ["", *[g.value for g in Gender]]
        fields.select(
            draft,
            ("gender",),
            tr("field.gender"),
            genders,
            format_func=lambda g: tr(f"gender.{g or 'not_given'}"),
            help=tr("new_case.gender_help"),
        )
    st.subheader(tr("new_case.section.notice"))
    notice_fields(draft, anonymous=kind == "anonymous", with_date=False)
    st.subheader(tr("new_case.section.team"))
    cols = st.columns(3)
    with cols[0]:
        fields.text_input(
            draft,
            ("named_person", "name"),
            tr("field.named_person"),
            help=tr("new_case.named_person_help"),
        )
    with cols[1]:
        fields.text_input(draft, ("named_person", "organisation"), tr("new_case.named_person_org"))
    with cols[2]:
        fields.text_input(draft, ("team",), tr("field.team"))
    wheels = registry().for_language(lang())
    fields.select(
        draft,
        ("template_id",),
        tr("field.template"),
        [w.id for w in wheels],
        format_func=lambda wid: next(w.title for w in wheels if w.id == wid),
    )
    if st.button(tr("new_case.create"), type="primary"):
        try:
            body = to_case_body(draft.body)
        except ValidationError as exc:
            show_problems(messages(exc, lang()))
            return
        try:
            env = create_case(service_context(), body, note=tr("new_case.note"))
        except RuleError as exc:
            show_problems(rule_messages(exc, lang()))
            return
        drop_draft(DRAFT_CASE, "case")
        # What was noticed is filled in here already: go on to what comes next.
        open_case(env.case_id, "consultation" if kind == "anonymous" else "consent")


if __name__ == "__main__":
    render()
