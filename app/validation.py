"""Validation errors in the user's language, naming the field the way the screen does."""

from __future__ import annotations

from pydantic import ValidationError

from plans.i18n import has, t


def _field_name(loc: tuple[int | str, ...], lang: str) -> str:
    names = [str(p) for p in loc if not isinstance(p, int)]
    for name in reversed(names):
        if has(f"field.{name}", lang):
            return t(f"field.{name}", lang)
    return ".".join(names) or t("validation.the_form", lang)


def messages(exc: ValidationError, lang: str) -> list[str]:
    found = []
    for err in exc.errors():
        kind = err["type"]
        ctx = err.get("ctx") or {}
        key = f"validation.{kind}"
        if kind == "value_error":
            # Our own validators speak plain English; show them with a translated lead-in.
            detail = str(ctx.get("error", err["msg"]))
            text = t("validation.value_error", lang, detail=detail)
        elif has(key, lang):
            text = t(key, lang, **{k: v for k, v in ctx.items() if isinstance(v, int | str)})
        else:
            text = t("validation.other", lang)
        found.append(f"{_field_name(tuple(err['loc']), lang)}: {text}")
    return found
