"""Inputs bound to a draft: seeded from it, writing back on every change.

Each function renders one labelled widget for one path in the draft body and
returns its current value. Because the draft, not the widget, holds the value,
nothing is lost when the widget is not rendered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, cast

import streamlit as st

from app.context import fixed_labels, lang, tr
from app.drafts import Draft, Path
from plans import clock
from plans.i18n import format_number


def _sync(draft: Draft, path: Path, key: str, to_body: Callable[[Any], Any]) -> None:
    draft.set(path, to_body(st.session_state[key]))


def _seed(draft: Draft, path: Path, from_body: Callable[[Any], Any]) -> str:
    key = draft.widget_key(path)
    if key not in st.session_state:
        st.session_state[key] = from_body(draft.get(path))
    return key


def _identity(value: Any) -> Any:
    return value


def _over_the_limit(value: str, limit: int) -> None:
    """Say in words when a text is longer than can be saved. The limit is ours, not the
    widget's: Streamlit's ``max_chars`` makes the browser silently refuse a paste that is
    too long (the field stays empty, nothing said), so the text is taken whole into the
    draft and saving waits until it is short enough."""
    if len(value) > limit:
        st.error(
            tr(
                "unsaved.too_long",
                length=format_number(len(value), lang()),
                limit=format_number(limit, lang()),
                over=format_number(len(value) - limit, lang()),
            ),
            icon=":material/content_cut:",
        )


def text_area(
    draft: Draft,
    path: Path,
    label: str,
    *,
    help: str | None = None,
    placeholder: str | None = None,
    height: int = 100,
    max_chars: int = 4000,
    disabled: bool = False,
) -> str:
    key = _seed(draft, path, lambda v: v or "")
    value = str(
        st.text_area(
            label,
            key=key,
            help=help,
            placeholder=placeholder,
            height=height,
            disabled=disabled,
            on_change=_sync,
            args=(draft, path, key, _identity),
        )
        or ""
    )
    _over_the_limit(value, max_chars)
    return value


def text_input(
    draft: Draft,
    path: Path,
    label: str,
    *,
    help: str | None = None,
    placeholder: str | None = None,
    max_chars: int = 200,
    disabled: bool = False,
) -> str:
    key = _seed(draft, path, lambda v: v or "")
    value = str(
        st.text_input(
            label,
            key=key,
            help=help,
            placeholder=placeholder,
            disabled=disabled,
            on_change=_sync,
            args=(draft, path, key, _identity),
        )
        or ""
    )
    _over_the_limit(value, max_chars)
    return value


def _to_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _from_date(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, dt.date) else None


def date_input(
    draft: Draft,
    path: Path,
    label: str,
    *,
    help: str | None = None,
    min_value: dt.date | None = None,
    max_value: dt.date | None = None,
    fmt: str = "YYYY-MM-DD",
) -> dt.date | None:
    key = _seed(draft, path, _to_date)
    value = st.date_input(
        label,
        key=key,
        help=help,
        min_value=min_value or dt.date(1990, 1, 1),
        max_value=max_value or clock.today() + dt.timedelta(days=3 * 365),
        format=fmt,
        on_change=_sync,
        args=(draft, path, key, _from_date),
    )
    return value if isinstance(value, dt.date) else None


def select(
    draft: Draft,
    path: Path,
    label: str,
    options: Sequence[Any],
    *,
    format_func: Callable[[Any], str] = str,
    help: str | None = None,
    horizontal: bool = False,
    radio: bool = False,
) -> Any:
    def seed(value: Any) -> Any:
        return value if value in options else options[0]

    format_func = fixed_labels(options, format_func)
    key = _seed(draft, path, seed)
    if st.session_state.get(key) not in options:
        st.session_state[key] = options[0]
    if draft.get(path) not in options:
        # What the screen shows is what gets saved (e.g. a wheel from the other language).
        draft.set_default(path, st.session_state[key])
    widget = cast(Callable[..., Any], st.radio if radio else st.selectbox)
    kwargs: dict[str, Any] = (
        {"horizontal": horizontal} if radio else {"placeholder": tr("common.choose")}
    )
    return widget(
        label,
        options,
        key=key,
        format_func=format_func,
        help=help,
        on_change=_sync,
        args=(draft, path, key, _identity),
        **kwargs,
    )


def multiselect(
    draft: Draft,
    path: Path,
    label: str,
    options: Sequence[Any],
    *,
    format_func: Callable[[Any], str] = str,
    help: str | None = None,
    accept_new_options: bool = False,
    from_body: Callable[[Any], list[Any]] | None = None,
    to_body: Callable[[list[Any]], Any] = list,
) -> list[Any]:
    """With ``accept_new_options`` the person may type values that are not offered.
    ``from_body``/``to_body`` convert when the body stores more than the labels shown
    (consent's organisations: an id with each name)."""
    shown = from_body or (lambda v: list(v or []))
    key = _seed(draft, path, lambda v: [x for x in shown(v) if accept_new_options or x in options])
    choices = list(dict.fromkeys([*options, *st.session_state[key]]))
    format_func = fixed_labels(choices, format_func)
    return st.multiselect(
        label,
        choices,
        key=key,
        format_func=format_func,
        help=help,
        placeholder=tr("common.choose"),
        accept_new_options=accept_new_options,
        # No "Select all": one click must never tag a child with every risk factor
        # (and Streamlit's label for it is English only).
        select_all=False,
        on_change=_sync,
        args=(draft, path, key, to_body),
    )


def checkbox(draft: Draft, path: Path, label: str, *, help: str | None = None) -> bool:
    key = _seed(draft, path, bool)
    return bool(
        st.checkbox(label, key=key, help=help, on_change=_sync, args=(draft, path, key, bool))
    )
