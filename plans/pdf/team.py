"""The team-only part of the PDF: assessment detail with the three voices, risk
and protective factors, the five questions and the decision, consent, internal
notes and a short history. It starts on a page of its own, so a printed team
copy can be split from the family's pages by hand."""

from __future__ import annotations

from plans.i18n import t
from plans.pdf import style
from plans.pdf.agenda import agenda_section
from plans.pdf.document import PlanDocument
from plans.pdf.tables import Column, draw_table
from plans.pdf.text import clean_text
from plans.planview.model import TeamDetail


def _assessment(doc: PlanDocument, team: TeamDetail) -> None:
    lang = doc.lang
    doc.heading(t("pdf.section.assessment", lang), level=1, size=style.SUBHEADING_PT + 1)
    for area in team.assessed_areas:
        doc.ensure_space(40)
        doc.ln(2)
        doc.start_section(clean_text(area.title), level=2, strict=False)
        doc.write_lines(area.title, size=style.SUBHEADING_PT, bold=True, colour=style.HEADING)
        draw_table(
            doc,
            [Column("", 0.3, bold=True), Column("", 0.7)],
            [[v.voice_label, v.text] for v in area.voices],
            size=style.SMALL_PT,
            heading=False,
        )
        doc.ln(1.5)
        for name in (
            "strengths",
            "worries",
            "child_words",
            "guardian_words",
            "observations",
            "infant_signs",
        ):
            doc.labelled(t(_WORDS.get(name, f"pdf.assessment.{name}"), lang), getattr(area, name))


_WORDS = {"child_words": "words.says.child", "guardian_words": "words.says.guardians"}
"""The same words as the assessment step's headings for these voices."""


def _factors(doc: PlanDocument, team: TeamDetail) -> None:
    lang = doc.lang
    doc.heading(t("pdf.section.factors", lang), level=1, size=style.SUBHEADING_PT + 1)
    for key, items, other in (
        ("risk", team.risk_factors, team.other_risks),
        ("protective", team.protective_factors, team.other_protection),
    ):
        doc.ensure_space(20)
        doc.write_lines(
            t(f"pdf.factors.{key}", lang), size=style.SMALL_PT, bold=True, colour=style.ACCENT
        )
        shown = list(items) + ([t("pdf.factors.other", lang, text=other)] if other.strip() else [])
        if shown:
            doc.bullets(shown)
        else:
            doc.write_lines(t("pdf.factors.none", lang), colour=style.MUTED)
        doc.ln(2)


def _five_questions(doc: PlanDocument, team: TeamDetail) -> None:
    lang = doc.lang
    doc.heading(t("pdf.section.five_questions", lang), level=1, size=style.SUBHEADING_PT + 1)
    for qa in team.five_questions:
        doc.labelled(qa.question, qa.answer)
    outcome = team.outcome + (f"\n{team.outcome_note}" if team.outcome_note.strip() else "")
    doc.labelled(t("pdf.five_questions.outcome", lang), outcome)


def _consent(doc: PlanDocument, team: TeamDetail) -> None:
    lang = doc.lang
    doc.heading(t("pdf.section.consent", lang), level=1, size=style.SUBHEADING_PT + 1)
    consent = team.consent
    if consent is None:
        doc.write_lines(team.consent_none_text, colour=style.MUTED)
        return
    rows = [
        [t("pdf.consent.given_by", lang), ", ".join(consent.given_by)],
        [t("pdf.consent.given_on", lang), consent.given_on_text],
        [t("pdf.consent.scope", lang), "\n".join(consent.scope)],
        [t("pdf.consent.status", lang), consent.status_text],
    ]
    if consent.child_view.strip():
        rows.append([t("pdf.consent.child_view", lang), consent.child_view])
    draw_table(doc, [Column("", 0.3, bold=True), Column("", 0.7)], rows, heading=False)


def _notes_and_history(doc: PlanDocument, team: TeamDetail) -> None:
    lang = doc.lang
    doc.heading(t("pdf.section.internal_notes", lang), level=1, size=style.SUBHEADING_PT + 1)
    if team.internal_notes.strip():
        doc.write_lines(team.internal_notes)
    else:
        doc.write_lines(t("pdf.empty.internal_notes", lang), colour=style.MUTED)
    doc.heading(t("pdf.section.history", lang), level=1, size=style.SUBHEADING_PT + 1)
    draw_table(
        doc,
        [Column("", 0.38, bold=True), Column("", 0.2), Column("", 0.42)],
        [[r.text, r.saved_by, r.note] for r in team.history],
        size=style.SMALL_PT,
        heading=False,
    )


def team_sections(doc: PlanDocument, team: TeamDetail) -> None:
    doc.add_page()
    doc.heading(t("pdf.section.team", doc.lang))
    doc.write_lines(
        doc.view.header.audience_line, size=style.SMALL_PT, bold=True, colour=style.CHANGE_HEAD
    )
    agenda_section(doc, team)
    _assessment(doc, team)
    _factors(doc, team)
    _five_questions(doc, team)
    _consent(doc, team)
    _notes_and_history(doc, team)
