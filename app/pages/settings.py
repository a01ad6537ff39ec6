"""Settings: your account (name, organisation, password) and what this installation holds."""

from __future__ import annotations

import streamlit as st

from app.components.text import escape
from app.context import lang, service_context, signed_in_user, tr
from app.validation import rule_messages
from plans.accounts.passwords import verify_password
from plans.services import RuleError
from plans.services.accounts import set_password
from plans.settings import get_settings
from plans.templates import registry


def _account() -> None:
    user = signed_in_user()
    if user is None:
        return
    st.subheader(tr("account.title"))
    st.markdown(
        escape(
            f"{tr('account.name')}: {user.label} · {tr('account.organisation')}: "
            f"{user.organisation or '–'} · {tr('account.role')}: {tr(f'account.role_{user.role}')}"
        )
    )
    if not user.password_hash:
        return
    with st.form("change_password", clear_on_submit=True):
        st.markdown(f"**{tr('account.change_password')}**")
        current = st.text_input(
            tr("account.current_password"), type="password", autocomplete="current-password"
        )
        new = st.text_input(
            tr("account.new_password"), type="password", autocomplete="new-password"
        )
        again = st.text_input(
            tr("account.repeat_password"), type="password", autocomplete="new-password"
        )
        submitted = st.form_submit_button(tr("account.change_password"))
    if not submitted:
        return
    if not verify_password(user.password_hash, current):
        st.error(tr("account.current_wrong"))
    elif new != again:
        st.error(tr("account.password_mismatch"))
    else:
        try:
            set_password(service_context(), user.username, new)
        except RuleError as exc:
            for line in rule_messages(exc, lang()):
                st.error(line)
        else:
            st.success(tr("account.password_changed"))


def render() -> None:
    st.title(tr("nav.settings"))
    _account()
    st.caption(tr("settings.language_hint"))
    st.subheader(tr("settings.about"))
    settings = get_settings()
    st.markdown(escape(tr("settings.data_dir", path=str(settings.data_dir.resolve()))))
    reg = registry()
    st.markdown(
        escape(
            tr(
                "settings.templates",
                names=", ".join(f"{t.title} ({t.id} {t.version})" for t in reg.templates.values()),
            )
        )
    )
    for problem in reg.problems:
        st.warning(escape(tr("settings.template_problem", problem=str(problem))))


if __name__ == "__main__":
    render()
