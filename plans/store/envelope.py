"""The envelope around every stored document: the one place that knows its format.

{ "kind": "plan", "schema_version": 1, "id": "plan", "case_id": "c-...",
  "revision": 7, "parent_revision": 6, "saved_at": "...Z", "saved_by": "...",
  "note": "review meeting", "body": { ... } }
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_serializer

from plans.documents import kind as get_kind
from plans.documents.common import DocumentId
from plans.documents.migrations import upgrade

B = TypeVar("B", bound=BaseModel)

SavedBy = Annotated[str, StringConstraints(strip_whitespace=True, max_length=120)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]


def utc_now() -> dt.datetime:
    now = dt.datetime.now(dt.UTC)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


class Envelope(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: str = Field(pattern=r"^[a-z]{1,20}$")
    schema_version: int = Field(ge=1)
    id: DocumentId
    case_id: DocumentId
    revision: int = Field(ge=1)
    parent_revision: int | None = Field(default=None, ge=1)
    saved_at: dt.datetime
    saved_by: SavedBy = ""
    note: Note = ""
    body: dict[str, Any]

    @field_serializer("saved_at")
    def _utc_z(self, value: dt.datetime) -> str:
        return value.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def parsed(self) -> Any:
        """The body as its current model, upgraded from an older schema version."""
        k = get_kind(self.kind)
        data = upgrade(self.kind, self.schema_version, self.body, k.schema_version)
        return k.body.model_validate(data)

    def body_as(self, model: type[B]) -> B:
        """The body parsed (and upgraded) as ``model``; a wrong kind is an error, not a cast."""
        body = self.parsed()
        if not isinstance(body, model):
            raise TypeError(f"{self.kind} document is not a {model.__name__}")
        return body

    def to_json(self) -> str:
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str | bytes) -> Envelope:
        return cls.model_validate_json(text)


def make_envelope(
    *,
    kind: str,
    doc_id: str,
    case_id: str,
    revision: int,
    parent_revision: int | None,
    body: BaseModel | dict[str, Any],
    saved_by: str,
    note: str,
    saved_at: dt.datetime | None = None,
) -> Envelope:
    """Validate ``body`` against its kind and wrap it at the current schema version."""
    k = get_kind(kind)
    data = body.model_dump(mode="json") if isinstance(body, BaseModel) else body
    checked = k.body.model_validate(data).model_dump(mode="json")
    return Envelope(
        kind=kind,
        schema_version=k.schema_version,
        id=doc_id,
        case_id=case_id,
        revision=revision,
        parent_revision=parent_revision,
        saved_at=saved_at or utc_now(),
        saved_by=saved_by,
        note=note,
        body=checked,
    )
