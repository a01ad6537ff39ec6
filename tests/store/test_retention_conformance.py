"""What every backend keeps for issue 10, written against the Store interface like
``test_conformance.py`` (same ``BACKENDS``): deleting a case or one document for good,
the audit log, and the anonymous surveys."""

from __future__ import annotations

import pytest

from plans.audit import AuditAction
from plans.store import InvalidInputError, NotFoundError, Store
from plans.store.surveys import AnonymousSurvey
from tests.store import test_conformance as suite
from tests.store.test_conformance import _case, _plan

# ``backend`` comes from tests/store/conftest.py: every test here runs on each backend.
assert suite.BACKENDS


def test_delete_case_removes_every_revision_and_nothing_else(backend: Store) -> None:
    gone = backend.create_case(_case("Borta")).case_id
    backend.save(gone, "plan", _plan("ett"), parent_revision=None)
    backend.save(gone, "plan", _plan("två"), parent_revision=1)
    kept = backend.create_case(_case("Kvar")).case_id
    backend.save(kept, "plan", _plan(), parent_revision=None)
    before = backend.generation()
    assert backend.delete_case(gone) == 3
    assert backend.case_ids() == [kept]
    assert backend.generation() != before
    with pytest.raises(NotFoundError):
        backend.load(gone, "case")
    with pytest.raises(NotFoundError):
        backend.documents(gone)
    assert backend.load(kept, "plan").revision == 1
    assert backend.check() == []
    with pytest.raises(NotFoundError):
        backend.delete_case(gone)


def test_delete_document_removes_its_revisions_only(backend: Store) -> None:
    cid = backend.create_case(_case()).case_id
    backend.save(cid, "plan", _plan("ett"), parent_revision=None)
    backend.save(cid, "plan", _plan("två"), parent_revision=1)
    assert backend.delete_document(cid, "plan") == 2
    assert [d.doc_id for d in backend.documents(cid)] == ["case"]
    assert backend.check() == []
    with pytest.raises(InvalidInputError):
        backend.delete_document(cid, "case")
    with pytest.raises(NotFoundError):
        backend.delete_document(cid, "plan")


def test_the_audit_log_chains_and_filters(backend: Store) -> None:
    log = backend.audit_log()
    first = log.record("anna", AuditAction.OPEN_CASE, case_id="c-one", detail={"revision": 1})
    second = log.record("bertil", AuditAction.SAVE, case_id="c-two")
    assert (first.seq, second.seq, second.prev_hash) == (1, 2, first.hash)
    assert [e.seq for e in backend.audit_log().entries(case_id="c-two")] == [2]
    assert [e.seq for e in backend.audit_log().entries(actor="anna")] == [1]
    assert backend.audit_log().verify() == []


def test_anonymous_surveys_are_kept_and_listed(backend: Store) -> None:
    survey = AnonymousSurvey(
        team="Team Norr", month="2026-11", respondent="child", answers={"listened": "yes"}
    )
    backend.anonymous_surveys().add(survey)
    backend.anonymous_surveys().add(survey)
    assert backend.anonymous_surveys().all() == [survey, survey]
