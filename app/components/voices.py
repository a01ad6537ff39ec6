"""The three voices of one area side by side: the child, the guardians, the professional.

Each column holds that voice's guiding questions, its own rating and its own words, so
the voices are kept apart on screen exactly as they are in the stored assessment.
"""

from __future__ import annotations

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


def _heading(voice: Voice, lang: str) -> str:
    """ "Barnet säger" and "Familjen säger" are the words the PDF uses too; the
    professional's column speaks to the person filling it in ("Du bedömer")."""
    if voice is Voice.PROFESSIONAL:
        return t("voice.professional_heading", lang)
    return t(f"words.says.{voice.value}", lang)


def voice_column(
    draft: Draft,
    area_path: Path,
    area: Area,
    scale: RatingScale,
    voice: Voice,
    lang: str,
    *,
    infant: bool = False,
    with_words: bool = True,
) -> None:
    st.subheader(_heading(voice, lang), divider="gray")
    if voice is Voice.CHILD and infant:
        # Questions written to a child who talks do not fit a baby; say what to do instead.
        st.info(t("assessment.infant_note", lang, not_assessed=scale.not_assessed_label))
    else:
        st.caption(
            f"{escape(t('assessment.questions_for', lang))}:  \n"
            + "  \n".join(f"• {escape(q)}" for q in _questions(area, voice))
        )
    rating_picker(
        draft,
        (*area_path, "ratings", voice.value),
        _rating_label(voice, lang, infant),
        scale,
        lang,
        # A baby cannot choose not to say; "not assessed" covers that case.
        allow_declined=voice is Voice.CHILD and not infant,
    )
    if with_words:
        _words(draft, area_path, voice, lang, infant)


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
    """Renders the three columns and returns the area's ratings as they now stand."""
    for column, voice in zip(st.columns(3, gap="medium"), VOICES, strict=True):
        with column:
            voice_column(
                draft, area_path, area, scale, voice, lang, infant=infant, with_words=with_words
            )
    return VoiceRatings.model_validate(draft.get((*area_path, "ratings")) or {})
