"""Small pure helpers: personal-data warnings, three-way merge, readable diff."""

from __future__ import annotations

from plans.privacy import personal_numbers, possible_names
from plans.store.diff import diff_bodies, format_change
from plans.store.merge import FieldConflict, set_path, three_way


def test_personal_numbers_in_the_usual_shapes() -> None:
    text = "Född 150304-1234, syster 20120101+5678, telefon 070-123 45 67."
    assert personal_numbers(text) == ["150304-1234", "20120101+5678"]
    assert personal_numbers("Klass 4B, 12 elever, år 2026.") == []


def test_names_inside_sentences_but_not_sentence_starts_or_months() -> None:
    text = "Eleven pratar om Kalle. Hon är ledsen i mars och Lisa har sett det."
    assert possible_names(text) == ["Kalle", "Lisa"]
    assert possible_names("Mamma säger att Skolan ringde i Mars.") == []
    assert possible_names("Sara är ledsen i skolan.") == ["Sara"]
    assert possible_names("Prata med eleven. Barnet äter inte lunch.") == []


def test_merge_takes_one_sided_changes_and_reports_overlaps() -> None:
    base = {"reasons": "a", "areas": {"safe": {"child_needs": "x", "family_will": "y"}}}
    mine = {"reasons": "mine", "areas": {"safe": {"child_needs": "m", "family_will": "y"}}}
    theirs = {"reasons": "a", "areas": {"safe": {"child_needs": "t", "family_will": "z"}}}
    merged, conflicts = three_way(base, mine, theirs)
    assert merged["reasons"] == "mine"
    assert merged["areas"]["safe"]["family_will"] == "z"
    assert conflicts == [FieldConflict(("areas", "safe", "child_needs"), "m", "t")]
    set_path(merged, conflicts[0].path, conflicts[0].theirs)
    assert merged["areas"]["safe"]["child_needs"] == "t"


def test_merge_adds_keys_from_both_sides() -> None:
    merged, conflicts = three_way({}, {"a": 1}, {"b": 2})
    assert merged == {"a": 1, "b": 2} and conflicts == []


def test_diff_names_actions_by_id_and_ignores_blank_to_blank() -> None:
    old = {"reasons": "", "actions": [{"id": "a-1", "what": "Läxhjälp", "status": "planned"}]}
    new = {
        "reasons": None,
        "actions": [
            {"id": "a-1", "what": "Läxhjälp", "status": "done"},
            {"id": "a-2", "what": "Fotboll", "status": "planned"},
        ],
    }
    changes = {c.path: c for c in diff_bodies(old, new)}
    assert set(changes) == {"actions[a-1].status", "actions[a-2].what", "actions[a-2].status"}
    assert changes["actions[a-1].status"].kind == "changed"
    assert changes["actions[a-2].what"].kind == "added"
    assert format_change(changes["actions[a-1].status"]) == (
        "~ actions[a-1].status: 'planned' → 'done'"
    )
