"""Validation errors in the user's language, naming the field the way the screen does."""

from __future__ import annotations

import re

from pydantic import ValidationError

from plans.i18n import field_key, has, t
from plans.services import RuleError


def _field_name(loc: tuple[int | str, ...], lang: str) -> str:
    names = [str(p) for p in loc if not isinstance(p, int)]
    for name in reversed(names):
        key = field_key("field", name, lang)
        if key:
            return t(key, lang)
    return ".".join(names) or t("validation.the_form", lang)


# Our own model validators explain themselves in English (for logs and the CLI); on
# screen the same rule is said in the user's language.
_RULES = {
    "an anonymous consultation holds no guardians or partners": "anonymous_people",
    "the case cannot be closed before it was raised": "closed_before_raised",
    "two partners have the same id": "partner_twice",
    "consent cannot end before it was given": "ends_before_given",
    "consent cannot be withdrawn before it was given": "withdrawn_before_given",
    "two actions have the same id": "action_twice",
}


def _rule(detail: str, lang: str) -> str | None:
    for english, name in _RULES.items():
        if english in detail:
            return t(f"validation.rule.{name}", lang)
    return None


def messages(exc: ValidationError, lang: str) -> list[str]:
    found = []
    for err in exc.errors():
        kind = err["type"]
        if err.get("input") in (None, "") and kind.endswith("_type"):
            kind = "missing"  # an empty field, not a wrong one
        ctx = err.get("ctx") or {}
        key = f"validation.{kind}"
        if kind == "value_error":
            # Our own validators speak plain English; show them with a translated lead-in.
            detail = str(ctx.get("error", err["msg"]))
            text = _rule(detail, lang) or t("validation.other", lang)
        elif has(key, lang):
            text = t(key, lang, **{k: v for k, v in ctx.items() if isinstance(v, int | str)})
        else:
            text = t("validation.other", lang)
        found.append(f"{_field_name(tuple(err['loc']), lang)}: {text}")
    return found


def rule_messages(exc: RuleError, lang: str) -> list[str]:
    """A broken domain rule, named by the field the way the screen names it."""
    found = []
    for problem in exc.problems:
        parts = tuple(
            p for p in re.split(r"[.\[\]]+", problem.path) if p and p not in {"$", "body"}
        )
        found.append(f"{_field_name(parts, lang)}: {problem.message(lang, reveal=True)}")
    return found
