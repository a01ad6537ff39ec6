"""Anonymous family surveys, kept apart from every case.

A family that answers "anonymous to the team" gets exactly that: the answers are stored
with the team and the month only – no case id, no day, no free text, no name – so no
page or command can lead from a case to its family's answers, or back. They are only
counted in the follow-up. Answers the family chose to share stay in the case.
"""

from __future__ import annotations

import abc
import datetime as dt
import json
import os
import re
import secrets
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator, model_validator

from plans.documents.common import Model, Short
from plans.documents.survey import QUESTIONS, Respondent, SurveyBody

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_FILE = re.compile(r"^[0-9a-f]{32}\.json$")
MAX_FILE_BYTES = 10_000


class AnonymousSurvey(Model):
    """What is kept of one anonymous answer sheet."""

    team: Short = Field(description="The team the family met (as written on the case).")
    month: str = Field(description="YYYY-MM: the month it was answered, never the day.")
    respondent: Respondent
    answers: dict[str, str] = Field(default_factory=dict, description="question id -> code")

    @field_validator("month")
    @classmethod
    def _month(cls, value: str) -> str:
        if not _MONTH.match(value):
            raise ValueError("month must be YYYY-MM")
        return value

    @model_validator(mode="after")
    def _codes(self) -> AnonymousSurvey:
        for question, code in self.answers.items():
            scale = QUESTIONS.get(question)
            if scale is None or code not in {str(m.value) for m in scale}:
                raise ValueError(f"'{question}': '{code}' is not an answer to a survey question")
        return self

    @classmethod
    def from_body(cls, body: SurveyBody, team: str) -> AnonymousSurvey:
        """The counted answers of a sheet; its day is cut to the month, its free text dropped."""
        return cls(
            team=team,
            month=body.answered_on.isoformat()[:7],
            respondent=body.respondent,
            answers=body.answers(),
        )

    def fact(self) -> dict[str, Any]:
        """As the follow-up counts it: a survey of the team, on the first day of its month."""
        return {
            "team": self.team,
            "surveys": [
                {
                    "answered_on": f"{self.month}-01",
                    "respondent": self.respondent.value,
                    "answers": dict(self.answers),
                }
            ],
        }


class AnonymousSurveys(abc.ABC):
    @abc.abstractmethod
    def add(self, survey: AnonymousSurvey) -> None: ...

    @abc.abstractmethod
    def all(self) -> list[AnonymousSurvey]:
        """Every survey, in no meaningful order (sorted by content, never by arrival)."""

    def facts(self) -> list[dict[str, Any]]:
        """For ``term_report(..., surveys=...)``."""
        return [s.fact() for s in self.all()]


def _first_of_month(month: str) -> float:
    day = dt.datetime.fromisoformat(f"{month}-01T00:00:00+00:00")
    return day.timestamp()


class FileAnonymousSurveys(AnonymousSurveys):
    """DATA/surveys/<random>.json, one per answer sheet. The file's times are set to the
    first of its month, so not even the file system tells which meeting it followed."""

    def __init__(self, folder: Path | str, on_change: Any = None) -> None:
        # Made on the first answer, not on open: a read-only copy is read as it is.
        self.folder = Path(folder)
        self._on_change = on_change

    def add(self, survey: AnonymousSurvey) -> None:
        from plans.store.safeio import private_dir, write_new_private_file

        private_dir(self.folder)
        path = self.folder / f"{secrets.token_hex(16)}.json"
        data = json.dumps(survey.model_dump(mode="json"), sort_keys=True).encode("utf-8")
        write_new_private_file(path, data)  # every byte or nothing
        stamp = _first_of_month(survey.month)
        os.utime(path, (stamp, stamp))
        if self._on_change is not None:
            self._on_change()

    def all(self) -> list[AnonymousSurvey]:
        found: list[AnonymousSurvey] = []
        if not self.folder.is_dir() or self.folder.is_symlink():
            return found
        for name in os.listdir(self.folder):
            path = self.folder / name
            if not _FILE.match(name) or not path.is_file() or path.is_symlink():
                continue
            if path.stat().st_size > MAX_FILE_BYTES:
                continue
            try:
                found.append(AnonymousSurvey.model_validate_json(path.read_bytes()))
            except ValueError:
                continue  # hostile or broken: never counted
        return sorted(found, key=lambda s: s.model_dump_json())
