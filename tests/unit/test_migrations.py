"""Every old schema version keeps upgrading: one golden file per old version, forever."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assessment.model import AssessmentBody
from plans.documents import KINDS
from plans.documents.consent import ConsentBody
from plans.documents.migrations import MIGRATIONS, MigrationError, upgrade
from plans.documents.plan import PlanBody
from plans.store.envelope import Envelope
from plans.store.files import FileStore

GOLDEN = Path(__file__).parent.parent / "golden"


def test_assessment_v1_golden_file_upgrades_to_three_voices() -> None:
    env = Envelope.from_json((GOLDEN / "assessment-v1.json").read_bytes())
    body = env.parsed()
    assert isinstance(body, AssessmentBody)
    safe = body.areas["safe"]
    assert (safe.ratings.child, safe.ratings.guardians, safe.ratings.professional) == (
        None,
        None,
        2,
    )
    assert safe.strengths == "Har en trygg vuxen i skolan."
    assert body.areas["healthy"].ratings.professional == "not_assessed"
    assert body.outcome == "bring_partners_together"


def test_every_old_version_of_every_kind_has_a_golden_file() -> None:
    for kind, k in KINDS.items():
        for version in range(1, k.schema_version):
            assert (GOLDEN / f"{kind}-v{version}.json").exists(), f"{kind} v{version}"


def test_upgrade_does_not_touch_its_input() -> None:
    body = {"template_id": "x", "template_version": "1", "areas": {"a": {"rating": 1}}}
    upgrade("assessment", 1, body, 2)
    assert body["areas"]["a"] == {"rating": 1}


def test_a_newer_version_than_the_program_is_refused() -> None:
    with pytest.raises(MigrationError, match="newer"):
        upgrade("assessment", 3, {}, 2)
    assert 2 not in MIGRATIONS["assessment"]


def test_store_reads_an_old_revision_through_the_upgrade(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    env = Envelope.from_json((GOLDEN / "assessment-v1.json").read_bytes())
    from plans.demo import write_demo

    write_demo(store, 1)
    cid = store.case_ids()[0]
    old = env.model_copy(update={"case_id": cid, "id": "old-assessment"})
    assert store.import_revision(old) is True
    assert store.load(cid, "old-assessment").parsed().areas["safe"].ratings.professional == 2
    assert store.check() == []


def test_plan_v1_golden_file_names_partners_by_id() -> None:
    env = Envelope.from_json((GOLDEN / "plan-v1.json").read_bytes())
    body = env.parsed()
    assert isinstance(body, PlanBody)
    assert [a.partner_id for a in body.actions] == ["skolan", "socialtjansten-norra", None]
    assert body.actions[1].organisation == "Socialtjänsten Norra"  # the name stays for display


def test_consent_v1_golden_file_lists_organisations_by_id() -> None:
    env = Envelope.from_json((GOLDEN / "consent-v1.json").read_bytes())
    body = env.parsed()
    assert isinstance(body, ConsentBody)
    assert [(e.id, e.name) for e in body.scope] == [
        ("bvc-norr", "BVC Norr"),
        ("socialtjansten-norra", "Socialtjänsten Norra"),
        ("forskolan-larkan", "Förskolan Lärkan"),
    ]
    assert body.allows("socialtjansten-norra", dt.date(2026, 11, 21))
    assert not body.allows("socialtjansten", dt.date(2026, 11, 21))
