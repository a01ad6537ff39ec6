"""The domain rules live in the service layer and hold for every entry point: each test
reproduces one of the ways they could be bypassed before (issue 9), against a real file
store in a temp folder."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from plans.cli import main
from plans.documents.case import AgeBand, Anonymous, CaseBody, CaseType, Child, Partner
from plans.documents.common import Contact
from plans.documents.consent import ConsentBody
from plans.services import (
    Actor,
    Context,
    RuleError,
    create_case,
    import_bundle,
    restore_revision,
    save_document,
)
from plans.store import Envelope
from plans.store.bundle import export_case
from plans.store.files import FileStore

TODAY = dt.date(2026, 11, 23)
NURSE = Actor(username="anna", display_name="Anna Lind", organisation="bvc")


def ctx(store: FileStore, today: dt.date = TODAY) -> Context:
    return Context(store, NURSE, today)


def child_case(**changes: Any) -> CaseBody:
    body = CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name="Elsa", last_name="Berg", birth_date=dt.date(2019, 4, 2)),
        named_person=Contact(name="Anna Lind", organisation="BVC Norr"),
        raised_on=TODAY,
    )
    return body.model_copy(update=changes)


def keys(exc: pytest.ExceptionInfo[RuleError]) -> list[str]:
    return [p.key for p in exc.value.problems]


# --- anonymous consultations hold no personal data, by every path -------------------------------


def test_an_anonymous_consultation_refuses_names_and_numbers(store: FileStore) -> None:
    body = CaseBody(
        type=CaseType.ANONYMOUS,
        anonymous=Anonymous(age_band=AgeBand.AGE_6_12, concern="Eva Svensson 850101-1234"),
        raised_on=TODAY,
    )
    with pytest.raises(RuleError) as exc:
        create_case(ctx(store), body)
    assert set(keys(exc)) == {"personal_data.personal_number", "personal_data.name"}
    assert exc.value.problems[0].path == "$.body.anonymous.concern"
    assert store.list_cases() == []
    # Swedish words for the app, from the catalogue
    assert "personnummer" in exc.value.problems[0].message("sv")


def test_an_anonymous_consultation_without_personal_data_is_saved(store: FileStore) -> None:
    body = CaseBody(
        type=CaseType.ANONYMOUS,
        anonymous=Anonymous(
            age_band=AgeBand.AGE_6_12, concern="Tre veckors frånvaro. Barnet verkar trött."
        ),
        raised_on=TODAY,
    )
    assert create_case(ctx(store), body).revision == 1


def test_consent_cannot_be_imported_onto_an_anonymous_case(
    store: FileStore, tmp_path: Path
) -> None:
    body = CaseBody(
        type=CaseType.ANONYMOUS, anonymous=Anonymous(age_band=AgeBand.AGE_0_5), raised_on=TODAY
    )
    case = create_case(ctx(store), body)
    envelope = {
        "kind": "consent",
        "schema_version": 1,
        "id": "consent",
        "case_id": case.case_id,
        "revision": 1,
        "saved_at": "2026-11-20T10:00:00Z",
        "body": {"given_by": ["Eva Svensson 850101-1234"], "given_on": "2026-11-20"},
    }
    path = tmp_path / "consent.json"
    path.write_text(json.dumps(envelope))
    assert main(["--data-dir", str(store.root), "import", str(path)]) == 2
    assert [d.kind for d in store.documents(case.case_id)] == ["case"]


# --- assessments are checked against their template --------------------------------------------


def _assessment(case_id: str, **body: Any) -> dict[str, Any]:
    return {
        "kind": "assessment",
        "schema_version": 2,
        "id": "assessment",
        "case_id": case_id,
        "revision": 1,
        "saved_at": "2026-11-20T10:00:00Z",
        "body": {"template_id": "girfec-sv", "template_version": "1.0", **body},
    }


def test_an_assessment_off_its_template_is_refused_by_validate_and_import(
    store: FileStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = create_case(ctx(store), child_case())
    bad = _assessment(
        case.case_id,
        areas={
            "safe": {"ratings": {"child": 99, "guardians": "declined", "professional": -5}},
            "no-such-area": {},
        },
        risk_factors=["no-such-risk"],
    )
    path = tmp_path / "a.json"
    path.write_text(json.dumps(bad))
    for command in ("validate", "import"):
        capsys.readouterr()
        assert main(["--data-dir", str(store.root), command, str(path)]) == 2
        err = capsys.readouterr().err
        assert "$.body.areas.safe.ratings.child: 99 is not on the scale" in err
        assert "$.body.areas.safe.ratings.professional: -5 is not on the scale" in err
        assert "$.body.areas.safe.ratings.guardians: only the child" in err
        assert "$.body.areas.no-such-area: the area" in err
        assert "$.body.risk_factors[0]" in err
    path.write_text(json.dumps({**bad, "body": {**bad["body"], "template_id": "no-such-wheel"}}))
    assert main(["--data-dir", str(store.root), "validate", str(path)]) == 2
    assert "no-such-wheel" in capsys.readouterr().err
    assert [d.kind for d in store.documents(case.case_id)] == ["case"]


# --- time-relative rules run on write, never on read -------------------------------------------


def test_a_child_born_long_ago_stays_readable_and_editable(store: FileStore) -> None:
    born = dt.date(2002, 5, 1)
    case = create_case(ctx(store), child_case(child=Child(first_name="Ida", birth_date=born)))
    later = dt.date(2028, 6, 1)  # Ida is 26 now
    assert store.check() == []
    assert store.reindex() == 1
    # Correcting something else is fine; the birth date was not brought in by this save.
    changed = child_case(child=Child(first_name="Ida", birth_date=born), team="Team Norr")
    saved = save_document(ctx(store, later), case.case_id, "case", changed, base_revision=1)
    assert saved.revision == 2
    # A new case with that birth date, made in 2028, is refused.
    with pytest.raises(RuleError) as exc:
        create_case(ctx(store, later), child_case(child=Child(first_name="Ida", birth_date=born)))
    assert keys(exc) == ["date_out_of_range"]


def test_birth_date_in_the_future_is_refused_on_save(store: FileStore) -> None:
    tomorrow = TODAY + dt.timedelta(days=1)
    with pytest.raises(RuleError) as exc:
        create_case(ctx(store), child_case(child=Child(first_name="A", birth_date=tomorrow)))
    assert "date_in_future" in keys(exc)


def test_consent_given_in_the_future_is_refused(store: FileStore) -> None:
    case = create_case(ctx(store), child_case())
    consent = ConsentBody(given_by=["Per Berg"], given_on=TODAY + dt.timedelta(days=3))
    with pytest.raises(RuleError):
        save_document(ctx(store), case.case_id, "consent", consent, base_revision=None)


# --- consent with an end ----------------------------------------------------------------------


def test_consent_stops_the_day_after_it_ends() -> None:
    consent = ConsentBody(
        given_by=["Per Berg"],
        given_on=dt.date(2026, 1, 10),
        scope=["Skolan"],
        expires_on=dt.date(2026, 12, 31),
    )
    assert consent.allows("Skolan", dt.date(2026, 12, 31))
    assert not consent.allows("Skolan", dt.date(2027, 1, 1))
    assert consent.ended_on() == dt.date(2027, 1, 1)


# --- partners need consent, in every path -----------------------------------------------------


def _with_partner(case: CaseBody) -> CaseBody:
    partner = Partner(id="skolan", organisation="Skolan", contact=Contact(name="Mentor Mo"))
    return case.model_copy(update={"partners": [partner]})


def test_a_partner_without_consent_is_refused_and_allowed_once_consent_covers_it(
    store: FileStore,
) -> None:
    case = create_case(ctx(store), child_case())
    with pytest.raises(RuleError) as exc:
        save_document(
            ctx(store), case.case_id, "case", _with_partner(child_case()), base_revision=1
        )
    assert keys(exc) == ["partner_without_consent"]
    consent = ConsentBody(given_by=["Per Berg"], given_on=TODAY, scope=["Skolan"])
    save_document(ctx(store), case.case_id, "consent", consent, base_revision=None)
    saved = save_document(
        ctx(store), case.case_id, "case", _with_partner(child_case()), base_revision=1
    )
    assert saved.revision == 2


def test_restoring_a_partner_that_consent_no_longer_covers_is_refused(store: FileStore) -> None:
    case = create_case(ctx(store), child_case())
    consent = ConsentBody(given_by=["Per Berg"], given_on=TODAY, scope=["Skolan"])
    save_document(ctx(store), case.case_id, "consent", consent, base_revision=None)
    save_document(ctx(store), case.case_id, "case", _with_partner(child_case()), base_revision=1)
    save_document(ctx(store), case.case_id, "case", child_case(), base_revision=2)  # removed
    withdrawn = consent.model_copy(update={"withdrawn_on": TODAY})
    save_document(ctx(store), case.case_id, "consent", withdrawn, base_revision=1)
    with pytest.raises(RuleError) as exc:
        restore_revision(ctx(store), case.case_id, "case", 2, note="")
    assert keys(exc) == ["partner_without_consent"]
    assert store.load(case.case_id, "case").revision == 3


# --- bundles: all or nothing --------------------------------------------------------------------


def _bundle(store: FileStore) -> dict[str, Any]:
    case = create_case(ctx(store), child_case())
    consent = ConsentBody(given_by=["Per Berg"], given_on=TODAY, scope=["Skolan"])
    save_document(ctx(store), case.case_id, "consent", consent, base_revision=None)
    save_document(ctx(store), case.case_id, "case", _with_partner(child_case()), base_revision=1)
    return export_case(store, case.case_id)


def test_a_bundle_imports_whole_into_an_empty_store(store: FileStore, tmp_path: Path) -> None:
    bundle = _bundle(store)
    other = FileStore(tmp_path / "other")
    checked = import_bundle(ctx(other), bundle)
    assert checked.case_id == bundle["case_id"]
    assert other.history(checked.case_id, "case")[-1].revision == 2
    assert other.check() == []


def test_a_bundle_with_a_gap_or_another_case_id_writes_nothing(
    store: FileStore, tmp_path: Path
) -> None:
    bundle = _bundle(store)
    other = FileStore(tmp_path / "other")
    only_third = {**bundle, "documents": [d for d in bundle["documents"] if d["revision"] == 2]}
    with pytest.raises(RuleError) as exc:
        import_bundle(ctx(other), only_third)
    assert "revision_gap" in keys(exc)
    foreign = json.loads(json.dumps(bundle))
    foreign["documents"][-1]["case_id"] = "c-someoneelse"
    with pytest.raises(RuleError) as exc:
        import_bundle(ctx(other), foreign)
    assert keys(exc) == ["bundle_case_id"]
    assert other.list_cases() == []


def test_a_bundle_that_adds_a_partner_without_consent_writes_nothing(
    store: FileStore, tmp_path: Path
) -> None:
    bundle = _bundle(store)
    no_consent = {**bundle, "documents": [d for d in bundle["documents"] if d["kind"] != "consent"]}
    other = FileStore(tmp_path / "other")
    with pytest.raises(RuleError) as exc:
        import_bundle(ctx(other), no_consent)
    assert keys(exc) == ["partner_without_consent"]
    assert other.list_cases() == []


def test_a_bundle_into_an_existing_case_needs_a_new_id(store: FileStore) -> None:
    bundle = _bundle(store)
    with pytest.raises(RuleError) as exc:
        import_bundle(ctx(store), bundle)
    assert keys(exc) == ["case_exists"]
    checked = import_bundle(ctx(store), bundle, as_new_case=True)
    assert checked.case_id != bundle["case_id"]
    assert len(store.list_cases()) == 2
    revisions = [Envelope.model_validate(d) for d in bundle["documents"]]
    copied = [store.load(checked.case_id, e.id, e.revision) for e in revisions]
    assert [c.body for c in copied] == [e.body for e in revisions]


def test_a_failing_write_in_a_bundle_leaves_nothing_behind(
    store: FileStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = _bundle(store)
    other = FileStore(tmp_path / "other")
    calls = {"n": 0}
    real = FileStore._link_new_file

    def fail_on_third(self: FileStore, doc_dir: Path, env: Envelope) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(28, "No space left on device")
        real(self, doc_dir, env)

    monkeypatch.setattr(FileStore, "_link_new_file", fail_on_third)
    with pytest.raises(OSError):
        import_bundle(ctx(other), bundle)
    assert other.list_cases() == []
    assert not any(other.cases_dir.iterdir())
