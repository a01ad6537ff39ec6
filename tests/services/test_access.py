"""Who may see what (issue 10): accounts, memberships and the consent rule, checked in the
service layer for the app and the CLI alike, against a real file store."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from plans.accounts import AccountRole, MemberReason, directory_for
from plans.cli import main
from plans.documents.case import CaseBody, CaseType, Child, Partner
from plans.documents.common import Contact
from plans.documents.consent import ConsentBody, scope_entry
from plans.services import LOCAL_OPERATOR, AccessDeniedError, Context, create_case, save_document
from plans.services.access import Permission, grant, may, revoke
from plans.services.accounts import (
    SignInError,
    SignInFailure,
    actor_for,
    add_user,
    set_disabled,
    sign_in,
    unlock,
)
from plans.services.casefile import case_list, open_case
from plans.store.files import FileStore

TODAY = dt.date(2026, 11, 23)
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
PASSWORD = "ett långt lösenord"


def operator(store: FileStore) -> Context:
    return Context(store, LOCAL_OPERATOR, TODAY)


def as_user(store: FileStore, username: str, today: dt.date = TODAY) -> Context:
    user = directory_for(store).user(username)
    assert user is not None
    return Context(store, actor_for(user), today)


@pytest.fixture
def people(store: FileStore) -> FileStore:
    """A BVC nurse and a social worker (different organisations), and an admin."""
    op = operator(store)
    add_user(
        op,
        "anna",
        role=AccountRole.PROFESSIONAL,
        password=PASSWORD,
        display_name="Anna Lind",
        organisation="BVC Norr",
        email="anna@bvc.example",
    )
    add_user(
        op,
        "omar",
        role=AccountRole.PROFESSIONAL,
        password=PASSWORD,
        display_name="Omar Said",
        organisation="Socialtjänsten",
        email="omar@soc.example",
    )
    add_user(op, "admin", role=AccountRole.ADMIN, password=PASSWORD, display_name="Admin")
    return store


def _child(first: str, named: Contact) -> CaseBody:
    return CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name=first, last_name="Berg", birth_date=dt.date(2020, 4, 2)),
        named_person=named,
        raised_on=TODAY,
    )


def _consent_for(org: str, on: dt.date = TODAY) -> ConsentBody:
    return ConsentBody(given_by=["Eva Berg"], given_on=on, scope=[scope_entry(org)])


ANNA = Contact(name="Anna Lind", organisation="BVC Norr", email="anna@bvc.example")
OMAR = Contact(name="Omar Said", organisation="Socialtjänsten", email="omar@soc.example")


def test_two_professionals_each_see_exactly_their_own_cases(people: FileStore) -> None:
    elsa = create_case(as_user(people, "anna"), _child("Elsa", ANNA)).case_id
    ture = create_case(as_user(people, "omar"), _child("Ture", OMAR)).case_id

    assert [c.id for c in case_list(as_user(people, "anna"))] == [elsa]
    assert [c.id for c in case_list(as_user(people, "omar"))] == [ture]
    with pytest.raises(AccessDeniedError):
        open_case(as_user(people, "anna"), ture)
    with pytest.raises(AccessDeniedError):
        save_document(as_user(people, "omar"), elsa, "case", _child("X", OMAR), base_revision=1)
    opened = open_case(as_user(people, "anna"), elsa).case
    assert opened.child is not None and opened.child.first_name == "Elsa"


def test_the_named_person_by_email_is_a_member_even_when_someone_else_created_it(
    people: FileStore,
) -> None:
    case_id = create_case(operator(people), _child("Elsa", ANNA)).case_id
    reasons = {(m.username, m.reason) for m in directory_for(people).members(case_id)}
    assert reasons == {("anna", MemberReason.NAMED_PERSON)}
    assert may(as_user(people, "anna"), case_id, Permission.READ)


def test_a_partner_sees_the_case_only_while_consent_covers_their_organisation(
    people: FileStore,
) -> None:
    anna = as_user(people, "anna")
    case_id = create_case(anna, _child("Elsa", ANNA)).case_id
    save_document(anna, case_id, "consent", _consent_for("Socialtjänsten"), base_revision=None)
    case = people.load(case_id, "case").body_as(CaseBody)
    with_partner = case.model_copy(
        update={"partners": [Partner(id="soc", organisation="Socialtjänsten", contact=OMAR)]}
    )
    save_document(anna, case_id, "case", with_partner, base_revision=1)
    assert may(as_user(people, "omar"), case_id, Permission.READ)

    consent = people.load(case_id, "consent").body_as(ConsentBody)
    later = TODAY + dt.timedelta(days=3)
    save_document(
        as_user(people, "anna", later),
        case_id,
        "consent",
        consent.model_copy(update={"withdrawn_on": later}),
        base_revision=1,
    )
    omar_then = as_user(people, "omar", later)
    assert not may(omar_then, case_id, Permission.READ)
    assert case_list(omar_then) == []
    # The membership stays on record; only the access ends.
    assert ("omar", MemberReason.PARTNER) in {
        (m.username, m.reason) for m in directory_for(people).members(case_id)
    }
    assert may(as_user(people, "anna", later), case_id, Permission.READ)


def test_a_grant_outside_the_organisation_needs_consent_and_can_be_revoked(
    people: FileStore,
) -> None:
    anna = as_user(people, "anna")
    case_id = create_case(anna, _child("Elsa", ANNA)).case_id
    assert grant(anna, case_id, "omar")
    assert not may(as_user(people, "omar"), case_id, Permission.READ)  # no consent yet
    save_document(anna, case_id, "consent", _consent_for("Socialtjänsten"), base_revision=None)
    assert may(as_user(people, "omar"), case_id, Permission.READ)
    with pytest.raises(AccessDeniedError):
        grant(as_user(people, "omar"), case_id, "admin")  # only the case's own people grant
    assert revoke(anna, case_id, "omar")
    assert not may(as_user(people, "omar"), case_id, Permission.READ)


def test_an_admin_manages_access_but_reads_no_case_content(people: FileStore) -> None:
    case_id = create_case(as_user(people, "anna"), _child("Elsa", ANNA)).case_id
    admin = as_user(people, "admin")
    assert case_list(admin) == []
    with pytest.raises(AccessDeniedError):
        open_case(admin, case_id)
    with pytest.raises(AccessDeniedError):
        create_case(admin, _child("Ny", ANNA))
    assert grant(admin, case_id, "omar")
    with pytest.raises(AccessDeniedError):
        add_user(as_user(people, "anna"), "eve", role=AccountRole.ADMIN, password=PASSWORD)


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(people: FileStore) -> None:
    for attempt in range(4):
        with pytest.raises(SignInError) as wrong:
            sign_in(people, "anna", "not the password", NOW + dt.timedelta(seconds=attempt))
        assert wrong.value.failure is SignInFailure.WRONG
    with pytest.raises(SignInError) as fifth:
        sign_in(people, "anna", "not the password", NOW)
    assert fifth.value.failure is SignInFailure.LOCKED
    with pytest.raises(SignInError) as right_but_locked:
        sign_in(people, "anna", PASSWORD, NOW + dt.timedelta(minutes=14))
    assert right_but_locked.value.failure is SignInFailure.LOCKED
    assert sign_in(people, "anna", PASSWORD, NOW + dt.timedelta(minutes=16)).username == "anna"


def test_an_admin_unlocks_and_a_disabled_account_cannot_sign_in(people: FileStore) -> None:
    for _ in range(5):
        with pytest.raises(SignInError):
            sign_in(people, "omar", "wrong wrong wrong", NOW)
    unlock(as_user(people, "admin"), "omar")
    assert sign_in(people, "omar", PASSWORD, NOW).username == "omar"
    set_disabled(as_user(people, "admin"), "omar", True)
    with pytest.raises(SignInError) as disabled:
        sign_in(people, "omar", PASSWORD, NOW)
    assert disabled.value.failure is SignInFailure.DISABLED


def test_an_unknown_user_gets_the_same_answer_as_a_wrong_password(people: FileStore) -> None:
    with pytest.raises(SignInError) as unknown:
        sign_in(people, "nobody", PASSWORD, NOW)
    assert unknown.value.failure is SignInFailure.WRONG


def test_passwords_are_stored_as_argon2_hashes_in_an_owner_only_file(people: FileStore) -> None:
    user = directory_for(people).user("anna")
    assert user is not None and user.password_hash.startswith("$argon2id$")
    raw = (people.root / "accounts.sqlite3").read_bytes()
    assert PASSWORD.encode() not in raw
    assert (people.root / "accounts.sqlite3").stat().st_mode & 0o077 == 0


def test_the_cli_with_as_obeys_the_same_rules(
    people: FileStore, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    elsa = create_case(as_user(people, "anna"), _child("Elsa", ANNA)).case_id
    base = ["--data-dir", str(people.root)]

    assert main([*base, "--as", "omar", "show", elsa]) == 5
    assert "no access" in capsys.readouterr().err
    assert main([*base, "--as", "omar", "list", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main([*base, "--as", "anna", "list", "--format", "json"]) == 0
    assert [c["id"] for c in json.loads(capsys.readouterr().out)] == [elsa]
    assert main([*base, "--as", "omar", "export", elsa, "--out", str(people.root / "x.json")]) == 5
    assert main([*base, "--as", "ghost", "list"]) == 5
    monkeypatch.setenv("HJULET_USER", "omar")
    assert main([*base, "history", elsa]) == 5


def test_user_commands_read_the_password_from_stdin_and_never_print_hashes(
    store: FileStore, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    base = ["--data-dir", str(store.root)]
    add = [*base, "user", "add", "lisa", "--role", "professional"]
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main([*add, "--password-stdin"]) == 2
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main([*add, "--organisation", "bvc-norr", "--password-stdin"]) == 0
    assert sign_in(store, "lisa", PASSWORD, NOW).organisation == "bvc-norr"
    capsys.readouterr()
    assert main([*base, "user", "list", "--format", "json"]) == 0
    listed = capsys.readouterr().out
    assert "argon2" not in listed and json.loads(listed)[0]["username"] == "lisa"
    assert main([*base, "user", "disable", "lisa"]) == 0
    assert main([*base, "--as", "lisa", "list"]) == 5
    assert main([*base, "user", "add", "Bad Name", "--role", "admin"]) == 2


def test_grant_and_revoke_from_the_cli(
    people: FileStore, capsys: pytest.CaptureFixture[str]
) -> None:
    elsa = create_case(as_user(people, "anna"), _child("Elsa", ANNA)).case_id
    base = ["--data-dir", str(people.root)]
    assert main([*base, "--as", "anna", "access", "grant", elsa, "admin"]) == 0
    assert main([*base, "--as", "omar", "access", "grant", elsa, "omar"]) == 5
    capsys.readouterr()
    assert main([*base, "access", "list", elsa, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["username"], r["reason"]) for r in rows} == {
        ("anna", "created"),
        ("anna", "named_person"),
        ("admin", "granted"),
    }
    assert main([*base, "access", "revoke", elsa, "admin"]) == 0
    assert main([*base, "access", "revoke", elsa, "admin"]) == 4


def test_accounts_live_beside_each_data_folder(people: FileStore, tmp_path: Path) -> None:
    assert (people.root / "accounts.sqlite3").exists()
    assert directory_for(FileStore(tmp_path / "other")).users() == []


def test_an_identity_provider_login_maps_to_an_account_by_sub_then_email(
    people: FileStore,
) -> None:
    from plans.services.accounts import identity_user

    add_user(
        operator(people),
        "siv",
        role=AccountRole.PROFESSIONAL,
        password=None,
        display_name="Siv Ek",
        email="siv@region.example",
        oidc_subject="abc-123",
    )
    by_sub = identity_user(people, subject="abc-123", email="someone@else.example")
    assert by_sub is not None and by_sub.username == "siv"
    by_email = identity_user(people, subject="unknown", email="SIV@region.example")
    assert by_email is not None and by_email.username == "siv"
    assert identity_user(people, subject="nobody", email="nobody@x.example") is None
    with pytest.raises(SignInError):  # no local password: only the identity provider
        sign_in(people, "siv", "", NOW)
    set_disabled(operator(people), "siv", True)
    assert identity_user(people, subject="abc-123", email="") is None
