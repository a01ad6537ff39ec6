"""Every stored field has a label people read (issue 12 item 6): diffs and the conflict
panel never fall back to the field's internal name."""

from __future__ import annotations

import typing
from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from plans.documents import KINDS
from plans.i18n import field_key


def _models(tp: object, seen: set[type]) -> Iterator[type[BaseModel]]:
    if typing.get_origin(tp) is not None:
        for arg in typing.get_args(tp):
            yield from _models(arg, seen)
        return
    if isinstance(tp, type) and issubclass(tp, BaseModel) and tp not in seen:
        seen.add(tp)
        yield tp
        for info in tp.model_fields.values():
            yield from _models(info.annotation, seen)


def _field_names() -> set[str]:
    seen: set[type] = set()
    return {
        name for kind in KINDS.values() for m in _models(kind.body, seen) for name in m.model_fields
    }


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_every_stored_field_has_a_label(lang: str) -> None:
    assert sorted(n for n in _field_names() if not field_key("history.field", n, lang)) == []
