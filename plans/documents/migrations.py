"""Upgrades of stored bodies, one pure function per step (version N -> N+1).

A stored revision is never rewritten; it is upgraded in memory when read.
Every old version has a golden file in ``tests/golden/`` that must keep upgrading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plans.organisations import organisation_id

Body = dict[str, Any]
Migration = Callable[[Body], Body]


def _assessment_1_to_2(body: Body) -> Body:
    """Version 1 kept one rating per area (the professional's); version 2 keeps
    the three voices apart, so the old rating becomes the professional's voice."""
    areas = {}
    for area_id, area in body.get("areas", {}).items():
        area = dict(area)
        rating = area.pop("rating", None)
        area["ratings"] = {"child": None, "guardians": None, "professional": rating}
        areas[area_id] = area
    return {**body, "areas": areas}


def _plan_1_to_2(body: Body) -> Body:
    """Version 2 names the partner who does an action by id. Partner ids are made from the
    organisation's name (``plans.organisations``), so the name typed in version 1 is
    matched once, here."""
    actions = []
    for action in body.get("actions", []):
        action = dict(action)
        partner = organisation_id(str(action.get("organisation") or ""))
        action["partner_id"] = partner if len(partner) >= 3 else None
        actions.append(action)
    return {**body, "actions": actions}


def _consent_1_to_2(body: Body) -> Body:
    """Version 2 lists the organisations consent covers by id, with the name for display;
    version 1 held only the names as typed."""
    scope = [
        {"id": organisation_id(str(name)) or str(name).strip().casefold(), "name": str(name)}
        for name in body.get("scope", [])
        if str(name).strip()
    ]
    return {**body, "scope": scope}


MIGRATIONS: dict[str, dict[int, Migration]] = {
    "consent": {1: _consent_1_to_2},
    "assessment": {1: _assessment_1_to_2},
    "plan": {1: _plan_1_to_2},
}


class MigrationError(ValueError):
    pass


def upgrade(kind: str, version: int, body: Body, target: int) -> Body:
    """Bring ``body`` from ``version`` to ``target`` without touching the input."""
    if version > target:
        raise MigrationError(
            f"{kind} schema version {version} is newer than this program ({target}); update Hjulet"
        )
    steps = MIGRATIONS.get(kind, {})
    current = dict(body)
    for step in range(version, target):
        if step not in steps:
            raise MigrationError(f"no upgrade from {kind} schema version {step}")
        current = steps[step](current)
    return current
