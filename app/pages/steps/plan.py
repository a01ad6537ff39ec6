"""Step 5 – the child's plan (barnets plan): the child's own document, in everyday words.

Why we make a plan; for each wellbeing area that needs support what the child needs
help with (in the child's words), what the family and the professionals will do; who
does what by when; partners with a named contact; the lead professional and the next
review. The plan lives in the plan draft, the partners in the case draft (they belong
to the case and follow the consent rule); one Save writes whichever changed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

import streamlit as st

from app.case_context import CaseContext
from app.components import fields
from app.components.action_editor import ActionChoices, action_editor
from app.components.language_hint import checker_lang, language_hint, summary
from app.components.partner_editor import partner_editor
from app.components.savebar import conflict_panel, save_bar, show_merge_problems
from app.components.text import escape
from app.context import service_context, tr
from app.drafts import Draft, save_draft
from plans import clock
from plans.documents.common import Contact
from plans.documents.plan import AREA_PARTS, AreaPlan, PlanBody
from plans.language import Lang as TextLang
from plans.language import Target
from plans.organisations import COMMON_ORGANISATIONS
from plans.sharing import own_organisation
from plans.store import ConflictError

_CONTACT_FIELDS = ("name", "role", "organisation", "phone", "email")


def suggested_areas(ctx: CaseContext) -> list[str]:
    if ctx.assessment is None or ctx.template is None:
        return []
    return ctx.assessment.areas_needing_support(ctx.template)


def new_plan(ctx: CaseContext) -> PlanBody:
    """A first plan: the areas the wheel suggests, the case's lead professional."""
    return PlanBody(
        areas={area: AreaPlan() for area in suggested_areas(ctx)},
        lead_professional=ctx.case.lead_professional,
    )


def family_texts(body: dict[str, Any]) -> list[tuple[str, Target]]:
    """Every family-facing text of a plan body with the reader it is written for."""
    texts: list[tuple[str, Target]] = [(str(body.get("reasons") or ""), "family")]
    for area in (body.get("areas") or {}).values():
        texts += [(str(area.get(part) or ""), target) for part, target in AREA_PARTS]
    for action in body.get("actions") or []:
        texts += [
            (str(action.get("what") or ""), "family"),
            (str(action.get("how_we_know") or ""), "family"),
        ]
    return texts


def _area_titles(ctx: CaseContext) -> dict[str, str]:
    return {a.id: a.title for a in ctx.template.areas} if ctx.template else {}


# --- areas -------------------------------------------------------------------------


def _add_areas(draft: Draft, area_ids: list[str]) -> None:
    for area in area_ids:
        if area and area not in (draft.get(("areas",)) or {}):
            draft.set(("areas", area), AreaPlan().model_dump(mode="json"))


def _remove_area(draft: Draft, area: str) -> None:
    body = dict(draft.body)
    body["areas"] = {k: v for k, v in (body.get("areas") or {}).items() if k != area}
    # Re-seed the widgets, so adding the area again starts from the draft, not old text.
    draft.replace(body)


def _add_area_from_select(draft: Draft, key: str) -> None:
    chosen = st.session_state.get(key)
    if chosen:
        _add_areas(draft, [chosen])
        st.session_state[key] = None


def _ordered_areas(draft: Draft, titles: dict[str, str]) -> list[str]:
    """The plan's areas in the wheel's order; areas the template no longer has go last."""
    present = list((draft.get(("areas",)) or {}).keys())
    return [a for a in titles if a in present] + [a for a in present if a not in titles]


def _area_suggestions(ctx: CaseContext, draft: Draft, titles: dict[str, str]) -> None:
    missing = [a for a in suggested_areas(ctx) if a not in (draft.get(("areas",)) or {})]
    if not missing:
        return
    names = ", ".join(titles.get(a, a) for a in missing)
    cols = st.columns([4, 1], vertical_alignment="center")
    cols[0].info(escape(tr("plan.areas_suggested", areas=names)), icon=":material/donut_large:")
    cols[1].button(
        tr("plan.areas_add_suggested"),
        key=f"plan_add_suggested::{ctx.case_id}",
        on_click=_add_areas,
        args=(draft, missing),
    )


def _area(
    ctx: CaseContext, draft: Draft, area: str, titles: dict[str, str], text_lang: TextLang
) -> None:
    template_area = ctx.template.area(area) if ctx.template else None
    with st.container(border=True):
        st.subheader(escape(titles.get(area, area)))
        if template_area:
            st.caption(escape(template_area.description))
        cols = st.columns(3)
        for col, (part, target) in zip(cols, AREA_PARTS, strict=True):
            with col:
                fields.text_area(
                    draft,
                    ("areas", area, part),
                    tr(f"words.plan_area.{part}"),
                    help=tr(f"plan.{part}_help"),
                    placeholder=tr(f"plan.{part}_placeholder"),
                    height=120,
                )
                language_hint(draft, ("areas", area, part), target=target, text_lang=text_lang)
        with st.popover(tr("plan.area_remove"), icon=":material/delete:"):
            st.write(tr("plan.area_remove_confirm", area=titles.get(area, area)))
            st.button(
                tr("plan.area_remove_yes"),
                type="primary",
                key=f"plan_area_remove::{ctx.case_id}::{area}",
                on_click=_remove_area,
                args=(draft, area),
            )


def _areas(ctx: CaseContext, draft: Draft, text_lang: TextLang) -> None:
    st.subheader(tr("plan.areas_title"))
    st.caption(tr("plan.areas_intro"))
    titles = _area_titles(ctx)
    _area_suggestions(ctx, draft, titles)
    chosen = _ordered_areas(draft, titles)
    if not chosen:
        st.caption(tr("plan.areas_none"))
    for area in chosen:
        _area(ctx, draft, area, titles, text_lang)
    addable = [a for a in titles if a not in chosen]
    if addable:
        key = f"plan_area_pick::{ctx.case_id}"
        suggested = set(suggested_areas(ctx))
        st.selectbox(
            tr("plan.area_add"),
            addable,
            index=None,
            key=key,
            placeholder=tr("plan.area_add_placeholder"),
            format_func={
                a: titles[a] + (tr("plan.area_suggested_mark") if a in suggested else "")
                for a in addable
            }.__getitem__,
            on_change=_add_area_from_select,
            args=(draft, key),
        )


# --- partners --------------------------------------------------------------------------


def partner_suggestions(ctx: CaseContext) -> list[str]:
    """Those the consent names first, then the usual ones. Any may be chosen; the rule
    decides when it is added, and explains why when it says no."""
    names = [*(ctx.consent.scope_names() if ctx.consent else []), own_organisation(ctx.case)]
    names += [tr(f"organisation.{name}") for name in COMMON_ORGANISATIONS]
    return list(dict.fromkeys(n for n in names if n))


# --- lead professional, review date --------------------------------------------------


def _people(ctx: CaseContext, case_draft: Draft) -> dict[str, Contact]:
    """People of the case who could lead the plan, by a label that tells them apart."""
    people: dict[str, Contact] = {}
    candidates = [ctx.case.named_person, ctx.case.lead_professional]
    for partner in case_draft.get(("partners",)) or []:
        try:
            candidates.append(Contact.model_validate(partner.get("contact") or {}))
        except ValueError:
            continue  # a half-typed contact is not offered until it is valid
    for person in candidates:
        if person and person.name:
            label = ", ".join(p for p in (person.name, person.role, person.organisation) if p)
            people.setdefault(label, person)
    return people


def _fill_lead(draft: Draft, key: str, people: dict[str, Contact]) -> None:
    person = people.get(st.session_state.get(key) or "")
    if person is None:
        return
    contact = person.model_dump(mode="json")
    draft.set(("lead_professional",), contact)
    for name in _CONTACT_FIELDS:
        st.session_state[draft.widget_key(("lead_professional", name))] = contact[name]
    st.session_state[key] = None


def _complete_lead(draft: Draft) -> None:
    """Typing one part of a new contact stores only that part; a contact needs every key
    (the name may be empty), and a contact left all blank is no contact at all."""
    lead = draft.get(("lead_professional",))
    if not isinstance(lead, dict):
        return
    if not any(str(lead.get(name) or "").strip() for name in _CONTACT_FIELDS):
        draft.set(("lead_professional",), None)
        return
    for name in _CONTACT_FIELDS:
        lead.setdefault(name, "")


def _lead_professional(ctx: CaseContext, draft: Draft, case_draft: Draft) -> None:
    _complete_lead(draft)
    st.subheader(tr("plan.lead_title"))
    st.caption(tr("plan.lead_intro"))
    people = _people(ctx, case_draft)
    if people:
        key = f"plan_lead_pick::{ctx.case_id}"
        st.selectbox(
            tr("plan.lead_pick"),
            list(people),
            index=None,
            key=key,
            placeholder=tr("plan.lead_pick_placeholder"),
            on_change=_fill_lead,
            args=(draft, key, people),
        )
    cols = st.columns(5)
    for col, name in zip(cols, _CONTACT_FIELDS, strict=True):
        with col:
            fields.text_input(draft, ("lead_professional", name), tr(f"plan.lead_{name}"))


def _next_review(draft: Draft) -> None:
    st.subheader(tr("plan.next_review_title"))
    fields.date_input(
        draft,
        ("next_review",),
        tr("plan.next_review"),
        help=tr("plan.next_review_help"),
        min_value=clock.today() - dt.timedelta(days=365),
    )


# --- saving --------------------------------------------------------------------------


def _save_partners(case_draft: Draft) -> None:
    """After the plan is saved: the partners too, if they changed. A conflict stays on the
    case draft (nothing is lost) and the rerun that follows shows its merge panel."""
    if not case_draft.dirty:
        return
    with contextlib.suppress(ConflictError):
        save_draft(service_context(), case_draft, note=tr("plan.partners_note"))


def _save(ctx: CaseContext, draft: Draft, case_draft: Draft) -> None:
    """One Save for the page. The plan's save bar carries the note; partners (the case
    document) are saved with it, or on their own when only they changed."""
    key = f"plan_save::{ctx.case_id}"
    if case_draft.conflict is not None:
        conflict_panel(case_draft, key=key)
        return
    if case_draft.dirty and not draft.dirty and draft.conflict is None:
        save_bar(case_draft, key=key)
        return
    # A partners-only save flashes under the case draft's key; show it here, where the
    # person pressed Save (savebar keeps the message as "flash::<draft key>").
    flash = st.session_state.pop(f"flash::{case_draft.key}", None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    show_merge_problems(case_draft)
    save_bar(
        draft,
        key=key,
        on_saved=lambda _env: _save_partners(case_draft),
        also_valid=[case_draft],
    )


def render(ctx: CaseContext) -> None:
    st.header(tr("step.plan"))
    st.caption(tr("plan.intro"))
    draft = ctx.draft("plan", lambda: new_plan(ctx))
    case_draft = ctx.case_draft()
    text_lang = checker_lang(ctx.written_in)
    summary(family_texts(draft.body), text_lang)
    if ctx.assessment is None:
        st.info(tr("plan.no_assessment"))

    st.subheader(tr("plan.reasons_title"))
    fields.text_area(
        draft, ("reasons",), tr("plan.reasons"), help=tr("plan.reasons_help"), height=100
    )
    language_hint(draft, ("reasons",), target="family", text_lang=text_lang)
    st.divider()
    _areas(ctx, draft, text_lang)
    st.divider()
    # Who takes part comes before who does what: an action names its organisation, and a
    # partner added here is offered by the actions right below it.
    st.subheader(tr("plan.partners_title"))
    st.caption(tr("plan.partners_intro"))
    partner_editor(case_draft, ctx.case, ctx.consent, partner_suggestions(ctx))
    st.divider()
    st.subheader(tr("plan.actions_title"))
    st.caption(tr("plan.actions_intro"))
    titles = _area_titles(ctx)
    partner_rows = case_draft.get(("partners",)) or []
    partners = [str(p.get("organisation") or "") for p in partner_rows]
    choices = ActionChoices(
        areas=titles,
        organisations=[o for o in (own_organisation(ctx.case), *partners) if o],
        interventions={i.id: i.label for i in ctx.template.interventions} if ctx.template else {},
    )
    action_editor(draft, choices, text_lang=text_lang)
    st.divider()
    _lead_professional(ctx, draft, case_draft)
    st.divider()
    _next_review(draft)
    with st.expander(tr("plan.internal_title"), icon=":material/lock:"):
        fields.text_area(
            draft, ("internal_notes",), tr("plan.internal_notes"), help=tr("plan.internal_help")
        )
    st.divider()
    _save(ctx, draft, case_draft)
