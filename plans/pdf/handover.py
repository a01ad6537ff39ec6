"""The handover summary for the professional who takes over (issue 11): who handed over to
whom and when, the wheel today, the open actions, the contacts and the consent – with a
prompt to ask the family again, since consent may not carry over to a new organisation.
Built from the team's plan view, so it shows what the team's copy shows."""

from __future__ import annotations

import dataclasses
import datetime as dt

from plans.documents.case import Handover
from plans.documents.plan import ActionStatus
from plans.i18n import format_date, t
from plans.pdf import style
from plans.pdf.document import PlanDocument
from plans.pdf.sections import actions_section, contacts_section, wheel_section
from plans.planview.model import PlanView

OPEN = frozenset({ActionStatus.PLANNED, ActionStatus.ONGOING})


def handover_pdf(
    view: PlanView,
    handover: Handover,
    *,
    consent_covers: bool,
    created_at: dt.datetime | None = None,
) -> bytes:
    lang = view.lang
    moment = created_at or dt.datetime.now(dt.UTC)
    open_view = dataclasses.replace(
        view, actions=tuple(a for a in view.actions if a.status in OPEN)
    )
    doc = PlanDocument(open_view, created_at=moment)
    doc.add_page()
    doc.heading(t("handover.pdf_title", lang, name=view.header.child_name))
    doc.write_lines(
        t(
            "handover.pdf_from_to",
            lang,
            date=format_date(handover.on, lang),
            from_name=handover.from_person.name if handover.from_person else "–",
            to_name=", ".join(
                p for p in (handover.to_person.name, handover.to_person.organisation) if p
            ),
        )
    )
    if handover.note.strip():
        doc.write_lines(handover.note, size=style.SMALL_PT, colour=style.MUTED)
    wheel_section(doc, open_view)
    actions_section(doc, open_view)
    contacts_section(doc, open_view)
    doc.heading(t("handover.pdf_consent", lang), keep=30)
    consent = view.team.consent if view.team else None
    organisation = handover.to_person.organisation or handover.to_person.name
    if consent is None:
        doc.write_lines(t("handover.pdf_no_consent", lang), bold=True)
    else:
        doc.write_lines(consent.status_text)
        key = (
            "handover.pdf_consent_covers" if consent_covers else "handover.pdf_consent_not_covered"
        )
        doc.write_lines(t(key, lang, organisation=organisation), bold=not consent_covers)
    doc.ln(2)
    doc.write_lines(
        t("handover.pdf_ask_again", lang), fill=style.CHANGE_FILL, padding=2.0, bold=True
    )
    return bytes(doc.output())
