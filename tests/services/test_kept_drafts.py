"""Unsaved work kept on the server (issue 12, item 3): personal to the person and the case,
owner-only on disk, only for those who may write the case, gone on discard, after
``HJULET_DRAFT_DAYS`` and with the case."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from plans.accounts import AccountRole, directory_for
from plans.audit import AuditAction
from plans.documents.case import CaseBody, CaseType, Child
from plans.documents.common import Contact
from plans.services import LOCAL_OPERATOR, Context, create_case
from plans.services import drafts as kept
from plans.services.accounts import actor_for, add_user
from plans.settings import get_settings
from plans.store.drafts import StoredDraft, drafts_for
from plans.store.files import FileStore

TODAY = dt.date(2026, 11, 23)
ANNA = Contact(name="Anna Lind", organisation="BVC Norr", email="anna@bvc.example")
BODY = {"reasons": "Elsa ska få sova bättre."}


def _as(store: FileStore, username: str) -> Context:
    user = directory_for(store).user(username)
    assert user is not None
    return Context(store, actor_for(user), TODAY)


@pytest.fixture
def case(store: FileStore) -> str:
    op = Context(store, LOCAL_OPERATOR, TODAY)
    for name, org in (("anna", "BVC Norr"), ("omar", "Socialtjänsten")):
        add_user(
            op,
            name,
            role=AccountRole.PROFESSIONAL,
            password="ett långt lösenord",
            display_name=name.title(),
            organisation=org,
            email=f"{name}@example.org",
        )
    body = CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name="Elsa", last_name="Berg", birth_date=dt.date(2020, 4, 2)),
        named_person=ANNA,
        raised_on=TODAY,
    )
    return create_case(_as(store, "anna"), body).case_id


def _keep(ctx: Context, case_id: str, body: dict[str, str] = BODY) -> StoredDraft | None:
    return kept.keep_draft(ctx, case_id, "plan", "plan", base_revision=None, body=body, pristine={})


def test_a_kept_draft_comes_back_to_its_own_person_only(store: FileStore, case: str) -> None:
    anna, omar = _as(store, "anna"), _as(store, "omar")
    assert _keep(anna, case) is not None
    assert _keep(omar, case) is None  # not a member: nothing kept
    assert kept.restore_drafts(omar) == []
    [back] = kept.restore_drafts(anna)
    assert (back.case_id, back.doc_id, back.body, back.base_revision) == (case, "plan", BODY, None)
    entries = [e for e in store.audit_log().entries() if e.action == AuditAction.DRAFT_RESTORED]
    assert [(e.actor, e.case_id, e.detail["doc_id"]) for e in entries] == [("anna", case, "plan")]


def test_drafts_are_owner_only_and_name_nobody_on_disk(store: FileStore, case: str) -> None:
    _keep(_as(store, "anna"), case)
    root = drafts_for(store).folder
    found = [Path(d) / f for d, _, files in os.walk(root) for f in files]
    folders = [root, *(Path(d) / s for d, subs, _ in os.walk(root) for s in subs)]
    assert len(found) == 1
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in found)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in folders)
    assert not any("anna" in str(p.relative_to(root)) for p in [*found, *folders])


def test_a_discarded_draft_is_gone(store: FileStore, case: str) -> None:
    anna = _as(store, "anna")
    _keep(anna, case)
    assert kept.discard_draft(anna, case, "plan") is True
    assert kept.restore_drafts(anna) == []
    assert not any(drafts_for(store).folder.iterdir())


def test_old_drafts_are_forgotten(
    store: FileStore, case: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    anna = _as(store, "anna")
    _keep(anna, case)
    monkeypatch.setenv("HJULET_DRAFT_DAYS", "1")
    get_settings.cache_clear()
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=2)
    monkeypatch.setattr(kept, "_now", lambda: later)
    try:
        assert kept.expire_drafts(anna) == 1
        _keep(anna, case)  # kept "two days from now"
        monkeypatch.setattr(kept, "_now", lambda: later + dt.timedelta(days=2))
        assert kept.restore_drafts(anna) == []
        assert drafts_for(store).of_person("anna") == []
    finally:
        get_settings.cache_clear()


def test_a_broken_or_linked_draft_is_never_restored(store: FileStore, case: str) -> None:
    anna = _as(store, "anna")
    _keep(anna, case)
    [path] = [Path(d) / f for d, _, files in os.walk(drafts_for(store).folder) for f in files]
    path.write_text("{not json")
    assert kept.restore_drafts(anna) == []
    path.unlink()
    outside = store.root.parent / "elsewhere.json"
    outside.write_bytes(
        StoredDraft(case, "plan", "plan", "anna", None, BODY, {}, dt.datetime.now(dt.UTC)).to_json()
    )
    path.symlink_to(outside)
    assert kept.restore_drafts(anna) == []
