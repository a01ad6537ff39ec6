"""The JSON Schemas in docs/schemas are the contract; they must match the models."""

from __future__ import annotations

import json
from pathlib import Path

from plans.schemas import all_schemas, render

DOCS = Path(__file__).resolve().parents[2] / "docs" / "schemas"


def test_committed_schemas_match_the_models() -> None:
    expected = all_schemas()
    on_disk = {p.name.removesuffix(".schema.json") for p in DOCS.glob("*.schema.json")}
    assert on_disk == set(expected), "run: hjulet schemas --out docs/schemas"
    for name, schema in expected.items():
        text = (DOCS / f"{name}.schema.json").read_text(encoding="utf-8")
        assert text == render(schema), f"{name} is stale; run: hjulet schemas --out docs/schemas"


def test_every_kind_has_a_schema_with_length_limits_on_free_text() -> None:
    plan = all_schemas()["plan"]
    text = json.dumps(plan)
    assert '"maxLength": 4000' in text
    for kind in ("case", "consent", "assessment", "plan", "review", "envelope"):
        assert kind in all_schemas()
