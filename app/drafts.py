"""Unsaved work ("never lose a word").

Streamlit drops a widget's state when the widget is not rendered (another step,
another page). So every editable document lives as a *draft* in
``st.session_state`` under a key of its own, and widgets only mirror it: they are
seeded from the draft and write back to it in their ``on_change`` callback. A
draft survives step changes, page changes, language switches and reruns, and is
what Save writes. It remembers the revision it was based on, so a save on top of
someone else's newer revision becomes a conflict, never an overwrite.

A session ends with a reload or a closed tab, so a dirty draft is also kept on the
server for the signed-in person and that case (``plans.services.drafts``): kept at the
start of every run (after the widgets' callbacks wrote into it), removed when it is
saved, discarded or clean again, and brought back once when the person signs in anew.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from pydantic import BaseModel

from app.context import lang, service_context
from plans.services import Context, save_document
from plans.services import drafts as kept_drafts
from plans.store import ConflictError, Envelope, NotFoundError, Store, StoreError

_log = logging.getLogger(__name__)

Path = tuple[str | int, ...]


def _child(node: Any, part: str | int, empty: Any) -> Any:
    if isinstance(node, list) and isinstance(part, int):
        node.extend({} for _ in range(part + 1 - len(node)))
        if node[part] is None:
            node[part] = empty
        return node[part]
    if node.get(part) is None:
        node[part] = empty
    return node[part]


_PREFIX = "draft::"


@dataclass
class Draft:
    case_id: str
    kind: str
    doc_id: str
    base_revision: int | None
    body: dict[str, Any]
    pristine: dict[str, Any]
    """The body as loaded (or as created, for a document not saved yet)."""
    generation: int = 0
    """Bumped when the body is replaced wholesale, so widgets re-seed from it."""
    conflict: ConflictError | None = field(default=None, repr=False)
    kept: dict[str, Any] | None = field(default=None, repr=False)
    """The body as last kept on the server (None: nothing kept there)."""
    restored_at: dt.datetime | None = None
    """When the draft brought back from the server was kept; None once the person has
    seen the notice (or for a draft of this session)."""

    @property
    def key(self) -> str:
        return f"{_PREFIX}{self.case_id}::{self.doc_id}"

    def widget_key(self, path: Path) -> str:
        # Per language too: new words make Streamlit take a widget for a new one, which in
        # the browser came back with its first option (a referrer "school" became
        # "preschool" by switching language); a fresh key starts from the draft instead.
        return f"w::{self.case_id}::{self.doc_id}::{self.generation}::{lang()}::" + ".".join(
            str(p) for p in path
        )

    @property
    def dirty(self) -> bool:
        return self.body != self.pristine

    @property
    def exists(self) -> bool:
        return self.base_revision is not None

    def get(self, path: Path, default: Any = None) -> Any:
        return _get(self.body, path, default)

    def set(self, path: Path, value: Any) -> None:
        """Set a value, creating the dicts and list items on the way."""
        _put(self.body, path, value)

    def set_default(self, path: Path, value: Any) -> None:
        """Change a default of a document never saved, where the person has not touched it
        (the wheel offered in the other language): a new default is not an edit, so it
        makes no unsaved work. Elsewhere it is a change like any other."""
        untouched = self.get(path) == _get(self.pristine, path)
        self.set(path, value)
        if not self.exists and untouched:
            _put(self.pristine, path, copy.deepcopy(value))

    def replace(self, body: dict[str, Any]) -> None:
        self.body = copy.deepcopy(body)
        self.generation += 1


def _get(root: Any, path: Path, default: Any = None) -> Any:
    node = root
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return default
    return node


def _put(root: Any, path: Path, value: Any) -> None:
    node = root
    for part, following in itertools.pairwise(path):
        empty: Any = [] if isinstance(following, int) else {}
        node = _child(node, part, empty)
    if isinstance(node, list) and isinstance(path[-1], int):
        node.extend([None] * (path[-1] + 1 - len(node)))
    node[path[-1]] = value


def _dump(body: BaseModel | dict[str, Any]) -> dict[str, Any]:
    return body.model_dump(mode="json") if isinstance(body, BaseModel) else copy.deepcopy(body)


def get_draft(
    store: Store,
    case_id: str,
    kind: str,
    new_body: Callable[[], BaseModel | dict[str, Any]],
    doc_id: str | None = None,
) -> Draft:
    """The draft of a document: kept in the session, else the latest revision, else new."""
    doc = doc_id or kind
    key = f"{_PREFIX}{case_id}::{doc}"
    draft = st.session_state.get(key)
    if isinstance(draft, Draft):
        return draft
    try:
        env = store.load(case_id, doc)
        body = env.parsed().model_dump(mode="json")
        draft = Draft(case_id, kind, doc, env.revision, copy.deepcopy(body), body)
    except NotFoundError:
        body = _dump(new_body())
        draft = Draft(case_id, kind, doc, None, copy.deepcopy(body), body)
    st.session_state[key] = draft
    return draft


def drop_draft(case_id: str, doc_id: str) -> None:
    """Forget the draft, in this session and on the server (it was saved another way, or
    the person threw it away)."""
    draft = st.session_state.pop(f"{_PREFIX}{case_id}::{doc_id}", None)
    if isinstance(draft, Draft) and draft.kept is not None:
        _discard_kept(draft)


def discard(draft: Draft) -> None:
    """The person throws their changes away: the saved version shows again, in fresh fields."""
    prefix = f"w::{draft.case_id}::{draft.doc_id}::"
    for key in [k for k in st.session_state if str(k).startswith(prefix)]:
        del st.session_state[key]
    st.session_state.pop(draft.key, None)
    _discard_kept(draft)


def forget_session_drafts() -> None:
    """Another person signs in in this browser tab: nothing of the last person's work may
    stay on screen (what was kept on the server stays theirs, for their next sign-in)."""
    for key in [k for k in st.session_state if str(k).startswith((_PREFIX, "w::"))]:
        del st.session_state[key]


def all_drafts() -> list[Draft]:
    return [v for k, v in st.session_state.items() if str(k).startswith(_PREFIX)]


def dirty_drafts(case_id: str | None = None) -> list[Draft]:
    return [
        d
        for d in all_drafts()
        if isinstance(d, Draft) and d.dirty and (case_id is None or d.case_id == case_id)
    ]


# --- kept on the server -------------------------------------------------------------------


def _context() -> Context:
    return service_context()


def _discard_kept(draft: Draft) -> None:
    try:
        kept_drafts.discard_draft(_context(), draft.case_id, draft.doc_id)
    except (OSError, StoreError, NotImplementedError):
        _log.warning("a kept draft could not be removed", exc_info=True)
    draft.kept = None


def keep_drafts() -> None:
    """Bring the server's copy of every draft up to date: keep what changed, remove what is
    clean again. A failure to keep is logged, never shown: the session still holds the work."""
    for draft in all_drafts():
        if not isinstance(draft, Draft):
            continue
        if not draft.dirty:
            if draft.kept is not None:
                _discard_kept(draft)
            continue
        if draft.body == draft.kept:
            continue
        try:
            kept = kept_drafts.keep_draft(
                _context(),
                draft.case_id,
                draft.doc_id,
                draft.kind,
                base_revision=draft.base_revision,
                body=draft.body,
                pristine=draft.pristine,
            )
        except (OSError, StoreError, NotImplementedError):
            _log.warning("a draft could not be kept on the server", exc_info=True)
            continue
        if kept is not None:
            draft.kept = copy.deepcopy(draft.body)


def restore_kept_drafts() -> list[Draft]:
    """Once per sign-in: the person's drafts kept on the server come back into the session
    (a draft already in the session wins)."""
    try:
        kept_drafts.expire_drafts(_context())  # anyone's stale work, once per sign-in
        found = kept_drafts.restore_drafts(_context())
    except (OSError, StoreError, NotImplementedError):
        _log.warning("kept drafts could not be read", exc_info=True)
        return []
    restored = []
    for kept in found:
        key = f"{_PREFIX}{kept.case_id}::{kept.doc_id}"
        if isinstance(st.session_state.get(key), Draft):
            continue
        draft = Draft(
            kept.case_id,
            kept.kind,
            kept.doc_id,
            kept.base_revision,
            copy.deepcopy(kept.body),
            copy.deepcopy(kept.pristine),
            # Fields of their own: a discard then starts again from generation 0.
            generation=1,
            kept=copy.deepcopy(kept.body),
            restored_at=kept.kept_at,
        )
        st.session_state[key] = draft
        restored.append(draft)
    return restored


def save_draft(ctx: Context, draft: Draft, *, note: str = "") -> Envelope:
    """Write the draft as a new revision through the service layer. On conflict the draft
    keeps every word typed and remembers the conflict; RuleError and InvalidInputError
    leave the draft as it is."""
    try:
        env = save_document(
            ctx,
            draft.case_id,
            draft.kind,
            draft.body,
            base_revision=draft.base_revision,
            doc_id=draft.doc_id,
            note=note,
        )
    except ConflictError as exc:
        draft.conflict = exc
        raise
    saved = env.parsed().model_dump(mode="json")
    draft.base_revision = env.revision
    draft.conflict = None
    draft.restored_at = None
    if draft.kept is not None:
        _discard_kept(draft)
    if saved != draft.body:
        draft.replace(saved)  # the model normalised something (e.g. stripped spaces)
    draft.pristine = copy.deepcopy(saved)
    return env


def rebase(draft: Draft, theirs: Envelope, merged: dict[str, Any]) -> None:
    """After a conflict: continue from their revision with the merged body."""
    draft.base_revision = theirs.revision
    draft.pristine = theirs.parsed().model_dump(mode="json")
    draft.conflict = None
    draft.replace(merged)
