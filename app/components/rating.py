"""The rating picker: one voice's answer on the template's scale, bound to a draft.

"Not assessed" is a real choice, stored as ``"not_assessed"``; the child may also say
"doesn't want to say" (``"declined"``). No choice at all (``None``) means nobody has
answered yet, so the picker starts empty instead of nudging towards the first level.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

import streamlit as st

from app.components.text import escape
from app.drafts import Draft, Path
from assessment.model import DECLINED, NOT_ASSESSED, Rating
from assessment.template import RatingScale
from plans.i18n import t


def rating_options(scale: RatingScale, *, allow_declined: bool = False) -> list[Rating]:
    """The scale's levels from hardest to best, then the choices not to rate."""
    options: list[Rating] = [level.value for level in scale.levels]
    options.append(cast(Rating, NOT_ASSESSED))
    if allow_declined:
        options.append(cast(Rating, DECLINED))
    return options


def answer_text(scale: RatingScale, rating: Rating, lang: str) -> str:
    """A rating in words, e.g. ``4 – Ganska bra``; never just a number or a colour."""
    if isinstance(rating, int):
        level = scale.level(rating)
        return f"{rating} – {level.label}" if level else str(rating)
    if rating == NOT_ASSESSED:
        return scale.not_assessed_label
    if rating == DECLINED:
        return t("words.answer.declined", lang)
    return t("words.answer.missing", lang)


def answer_descriptor(scale: RatingScale, rating: Rating, lang: str) -> str:
    """What a choice means in everyday life (the scale's descriptor)."""
    if isinstance(rating, int):
        level = scale.level(rating)
        return level.descriptor if level else ""
    if rating == NOT_ASSESSED:
        return scale.not_assessed_descriptor
    if rating == DECLINED:
        return t("voice.declined_descriptor", lang)
    return ""


def _write_back(draft: Draft, path: Path, key: str) -> None:
    draft.set(path, st.session_state[key])


def optional_radio(
    draft: Draft,
    path: Path,
    label: str,
    options: Sequence[Any],
    *,
    format_func: Callable[[Any], str] = str,
    captions: Sequence[str] | None = None,
    help: str | None = None,
    horizontal: bool = False,
) -> Any:
    """A radio group bound to the draft that may show no choice at all.

    ``app.components.fields.select`` always falls back to the first option, which
    would silently turn "nobody has answered" into an answer.
    """
    key = draft.widget_key(path)
    if key not in st.session_state:
        current = draft.get(path)
        st.session_state[key] = current if current in options else None
    return st.radio(
        label,
        list(options),
        index=None,
        key=key,
        format_func=format_func,
        captions=list(captions) if captions is not None else None,
        help=help,
        horizontal=horizontal,
        on_change=_write_back,
        args=(draft, path, key),
    )


def rating_picker(
    draft: Draft,
    path: Path,
    label: str,
    scale: RatingScale,
    lang: str,
    *,
    allow_declined: bool = False,
    all_descriptors: bool = False,
) -> Rating:
    """Each option shows the scale's label; the descriptor of the chosen one is shown
    underneath (or every option's, with ``all_descriptors``, where there is room)."""
    options = rating_options(scale, allow_declined=allow_declined)
    value: Rating = optional_radio(
        draft,
        path,
        label,
        options,
        format_func=lambda option: answer_text(scale, option, lang),
        captions=[answer_descriptor(scale, o, lang) for o in options] if all_descriptors else None,
        help=scale_help(scale, lang, allow_declined=allow_declined),
    )
    if value is not None and not all_descriptors:
        st.caption(answer_descriptor(scale, value, lang))
    return value


def scale_lines(scale: RatingScale, lang: str, *, allow_declined: bool = False) -> list[str]:
    """Every choice with what it means, as markdown lines (template text escaped)."""
    return [
        f"**{escape(answer_text(scale, o, lang))}**: {escape(answer_descriptor(scale, o, lang))}"
        for o in rating_options(scale, allow_declined=allow_declined)
    ]


def scale_help(scale: RatingScale, lang: str, *, allow_declined: bool = False) -> str:
    lines = scale_lines(scale, lang, allow_declined=allow_declined)
    return t("voice.rating_help", lang, not_assessed=escape(scale.not_assessed_label)) + (
        "\n\n" + "\n\n".join(lines)
    )


def forget_widget(draft: Draft, path: Path) -> None:
    """Call after writing ``path`` without its widget, so the widget re-seeds from the draft."""
    st.session_state.pop(draft.widget_key(path), None)
