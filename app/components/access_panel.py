"""Who may open a case, and (for its named person or creator) giving and taking access."""

from __future__ import annotations

import streamlit as st

from app.components.text import escape
from app.context import fixed_labels, service_context, tr
from plans.accounts import MemberReason, directory_for
from plans.services import AccessDeniedError
from plans.services.access import Permission, grant, may, members, revoke
from plans.services.accounts import actor_for
from plans.services.context import Context


def _opens_now(ctx: Context, case_id: str, username: str) -> bool:
    user = directory_for(ctx.store).user(username)
    if user is None or user.disabled:
        return False
    return may(Context(ctx.store, actor_for(user), ctx.today), case_id, Permission.READ)


def _flash_key(case_id: str) -> str:
    return f"access_flash::{case_id}"


def show(case_id: str) -> None:
    ctx = service_context()
    try:
        found = members(ctx, case_id)
    except AccessDeniedError:
        return
    directory = directory_for(ctx.store)
    st.subheader(tr("access.title"))
    st.caption(tr("access.intro"))
    flash = st.session_state.pop(_flash_key(case_id), None)
    if flash:
        st.success(escape(flash), icon=":material/check_circle:")
    by_user: dict[str, list[MemberReason]] = {}
    for membership in found:
        by_user.setdefault(membership.username, []).append(membership.reason)
    lines = []
    for username, reasons in sorted(by_user.items()):
        user = directory.user(username)
        name = user.label if user else username
        why = ", ".join(tr(f"access.reason.{r.value}") for r in reasons)
        blocked = "" if _opens_now(ctx, case_id, username) else f" – *{tr('access.blocked')}*"
        lines.append(f"- **{escape(name)}** ({escape(why)}){blocked}")
    st.markdown("\n".join(lines))
    if not may(ctx, case_id, Permission.MANAGE):
        return
    _grant(ctx, case_id, set(by_user))
    granted = sorted(u for u, reasons in by_user.items() if MemberReason.GRANTED in reasons)
    if granted:
        labels = {u: (directory.user(u) or ctx.actor).label for u in granted}
        cols = st.columns([3, 1], vertical_alignment="bottom")
        chosen = cols[0].selectbox(
            tr("access.revoke"),
            granted,
            format_func=fixed_labels(granted, labels.__getitem__),
            key=f"access_revoke_who::{case_id}",
            placeholder=tr("common.choose"),
        )
        if cols[1].button(tr("access.revoke"), key=f"access_revoke::{case_id}") and chosen:
            revoke(ctx, case_id, chosen)
            st.session_state[_flash_key(case_id)] = tr("access.revoked", name=labels[chosen])
            st.rerun()


def _grant(ctx: Context, case_id: str, already: set[str]) -> None:
    candidates = [
        u for u in directory_for(ctx.store).users() if not u.disabled and u.username not in already
    ]
    if not candidates:
        st.caption(tr("access.none_to_add"))
        return
    labels = {
        u.username: f"{u.label} ({u.organisation})" if u.organisation else u.label
        for u in candidates
    }
    names = list(labels)
    cols = st.columns([3, 1], vertical_alignment="bottom")
    chosen = cols[0].selectbox(
        tr("access.grant"),
        names,
        index=None,
        placeholder=tr("access.grant_placeholder"),
        format_func=fixed_labels(names, labels.__getitem__),
        key=f"access_grant_who::{case_id}",
    )
    clicked = cols[1].button(
        tr("access.grant_button"), key=f"access_grant::{case_id}", disabled=not chosen
    )
    if clicked and chosen:
        grant(ctx, case_id, chosen)
        st.session_state[_flash_key(case_id)] = tr("access.granted", name=labels[chosen])
        st.rerun()
