"""The three voices of one area side by side: the child, the guardians, the professional.

Each voice has its own column of guiding questions, rating and words, so the voices are
kept apart on screen exactly as they are in the stored assessment.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from app.components import fields
from app.components.rating import rating_picker
from app.components.text import escape
from app.drafts import Draft, Path
from assessment.model import Voice, VoiceRatings
from assessment.template import Area, RatingScale
from assessment.wheel import VOICES
from plans.i18n import t

WORDS_FIELD: dict[Voice, str] = {
    Voice.CHILD: "child_words",
    Voice.GUARDIANS: "guardian_words",
    Voice.PROFESSIONAL: "observations",
}
"""Where each voice's own words go in an AreaAssessment."""


def _questions(area: Area, voice: Voice) -> list[str]:
    by_voice = {
        Voice.CHILD: area.questions.child,
        Voice.GUARDIANS: area.questions.guardian,
        Voice.PROFESSIONAL: area.questions.professional,
    }
    return list(by_voice[voice])


def _rating_label(voice: Voice, lang: str, infant: bool) -> str:
    if voice is Voice.CHILD and infant:
        return t("voice.child_rating_infant", lang)
    return t(f"voice.{voice.value}_rating", lang)


def _words(draft: Draft, area_path: Path, voice: Voice, lang: str, infant: bool) -> None:
    if voice is not Voice.CHILD:
        name = WORDS_FIELD[voice]
        fields.text_area(
            draft,
            (*area_path, name),
            t(f"assessment.{name}", lang),
            help=t(f"assessment.{name}_help", lang),
        )
        return
    # A baby's voice is its signs; an older child's is its words. A child grows past two
    # while the case is open, so a field that already holds text is always shown.
    for name, wanted in (("infant_signs", infant), ("child_words", not infant)):
        if wanted or draft.get((*area_path, name)):
            fields.text_area(
                draft,
                (*area_path, name),
                t(f"assessment.{name}", lang),
                help=t(f"assessment.{name}_help", lang),
            )


def _heading(voice: Voice, lang: str) -> None:
    """ "Barnet säger" and "Familjen säger" are the words the PDF uses too; the
    professional's column speaks to the person filling it in ("Du bedömer")."""
    if voice is Voice.PROFESSIONAL:
        words = t("voice.professional_heading", lang)
    else:
        words = t(f"words.says.{voice.value}", lang)
    st.subheader(words, divider="gray")


def _guidance(area: Area, scale: RatingScale, voice: Voice, lang: str, infant: bool) -> None:
    if voice is Voice.CHILD and infant:
        # Questions written to a child who talks do not fit a baby; say what to do instead.
        st.info(t("assessment.infant_note", lang, not_assessed=scale.not_assessed_label))
    else:
        st.caption(
            f"{escape(t('assessment.questions_for', lang))}:  \n"
            + "  \n".join(f"• {escape(q)}" for q in _questions(area, voice))
        )


def _rating(
    draft: Draft, area_path: Path, scale: RatingScale, voice: Voice, lang: str, infant: bool
) -> None:
    rating_picker(
        draft,
        (*area_path, "ratings", voice.value),
        _rating_label(voice, lang, infant),
        scale,
        lang,
        # A baby cannot choose not to say; "not assessed" covers that case.
        allow_declined=voice is Voice.CHILD and not infant,
    )


def three_voices(
    draft: Draft,
    area_path: Path,
    area: Area,
    scale: RatingScale,
    lang: str,
    *,
    infant: bool = False,
    with_words: bool = True,
) -> VoiceRatings:
    """Renders the three voices side by side and returns the area's ratings as they now
    stand. Each part (heading, questions, answer, own words) is one row of three columns,
    so every part starts at the same height in all three: a heading that wraps ("Vård-
    nadshavarna säger") or a longer list of questions would otherwise push that voice's
    answer and words lower than its neighbours'. Every part names its voice, so the
    columns still read right when a narrow screen stacks them."""
    parts: list[Callable[[Voice], None]] = [
        lambda voice: _heading(voice, lang),
        lambda voice: _guidance(area, scale, voice, lang, infant),
        lambda voice: _rating(draft, area_path, scale, voice, lang, infant),
    ]
    if with_words:
        parts.append(lambda voice: _words(draft, area_path, voice, lang, infant))
    for part in parts:
        for column, voice in zip(st.columns(3, gap="medium"), VOICES, strict=True):
            with column:
                part(voice)
    return VoiceRatings.model_validate(draft.get((*area_path, "ratings")) or {})
