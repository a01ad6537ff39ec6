"""The case list one person sees, a page at a time."""

from __future__ import annotations

from plans.services.access import visible
from plans.services.context import Context, Role
from plans.store import InvalidInputError
from plans.store.base import CASE_ORDERS, MAX_PAGE, CaseFilter, CaseSummary, matching


def case_page(
    ctx: Context,
    *,
    offset: int = 0,
    limit: int = 50,
    query: str = "",
    order: str = "review",
    filters: CaseFilter | None = None,
) -> list[CaseSummary]:
    """One page of the cases ``ctx.actor`` may open. The operator sees every case, so the
    store pages (in SQL on a database). A person's cases are decided by memberships, which
    are kept beside a file store for now (issue 10), so their list is filtered here first;
    when memberships move into the database this becomes one query too."""
    if order not in CASE_ORDERS:
        raise InvalidInputError(f"unknown order '{order}'; use one of: {', '.join(CASE_ORDERS)}")
    if ctx.actor.role is Role.OPERATOR:
        return ctx.store.page_cases(
            offset=offset, limit=limit, query=query, order=order, filters=filters
        )
    rows = matching(visible(ctx, ctx.store.list_cases()), query, filters or CaseFilter())
    rows.sort(key=CASE_ORDERS[order])
    offset, limit = max(0, offset), max(0, min(limit, MAX_PAGE))
    return rows[offset : offset + limit]
