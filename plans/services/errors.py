"""Errors a service raises on purpose, with messages in the user's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from plans.i18n import t, tn
from plans.store import InvalidInputError, StoreError


@dataclass(frozen=True)
class Problem:
    """One broken rule: where (a JSON path into the body), what (a catalogue key)."""

    path: str
    key: str
    params: dict[str, Any] = field(default_factory=dict)
    quoted: int = 0
    """How many pieces of personal data ``params["found"]`` quotes from the person's text.
    They are shown to that person on screen (``reveal=True``), never in an exception, a
    terminal or a log, which may be kept where the case data is not."""

    def message(self, lang: str = "en", *, reveal: bool = False) -> str:
        params = self.params
        if self.quoted and not reveal:
            params = {**params, "found": tn("rules.not_repeated", self.quoted, lang)}
        return t(f"rules.{self.key}", lang, **params)

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
