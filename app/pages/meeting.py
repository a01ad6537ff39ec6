"""The meeting view: the child's plan on a shared screen with the family.

Renders the same plan view the family PDF is made from (plans.planview), so the
screen and the paper can never disagree. Large type, no editing controls, no
internal notes; the arrow keys move between areas.
"""

from __future__ import annotations

import streamlit as st

from app import auth
from app.components.agenda import agenda_panel
from app.components.text import escape, phone_link
from app.components.wheel_chart import show_wheel
from app.context import cases, fixed_labels, lang, open_case_file, service_context, store, tr
from app.fragments import whole_page_unless_allowed
from plans.audit import AuditAction
from plans.documents.case import CaseBody
from plans.documents.consent import ConsentBody
from plans.documents.plan import AREA_PARTS
from plans.planview import (
    ActionView,
    NoPlanForCaseError,
    PlanView,
    build_plan_view,
    texts_to_check,
)
from plans.planview.language import plain_language_checker
from plans.planview.words import local_date, long_date
from plans.services import AccessDeniedError, Context, latest_body
from plans.services.audit import record
from plans.sharing import may_share_with
from plans.store import InvalidInputError, NotFoundError

_STYLE = """<style>
.st-key-meeting p, .st-key-meeting li { font-size: 1.3rem; line-height: 1.55; }
.st-key-meeting h1 { font-size: 3rem; }
.st-key-meeting h2 { font-size: 2.1rem; }
.st-key-meeting h3 { font-size: 1.6rem; }
</style>"""


def _choose_case() -> None:
    chosen = sorted(
        (c for c in cases() if c.type != "anonymous"), key=lambda c: c.display_name.casefold()
    )
    labels = {c.id: f"{c.display_name} ({c.id})" for c in chosen}
    case_id = st.selectbox(
        tr("meeting.choose"),
        list(labels),
        index=None,
        format_func=labels.__getitem__,
        placeholder=tr("case.choose_placeholder"),
    )
    if case_id:
        st.query_params["case"] = case_id
        st.rerun()


def _area_index_key(case_id: str) -> str:
    return f"meeting_area::{case_id}"


def _move(case_id: str, step: int, count: int) -> None:
    key = _area_index_key(case_id)
    st.session_state[key] = (int(st.session_state.get(key, 0)) + step) % count


def _language_reminder(view: PlanView) -> None:
    hard = [item for item in texts_to_check(view) if plain_language_checker(item, view.lang)]
    if hard:
        with st.expander(
            tr("meeting.language_reminder", count=len(hard)), icon=":material/translate:"
        ):
            for item in hard:
                st.markdown(f"- **{escape(item.label)}**: {escape(item.text)}")


def _compare_key(case_id: str) -> str:
    return f"meeting_compare::{case_id}"


def _compare_with(case_id: str, view: PlanView) -> int | None:
    """The earlier version the person chose to compare with, if it is still one."""
    chosen = st.session_state.get(_compare_key(case_id))
    if isinstance(chosen, int) and 0 < chosen < view.header.revision:
        return chosen
    return None


def _compare_picker(view: PlanView, default: int | None, last_meeting: int | None) -> None:
    """Any earlier version; preselected is the one shown at the last meeting (or the
    one before this, without a review), the comparison the view makes by itself."""
    earlier = [
        r for r in store().history(view.case_id, "plan") if r.revision < view.header.revision
    ]
    if not earlier:
        return
    options = [r.revision for r in sorted(earlier, key=lambda r: -r.revision)]
    saved = {r.revision: r.saved_at for r in earlier}
    key = _compare_key(view.case_id)
    if st.session_state.get(key) not in options:
        st.session_state[key] = default if default in options else options[0]

    def label(revision: int) -> str:
        day = long_date(local_date(saved[revision]), lang())
        text = tr("meeting.compare_option", revision=revision, date=day)
        return tr("meeting.compare_last_meeting", option=text) if revision == last_meeting else text

    st.selectbox(
        tr("meeting.compare_with"),
        options,
        key=key,
        format_func=fixed_labels(options, label),
        help=tr("meeting.compare_help"),
        placeholder=tr("common.choose"),
    )


def _changes(
    view: PlanView, default: int | None, last_meeting: int | None, *, picker: bool = True
) -> None:
    st.subheader(tr("words.section.changes"))
    if picker:  # the family screen shows what the professional chose, with no controls
        _compare_picker(view, default, last_meeting)
    st.caption(escape(view.changes.intro))
    if not view.changes.items:
        if view.changes.compared_with is not None:
            st.markdown(escape(view.changes.empty_text))
        return
    st.markdown(
        "\n".join(
            f"- **{escape(change.label)}:** {escape(change.subject)}"
            for change in view.changes.items
        )
    )


def _area(view: PlanView, index: int) -> None:
    area = view.areas[index]
    st.subheader(escape(area.title))
    if area.description:
        st.caption(escape(area.description))
    parts = [(f"words.plan_area.{name}", getattr(area, name)) for name, _ in AREA_PARTS]
    for key, text in parts:
        if text.strip():
            st.markdown(f"**{escape(tr(key))}**  \n{escape(text)}")
    actions = view.actions_for_area(area.area_id)
    if actions:
        _actions(actions)


def _actions(actions: tuple[ActionView, ...]) -> None:
    lines = []
    for action in actions:
        who = f" – {escape(action.who)}" if action.who else ""
        lines.append(
            f"- **{escape(action.what)}**{who}. {escape(action.when)}. "
            f"*{escape(action.status_text)}*"
        )
        if action.how_we_know_text:
            lines.append(f"  - {escape(action.how_we_know_text)}")
    st.markdown("\n".join(lines))


@st.fragment
def _areas(view: PlanView) -> None:
    """One area at a time (the arrow keys move): moving reruns only this part."""
    whole_page_unless_allowed(view.case_id, on_family_screen=True)
    st.subheader(tr("words.section.areas"))
    if not view.areas:
        st.markdown(escape(tr("meeting.no_areas")))
        return
    mode = st.segmented_control(
        tr("meeting.show"),
        ["one", "all"],
        default="one",
        key="meeting_mode",
        format_func=fixed_labels(["one", "all"], lambda m: tr(f"meeting.show_{m}")),
    )
    if mode == "all":
        for index in range(len(view.areas)):
            _area(view, index)
        return
    count = len(view.areas)
    index = int(st.session_state.get(_area_index_key(view.case_id), 0)) % count
    # One row sized to its content, so "Område 1 av 3" never wraps in a narrow column. The
    # arrow on each button is the shortcut's own key hint (Streamlit draws "←" / "→" for
    # Left / Right); an arrow icon as well showed two ("← Förra ←").
    with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
        st.button(
            tr("meeting.previous"),
            shortcut="Left",
            on_click=_move,
            args=(view.case_id, -1, count),
            key="meeting_prev",
            help=tr("meeting.arrows_help"),
        )
        st.markdown(
            escape(tr("meeting.area_of", n=index + 1, total=count)), width="content", wrap=False
        )
        st.button(
            tr("meeting.next"),
            shortcut="Right",
            on_click=_move,
            args=(view.case_id, 1, count),
            key="meeting_next",
            help=tr("meeting.arrows_help"),
        )
    _area(view, index)


def _other_actions(view: PlanView) -> None:
    shown = {a.area_id for a in view.areas}
    rest = tuple(a for a in view.actions if a.area_id not in shown)
    if rest:
        st.subheader(tr("meeting.other_actions"))
        _actions(rest)


def _contacts(view: PlanView) -> None:
    st.subheader(tr("words.section.contacts"))
    lines = []
    for contact in view.contacts:
        # The phone is a tel: link, so the family can call from a phone or tablet.
        details = ", ".join(
            [escape(p) for p in (contact.role, contact.organisation) if p]
            + ([phone_link(contact.phone)] if contact.phone else [])
            + ([escape(contact.email)] if contact.email else [])
        )
        lines.append(
            f"- **{escape(contact.name)}**, {escape(contact.label)}"
            + (f"  \n  {details}" if details else "")
        )
    st.markdown("\n".join(lines) if lines else escape(tr("meeting.no_contacts")))
    st.markdown(f"**{escape(view.next_meeting_text)}**")


def _pdf_for(ctx: Context, case_id: str, audience: str, view: PlanView) -> bytes:
    """Built when the download is clicked, and recorded with its audience then. Runs
    outside the script run (no session state), so the context is taken at render time."""
    from plans.pdf.render import render_pdf

    data = render_pdf(view)
    record(ctx, AuditAction.PDF, case_id, audience=audience, source="meeting")
    return data


def _download(case_id: str, view: PlanView, compare_with: int | None) -> None:
    """Every download says who it is for; the PDF is built only when clicked."""
    from plans.pdf.render import suggested_filename

    st.subheader(tr("meeting.download_title"))
    case = store().load(case_id, "case").body_as(CaseBody)
    consent = latest_body(store(), case_id, "consent", ConsentBody)
    # Only partners the consent covers today (secrecy law); withdrawal stops sharing.
    allowed = [p for p in case.partners if may_share_with(case, consent, p.organisation)]
    options = ["family", "team", *[f"partner:{p.id}" for p in allowed]]
    names = {f"partner:{p.id}": p.organisation for p in case.partners}

    def label(code: str) -> str:
        if code.startswith("partner:"):
            return tr("meeting.audience_partner", organisation=escape(names[code]))
        return tr(f"meeting.audience_{code}")

    ctx = service_context()
    cols = st.columns([2, 2], vertical_alignment="bottom")
    audience = cols[0].selectbox(
        tr("meeting.audience"),
        options,
        format_func=fixed_labels(options, label),
        key="meeting_audience",
        help=tr("meeting.audience_help"),
        placeholder=tr("common.choose"),
    )
    chosen_view = (
        view
        if audience == "family"
        else build_plan_view(
            store(), case_id, audience=audience, lang=lang(), compare_with=compare_with
        )
    )
    cols[1].download_button(
        tr("meeting.download", audience=label(audience)),
        data=lambda: _pdf_for(ctx, case_id, audience, chosen_view),
        file_name=suggested_filename(chosen_view),
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        type="primary" if audience == "family" else "secondary",
        on_click="ignore",
        key="meeting_pdf",
    )
    if audience == "team":
        st.warning(tr("meeting.team_warning"), icon=":material/lock:")


def _family_screen_button(case_id: str) -> None:
    st.button(
        tr("family_screen.open"),
        icon=":material/lock:",
        type="primary",
        key="family_screen_open",
        help=tr("family_screen.open_help"),
        on_click=auth.lock_to_family_screen,
        args=(case_id,),
    )


def render() -> None:
    locked = auth.family_screen()
    # On the family screen the locked case is the only one, whatever the address says.
    case_id = locked or st.query_params.get("case")
    if not case_id:
        st.title(tr("nav.meeting"))
        _choose_case()
        return
    try:
        open_case_file(case_id)
        view = build_plan_view(store(), case_id, audience="family", lang=lang())
        default = view.changes.compared_with
        last_meeting = default if view.changes.basis == "review" else None
        compare_with = _compare_with(case_id, view)
        if compare_with == default:
            compare_with = None
        if compare_with is not None:
            view = build_plan_view(
                store(), case_id, audience="family", lang=lang(), compare_with=compare_with
            )
    except AccessDeniedError:
        st.title(tr("nav.meeting"))
        st.error(tr("auth.no_access"), icon=":material/lock:")
        st.caption(tr("auth.no_access_help"))
        if not locked:
            _choose_case()
        return
    except (NoPlanForCaseError, NotFoundError, InvalidInputError):
        st.title(tr("nav.meeting"))
        st.info(tr("meeting.no_plan"))
        if not locked:
            _choose_case()
        return
    st.html(_STYLE)
    if locked:
        st.caption(tr("family_screen.locked_note"))
    else:
        agenda_panel(case_id)
        _family_screen_button(case_id)
        _language_reminder(view)
    with st.container(key="meeting"):
        st.title(escape(view.header.title))
        st.caption(escape(f"{view.header.version_line} · {view.header.audience_line}"))
        _changes(view, default, last_meeting, picker=not locked)
        left, right = st.columns([1, 1], gap="large")
        with right:
            if view.wheel is not None:
                show_wheel(
                    view.wheel.template,
                    [(tr("wheel.now"), view.wheel.ratings())],
                    lang(),
                    key="meeting_wheel",
                    radius=100,  # room for the longest area titles in half the page
                )
                if view.wheel.language_note:
                    st.caption(escape(view.wheel.language_note))
        with left:
            if view.reasons.strip():
                st.subheader(tr("planview.reasons_title"))
                st.markdown(escape(view.reasons))
            _areas(view)
            _other_actions(view)
        _contacts(view)
    st.divider()
    if locked:
        auth.render_unlock()
        return
    _download(case_id, view, compare_with)


if __name__ == "__main__":
    render()
