"""Wheel templates (välbefinnandehjulet) as data.

A template is a TOML file validated by :class:`WheelTemplate`. The shipped
templates and an organisation's own templates use exactly this format.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$"),
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2}$")]

_VERSION = re.compile(r"^\d+(\.\d+){0,2}$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GuidingQuestions(_Strict):
    """Questions that help each voice talk about an area."""

    child: list[ShortText] = Field(min_length=1, description="Asked to the child, in 'du' form.")
    guardian: list[ShortText] = Field(min_length=1, description="Asked to the guardians.")
    professional: list[ShortText] = Field(
        min_length=1, description="For the professional's own observations."
    )


class Area(_Strict):
    """One slice of the wheel."""

    id: Identifier
    title: ShortText
    description: ShortText = Field(description="One plain line written to the child.")
    colour: Colour
    questions: GuidingQuestions


class ScaleLevel(_Strict):
    value: int = Field(ge=1, le=10)
    label: ShortText = Field(description="A plain label, e.g. 'Det går bra'.")
    descriptor: LongText = Field(description="What this level looks like in everyday life.")
    face: str = Field(default="", max_length=8, description="An emoji face for the child's view.")


class RatingScale(_Strict):
    """Levels from worst (lowest value) to best. 'Not assessed' is always available."""

    levels: list[ScaleLevel] = Field(min_length=2, max_length=10)
    not_assessed_label: ShortText
    not_assessed_descriptor: LongText
    support_at_or_below: int = Field(
        ge=1, description="A rating at or below this value suggests the area needs support."
    )

    @model_validator(mode="after")
    def _levels_are_ordered(self) -> RatingScale:
        values = [level.value for level in self.levels]
        if values != list(range(1, len(values) + 1)):
            raise ValueError("levels must have the values 1, 2, 3 ... in order")
        if self.support_at_or_below > values[-1]:
            raise ValueError("support_at_or_below must be one of the level values")
        return self

    @property
    def max_value(self) -> int:
        return self.levels[-1].value

    def level(self, value: int) -> ScaleLevel | None:
        return next((lvl for lvl in self.levels if lvl.value == value), None)


class CatalogueEntry(_Strict):
    """A risk factor, protective factor or intervention that teams count."""

    id: Identifier
    label: ShortText
    description: str = Field(default="", max_length=500)


class WheelTemplate(_Strict):
    id: Identifier
    version: str = Field(description="Version of this template, e.g. '1.0'.")
    language: Language
    title: ShortText
    description: LongText
    areas: list[Area] = Field(min_length=1, max_length=16)
    scale: RatingScale
    risk_factors: list[CatalogueEntry] = Field(default_factory=list)
    protective_factors: list[CatalogueEntry] = Field(default_factory=list)
    interventions: list[CatalogueEntry] = Field(default_factory=list)
    translations: dict[Language, Identifier] = Field(
        default_factory=dict,
        description="The same wheel in other languages, by language: template ids whose "
        "areas, scale levels and factors have the same ids, e.g. {en = 'girfec-en'}.",
    )

    @model_validator(mode="after")
    def _check(self) -> WheelTemplate:
        if not _VERSION.match(self.version):
            raise ValueError("version must look like '1', '1.2' or '1.2.3'")
        for name in ("areas", "risk_factors", "protective_factors", "interventions"):
            ids = [item.id for item in getattr(self, name)]
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"{name}: the id(s) {', '.join(dupes)} appear more than once")
        return self

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)

    def area(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)

    def area_ids(self) -> list[str]:
        return [a.id for a in self.areas]

    def in_words_of(self, translation: WheelTemplate) -> tuple[WheelTemplate, bool]:
        """This template (its ids, order, colours, scale values and version) in the
        words of ``translation``, matched by area id, level value and factor id.

        Returns the result and whether every word was found; what the translation
        lacks stays as it was. An assessment keeps rendering exactly as it was
        made, only in the reader's language."""
        complete = True
        areas = []
        for area in self.areas:
            other = translation.area(area.id)
            if other is None:
                complete = False
                areas.append(area)
                continue
            areas.append(
                area.model_copy(
                    update={
                        "title": other.title,
                        "description": other.description,
                        "questions": other.questions,
                    }
                )
            )
        levels = []
        for level in self.scale.levels:
            found = translation.scale.level(level.value)
            if found is None:
                complete = False
                levels.append(level)
            else:
                levels.append(
                    level.model_copy(update={"label": found.label, "descriptor": found.descriptor})
                )
        scale = self.scale.model_copy(
            update={
                "levels": levels,
                "not_assessed_label": translation.scale.not_assessed_label,
                "not_assessed_descriptor": translation.scale.not_assessed_descriptor,
            }
        )

        def entries(
            mine: list[CatalogueEntry], theirs: list[CatalogueEntry]
        ) -> list[CatalogueEntry]:
            nonlocal complete
            by_id = {e.id: e for e in theirs}
            result = []
            for entry in mine:
                other = by_id.get(entry.id)
                complete = complete and other is not None
                result.append(entry if other is None else other)
            return result

        return (
            self.model_copy(
                update={
                    "language": translation.language,
                    "title": translation.title,
                    "description": translation.description,
                    "areas": areas,
                    "scale": scale,
                    "risk_factors": entries(self.risk_factors, translation.risk_factors),
                    "protective_factors": entries(
                        self.protective_factors, translation.protective_factors
                    ),
                    "interventions": entries(self.interventions, translation.interventions),
                }
            ),
            complete,
        )
