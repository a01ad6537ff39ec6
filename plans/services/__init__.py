"""The service layer: every use case once, for the app, the CLI and every importer.

Each function takes a ``Context`` (the store, the acting person, today's date), checks
access, applies the domain rules (``rules``), saves through the store and returns what
was saved. Nothing above this layer calls ``Store.save`` itself.
"""

from __future__ import annotations

from plans.services import audit
from plans.services.case_admin import (
    CASE_FIELDS,
    close_case,
    record_birth,
    reopen_case,
    set_case_field,
    update_case,
)
from plans.services.casefile import CaseFile, latest_body, read_case_file
from plans.services.context import LOCAL_OPERATOR, Actor, Context, Role
from plans.services.documents import (
    check_document,
    create_case,
    is_newest_review,
    parse_body,
    plan_after_review,
    restore_revision,
    save_document,
    set_case_status,
)
from plans.services.errors import AccessDeniedError, Problem, RuleError
from plans.services.imports import check_bundle, envelope_problems, import_bundle, import_envelope

__all__ = [
    "CASE_FIELDS",
    "LOCAL_OPERATOR",
    "AccessDeniedError",
    "Actor",
    "CaseFile",
    "Context",
    "Problem",
    "Role",
    "RuleError",
    "audit",
    "check_bundle",
    "check_document",
    "close_case",
    "create_case",
    "envelope_problems",
    "import_bundle",
    "import_envelope",
    "is_newest_review",
    "latest_body",
    "parse_body",
    "plan_after_review",
    "read_case_file",
    "record_birth",
    "reopen_case",
    "restore_revision",
    "save_document",
    "set_case_field",
    "set_case_status",
    "update_case",
]
