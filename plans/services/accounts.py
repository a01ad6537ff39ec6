"""Accounts: sign-in with a local password (Argon2), lockout, and managing users.

Managing users is for an admin or the local operator; signing in is for anyone with an
account. A failed sign-in never says whether the username exists."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from enum import StrEnum

from plans.accounts import AccountRole, User, directory_for, hash_password, valid_username
from plans.accounts.passwords import password_problem, verify_password
from plans.audit import AuditAction
from plans.services.context import Actor, Context, Role
from plans.services.errors import AccessDeniedError, Problem, RuleError
from plans.store import InvalidInputError, NotFoundError, Store

MAX_FAILED_ATTEMPTS = 5
LOCK_FOR = dt.timedelta(minutes=15)


class SignInFailure(StrEnum):
    WRONG = "wrong"
    """Unknown user or wrong password: the same answer for both."""
    LOCKED = "locked"
    DISABLED = "disabled"


class SignInError(Exception):
    def __init__(self, failure: SignInFailure, user: User | None = None) -> None:
        super().__init__(failure.value)
        self.failure = failure
        self.user = user


def actor_for(user: User) -> Actor:
    role = Role.ADMIN if user.role is AccountRole.ADMIN else Role.PROFESSIONAL
    return Actor(user.username, user.display_name, user.organisation, role)


def sign_in(store: Store, username: str, password: str, now: dt.datetime) -> User:
    """The account, when ``password`` is right and the account is usable; else SignInError.

    Five wrong passwords in a row lock the account for 15 minutes (an admin can unlock)."""
    found = directory_for(store)
    user = (
        found.user(username.strip().lower()) if valid_username(username.strip().lower()) else None
    )
    matches = verify_password(user.password_hash if user else "", password)
    if user is None:
        raise SignInError(SignInFailure.WRONG)
    if user.disabled:
        raise SignInError(SignInFailure.DISABLED, user)
    if user.locked(now):
        raise SignInError(SignInFailure.LOCKED, user)
    if not matches:
        count = found.record_failure(user.username, now, MAX_FAILED_ATTEMPTS, LOCK_FOR)
        if count >= MAX_FAILED_ATTEMPTS:
            raise SignInError(SignInFailure.LOCKED, user)
        raise SignInError(SignInFailure.WRONG, user)
    if user.failed_attempts or user.locked_until:
        found.update_user(user.username, failed_attempts=0, locked_until=None)
    return replace(user, failed_attempts=0, locked_until=None)


def identity_user(store: Store, *, subject: str, email: str) -> User | None:
    """The active account an OpenID Connect identity maps to (by ``sub``, else e-mail);
    a successful mapping is the sign-in and is audited as one."""
    user = directory_for(store).user_by(oidc_subject=subject, email=email)
    if user is None or user.disabled:
        store.audit_log().record("unknown", AuditAction.SIGN_IN_FAILED, detail={"reason": "oidc"})
        return None
    store.audit_log().record(user.username, AuditAction.SIGN_IN, detail={"method": "oidc"})
    return user


def current_user(store: Store, username: str) -> User | None:
    """The account as it is now (None when gone or disabled): checked on every page view,
    so disabling an account ends its sessions at their next click."""
    user = directory_for(store).user(username)
    return user if user is not None and not user.disabled else None


# --- managing accounts ------------------------------------------------------------------------


def _require_admin(ctx: Context) -> None:
    if ctx.actor.role not in (Role.ADMIN, Role.OPERATOR):
        raise AccessDeniedError("only an admin may manage accounts")


def _changed(ctx: Context, username: str, change: str) -> None:
    ctx.store.audit_log().record(
        ctx.actor.username, AuditAction.USER_CHANGED, detail={"user": username, "change": change}
    )


def _check_password(password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise RuleError([Problem("$.password", problem)])


def add_user(
    ctx: Context,
    username: str,
    *,
    role: AccountRole,
    password: str | None,
    display_name: str = "",
    organisation: str = "",
    email: str = "",
    oidc_subject: str = "",
) -> User:
    """A new account. ``password`` None: sign-in only through the identity provider."""
    _require_admin(ctx)
    if not valid_username(username):
        raise RuleError([Problem("$.username", "username_invalid", {"name": username})])
    if password is not None:
        _check_password(password)
    user = User(
        username=username,
        display_name=display_name.strip()[:120] or username,
        role=role,
        organisation=organisation.strip()[:60],
        email=email.strip()[:200],
        oidc_subject=oidc_subject.strip()[:200],
        password_hash=hash_password(password) if password is not None else "",
        created_at=dt.datetime.now(dt.UTC),
    )
    if not directory_for(ctx.store).add_user(user):
        raise RuleError([Problem("$.username", "username_taken", {"name": username})])
    _changed(ctx, username, f"added-{role.value}")
    return user


def _existing(ctx: Context, username: str) -> User:
    user = directory_for(ctx.store).user(username)
    if user is None:
        raise NotFoundError(f"no user '{username}'")
    return user


def set_password(ctx: Context, username: str, password: str) -> None:
    """An admin sets anyone's password; a professional only their own."""
    if ctx.actor.username != username:
        _require_admin(ctx)
    _existing(ctx, username)
    _check_password(password)
    directory_for(ctx.store).update_user(
        username, password_hash=hash_password(password), failed_attempts=0, locked_until=None
    )
    _changed(ctx, username, "password")


def set_disabled(ctx: Context, username: str, disabled: bool) -> None:
    _require_admin(ctx)
    if disabled and ctx.actor.username == username:
        raise InvalidInputError("you cannot disable your own account")
    _existing(ctx, username)
    directory_for(ctx.store).update_user(username, disabled=disabled)
    _changed(ctx, username, "disabled" if disabled else "enabled")


def unlock(ctx: Context, username: str) -> None:
    _require_admin(ctx)
    _existing(ctx, username)
    directory_for(ctx.store).update_user(username, failed_attempts=0, locked_until=None)
    _changed(ctx, username, "unlocked")


def list_users(ctx: Context) -> list[User]:
    _require_admin(ctx)
    return directory_for(ctx.store).users()
