"""Whose case is it: the one place that matches a person with a case's people.

Until sign-in gives people ids, a person is matched by name: the acting person's display
name or username against the case's named person, lead professional and whoever does an
action, ignoring case and surrounding spaces. When accounts land, this is the function
that compares user ids instead."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plans.services.context import Actor


def names_of(actor: Actor) -> frozenset[str]:
    return frozenset(key for key in (_key(actor.display_name), _key(actor.username)) if key)


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def is_person(name: str, names: frozenset[str]) -> bool:
    return bool(name) and _key(name) in names


def is_mine(caseload: Mapping[str, Any], names: frozenset[str]) -> bool:
    """Named person, lead professional or the owner of an open action."""
    if not names:
        return False
    people = [caseload.get("named_person", ""), caseload.get("lead_professional", "")]
    people += [a.get("who", "") for a in caseload.get("actions") or []]
    return any(is_person(str(p or ""), names) for p in people)


def my_parts(caseload: Mapping[str, Any], names: frozenset[str]) -> list[str]:
    """Which parts of the case are the person's: "named", "lead", "action"."""
    parts = []
    if is_person(str(caseload.get("named_person") or ""), names):
        parts.append("named")
    if is_person(str(caseload.get("lead_professional") or ""), names):
        parts.append("lead")
    if any(is_person(str(a.get("who") or ""), names) for a in caseload.get("actions") or []):
        parts.append("action")
    return parts
