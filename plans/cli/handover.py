"""``hjulet handover``: hand a case over at a transition and write the summary PDF for the
professional who takes over. Exit codes: 0 ok, 2 invalid input, 3 conflict, 4 not found."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from plans import clock
from plans.caseload.transitions import Role
from plans.cli.app import print_json, state
from plans.documents.common import Contact
from plans.pdf.handover import handover_pdf
from plans.planview import build_plan_view
from plans.planview.errors import NoPlanForCaseError
from plans.services import Context
from plans.services.handover import hand_over
from plans.settings import get_settings


def handover(
    case_id: str = typer.Argument(...),
    to: str = typer.Option(..., "--to", help="The name of the person who takes over."),
    organisation: str = typer.Option(
        ..., "--organisation", help="An organisation id (school, bvc, …) or a name."
    ),
    role: str = typer.Option("", "--role", help="Their role, in words (e.g. rektor)."),
    email: str = typer.Option(
        "", "--email", help="Their e-mail; with an account, it makes them a member of the case."
    ),
    to_role: Role | None = typer.Option(
        None, "--to-role", help="The named person's new role (default: the age suggests it)."
    ),
    note: str = typer.Option("", "--note"),
    out: Path | None = typer.Option(None, "--out", help="The summary PDF (default: none)."),
    today: dt.datetime | None = typer.Option(None, "--today", formats=["%Y-%m-%d"]),
) -> None:
    """Make TO the named person, record the handover and write a summary for them."""
    if today is not None:
        clock.pin(today.date())
    ctx: Context = state.context()
    lang = get_settings().default_language
    result = hand_over(
        ctx,
        case_id,
        to=Contact(name=to, role=role, organisation=organisation, email=email),
        to_role=to_role,
        note=note,
        lang=lang,
    )
    written = None
    if out is not None:
        try:
            view = build_plan_view(ctx.store, case_id, audience="team", lang=lang)
        except NoPlanForCaseError:
            view = None
        if view is not None:
            out.write_bytes(
                handover_pdf(view, result.handover, consent_covers=result.consent_covers_receiver)
            )
            written = str(out)
    print_json(
        {
            "case_id": case_id,
            "revision": result.envelope.revision,
            "named_person": result.handover.to_person.model_dump(mode="json"),
            "to_role": result.handover.to_role,
            "consent_covers_receiver": result.consent_covers_receiver,
            "summary_pdf": written,
        }
    )


def register(app: typer.Typer) -> None:
    app.command("handover")(handover)
