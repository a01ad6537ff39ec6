"""``hjulet pdf``: the child's plan as a PDF for the family, the team or one partner.

Every file is made for one audience on purpose, and the command says which
one it wrote, so a team copy is never handed to a family by mistake.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import typer

from plans.audit import AuditAction
from plans.cli.app import (
    EXIT_INVALID,
    EXIT_NOT_FOUND,
    EXIT_PERMISSION,
    EXIT_UNEXPECTED,
    fail,
    state,
)
from plans.i18n import LANGUAGES, t
from plans.services import audit
from plans.settings import get_settings


def _write_atomically(path: Path, data: bytes) -> None:
    """Never leaves half a PDF behind: write a temporary file, then rename it."""
    fd, temporary = tempfile.mkstemp(prefix=".hjulet-", suffix=".pdf", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def pdf_command(
    case_id: str = typer.Argument(..., help="The case id."),
    out: Path = typer.Option(..., "--out", "-o", help="Where to write the PDF."),
    audience: str = typer.Option(
        "family",
        "--audience",
        "-a",
        help="Who the file is for: family, team, or partner:ORG (a partner id or organisation).",
    ),
    lang: str | None = typer.Option(
        None, "--lang", help="sv or en (default: HJULET_DEFAULT_LANGUAGE, else sv)."
    ),
    revision: int | None = typer.Option(
        None, "--revision", min=1, help="The plan revision (default: the latest)."
    ),
    compare_with: int | None = typer.Option(
        None,
        "--compare-with",
        min=1,
        help="Show what changed since this revision "
        "(default: the plan at the previous review, else the revision before).",
    ),
) -> None:
    """Write the child's plan as a PDF for one audience."""
    from plans.pdf import plan_pdf
    from plans.planview import InvalidAudienceError, NoPlanForCaseError, PlanNotFoundError
    from plans.services.access import Permission

    language = lang or get_settings().default_language
    if language not in LANGUAGES:
        fail(t("planview.error.language", "sv", lang=language), EXIT_INVALID)
    if not out.parent.is_dir():
        fail(t("pdf.cli.no_folder", language, folder=str(out.parent)), EXIT_INVALID)
    try:
        result = plan_pdf(
            state.readable(case_id, Permission.EXPORT),
            case_id,
            audience=audience,
            lang=language,
            revision=revision,
            compare_with=compare_with,
        )
    except PlanNotFoundError as exc:
        fail(str(exc), EXIT_NOT_FOUND)
    except (InvalidAudienceError, NoPlanForCaseError) as exc:
        fail(str(exc), EXIT_INVALID)
    audit.record(
        state.context(),
        AuditAction.PDF,
        case_id,
        audience=result.audience.kind,
        partner=result.audience.partner_id or None,
        revision=revision or state.store().load(case_id, "plan").revision,
        lang=language,
    )
    try:
        _write_atomically(out, result.data)
    except PermissionError as exc:
        fail(
            t("pdf.cli.cannot_write", language, path=str(out), reason=exc.strerror), EXIT_PERMISSION
        )
    except OSError as exc:
        fail(
            t("pdf.cli.cannot_write", language, path=str(out), reason=exc.strerror), EXIT_UNEXPECTED
        )
    typer.echo(
        t(
            "pdf.cli.written",
            language,
            path=str(out),
            audience=result.audience_line,
            version=result.version_line,
            pages=result.pages,
        )
    )
    if result.audience.is_team:
        typer.echo(t("pdf.cli.team_warning", language))


def register(app: typer.Typer) -> None:
    app.command("pdf")(pdf_command)
