"""Documents from outside (a file, another Hjulet): checked like any save, and a bundle
is written all or nothing. Everything that arrives is hostile until it has passed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from pydantic import BaseModel, ValidationError

from assessment.model import AssessmentBody
from plans.audit import AuditAction
from plans.documents import KINDS
from plans.documents.case import CaseBody
from plans.documents.common import new_id
from plans.documents.migrations import MigrationError
from plans.documents.plan import PlanBody
from plans.documents.survey import SurveyBody
from plans.services import rules
from plans.services.access import Permission, require, sync_members
from plans.services.audit import record
from plans.services.casefile import CaseFile, read_case_file
from plans.services.context import Context
from plans.services.documents import problems_for, save_with_audit, stored_plan_at
from plans.services.errors import Problem, RuleError
from plans.store import Envelope, NotFoundError
from plans.store.bundle import BUNDLE_FORMAT
from plans.store.surveys import AnonymousSurvey

MAX_BUNDLE_DOCUMENTS = 20_000


def json_path(loc: tuple[Any, ...], root: str = "$") -> str:
    path = root
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def _envelope(data: Any, root: str) -> tuple[Envelope | None, BaseModel | None, list[Problem]]:
    """The envelope and its parsed body, or the problems (one per broken field)."""
    try:
        env = Envelope.model_validate(data)
    except ValidationError as exc:
        return (
            None,
            None,
            [
                Problem(json_path(e["loc"], root), "shape", {"detail": e["msg"]})
                for e in exc.errors()
            ],
        )
    if env.kind not in KINDS:
        return env, None, [Problem(f"{root}.kind", "unknown_kind", {"kind": env.kind})]
    try:
        return env, env.parsed(), []
    except MigrationError as exc:
        return env, None, [Problem(f"{root}.schema_version", "shape", {"detail": str(exc)})]
    except ValidationError as exc:
        return (
            env,
            None,
            [
                Problem(json_path(("body", *e["loc"]), root), "shape", {"detail": e["msg"]})
                for e in exc.errors()
            ],
        )


def _rooted(problems: list[Problem], root: str) -> list[Problem]:
    return [replace(p, path=root + p.path[1:]) for p in problems]


def envelope_problems(
    ctx: Context, data: Any, root: str = "$", *, standalone: bool = False
) -> list[Problem]:
    """What stops one envelope from being imported into this store now. ``standalone``
    checks a document on its own (``hjulet validate``): a case this store does not hold
    is no problem then, and only the rules that need no case are applied."""
    env, body, problems = _envelope(data, root)
    if problems or env is None or body is None:
        return problems
    try:
        file: CaseFile | None = read_case_file(ctx.store, env.case_id)
    except NotFoundError:
        file = None
    if file is None and env.kind != "case":
        if not standalone:
            return [Problem(f"{root}.case_id", "unknown_case", {"case": env.case_id})]
        if isinstance(body, AssessmentBody):
            return _rooted(rules.assessment_problems(body), root)
        return []
    stored = ctx.store.latest_or_none(env.case_id, env.id) if file is not None else None
    found = problems_for(
        ctx,
        file,
        body,
        before=stored.parsed() if stored else None,
        plan_at=stored_plan_at(ctx, env.case_id),
    )
    return _rooted(found, root)


def import_envelope(ctx: Context, data: Any) -> Envelope:
    """Save one envelope on top of its ``parent_revision``, like any save."""
    problems = envelope_problems(ctx, data)
    if problems:
        raise RuleError(problems)
    env = Envelope.model_validate(data)
    return save_with_audit(
        ctx,
        env.case_id,
        env.kind,
        env.parsed(),
        base_revision=env.parent_revision,
        doc_id=env.id,
        note=env.note,
        action=AuditAction.IMPORT,
    )


# --- bundles ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckedBundle:
    case_id: str
    envelopes: list[Envelope]
    """Case document first, then each document's revisions in order."""
    anonymous_surveys: list[SurveyBody] = field(default_factory=list)
    """Anonymous surveys an older version exported inside the case: kept apart on import."""


def _chain_problems(envelopes: list[tuple[int, Envelope]]) -> list[Problem]:
    """Revisions of each document gapless from 1, each naming the one before as parent."""
    problems: list[Problem] = []
    by_doc: dict[str, list[tuple[int, Envelope]]] = defaultdict(list)
    for index, env in envelopes:
        by_doc[env.id].append((index, env))
    for doc_id, revisions in by_doc.items():
        revisions.sort(key=lambda pair: pair[1].revision)
        kinds = {env.kind for _, env in revisions}
        if len(kinds) > 1:
            problems.append(
                Problem(f"$.documents[{revisions[0][0]}].kind", "mixed_kinds", {"doc": doc_id})
            )
        for expected, (index, env) in enumerate(revisions, start=1):
            parent = expected - 1 or None
            if env.revision != expected or env.parent_revision != parent:
                problems.append(
                    Problem(
                        f"$.documents[{index}].revision",
                        "revision_gap",
                        {"doc": doc_id, "revision": env.revision, "expected": expected},
                    )
                )
                break
    if "case" not in by_doc:
        problems.append(Problem("$.documents", "bundle_without_case"))
    return problems


def check_bundle(ctx: Context, data: Any, *, as_new_case: bool = False) -> CheckedBundle:
    """Every check a bundle must pass before anything is written; raises RuleError."""
    if not isinstance(data, dict) or data.get("format") != BUNDLE_FORMAT:
        raise RuleError([Problem("$.format", "not_a_bundle")])
    documents = data.get("documents")
    case_id = data.get("case_id")
    if not isinstance(documents, list) or not documents:
        raise RuleError([Problem("$.documents", "bundle_empty")])
    if len(documents) > MAX_BUNDLE_DOCUMENTS:
        raise RuleError([Problem("$.documents", "bundle_too_big", {"limit": MAX_BUNDLE_DOCUMENTS})])
    parsed: list[tuple[int, Envelope, BaseModel]] = []
    problems: list[Problem] = []
    for index, doc in enumerate(documents):
        env, body, found = _envelope(doc, f"$.documents[{index}]")
        problems += found
        if env is not None and body is not None:
            if env.case_id != case_id:
                problems.append(
                    Problem(
                        f"$.documents[{index}].case_id", "bundle_case_id", {"case": str(case_id)}
                    )
                )
            parsed.append((index, env, body))
    if problems:
        raise RuleError(problems)
    problems += _chain_problems([(i, env) for i, env, _ in parsed])
    if problems:
        raise RuleError(problems)
    parsed, anonymous = _without_anonymous_surveys(parsed)
    target = str(case_id)
    if ctx.store.latest_or_none(target, "case") is not None:
        if not as_new_case:
            raise RuleError([Problem("$.case_id", "case_exists", {"case": target})])
        target = new_id("c")
    problems += _state_problems(ctx, parsed)
    if problems:
        raise RuleError(problems)
    ordered = sorted(parsed, key=lambda item: (item[1].id != "case", item[1].id, item[1].revision))
    envelopes = [
        env if env.case_id == target else env.model_copy(update={"case_id": target})
        for _, env, _ in ordered
    ]
    return CheckedBundle(target, envelopes, anonymous)


def _without_anonymous_surveys(
    parsed: list[tuple[int, Envelope, BaseModel]],
) -> tuple[list[tuple[int, Envelope, BaseModel]], list[SurveyBody]]:
    """Every revision of a survey whose latest revision is anonymous leaves the bundle;
    its latest answers are returned to be kept apart from the case."""
    latest: dict[str, tuple[int, BaseModel]] = {}
    for _, env, body in parsed:
        if env.id not in latest or env.revision > latest[env.id][0]:
            latest[env.id] = (env.revision, body)
    apart = {
        doc_id: body
        for doc_id, (_, body) in latest.items()
        if isinstance(body, SurveyBody) and body.anonymous
    }
    kept = [item for item in parsed if item[1].id not in apart]
    return kept, [b for b in apart.values() if isinstance(b, SurveyBody)]


def _state_problems(ctx: Context, parsed: list[tuple[int, Envelope, BaseModel]]) -> list[Problem]:
    """The rules a save checks, applied to the latest revision of every document as if
    each were saved now into the case the bundle describes."""
    latest: dict[str, tuple[int, Envelope, BaseModel]] = {}
    for item in parsed:
        if item[1].id not in latest or item[1].revision > latest[item[1].id][1].revision:
            latest[item[1].id] = item
    _, case_env, case = latest["case"]
    assert isinstance(case, CaseBody)

    def body_of(doc_id: str) -> Any:
        return latest[doc_id][2] if doc_id in latest else None

    plan_item = latest.get("plan")
    file = CaseFile(
        case_env=case_env,
        case=case,
        consent=body_of("consent"),
        assessment=body_of("assessment"),
        plan_env=plan_item[1] if plan_item else None,
        plan=body_of("plan"),
    )
    plans = {env.revision: body for _, env, body in parsed if isinstance(body, PlanBody)}
    problems: list[Problem] = []
    for index, _env, body in latest.values():
        found = problems_for(
            ctx,
            file,
            body,
            before=None,
            plan_at=plans.get,
        )
        problems += _rooted(found, f"$.documents[{index}]")
    return problems


def import_bundle(ctx: Context, data: Any, *, as_new_case: bool = False) -> CheckedBundle:
    """Check the whole bundle, then write every revision in one step (all or nothing)."""
    require(ctx, None, Permission.WRITE)
    checked = check_bundle(ctx, data, as_new_case=as_new_case)
    ctx.store.import_case(checked.envelopes)
    case = ctx.store.load(checked.case_id, "case").body_as(CaseBody)
    sync_members(ctx, checked.case_id, case, created=True)
    if checked.anonymous_surveys:
        team = ctx.store.load(checked.case_id, "case").body_as(CaseBody).team
        for survey in checked.anonymous_surveys:
            ctx.store.anonymous_surveys().add(AnonymousSurvey.from_body(survey, team))
    # The entry leaves the surveys out: that this family answered must not be kept.
    record(
        ctx,
        AuditAction.IMPORT,
        checked.case_id,
        revisions=len(checked.envelopes),
        documents=len({env.id for env in checked.envelopes}),
    )
    return checked
