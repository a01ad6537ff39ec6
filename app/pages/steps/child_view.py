"""The child's own view (barnets egen vy): big faces, one area at a time.

The child sits beside the professional and answers with a face or "don't want to say".
Only the child's voice is written (its rating and its own words), so an adult's answer
can never be changed from here; the adults' answers are not shown either, so they do not
steer the child. Faces are ordinary buttons: Tab moves between them, Enter chooses.

The faces show the child's latest reading, by the same rule as the meeting view and the
PDF (``plans.documents.review.latest_readings``): once the case has a review, the
child answers in the newest review, not in the first assessment it has moved on from.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from app.case_context import CaseContext
from app.components import fields
from app.components.rating import forget_widget
from app.components.savebar import save_bar
from app.components.text import escape
from app.context import lang, tr
from app.drafts import Draft, Path
from app.pages.steps.assessment import assessment_draft
from assessment.model import DECLINED, Rating, Voice
from assessment.template import Area, WheelTemplate
from plans.documents.review import ReviewBody, latest_readings
from plans.i18n import format_date

CONTAINER = "child_view"
FACES = "child_view_faces"
# Scoped to this screen's containers (Streamlit gives a keyed container the class
# st-key-<key>), so nothing else in the app changes size.
_STYLE = f"""<style>
.st-key-{CONTAINER} [data-testid="stMarkdownContainer"] p {{ font-size: 1.35rem; }}
.st-key-{FACES} button {{ min-height: 8rem; }}
.st-key-{FACES} button [data-testid="stMarkdownContainer"] {{
  display: block; white-space: normal; overflow: visible; text-overflow: clip; }}
.st-key-{FACES} button [data-testid="stMarkdownContainer"] p {{
  display: block; margin: 0; white-space: normal; font-size: 1.15rem; line-height: 1.3; }}
.st-key-{FACES} button [data-testid="stMarkdownContainer"] p:first-child {{
  font-size: 3rem; line-height: 1.2; }}
</style>"""


def area_key(case_id: str) -> str:
    return f"child_view_area::{case_id}"


def mode_key(case_id: str) -> str:
    """The child's own view is a mode of the case page, kept under a key no widget owns."""
    return f"mode::{case_id}"


def _back(case_id: str) -> None:
    st.session_state.pop(mode_key(case_id), None)
    st.session_state[f"step::{case_id}"] = "assessment"


def _back_button(ctx: CaseContext, where: str) -> None:
    st.button(
        tr("child_view.back"),
        icon=":material/arrow_back:",
        key=f"child_view_back_{where}::{ctx.case_id}",
        on_click=_back,
        args=(ctx.case_id,),
    )


def _choose(draft: Draft, path: Path, value: int | str) -> None:
    draft.set(path, value)
    # The assessment step shows the same answer in its own widget; make it re-read it.
    forget_widget(draft, path)


def _go(case_id: str, index: int) -> None:
    st.session_state[area_key(case_id)] = index


def _face_label(face: str, text: str, chosen: bool) -> str:
    mark = "✓ " if chosen else ""
    return f"{face or '·'}\n\n{mark}{escape(text)}"


def _newest_review(ctx: CaseContext) -> Draft | None:
    """The newest review's draft (by meeting date, as the plan takes its news), if any."""
    if not ctx.reviews:
        return None
    env, body = ctx.reviews[-1]  # sorted by held_on
    return ctx.draft("review", lambda: body, doc_id=env.id)


def _rating_path(draft: Draft, area: Area) -> Path:
    if draft.kind == "review":
        return ("readings", area.id, Voice.CHILD.value)
    return ("areas", area.id, "ratings", Voice.CHILD.value)


def _draft_review(ctx: CaseContext, draft: Draft) -> ReviewBody:
    """The review as its draft stands; half-edited in the review step, as it was saved."""
    try:
        return ReviewBody.model_validate(draft.body)
    except ValidationError:
        return next(body for env, body in ctx.reviews if env.id == draft.doc_id)


def _latest_child_rating(ctx: CaseContext, draft: Draft, area: Area) -> Rating:
    """What the child said last about this area, with this draft's unsaved answers."""
    if draft.kind != "review":
        value: Rating = draft.get(_rating_path(draft, area))
        return value
    reviews = [body for env, body in ctx.reviews if env.id != draft.doc_id]
    reviews.append(_draft_review(ctx, draft))
    readings = latest_readings(ctx.assessment, reviews)
    return readings[area.id].child if area.id in readings else None


def _faces(ctx: CaseContext, draft: Draft, template: WheelTemplate, area: Area) -> None:
    path = _rating_path(draft, area)
    current = _latest_child_rating(ctx, draft, area)
    choices: list[tuple[int | str, str, str]] = [
        (level.value, level.face, level.label) for level in template.scale.levels
    ]
    choices.append((DECLINED, tr("child_view.declined_face"), tr("words.answer.declined")))
    with st.container(key=FACES):
        for column, (value, face, text) in zip(st.columns(len(choices)), choices, strict=True):
            selected = current == value
            column.button(
                _face_label(face, text, selected),
                key=f"child_face::{draft.case_id}::{area.id}::{value}",
                type="primary" if selected else "secondary",
                width="stretch",
                on_click=_choose,
                args=(draft, path, value),
            )
    chosen = next((f"{face} {text}" for value, face, text in choices if value == current), None)
    if chosen is None:
        st.markdown(escape(tr("child_view.nothing_yet")))
    else:
        st.markdown(f"**{escape(tr('child_view.you_chose', answer=chosen))}**")


def _area(ctx: CaseContext, draft: Draft, template: WheelTemplate, index: int) -> None:
    area = template.areas[index]
    total = len(template.areas)
    st.progress((index + 1) / total, text=tr("child_view.area_of", n=index + 1, total=total))
    st.header(escape(area.title))
    st.markdown(escape(area.description))
    st.markdown(f"**{escape(tr('child_view.pick'))}**")
    _faces(ctx, draft, template, area)
    if draft.kind == "assessment":  # a review keeps no words per area
        fields.text_area(
            draft, ("areas", area.id, "child_words"), tr("child_view.words"), height=90
        )
    with st.expander(tr("child_view.adult_questions")):
        st.markdown("  \n".join(f"• {escape(q)}" for q in area.questions.child))
    left, right = st.columns(2)
    left.button(
        "← " + tr("child_view.previous"),
        key=f"child_prev::{ctx.case_id}",
        disabled=index == 0,
        on_click=_go,
        args=(ctx.case_id, index - 1),
        width="stretch",
    )
    right.button(
        tr("child_view.next") + " →",
        key=f"child_next::{ctx.case_id}",
        disabled=index == total - 1,
        on_click=_go,
        args=(ctx.case_id, index + 1),
        type="primary",
        width="stretch",
    )
    if index == total - 1:
        st.success(tr("child_view.thanks"), icon=":material/celebration:")


def render(ctx: CaseContext) -> None:
    st.html(_STYLE)
    _back_button(ctx, "top")
    found = assessment_draft(ctx)
    if found is None:
        return
    draft, template = found
    if ctx.case.is_infant(ctx.today):
        st.info(tr("child_view.infant"))
        return
    review = _newest_review(ctx)
    if review is not None:
        draft = review
    with st.container(key=CONTAINER):
        st.title(tr("child_view.title"))
        st.markdown(escape(tr("child_view.intro")))
        st.caption(tr("child_view.for_adult"))
        if review is not None:
            held_on = format_date(ctx.reviews[-1][1].held_on, lang())
            st.caption(tr("child_view.in_review", date=held_on))
        index = int(st.session_state.get(area_key(ctx.case_id), 0))
        _area(ctx, draft, template, max(0, min(index, len(template.areas) - 1)))
    st.divider()
    st.subheader(tr("child_view.save_title"))
    save_bar(draft)
    _back_button(ctx, "bottom")
