"""Step 3 – the wheel assessment (bedömning med välbefinnandehjulet).

One area at a time: its plain description, then the three voices side by side, each with
its guiding questions, its own rating and its own words; then what goes well and what
worries us. The wheel beside it redraws on every answer. Risk and protective factors
belong to the whole situation, so they sit below the areas. Everything lives in the
assessment draft, which the child's own view and the five questions share.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import streamlit as st

from app.case_context import CaseContext
from app.components import fields
from app.components.rating import scale_lines
from app.components.savebar import save_bar
from app.components.text import escape
from app.components.voices import three_voices
from app.components.wheel_chart import show_wheel
from app.context import lang, tr
from app.drafts import Draft
from app.fragments import whole_page_unless_allowed, whole_page_when_dirty_changes
from assessment.model import AssessmentBody, VoiceRatings
from assessment.registry import UnknownTemplateError
from assessment.template import Area, CatalogueEntry, WheelTemplate
from plans.templates import registry

AreaStatus = Literal["done", "started", "empty"]
_MARKS: dict[AreaStatus, str] = {"done": "✓", "started": "◐", "empty": "○"}
_TEXTS = ("strengths", "worries", "child_words", "guardian_words", "observations", "infant_signs")


def area_key(case_id: str) -> str:
    return f"assessment_area::{case_id}"


def _template_of(draft: Draft, fallback: WheelTemplate) -> WheelTemplate:
    """The exact template version the draft was made with, so old assessments look as made."""
    wanted = (draft.body.get("template_id"), draft.body.get("template_version"))
    if wanted == fallback.key:
        return fallback
    return registry().get(str(wanted[0]), str(wanted[1]))


def assessment_draft(ctx: CaseContext) -> tuple[Draft, WheelTemplate] | None:
    """The case's assessment draft and its template; shows an error and returns None
    when the template cannot be found (nothing is changed then)."""
    template = ctx.template
    name = ctx.case.template_id
    if template is not None:
        chosen = template
        draft = ctx.draft(
            "assessment",
            lambda: AssessmentBody(template_id=chosen.id, template_version=chosen.version),
        )
        try:
            return draft, _template_of(draft, template)
        except UnknownTemplateError:
            name = f"{draft.body.get('template_id')} {draft.body.get('template_version')}"
    st.error(tr("assessment.no_template", template=name), icon=":material/warning:")
    return None


def ratings_of(body: Mapping[str, Any]) -> dict[str, VoiceRatings]:
    """The ratings per area as they stand in a draft body (what the wheel draws)."""
    areas = body.get("areas") or {}
    return {
        area_id: VoiceRatings.model_validate((area or {}).get("ratings") or {})
        for area_id, area in areas.items()
    }


def area_status(body: Mapping[str, Any], area_id: str) -> AreaStatus:
    """Done when all three voices have an answer (also "not assessed"); started when
    anything at all has been written or chosen."""
    area = (body.get("areas") or {}).get(area_id) or {}
    answers = [v for v in (area.get("ratings") or {}).values() if v is not None]
    if len(answers) == 3:
        return "done"
    if answers or any(str(area.get(name) or "").strip() for name in _TEXTS):
        return "started"
    return "empty"


def _move(key: str, ids: list[str], delta: int) -> None:
    current = st.session_state.get(key, ids[0])
    index = ids.index(current) if current in ids else 0
    st.session_state[key] = ids[max(0, min(len(ids) - 1, index + delta))]


def _area_picker(ctx: CaseContext, draft: Draft, template: WheelTemplate) -> Area:
    ids = template.area_ids()
    key = area_key(ctx.case_id)
    if st.session_state.get(key) not in ids:
        st.session_state[key] = ids[0]
    statuses = {a: area_status(draft.body, a) for a in ids}
    titles = {a.id: a.title for a in template.areas}
    chosen = st.radio(
        tr("assessment.area_picker"),
        ids,
        key=key,
        # Marks go in the captions: a chosen radio label must stay the same, or
        # Streamlit cannot match the choice and jumps back to the first area.
        format_func=lambda a: titles[a],
        captions=[_MARKS[statuses[a]] for a in ids],
        horizontal=True,
        help=tr("assessment.area_picker_help"),
        # The chosen area survives a visit to another step or page.
        persist_state="session",
    )
    done = sum(1 for s in statuses.values() if s == "done")
    st.caption(tr("assessment.progress", done=done, total=len(ids)) + " " + tr("assessment.legend"))
    area = template.area(str(chosen))
    assert area is not None
    return area


def _nav_buttons(ctx: CaseContext, template: WheelTemplate, area: Area) -> None:
    ids = template.area_ids()
    index = ids.index(area.id)
    key = area_key(ctx.case_id)
    left, right = st.columns(2)
    left.button(
        "← " + tr("assessment.previous"),
        key=f"assessment_prev::{ctx.case_id}",
        disabled=index == 0,
        on_click=_move,
        args=(key, ids, -1),
        width="stretch",
    )
    right.button(
        tr("assessment.next") + " →",
        key=f"assessment_next::{ctx.case_id}",
        disabled=index == len(ids) - 1,
        on_click=_move,
        args=(key, ids, 1),
        type="primary",
        width="stretch",
    )


def _area_intro(template: WheelTemplate, area: Area) -> None:
    index = template.area_ids().index(area.id)
    st.subheader(escape(area.title))
    st.caption(tr("assessment.area_of", n=index + 1, total=len(template.areas)))
    st.markdown(escape(area.description))
    # The scale once, in full, instead of under every voice's every option.
    with st.container(border=True):
        st.markdown(f"**{escape(tr('assessment.scale_title'))}**")
        st.markdown("  \n".join(scale_lines(template.scale, lang(), allow_declined=True)))


def _area_answers(ctx: CaseContext, draft: Draft, template: WheelTemplate, area: Area) -> None:
    path = ("areas", area.id)
    three_voices(draft, path, area, template.scale, lang(), infant=ctx.case.is_infant(ctx.today))
    st.subheader(tr("assessment.texts_title"), divider="gray")
    left, right = st.columns(2, gap="medium")
    with left:
        fields.text_area(
            draft,
            (*path, "strengths"),
            tr("assessment.strengths"),
            help=tr("assessment.strengths_help"),
        )
    with right:
        fields.text_area(
            draft, (*path, "worries"), tr("assessment.worries"), help=tr("assessment.worries_help")
        )
    _nav_buttons(ctx, template, area)


def _factor_picker(draft: Draft, name: str, other: str, catalogue: list[CatalogueEntry]) -> None:
    labels = {entry.id: entry.label for entry in catalogue}
    if labels:
        fields.multiselect(
            draft,
            (name,),
            tr(f"assessment.{name}"),
            list(labels),
            format_func=lambda i: labels.get(i, i),
            help=tr(f"assessment.{name}_help"),
        )
    fields.text_area(draft, (other,), tr(f"assessment.{other}"), height=80)


def _factors(draft: Draft, template: WheelTemplate) -> None:
    st.subheader(tr("assessment.factors_title"), divider="gray")
    st.caption(tr("assessment.factors_intro"))
    left, right = st.columns(2, gap="large")
    with left:
        _factor_picker(draft, "risk_factors", "other_risks", list(template.risk_factors))
    with right:
        _factor_picker(
            draft, "protective_factors", "other_protection", list(template.protective_factors)
        )


def render(ctx: CaseContext) -> None:
    st.header(tr("step.assessment"))
    st.caption(tr("assessment.intro"))
    found = assessment_draft(ctx)
    if found is None:
        return
    draft, template = found
    _areas(ctx)
    _factors(draft, template)
    st.divider()
    save_bar(draft)


@st.fragment
def _areas(ctx: CaseContext) -> None:
    """The chosen area, the wheel and the three voices' answers. A rating click, another
    area or a typed answer reruns only this, not the case page around it (issue 15)."""
    whole_page_unless_allowed(ctx.case_id)
    found = assessment_draft(ctx)  # the session's draft, also on a fragment rerun
    if found is None:
        return
    draft, template = found
    whole_page_when_dirty_changes(draft)
    area = _area_picker(ctx, draft, template)
    intro, wheel = st.columns(2, gap="large")
    with intro:
        _area_intro(template, area)
    with wheel:
        st.markdown(f"**{escape(tr('assessment.wheel_title'))}**")
        st.caption(tr("assessment.wheel_caption"))
        # Answers given below reach the draft in their callbacks, before this rerun
        # draws the wheel, so it is always up to date.
        show_wheel(
            template,
            [(tr("wheel.now"), ratings_of(draft.body))],
            lang(),
            key=f"wheel::{ctx.case_id}",
            radius=105,  # leaves room for the longest area titles in this column
        )
    _area_answers(ctx, draft, template, area)
