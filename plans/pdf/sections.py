"""The sections every audience gets, in the order a family reads them: what
changed since the last meeting first, then the wheel, why there is a plan,
the areas with support, who does what and when, how to reach us and the next
meeting."""

from __future__ import annotations

from plans.documents.plan import AREA_PARTS, ActionStatus
from plans.i18n import t
from plans.pdf import style
from plans.pdf.document import PlanDocument
from plans.pdf.style import hex_rgb, shade
from plans.pdf.tables import Cell, Column, draw_table
from plans.pdf.text import clean_text
from plans.pdf.wheel import (
    draw_legend,
    draw_wheel,
    largest_radius,
    legend_height,
    wheel_extent,
)
from plans.planview.model import PlanView

AREA_INDENT = 7.0
STATUS_MARK = {
    ActionStatus.PLANNED: "○",
    ActionStatus.ONGOING: "◐",
    ActionStatus.DONE: "✓",
    ActionStatus.STOPPED: "✕",
}
"""A shape per status, so the column can be scanned without reading it."""


def title_block(doc: PlanDocument, view: PlanView) -> None:
    header = view.header
    doc.write_lines(header.title, size=style.TITLE_PT, bold=True, colour=style.HEADING)
    doc.ln(1.5)
    doc.write_lines(header.version_line, size=style.SMALL_PT, colour=style.MUTED)
    doc.write_lines(header.audience_line, size=style.SMALL_PT, bold=True, colour=style.ACCENT)
    if header.scope_note:
        doc.write_lines(header.scope_note, size=style.SMALL_PT, colour=style.MUTED)
    doc.ln(3)
    doc.write_lines(view.next_meeting_text, size=style.BODY_PT + 1, bold=True, colour=style.INK)


def changes_section(doc: PlanDocument, view: PlanView) -> None:
    changes = view.changes
    doc.heading(t("words.section.changes", doc.lang))
    doc.write_lines(changes.intro, size=style.SMALL_PT, colour=style.MUTED)
    doc.ln(1.5)
    if changes.compared_with is None:
        return
    if not changes.items:
        doc.write_lines(changes.empty_text)
        return
    draw_table(
        doc,
        [Column("", 0.25, bold=True, colour=style.CHANGE_HEAD), Column("", 0.75)],
        [[item.label, item.subject] for item in changes.items],
        size=style.BODY_PT,
        heading=False,
        fill=style.CHANGE_FILL,
        striped=False,
    )


def reasons_section(doc: PlanDocument, view: PlanView) -> None:
    if not view.reasons.strip():
        return
    doc.heading(t("planview.reasons_title", doc.lang))
    doc.write_lines(view.reasons)


def wheel_section(doc: PlanDocument, view: PlanView) -> None:
    wheel = view.wheel
    if wheel is None:
        return
    lang = doc.lang
    how_to_read = t("words.wheel.how_to_read", lang)
    intro = doc.line_count(how_to_read, doc.epw, style.SMALL_PT) * style.line_height(style.SMALL_PT)
    below_wheel = legend_height() + 12
    above, below = wheel_extent(doc, wheel)
    # The heading, the wheel and its legend belong together on one page.
    doc.heading(wheel.template.title, keep=intro + above + below + below_wheel)
    doc.write_lines(how_to_read, size=style.SMALL_PT, colour=style.MUTED)
    # Where the page has room to spare, the wheel grows: it is what families look at.
    radius = largest_radius(doc, wheel, doc.page_break_trigger - doc.get_y() - 3 - below_wheel)
    above, below = wheel_extent(doc, wheel, radius)
    top = doc.get_y() + 3
    draw_wheel(doc, wheel, doc.l_margin + doc.epw / 2, top + above, radius)
    doc.set_xy(doc.l_margin, top + above + below + 4)
    draw_legend(doc, wheel)
    notes = [t("pdf.wheel.scale", lang, low=wheel.scale_low, high=wheel.scale_high)]
    notes += [wheel.as_of_text] if wheel.as_of_text else []
    notes += [wheel.language_note] if wheel.language_note else []
    notes += [view.header.scope_note] if view.header.scope_note else []
    doc.write_lines(" ".join(notes), size=style.SMALL_PT, colour=style.MUTED)


def areas_section(doc: PlanDocument, view: PlanView) -> None:
    doc.heading(t("words.section.areas", doc.lang))
    if not view.areas:
        doc.write_lines(t("pdf.empty.areas", doc.lang), colour=style.MUTED)
        return
    for area in view.areas:
        colour = hex_rgb(area.colour)
        lines = doc.line_count(area.title, doc.epw - AREA_INDENT, style.SUBHEADING_PT, bold=True)
        title_height = lines * style.line_height(style.SUBHEADING_PT)
        doc.ensure_space(title_height + 22)
        doc.ln(2)
        doc.start_section(clean_text(area.title), level=1, strict=False)
        y = doc.get_y()
        doc.set_fill_color(*colour)
        doc.circle(doc.l_margin + 2.2, y + style.line_height(style.SUBHEADING_PT) / 2, 2.2, "F")
        doc.write_lines(
            area.title,
            size=style.SUBHEADING_PT,
            bold=True,
            colour=shade(colour, 0.15),
            indent=AREA_INDENT,
        )
        if area.description:
            doc.write_lines(
                area.description, size=style.SMALL_PT, colour=style.MUTED, indent=AREA_INDENT
            )
        doc.ln(2)
        for name, _ in AREA_PARTS:
            doc.labelled(
                t(f"words.plan_area.{name}", doc.lang), getattr(area, name), indent=AREA_INDENT
            )


def actions_section(doc: PlanDocument, view: PlanView) -> None:
    lang = doc.lang
    title = t("pdf.section.actions", lang)
    if not view.actions:
        doc.heading(title)
        doc.write_lines(t("pdf.empty.actions", lang), colour=style.MUTED)
        return
    columns = [
        Column(t("pdf.actions.what", lang), 0.43),
        Column(t("pdf.actions.who", lang), 0.24),
        Column(t("pdf.actions.when", lang), 0.19),
        Column(t("pdf.actions.status", lang), 0.14),
    ]
    rows: list[list[Cell]] = [
        [
            (a.what, a.how_we_know_text),
            a.who,
            a.when,
            f"{STATUS_MARK[a.status]}\u00a0{a.status_text}",
        ]
        for a in view.actions
    ]
    draw_table(doc, columns, rows, title=title)


def contacts_section(doc: PlanDocument, view: PlanView) -> None:
    lang = doc.lang
    title = t("words.section.contacts", lang)
    if not view.contacts:
        doc.heading(title)
        doc.write_lines(t("pdf.empty.contacts", lang), colour=style.MUTED)
        return
    columns = [
        Column(t("pdf.contacts.name", lang), 0.28, bold=True),
        Column(t("pdf.contacts.role", lang), 0.46),
        Column(t("pdf.contacts.phone", lang), 0.26),
    ]
    rows: list[list[Cell]] = []
    for c in view.contacts:
        work = ", ".join(p for p in (c.role, c.organisation) if p.strip())
        rows.append([c.name, (c.label, work), (c.phone, c.email)])
    draw_table(doc, columns, rows, title=title)


def next_meeting_section(doc: PlanDocument, view: PlanView) -> None:
    """A tinted box to close with; its bookmark is the section's name."""
    lines = doc.line_count(view.next_meeting_text, doc.epw - 10, style.SUBHEADING_PT, bold=True)
    doc.ensure_space(lines * style.line_height(style.SUBHEADING_PT) + 18)
    doc.ln(8)
    doc.start_section(t("pdf.section.next_meeting", doc.lang), level=0, strict=False)
    doc.write_lines(
        view.next_meeting_text,
        size=style.SUBHEADING_PT,
        bold=True,
        colour=style.HEADING,
        fill=style.HEAD_FILL,
        padding=5,
    )


def family_sections(doc: PlanDocument, view: PlanView) -> None:
    title_block(doc, view)
    changes_section(doc, view)
    wheel_section(doc, view)
    reasons_section(doc, view)
    areas_section(doc, view)
    actions_section(doc, view)
    contacts_section(doc, view)
    next_meeting_section(doc, view)
