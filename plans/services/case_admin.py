"""Case administration: correct a case's details, record that the child is born, close
with a reason and reopen. Every change is a new revision of the case document, so the
history keeps what it said before."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from plans.documents.case import CaseBody, CaseStatus, CaseType, Child, CloseReason, Guardian
from plans.services.access import Permission, require
from plans.services.context import Context
from plans.services.documents import parse_body, save_document
from plans.services.errors import Problem, RuleError
from plans.store import Envelope, InvalidInputError

ADMIN_ONLY = (
    "type",
    "status",
    "closed_on",
    "closed_reason",
    "handovers",
    "imported",
    "import_key",
)
"""Fields only the birth, closing, reopening and handover change, never a correction."""


def update_case(
    ctx: Context,
    case_id: str,
    body: BaseModel | dict[str, Any],
    *,
    base_revision: int,
    note: str = "",
) -> Envelope:
    """Save corrected details (names, dates, guardians, named person, lead professional,
    team, gender, SIP). Raises RuleError when the change would alter the case's type or
    status: those have their own steps (``record_birth``, ``close_case``, ``reopen_case``)."""
    require(ctx, case_id, Permission.WRITE)
    before = ctx.store.load(case_id, "case", base_revision).body_as(CaseBody)
    after = parse_body("case", body)
    assert isinstance(after, CaseBody)
    changed = [f for f in ADMIN_ONLY if getattr(before, f) != getattr(after, f)]
    if changed:
        raise RuleError([Problem(f"$.body.{f}", "case_admin.not_a_correction") for f in changed])
    return save_document(ctx, case_id, "case", after, base_revision=base_revision, note=note)


def record_birth(
    ctx: Context,
    case_id: str,
    *,
    birth_date: dt.date,
    first_name: str = "",
    last_name: str = "",
    base_revision: int | None = None,
    note: str = "",
) -> Envelope:
    """The child is born: the unborn case becomes a child case under the same id, so the
    consent, assessment, plan and reviews stay where they are; the expecting parents
    become guardians (unless the case already names them)."""
    require(ctx, case_id, Permission.WRITE)
    latest = ctx.store.load(case_id, "case")
    before = latest.body_as(CaseBody)
    if before.type is not CaseType.UNBORN or before.unborn is None:
        raise RuleError([Problem("$.body.type", "case_admin.not_unborn")])
    name = first_name.strip() or before.unborn.child_name
    if not name:
        raise RuleError([Problem("$.body.child.first_name", "case_admin.first_name_needed")])
    known = {g.name.casefold() for g in before.guardians}
    guardians = list(before.guardians) + [
        Guardian(**p.model_dump())
        for p in before.unborn.expecting_parents
        if p.name.casefold() not in known
    ]
    born = before.model_copy(
        update={
            "type": CaseType.CHILD,
            "unborn": None,
            "child": Child(first_name=name, last_name=last_name.strip(), birth_date=birth_date),
            "guardians": guardians[:6],
        }
    )
    return save_document(
        ctx,
        case_id,
        "case",
        born.model_dump(mode="json"),
        base_revision=latest.revision if base_revision is None else base_revision,
        note=note,
    )


def close_case(
    ctx: Context,
    case_id: str,
    reason: CloseReason,
    *,
    base_revision: int | None = None,
    note: str = "",
) -> Envelope:
    """Close today with a reason. A closed case leaves the caseload; its documents, its
    history and its place in the statistics stay."""
    require(ctx, case_id, Permission.WRITE)
    latest = ctx.store.load(case_id, "case")
    before = latest.body_as(CaseBody)
    if before.status is CaseStatus.CLOSED:
        raise RuleError([Problem("$.body.status", "case_admin.already_closed")])
    closed = before.model_copy(
        update={"status": CaseStatus.CLOSED, "closed_on": ctx.today, "closed_reason": reason}
    )
    return save_document(
        ctx,
        case_id,
        "case",
        closed,
        base_revision=latest.revision if base_revision is None else base_revision,
        note=note,
    )


def reopen_case(
    ctx: Context, case_id: str, *, base_revision: int | None = None, note: str = ""
) -> Envelope:
    require(ctx, case_id, Permission.WRITE)
    latest = ctx.store.load(case_id, "case")
    before = latest.body_as(CaseBody)
    if before.status is CaseStatus.OPEN:
        raise RuleError([Problem("$.body.status", "case_admin.already_open")])
    reopened = before.model_copy(
        update={"status": CaseStatus.OPEN, "closed_on": None, "closed_reason": None}
    )
    return save_document(
        ctx,
        case_id,
        "case",
        reopened,
        base_revision=latest.revision if base_revision is None else base_revision,
        note=note,
    )


# --- one field at a time (the CLI's `hjulet case set`) ------------------------------------------


def _text(value: str) -> Any:
    return value


def _date(value: str) -> Any:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise InvalidInputError(f"'{value}' is not a date (YYYY-MM-DD)") from None


def _yes_no(value: str) -> Any:
    words = {"yes": True, "true": True, "1": True, "ja": True}
    words |= {"no": False, "false": False, "0": False, "nej": False}
    if value.strip().casefold() not in words:
        raise InvalidInputError(f"'{value}' is not yes or no")
    return words[value.strip().casefold()]


def _optional(value: str) -> Any:
    return value.strip() or None


def _json_list(value: str) -> Any:
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as exc:
        raise InvalidInputError(f"not valid JSON: {exc.msg}") from None
    if not isinstance(parsed, list):
        raise InvalidInputError('give a JSON list, e.g. \'[{"name": "Alva Berg"}]\'')
    return parsed


def _contact(value: str) -> Any:
    """A name (a new contact with only that name), a JSON object, or '' for nobody."""
    text = value.strip()
    if not text:
        return None
    if text.startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise InvalidInputError(f"not valid JSON: {exc.msg}") from None
    return {"name": text}


@dataclass(frozen=True)
class CaseField:
    path: tuple[str, ...]
    parse: Callable[[str], Any]
    case_type: CaseType | None = None
    """The case type the field belongs to (None: any case with personal data)."""


CASE_FIELDS: dict[str, CaseField] = {
    "first_name": CaseField(("child", "first_name"), _text, CaseType.CHILD),
    "last_name": CaseField(("child", "last_name"), _text, CaseType.CHILD),
    "birth_date": CaseField(("child", "birth_date"), _date, CaseType.CHILD),
    "expected_date": CaseField(("unborn", "expected_date"), _date, CaseType.UNBORN),
    "child_name": CaseField(("unborn", "child_name"), _text, CaseType.UNBORN),
    "expecting_parents": CaseField(("unborn", "expecting_parents"), _json_list, CaseType.UNBORN),
    "guardians": CaseField(("guardians",), _json_list),
    "gender": CaseField(("gender",), _optional),
    "team": CaseField(("team",), _text),
    "named_person": CaseField(("named_person",), _contact),
    "lead_professional": CaseField(("lead_professional",), _contact),
    "sip": CaseField(("coordinated_plan",), _yes_no),
    "sip_on": CaseField(("coordinated_plan_on",), _date),
}
for _who in ("named_person", "lead_professional"):
    for _part in ("role", "organisation", "phone", "email"):
        CASE_FIELDS[f"{_who}.{_part}"] = CaseField((_who, _part), _text)


def set_case_field(
    ctx: Context, case_id: str, name: str, value: str, *, note: str = ""
) -> Envelope:
    """Change one field of the case's details on top of its latest revision."""
    spec = CASE_FIELDS.get(name)
    if spec is None:
        raise InvalidInputError(f"unknown field '{name}'; use one of: {', '.join(CASE_FIELDS)}")
    latest = ctx.store.load(case_id, "case")
    case = latest.body_as(CaseBody)
    if case.type is CaseType.ANONYMOUS and name != "team":
        raise InvalidInputError("an anonymous consultation holds no personal details")
    if spec.case_type is not None and case.type is not spec.case_type:
        raise InvalidInputError(f"'{name}' belongs to a case of type {spec.case_type.value}")
    body = case.model_dump(mode="json")
    node = body
    for part in spec.path[:-1]:
        if node.get(part) is None:
            raise InvalidInputError(f"the case has no {part}; set '{part}' first")
        node = node[part]
    node[spec.path[-1]] = spec.parse(value)
    if name == "sip_on" and body["coordinated_plan_on"]:
        body["coordinated_plan"] = True
    return update_case(ctx, case_id, body, base_revision=latest.revision, note=note)
