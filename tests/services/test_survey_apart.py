"""An anonymous family survey is kept apart from its case: no document, no revision, no
id, no day, no free text – nothing leads from the case to the answers – and it is still
counted in the follow-up. Older versions kept them in the case; the move takes them out."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from plans.cli import main
from plans.documents.survey import SurveyBody
from plans.followup.report import term_report
from plans.services import (
    Context,
    RuleError,
    create_case,
    import_bundle,
    import_envelope,
    save_document,
)
from plans.services.surveys import move_anonymous_surveys, record_anonymous_survey
from plans.store.bundle import export_case
from plans.store.envelope import make_envelope
from plans.store.files import FileStore
from tests.services.test_rules_on_write import NURSE, TODAY, child_case, ctx

SECRET = "Ni lyssnade aldrig på Elsa"


def _sheet(anonymous: bool = True, listened: str = "yes") -> SurveyBody:
    return SurveyBody(
        respondent="guardian",
        anonymous=anonymous,
        answered_on=TODAY,
        listened=listened,
        satisfaction="satisfied",
        do_better=SECRET,
    )


def _stats(data: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert (
        main(
            [
                "--data-dir",
                str(data),
                "stats",
                "--from",
                "2026-07-01",
                "--to",
                "2026-12-31",
                "--format",
                "json",
                "--no-suppress",
            ]
        )
        == 0
    )
    (period,) = json.loads(capsys.readouterr().out)
    survey = period["survey"]
    assert isinstance(survey, dict)
    return survey


def test_the_anonymous_survey_cannot_be_found_from_the_case(
    store: FileStore, capsys: pytest.CaptureFixture[str]
) -> None:
    c = ctx(store)
    cid = create_case(c, child_case(team="Team Norr")).case_id
    documents = store.documents(cid)
    audit_before = store.audit_log().entries()

    record_anonymous_survey(c, cid, _sheet())

    assert store.documents(cid) == documents  # no document, no revision in the case
    assert store.audit_log().entries() == audit_before  # no entry pointing at the case
    assert all(d["kind"] != "survey" for d in export_case(store, cid)["documents"])
    assert main(["--data-dir", str(store.root), "show", cid, "--kind", "survey"]) == 4
    assert "no survey" in capsys.readouterr().err
    # What is kept: the team, the month and the codes. No case id, no day, no free text.
    (path,) = (store.root / "surveys").iterdir()
    kept = json.loads(path.read_text(encoding="utf-8"))
    assert kept == {
        "team": "Team Norr",
        "month": "2026-11",
        "respondent": "guardian",
        "answers": {"listened": "yes", "satisfaction": "satisfied"},
    }
    raw = path.read_bytes()
    assert cid.encode() not in raw and b"Elsa" not in raw and b"2026-11-23" not in raw
    assert cid not in path.name
    # Not even the file's times tell the day it was answered.
    assert dt.datetime.fromtimestamp(os.stat(path).st_mtime, dt.UTC).date() == dt.date(2026, 11, 1)
    for file in store.root.rglob("*"):
        if file.is_file():
            assert SECRET.encode() not in file.read_bytes(), file


def test_the_anonymous_survey_is_counted_in_the_follow_up(
    store: FileStore, capsys: pytest.CaptureFixture[str]
) -> None:
    c = ctx(store)
    cid = create_case(c, child_case(team="Team Norr")).case_id
    record_anonymous_survey(c, cid, _sheet())
    survey = _stats(store.root, capsys)
    assert survey["responses"] == 1
    assert survey["questions"]["listened"]["answers"]["yes"] == 1  # type: ignore[index]
    facts = [s.facts for s in store.list_cases()]
    apart = store.anonymous_surveys().facts()
    norr = term_report(
        facts,
        dt.date(2026, 7, 1),
        dt.date(2026, 12, 31),
        team="team norr",
        suppress=False,
        surveys=apart,
    )
    south = term_report(
        facts,
        dt.date(2026, 7, 1),
        dt.date(2026, 12, 31),
        team="Team Syd",
        suppress=False,
        surveys=apart,
    )
    assert norr.periods[0].survey["responses"] == 1
    assert south.periods[0].survey["responses"] == 0
    assert norr.periods[0].cases["raised_total"] == 1  # a survey is never counted as a case


def test_an_anonymous_survey_is_refused_inside_a_case(store: FileStore) -> None:
    c = ctx(store)
    cid = create_case(c, child_case()).case_id
    with pytest.raises(RuleError) as exc:
        save_document(c, cid, "survey", _sheet(), base_revision=None)
    assert [p.key for p in exc.value.problems] == ["anonymous_survey_in_case"]
    envelope = make_envelope(
        kind="survey",
        doc_id="sur-imported",
        case_id=cid,
        revision=1,
        parent_revision=None,
        body=_sheet(),
        saved_by="anna",
        note="",
    ).model_dump(mode="json")
    with pytest.raises(RuleError):
        import_envelope(c, envelope)
    assert store.documents_of_kind(cid, "survey") == []
    shared = save_document(c, cid, "survey", _sheet(anonymous=False), base_revision=None)
    assert shared.body["do_better"] == SECRET  # the family chose to share it
    with pytest.raises(RuleError):
        record_anonymous_survey(c, cid, _sheet(anonymous=False))


def test_the_move_takes_old_anonymous_surveys_out_and_the_counts_stay(
    store: FileStore, capsys: pytest.CaptureFixture[str]
) -> None:
    c = ctx(store)
    cid = create_case(c, child_case(team="Team Norr")).case_id
    # As an older version saved them: straight into the case.
    old = store.save(cid, "survey", _sheet(), parent_revision=None)
    store.save(cid, "survey", _sheet(listened="no"), parent_revision=1, doc_id=old.id)
    shared = store.save(cid, "survey", _sheet(anonymous=False), parent_revision=None)
    before = _stats(store.root, capsys)
    assert before["responses"] == 2

    assert move_anonymous_surveys(c) == (1, 1)

    assert [r.doc_id for r in store.documents_of_kind(cid, "survey")] == [shared.id]
    assert not (store.cases_dir / cid / old.id).exists()  # every revision gone
    assert _stats(store.root, capsys) == before
    last = store.audit_log().entries()[-1]
    assert (last.action, last.case_id, last.detail) == (
        "surveys_moved",
        None,
        {"surveys": 1, "cases": 1},
    )
    assert store.check() == []
    assert move_anonymous_surveys(c) == (0, 0)
    assert main(["--data-dir", str(store.root), "surveys", "move-anonymous"]) == 0
    assert "moved 0" in capsys.readouterr().out


def test_a_hostile_file_among_the_surveys_is_never_counted(store: FileStore) -> None:
    folder = store.root / "surveys"
    assert store.anonymous_surveys().all() == []  # no folder until the first answer
    folder.mkdir()
    (folder / ("0" * 32 + ".json")).write_text('{"team": "x", "month": "2026-13"}')
    (folder / ("1" * 32 + ".json")).write_text(
        '{"team": "x", "month": "2026-11", "respondent": "child", "answers": {"listened": "?"}}'
    )
    (folder / "notes.txt").write_text("hello")
    assert store.anonymous_surveys().all() == []


def test_an_old_export_with_anonymous_surveys_imports_them_apart(
    store: FileStore, tmp_path: Path
) -> None:
    c = ctx(store)
    cid = create_case(c, child_case(team="Team Norr")).case_id
    old = store.save(cid, "survey", _sheet(), parent_revision=None)  # as an older version did
    store.save(cid, "survey", _sheet(listened="no"), parent_revision=1, doc_id=old.id)
    shared = store.save(cid, "survey", _sheet(anonymous=False), parent_revision=None)
    bundle = export_case(store, cid)
    other = FileStore(tmp_path / "other")
    checked = import_bundle(Context(other, NURSE, TODAY), bundle)
    assert [r.doc_id for r in other.documents_of_kind(cid, "survey")] == [shared.id]
    (kept,) = other.anonymous_surveys().all()
    assert (kept.team, kept.answers["listened"]) == ("Team Norr", "no")
    assert len(checked.envelopes) == len(bundle["documents"]) - 2
    assert other.check() == []
