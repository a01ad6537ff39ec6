"""The template registry as configured (shipped + HJULET_TEMPLATE_DIRS), loaded once."""

from __future__ import annotations

from functools import lru_cache

from assessment.registry import TemplateRegistry, load_registry
from assessment.template import WheelTemplate
from plans.settings import get_settings


@lru_cache(maxsize=1)
def registry() -> TemplateRegistry:
    return load_registry(get_settings().template_dirs)


def template(template_id: str, version: str | None = None) -> WheelTemplate:
    return registry().get(template_id, version)
