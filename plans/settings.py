"""Configuration from the environment (prefix ``HJULET_``), with safe defaults.

No configuration at all gives a working local app with its data in ``./data``.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def _split_paths(value: object) -> object:
    """``HJULET_TEMPLATE_DIRS=/a:/b`` (os.pathsep separated) becomes a list of paths."""
    if isinstance(value, str):
        return [Path(p) for p in value.split(os.pathsep) if p.strip()]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HJULET_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Where the file store keeps its data.")
    database_url: str = Field(default="", description="PostgreSQL URL; empty means the file store.")
    default_language: Literal["sv", "en"] = "sv"
    template_dirs: Annotated[list[Path], NoDecode] = Field(
        default_factory=list, description="Extra folders with wheel templates (TOML)."
    )
    glossary_dirs: Annotated[list[Path], NoDecode] = Field(
        default_factory=list, description="Extra folders with plain-language glossaries (TOML)."
    )
    session_idle_minutes: int = Field(
        default=30, ge=1, le=24 * 60, description="A signed-in session ends after this idle time."
    )
    retention_years: int = Field(
        default=5,
        ge=1,
        le=100,
        description="Years after a case was closed (and last saved) before `hjulet retention` "
        "deletes it.",
    )
    lix_target_family: int = Field(default=40, description="Highest LIX for family-facing text.")
    lix_target_child: int = Field(default=30, description="Highest LIX for the child's own parts.")
    import_max_rows: int = Field(
        default=50_000, ge=1, description="Most data rows a follow-up spreadsheet import reads."
    )
    import_max_bytes: int = Field(
        default=50_000_000,
        ge=1,
        description="Largest follow-up spreadsheet (file size; for XLSX also its unpacked size).",
    )
    today: dt.date | None = Field(
        default=None,
        description="A fixed 'today' (YYYY-MM-DD) for every date rule; empty: the clock.",
    )
    draft_days: int = Field(
        default=14,
        ge=1,
        le=365,
        description="Days unsaved work (a draft kept over a reload) is kept before it is "
        "forgotten.",
    )
    stalled_weeks: int = Field(
        default=6,
        ge=1,
        le=52,
        description="Weeks without recorded progress before an action stalls.",
    )

    _split = field_validator("template_dirs", "glossary_dirs", mode="before")(_split_paths)

    @field_validator("today", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
