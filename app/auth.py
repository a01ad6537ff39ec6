"""Signing in: who is working in this browser session, the sign-in page, the idle timeout,
and the family screen that locks the browser to one plan.

Accounts and the rules (passwords, lockout) live in ``plans.services.accounts``; this
module only keeps the signed-in username in the session and asks the service each run, so
a disabled account's session ends at its next click."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app.context import CURRENT_USER_KEY, signed_in_user, store, tr
from plans.accounts import User, directory_for
from plans.accounts.passwords import verify_password
from plans.audit import AuditAction
from plans.services.accounts import (
    SignInError,
    SignInFailure,
    current_user,
    identity_user,
    sign_in,
)
from plans.settings import get_settings

USER_KEY = "auth::username"
CURRENT_KEY = CURRENT_USER_KEY
SEEN_KEY = "auth::seen"
NOTICE_KEY = "auth::notice"
FAMILY_KEY = "auth::family_screen"
UNLOCKING_KEY = "auth::unlocking"
UNLOCK_FAILURES_KEY = "auth::unlock_failures"
MAX_UNLOCK_FAILURES = 5
"""Then the whole session ends: a full sign-in counts failures towards the account's lock."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def oidc_configured() -> bool:
    """OpenID Connect is on when ``[auth]`` is set in .streamlit/secrets.toml."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own error type
        return False


def _oidc_user() -> User | None:
    if not oidc_configured() or not st.user.is_logged_in:
        return None
    subject, email = str(st.user.get("sub") or ""), str(st.user.get("email") or "")
    return identity_user(store(), subject=subject, email=email)


def sign_out(notice: str | None = None, reason: str = "user") -> None:
    username = st.session_state.get(USER_KEY)
    if username:
        store().audit_log().record(str(username), AuditAction.SIGN_OUT, detail={"reason": reason})
    for key in (USER_KEY, CURRENT_KEY, SEEN_KEY, FAMILY_KEY, UNLOCKING_KEY, UNLOCK_FAILURES_KEY):
        st.session_state.pop(key, None)
    if notice:
        st.session_state[NOTICE_KEY] = notice
    if oidc_configured() and st.user.is_logged_in:
        st.logout()


def signed_in() -> User | None:
    """The signed-in person for this run, or None. Ends an idle session."""
    username = st.session_state.get(USER_KEY)
    if not username:
        oidc = _oidc_user()
        if oidc is None:
            return None
        username = st.session_state[USER_KEY] = oidc.username
    now = _now()
    idle = dt.timedelta(minutes=get_settings().session_idle_minutes)
    seen = st.session_state.get(SEEN_KEY)
    if isinstance(seen, dt.datetime) and now - seen > idle:
        sign_out(tr("auth.idle", minutes=get_settings().session_idle_minutes), reason="idle")
        return None
    user = current_user(store(), str(username))
    if user is None:
        sign_out()
        return None
    st.session_state[SEEN_KEY] = now
    st.session_state[CURRENT_KEY] = user
    return user


def _message(failure: SignInFailure) -> str:
    return tr(f"auth.{failure.value}")


def render_sign_in() -> None:
    st.title(tr("auth.title"))
    st.write(tr("auth.intro"))
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(notice, icon=":material/schedule:")
    if not directory_for(store()).has_users() and not oidc_configured():
        st.info(tr("auth.no_accounts"), icon=":material/person_add:")
    with st.form("sign_in", enter_to_submit=True):
        username = st.text_input(tr("auth.username"), max_chars=63, autocomplete="username")
        password = st.text_input(
            tr("auth.password"), type="password", max_chars=1024, autocomplete="current-password"
        )
        submitted = st.form_submit_button(tr("auth.submit"), type="primary")
    if submitted:
        if not username.strip() or not password:
            st.error(tr("auth.empty"))
        else:
            try:
                found = sign_in(store(), username, password, _now())
            except SignInError as exc:
                st.error(_message(exc.failure), icon=":material/error:")
            else:
                st.session_state[USER_KEY] = found.username
                st.session_state[SEEN_KEY] = _now()
                st.rerun()
    if oidc_configured():
        st.divider()
        if st.user.is_logged_in:
            st.warning(tr("auth.oidc_unknown"))
            st.button(tr("auth.sign_out"), on_click=st.logout)
        else:
            st.button(tr("auth.oidc"), on_click=st.login, icon=":material/badge:")


# --- the family screen --------------------------------------------------------------------


def family_screen() -> str | None:
    """The case the browser is locked to, or None."""
    value = st.session_state.get(FAMILY_KEY)
    return str(value) if value else None


def lock_to_family_screen(case_id: str) -> None:
    st.session_state[FAMILY_KEY] = case_id
    st.session_state.pop(UNLOCKING_KEY, None)


def render_unlock() -> None:
    """Leaving the family screen takes the professional's password (or a new sign-in)."""
    current = signed_in_user()
    if not st.session_state.get(UNLOCKING_KEY):
        st.button(
            tr("family_screen.leave"),
            icon=":material/lock_open:",
            key="family_leave",
            on_click=lambda: st.session_state.__setitem__(UNLOCKING_KEY, True),
        )
        return
    if current is None or not current.password_hash:
        st.button(tr("family_screen.leave_oidc"), on_click=sign_out, key="family_resign")
        return
    with st.form("family_unlock"):
        st.markdown(f"**{tr('family_screen.leave_title')}**")
        password = st.text_input(
            tr("auth.password"), type="password", max_chars=1024, autocomplete="current-password"
        )
        cols = st.columns(2)
        unlock = cols[0].form_submit_button(tr("family_screen.leave_submit"), type="primary")
        cancel = cols[1].form_submit_button(tr("family_screen.leave_cancel"))
    if cancel:
        st.session_state.pop(UNLOCKING_KEY, None)
        st.rerun()
    if unlock:
        if verify_password(current.password_hash, password):
            for key in (FAMILY_KEY, UNLOCKING_KEY, UNLOCK_FAILURES_KEY):
                st.session_state.pop(key, None)
            st.rerun()
        failures = int(st.session_state.get(UNLOCK_FAILURES_KEY, 0)) + 1
        st.session_state[UNLOCK_FAILURES_KEY] = failures
        if failures >= MAX_UNLOCK_FAILURES:
            sign_out(tr("auth.wrong"), reason="unlock-failed")
            st.rerun()
        st.error(tr("family_screen.leave_wrong"))
