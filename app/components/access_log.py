"""A case's access log (loggbok): who opened, saved, printed or handed out the case, and
when – read from the audit log, newest first. The lead professional's case page and the
History step show it; what counts as allowed to see it is decided by the caller."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from plans.audit import AuditEntry
from plans.i18n import format_datetime, has, t
from plans.services import Context
from plans.store import Store

MAX_ROWS = 500
"""The newest entries shown; ``hjulet audit show --case`` lists every one."""


def _action(entry: AuditEntry, lang: str) -> str:
    key = f"access_log.action.{entry.action}"
    return t(key, lang) if has(key, lang) else entry.action


def _detail(entry: AuditEntry) -> str:
    return ", ".join(f"{k}: {v}" for k, v in entry.detail.items() if v is not None)


def rows(entries: list[AuditEntry], lang: str) -> pd.DataFrame:
    """Newest first, in the reader's language; the detail holds ids and codes only."""
    newest = sorted(entries, key=lambda e: e.seq, reverse=True)[:MAX_ROWS]
    return pd.DataFrame(
        [
            {
                t("access_log.col_when", lang): format_datetime(e.at, lang),
                t("access_log.col_who", lang): e.actor,
                t("access_log.col_what", lang): _action(e, lang),
                t("access_log.col_detail", lang): _detail(e),
            }
            for e in newest
        ],
        columns=[t(f"access_log.col_{c}", lang) for c in ("when", "who", "what", "detail")],
    )


def show(ctx_or_store: Context | Store, case_id: str, lang: str) -> None:
    store = ctx_or_store.store if isinstance(ctx_or_store, Context) else ctx_or_store
    st.subheader(t("access_log.title", lang), anchor=False)
    st.caption(t("access_log.intro", lang))
    entries = store.audit_log().entries(case_id=case_id)
    if not entries:
        st.info(t("access_log.empty", lang))
        return
    # Text columns only: a username is shown as text, never as markdown.
    st.dataframe(rows(entries, lang), hide_index=True, key=f"access_log::{case_id}")
