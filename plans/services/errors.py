"""Errors a service raises on purpose, with messages in the user's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plans.i18n import t
from plans.store import InvalidInputError, StoreError


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (a JSON path into the body), what (a catalogue key)."""

    path: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        return t(f"rules.{self.key}", lang, **self.params)

    def line(self, lang: str = "en") -> str:
        return f"{self.path}: {self.message(lang)}"


class RuleError(InvalidInputError):
    """A save or import broke one or more domain rules; nothing was written."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.line("en") for p in problems))

    def lines(self, lang: str = "en") -> list[str]:
        return [p.line(lang) for p in self.problems]


class AccessDeniedError(StoreError):
    """The acting person may not do this with this case."""
