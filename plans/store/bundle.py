"""Export every revision of every document of a case, and import it again."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from plans.store.base import InvalidInputError, Store
from plans.store.envelope import Envelope

BUNDLE_FORMAT = "hjulet-bundle"


def export_case(store: Store, case_id: str) -> dict[str, Any]:
    documents = []
    for ref in store.documents(case_id):
        for info in store.history(case_id, ref.doc_id):
            env = store.load(case_id, ref.doc_id, info.revision)
            documents.append(env.model_dump(mode="json"))
    return {
        "format": BUNDLE_FORMAT,
        "version": 1,
        "case_id": case_id,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "documents": documents,
    }


def is_bundle(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == BUNDLE_FORMAT


def bundle_envelopes(data: dict[str, Any]) -> list[Envelope]:
    """Parse every envelope first, so an invalid bundle writes nothing."""
    try:
        envelopes = [Envelope.model_validate(doc) for doc in data.get("documents", [])]
    except ValidationError as exc:
        raise InvalidInputError(f"the bundle holds an invalid document: {exc}") from None
    for env in envelopes:
        env.parsed()
    # The case document first, then revisions in order, so parents exist before children.
    return sorted(envelopes, key=lambda e: (e.id != "case", e.id, e.revision))


def import_bundle(store: Store, data: dict[str, Any]) -> tuple[int, int]:
    """Returns (written, already present)."""
    written = present = 0
    for env in bundle_envelopes(data):
        if store.import_revision(env):
            written += 1
        else:
            present += 1
    return written, present
