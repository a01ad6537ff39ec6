"""What a person sees when the store cannot be written or reached just now.

The entry script catches these for every page, so no page shows Streamlit's own error
(English, with a stack trace) for a full disk or a database that is down. Unsaved work
lives in drafts in the session, which a failed save never touches."""

from __future__ import annotations

import logging

import streamlit as st

from app.context import tr
from plans.store import ReadOnlyStoreError, StoreUnavailableError

_log = logging.getLogger("hjulet.app")


def show(exc: StoreUnavailableError | ReadOnlyStoreError) -> None:
    # For the operator: the kind of failure, never a document's content (the messages
    # carry paths, case ids and a redacted database address only).
    _log.warning("store failure shown to a user: %s: %s", type(exc).__name__, exc)
    key = "storage.read_only" if isinstance(exc, ReadOnlyStoreError) else "storage.unavailable"
    st.error(tr(key), icon=":material/cloud_off:")
