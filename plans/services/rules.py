"""The domain rules a write must keep, checked once here for the app, the CLI and every
import. Rules that depend on today's date run only on write and only on the values the
write brings in, so a stored document stays readable forever."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from assessment.model import DECLINED, FIVE_QUESTIONS, AssessmentBody, Voice, VoiceRatings
from assessment.registry import UnknownTemplateError
from assessment.template import WheelTemplate
from plans.documents.case import CaseBody, CaseType
from plans.documents.consent import ConsentBody
from plans.documents.plan import PlanBody
from plans.documents.review import ReviewBody
from plans.privacy import personal_data
from plans.services.errors import Problem
from plans.sharing import newly_added_partners_not_allowed
from plans.templates import case_template, registry

MAX_CHILD_AGE_YEARS = 25
UNBORN_DAYS_BACK, UNBORN_DAYS_AHEAD = 60, 300
PLANNING_YEARS_BACK, PLANNING_YEARS_AHEAD = 2, 3
"""Plan dates (next review, an action's date) must fall inside this window around today."""


def _years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _get(body: dict[str, Any] | None, *path: str | int) -> Any:
    node: Any = body
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _new_date(before: dict[str, Any] | None, after: dict[str, Any], *path: str | int) -> Any:
    """A date this write brings in: set and different from what was stored."""
    value = _get(after, *path)
    return value if value is not None and value != _get(before, *path) else None


def _path(*parts: str | int) -> str:
    return "$.body" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


class _Checker:
    """Collects problems for one document."""

    def __init__(self, today: dt.date, before: dict[str, Any] | None, after: dict[str, Any]):
        self.today = today
        self.before = before
        self.after = after
        self.problems: list[Problem] = []

    def add(self, key: str, *path: str | int, **params: Any) -> None:
        self.problems.append(Problem(_path(*path), key, params))

    def not_after_today(self, *path: str | int) -> None:
        day = _new_date(self.before, self.after, *path)
        if day is not None and dt.date.fromisoformat(str(day)) > self.today:
            self.add("date_in_future", *path)

    def within(self, low: dt.date, high: dt.date, *path: str | int) -> None:
        day = _new_date(self.before, self.after, *path)
        if day is None:
            return
        value = dt.date.fromisoformat(str(day))
        if not low <= value <= high:
            self.add("date_out_of_range", *path, low=low.isoformat(), high=high.isoformat())


# --- the case -------------------------------------------------------------------------------

_ANONYMOUS_TEXTS = (("anonymous", "concern"), ("anonymous", "advice"), ("notice", "what_was_seen"))


def anonymous_problems(texts: Iterator[tuple[tuple[str | int, ...], str]]) -> list[Problem]:
    """Personal data in texts that belong to an anonymous consultation."""
    problems = []
    for path, text in texts:
        for kind, found in personal_data(text).items():
            problems.append(
                Problem(
                    _path(*path),
                    f"personal_data.{kind}",
                    {"found": ", ".join(found)},
                    quoted=len(found),
                )
            )
    return problems


def case_problems(
    today: dt.date, before: CaseBody | None, after: CaseBody, consent: ConsentBody | None
) -> list[Problem]:
    old = before.model_dump(mode="json") if before else None
    new = after.model_dump(mode="json")
    c = _Checker(today, old, new)
    if before is not None and before.type is CaseType.ANONYMOUS and after.type is not before.type:
        c.add("anonymous_stays_anonymous", "type")
    if after.child is not None:
        c.not_after_today("child", "birth_date")
        c.within(_years(today, -MAX_CHILD_AGE_YEARS), today, "child", "birth_date")
    if after.unborn is not None:
        c.within(
            today - dt.timedelta(days=UNBORN_DAYS_BACK),
            today + dt.timedelta(days=UNBORN_DAYS_AHEAD),
            "unborn",
            "expected_date",
        )
    c.not_after_today("notice", "noticed_on")
    c.not_after_today("raised_on")
    c.not_after_today("closed_on")
    c.not_after_today("coordinated_plan_on")
    sip_on = _new_date(old, new, "coordinated_plan_on")
    if sip_on is not None and dt.date.fromisoformat(str(sip_on)) < after.raised_on:
        c.add("sip_before_raised", "coordinated_plan_on")
    if after.type is CaseType.ANONYMOUS:
        c.problems += anonymous_problems(
            (path, str(_get(new, *path) or "")) for path in _ANONYMOUS_TEXTS
        )
    refused = newly_added_partners_not_allowed(before, after, consent, today)
    if refused:
        c.add("partner_without_consent", "partners", organisations=", ".join(refused))
    return c.problems


# --- consent ---------------------------------------------------------------------------------


def consent_problems(
    today: dt.date, case: CaseBody, before: ConsentBody | None, after: ConsentBody
) -> list[Problem]:
    c = _Checker(
        today, before.model_dump(mode="json") if before else None, after.model_dump(mode="json")
    )
    if case.type is CaseType.ANONYMOUS:
        c.add("anonymous_has_no_consent", "given_by")
        return c.problems
    c.not_after_today("given_on")
    c.not_after_today("withdrawn_on")
    return c.problems


# --- the wheel: assessments and review readings -----------------------------------------------


def _ratings_problems(
    template: WheelTemplate, ratings: VoiceRatings, *path: str | int
) -> list[Problem]:
    problems = []
    values = {level.value for level in template.scale.levels}
    for voice in Voice:
        value = ratings.get(voice)
        where = _path(*path, voice.value)
        if isinstance(value, int) and value not in values:
            problems.append(
                Problem(where, "rating_off_scale", {"value": value, "high": max(values)})
            )
        if value == DECLINED and voice is not Voice.CHILD:
            problems.append(Problem(where, "declined_child_only"))
    return problems


def _unknown_area(template: WheelTemplate, area_id: str, *path: str | int) -> list[Problem]:
    if area_id in template.area_ids():
        return []
    return [Problem(_path(*path), "unknown_area", {"area": area_id, "template": template.id})]


def assessment_problems(assessment: AssessmentBody) -> list[Problem]:
    """The assessment against the exact template and version it names."""
    try:
        template = registry().get(assessment.template_id, assessment.template_version)
    except UnknownTemplateError:
        return [
            Problem(
                _path("template_id"),
                "unknown_template",
                {"template": assessment.template_id, "version": assessment.template_version},
            )
        ]
    problems: list[Problem] = []
    for area_id, area in assessment.areas.items():
        problems += _unknown_area(template, area_id, "areas", area_id)
        problems += _ratings_problems(template, area.ratings, "areas", area_id, "ratings")
    risk_ids = {f.id for f in template.risk_factors}
    protective_ids = {f.id for f in template.protective_factors}
    for index, risk in enumerate(assessment.risk_factors):
        if risk not in risk_ids:
            problems.append(Problem(_path("risk_factors", index), "unknown_factor", {"id": risk}))
    for index, factor in enumerate(assessment.protective_factors):
        if factor not in protective_ids:
            problems.append(
                Problem(_path("protective_factors", index), "unknown_factor", {"id": factor})
            )
    for question in assessment.five_questions:
        if question not in FIVE_QUESTIONS:
            problems.append(
                Problem(_path("five_questions", question), "unknown_question", {"id": question})
            )
    return problems


# --- the plan and its reviews -------------------------------------------------------------------


def plan_problems(
    today: dt.date,
    case: CaseBody,
    template: WheelTemplate | None,
    before: PlanBody | None,
    after: PlanBody,
) -> list[Problem]:
    old = before.model_dump(mode="json") if before else None
    new = after.model_dump(mode="json")
    c = _Checker(today, old, new)
    low, high = _years(today, -PLANNING_YEARS_BACK), _years(today, PLANNING_YEARS_AHEAD)
    c.within(low, high, "next_review")
    partner_ids = {p.id for p in case.partners}
    previous = {a.id: a for a in before.actions} if before else {}
    for index, action in enumerate(after.actions):
        was = previous.get(action.id)
        moved = action.by_when is not None and (was is None or was.by_when != action.by_when)
        if moved and action.by_when is not None and not low <= action.by_when <= high:
            c.add(
                "date_out_of_range",
                "actions",
                index,
                "by_when",
                low=low.isoformat(),
                high=high.isoformat(),
            )
        if action.partner_id and action.partner_id not in partner_ids:
            c.add("unknown_partner", "actions", index, "partner_id", partner=action.partner_id)
        if template is not None and action.area_id:
            c.problems += _unknown_area(template, action.area_id, "actions", index, "area_id")
    if template is not None:
        for area_id in after.areas:
            c.problems += _unknown_area(template, area_id, "areas", area_id)
    return c.problems


def review_problems(
    today: dt.date,
    template: WheelTemplate | None,
    plan: PlanBody | None,
    before: ReviewBody | None,
    after: ReviewBody,
) -> list[Problem]:
    old = before.model_dump(mode="json") if before else None
    c = _Checker(today, old, after.model_dump(mode="json"))
    c.within(_years(today, -PLANNING_YEARS_BACK), _years(today, 1), "held_on")
    if after.next_review is not None and after.next_review < after.held_on:
        c.add("review_before_held", "next_review")
    if plan is not None:
        known = {a.id for a in plan.actions}
        for action_id in after.progress:
            if action_id not in known:
                c.add("unknown_action", "progress", action_id, action=action_id)
    if template is not None:
        for area_id, ratings in after.readings.items():
            c.problems += _unknown_area(template, area_id, "readings", area_id)
            c.problems += _ratings_problems(template, ratings, "readings", area_id)
    return c.problems


__all__ = [
    "anonymous_problems",
    "assessment_problems",
    "case_problems",
    "case_template",
    "consent_problems",
    "plan_problems",
    "review_problems",
]
