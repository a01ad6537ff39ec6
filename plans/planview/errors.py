"""Errors a user can cause when asking for a plan view, with messages in their language.

They subclass the store's errors so the CLI maps them to its exit codes
(not found: 4, invalid: 2) without knowing about plan views.
"""

from __future__ import annotations

from plans.store.base import InvalidInputError, NotFoundError


class PlanViewError(Exception):
    """Base of the plan view's own errors; ``str()`` is the translated message."""


class PlanNotFoundError(PlanViewError, NotFoundError):
    """No such case, no plan yet, or no such revision."""


class InvalidAudienceError(PlanViewError, InvalidInputError):
    """An audience that is not family, team or partner:ORG, or an unknown partner."""


class NoPlanForCaseError(PlanViewError, InvalidInputError):
    """The case can never have a plan (an anonymous consultation)."""
