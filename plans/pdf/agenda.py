"""The next meeting's agenda at the head of the team part of the PDF."""

from __future__ import annotations

from plans.pdf import style
from plans.pdf.document import PlanDocument
from plans.planview.model import TeamDetail


def agenda_section(doc: PlanDocument, team: TeamDetail) -> None:
    if not team.agenda:
        return
    doc.heading(team.agenda_title, level=1, size=style.SUBHEADING_PT + 1)
    for heading, lines in team.agenda:
        doc.ensure_space(20)
        doc.write_lines(heading, size=style.SMALL_PT, bold=True, colour=style.ACCENT)
        doc.bullets(list(lines))
        doc.ln(2)
