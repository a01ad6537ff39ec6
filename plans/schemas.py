"""JSON Schema for every document kind: the contract other systems read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assessment.template import WheelTemplate
from plans.documents import KINDS
from plans.store.envelope import Envelope


def all_schemas() -> dict[str, dict[str, Any]]:
    schemas: dict[str, dict[str, Any]] = {
        "envelope": Envelope.model_json_schema(),
        "wheel-template": WheelTemplate.model_json_schema(),
    }
    for name, k in KINDS.items():
        schema = k.body.model_json_schema()
        schema["$comment"] = f"body of a '{name}' document, schema_version {k.schema_version}"
        schemas[name] = schema
    return schemas


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = out / f"{name}.schema.json"
        path.write_text(render(schema), encoding="utf-8")
        written.append(path)
    return written
