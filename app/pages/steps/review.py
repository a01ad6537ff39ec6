"""Step 6 – review (uppföljning): a meeting at the agreed date.

Each meeting is its own review document: how each action of the plan went, new
readings of the wheel per area and voice, a summary and the next review date. The
plan owns the next review date (the start page sorts by it), so saving a review with
a date also saves the plan with that date, on top of its latest revision.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from app.case_context import CaseContext
from app.components import fields
from app.components.action_editor import status_labels
from app.components.language_hint import checker_lang, language_hint
from app.components.rating import answer_text, rating_options
from app.components.savebar import save_bar
from app.components.text import escape
from app.components.wheel_chart import MAX_READINGS, Reading, show_wheel
from app.context import lang, service_context, tr
from app.drafts import Draft, dirty_drafts, drop_draft, rebase
from assessment.model import Voice, VoiceRatings
from assessment.template import RatingScale, WheelTemplate
from plans import clock
from plans.documents.common import new_id
from plans.documents.plan import Action, ActionStatus, PlanBody
from plans.documents.review import ActionProgress, ReviewBody
from plans.i18n import format_date, t
from plans.services import is_newest_review, plan_after_review
from plans.store import Envelope, NotFoundError

NEW = "new"
VOICES: tuple[Voice, ...] = (Voice.CHILD, Voice.GUARDIANS, Voice.PROFESSIONAL)


def _keys(ctx: CaseContext) -> tuple[str, str, str]:
    """Session keys: the chosen review, the next one to choose, the id of a new review."""
    return (
        f"review_pick::{ctx.case_id}",
        f"review_pick_next::{ctx.case_id}",
        f"review_new::{ctx.case_id}",
    )


def new_review(ctx: CaseContext) -> ReviewBody:
    """Today's meeting about the latest plan: every action starts at its current status."""
    actions = ctx.plan.actions if ctx.plan else []
    return ReviewBody(
        held_on=clock.today(),
        plan_revision=ctx.plan_revision,
        progress={a.id: ActionProgress(status=a.status) for a in actions},
    )


def _review_label(body: ReviewBody) -> str:
    return tr("review.label", date=format_date(body.held_on, lang()))


def _choose(ctx: CaseContext) -> tuple[str, bool]:
    """The review being worked on (doc id) and whether it is a new one."""
    pick, pending, new_key = _keys(ctx)
    if pending in st.session_state:
        st.session_state[pick] = st.session_state.pop(pending)
    new_doc = st.session_state.setdefault(new_key, new_id("rev"))
    earlier = {env.id: body for env, body in reversed(ctx.reviews)}
    options = [NEW, *earlier]
    if st.session_state.get(pick) not in options:
        st.session_state[pick] = NEW
    if earlier:
        chosen = st.selectbox(
            tr("review.choose"),
            options,
            key=pick,
            format_func={
                d: tr("review.new") if d == NEW else _review_label(earlier[d]) for d in options
            }.__getitem__,
            placeholder=tr("common.choose"),
        )
    else:
        chosen = NEW
    return (new_doc, True) if chosen == NEW else (str(chosen), False)


def _earlier(ctx: CaseContext) -> None:
    if not ctx.reviews:
        st.caption(tr("review.none_earlier"))
        return
    rows = [
        {
            tr("review.col_held_on"): format_date(body.held_on, lang()),
            tr("review.col_summary"): body.summary,
            tr("review.col_next"): format_date(body.next_review, lang()) or tr("common.none"),
            tr("review.col_version"): env.revision,
        }
        for env, body in reversed(ctx.reviews)
    ]
    with st.expander(tr("review.all_title", count=len(ctx.reviews))):
        st.dataframe(pd.DataFrame(rows), hide_index=True)


# --- progress per action ---------------------------------------------------------------


def _reviewed_plan(ctx: CaseContext, draft: Draft) -> PlanBody | None:
    """The plan as it was when this review was made (or the latest plan)."""
    revision = draft.get(("plan_revision",))
    if revision and revision != ctx.plan_revision:
        try:
            plan = ctx.store.load(ctx.case_id, "plan", int(revision)).body_as(PlanBody)
            return plan
        except NotFoundError:
            return ctx.plan
    return ctx.plan


def _action_facts(action: Action) -> str:
    facts = [action.who, action.organisation]
    if action.by_when:
        facts.append(tr("action.by_date", date=format_date(action.by_when, lang())))
    return " · ".join(f for f in facts if f)


def _progress(ctx: CaseContext, draft: Draft, plan: PlanBody | None) -> None:
    st.subheader(tr("review.progress_title"))
    if plan is None or not plan.actions:
        st.caption(tr("review.no_actions"))
        return
    st.caption(tr("review.progress_intro"))
    statuses = [s.value for s in ActionStatus]
    for number, action in enumerate(plan.actions, start=1):
        if draft.get(("progress", action.id)) is None:
            draft.set(("progress", action.id), {"status": action.status.value, "comment": ""})
        with st.container(border=True):
            st.markdown(f"**{number}. {escape(action.what)}**")
            facts = _action_facts(action)
            if facts:
                st.caption(escape(facts))
            if action.how_we_know:
                st.caption(escape(tr("review.how_we_know", text=action.how_we_know)))
            cols = st.columns([1, 2])
            with cols[0]:
                fields.select(
                    draft,
                    ("progress", action.id, "status"),
                    tr("review.status", number=number),
                    statuses,
                    format_func=status_labels().__getitem__,
                )
            with cols[1]:
                fields.text_input(
                    draft,
                    ("progress", action.id, "comment"),
                    tr("review.comment", number=number),
                    placeholder=tr("review.comment_placeholder"),
                    max_chars=4000,
                )


# --- readings ------------------------------------------------------------------------------


def _write_rating(draft: Draft, path: tuple[str, ...], key: str) -> None:
    draft.set(path, st.session_state[key])


def _rating_select(
    draft: Draft, path: tuple[str, ...], label: str, scale: RatingScale, allow_declined: bool
) -> None:
    """A compact picker; empty means nobody has answered (never a silent first choice)."""
    options = rating_options(scale, allow_declined=allow_declined)
    key = draft.widget_key(path)
    if key not in st.session_state:
        current = draft.get(path)
        st.session_state[key] = current if current in options else None
    st.selectbox(
        label,
        options,
        index=None,
        key=key,
        label_visibility="collapsed",
        format_func={o: answer_text(scale, o, lang()) for o in options}.__getitem__,
        placeholder=answer_text(scale, None, lang()),
        on_change=_write_rating,
        args=(draft, path, key),
    )


def _readings(template: WheelTemplate, draft: Draft) -> None:
    st.subheader(tr("review.readings_title"))
    st.caption(tr("review.readings_intro", not_assessed=template.scale.not_assessed_label))
    widths = [2, 2, 2, 2]
    head = st.columns(widths)
    head[0].markdown(f"**{escape(tr('review.area'))}**")
    for col, voice in zip(head[1:], VOICES, strict=True):
        col.markdown(f"**{escape(t(f'words.voice.{voice.value}', lang()))}**")
    for area in template.areas:
        cols = st.columns(widths, vertical_alignment="center")
        cols[0].markdown(escape(area.title))
        for col, voice in zip(cols[1:], VOICES, strict=True):
            with col:
                label = tr(
                    "review.rating_label",
                    area=area.title,
                    voice=t(f"words.voice.{voice.value}", lang()),
                )
                _rating_select(
                    draft,
                    ("readings", area.id, voice.value),
                    label,
                    template.scale,
                    allow_declined=voice is Voice.CHILD,
                )


def _ratings_of(body: dict[str, Any]) -> dict[str, VoiceRatings]:
    found: dict[str, VoiceRatings] = {}
    for area, value in (body.get("readings") or {}).items():
        try:
            found[area] = VoiceRatings.model_validate(value or {})
        except ValueError:
            continue
    return found


def readings_over_time(ctx: CaseContext, draft: Draft, doc_id: str) -> list[Reading]:
    """This reading over the earlier ones: the first assessment and the latest review
    before this one, at most three in all, oldest first."""
    earlier: list[Reading] = []
    if ctx.assessment is not None:
        earlier.append(
            (
                tr("review.reading_assessment"),
                {a: area.ratings for a, area in ctx.assessment.areas.items()},
            )
        )
    held = str(draft.get(("held_on",)) or clock.today().isoformat())
    before = [
        (env, body)
        for env, body in ctx.reviews
        if env.id != doc_id and body.held_on.isoformat() <= held
    ]
    earlier += [(_review_label(body), body.readings) for _, body in before]
    room = MAX_READINGS - 1  # this reading takes one place
    kept = earlier[:1] + (earlier[1:][-(room - 1) :] if room > 1 else [])
    return [*kept, (tr("review.reading_now"), _ratings_of(draft.body))]


def _wheel(ctx: CaseContext, draft: Draft, doc_id: str) -> None:
    if ctx.template is None:
        return
    st.subheader(tr("review.wheel_title"))
    readings = readings_over_time(ctx, draft, doc_id)
    show_wheel(ctx.template, readings, lang(), key=f"review_wheel::{doc_id}")


# --- saving: the review, then the plan's next review date ----------------------------------


def _keep_plan_draft_in_step(
    ctx: CaseContext, before_revision: int, after: Envelope, review: dict[str, Any]
) -> None:
    """The plan just got a new revision behind any open plan draft: a clean draft is
    dropped (it reloads), unsaved plan work continues on top of the new revision."""
    open_work = next((d for d in dirty_drafts(ctx.case_id) if d.doc_id == "plan"), None)
    if open_work is None:
        drop_draft(ctx.case_id, "plan")
    elif open_work.base_revision == before_revision:
        rebase(open_work, after, plan_after_review(open_work.body, review))


def _on_saved(ctx: CaseContext, draft: Draft, is_new: bool) -> None:
    """The service brought the newest review into the plan in the same step; the page
    tells the person, keeps any open plan draft in step, or says what to do by hand."""
    _, pending, new_key = _keys(ctx)
    after = ctx.store.latest_or_none(ctx.case_id, "plan")
    if after is not None and ctx.plan_revision is not None:
        if after.revision != ctx.plan_revision:
            st.session_state[f"review_plan_saved::{ctx.case_id}"] = after.revision
            _keep_plan_draft_in_step(ctx, ctx.plan_revision, after, draft.body)
        else:
            plan = after.parsed().model_dump(mode="json")
            held = dt.date.fromisoformat(str(draft.get(("held_on",))))
            newest = is_newest_review(service_context(), ctx.case_id, draft.doc_id, held)
            if newest and plan_after_review(plan, draft.body) != plan:
                # Someone saved the plan at that very moment: bring the date in by hand.
                st.session_state[f"review_plan_failed::{ctx.case_id}"] = True
    if is_new:
        st.session_state[pending] = draft.doc_id  # stay on the review just saved
        st.session_state.pop(new_key, None)


def render(ctx: CaseContext) -> None:
    st.header(tr("step.review"))
    st.caption(tr("review.intro"))
    if st.session_state.pop(f"review_plan_failed::{ctx.case_id}", False):
        st.warning(tr("review.plan_not_updated"), icon=":material/edit_note:")
    if ctx.plan is None:
        st.info(tr("review.no_plan"))
    doc_id, is_new = _choose(ctx)
    _earlier(ctx)
    draft = ctx.draft("review", lambda: new_review(ctx), doc_id=doc_id)
    fields.date_input(
        draft,
        ("held_on",),
        tr("review.held_on") + " *",
        max_value=clock.today() + dt.timedelta(days=365),
    )
    plan = _reviewed_plan(ctx, draft)
    revision = draft.get(("plan_revision",))
    if revision:
        st.caption(tr("review.plan_revision", revision=revision))
    _progress(ctx, draft, plan)
    st.divider()
    if ctx.template is not None:
        _readings(ctx.template, draft)
        _wheel(ctx, draft, doc_id)
        st.divider()
    st.subheader(tr("review.summary_title"))
    text_lang = checker_lang(ctx.written_in)
    fields.text_area(draft, ("summary",), tr("review.summary"), help=tr("review.summary_help"))
    language_hint(draft, ("summary",), target="family", text_lang=text_lang)
    fields.date_input(
        draft, ("next_review",), tr("review.next_review"), help=tr("review.next_review_help")
    )
    st.divider()
    plan_saved = st.session_state.pop(f"review_plan_saved::{ctx.case_id}", None)
    if plan_saved:
        st.info(tr("review.plan_updated", revision=plan_saved), icon=":material/sync:")
    save_bar(
        draft, key=f"review_save::{doc_id}", on_saved=lambda _env: _on_saved(ctx, draft, is_new)
    )
