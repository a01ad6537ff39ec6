"""The visible stepper: where you are in the practice model and what is done."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

from app.context import tr

STEP_PARAM = "step"
"""The address keeps the chosen step (``/case?case=…&step=plan``) for a reload or a link."""


@dataclass(frozen=True)
class Step:
    id: str
    done: bool | None
    """None for places that are not tasks (history): no tick, not counted."""
    available: bool = True


def _label(index: int, step: Step) -> str:
    if step.done is None:
        return tr(f"step.{step.id}")
    return f"{index + 1}. {tr(f'step.{step.id}')}"


def _caption(step: Step) -> str:
    """The done mark sits in the caption: a radio's label must never change while it is
    chosen, or Streamlit cannot match the choice and the stepper loses its place."""
    if step.done is None:
        return ""
    return f"✓ {tr('step.done')}" if step.done else f"○ {tr('step.todo')}"


def stepper(steps: Sequence[Step], key: str) -> str:
    """Renders the steps as one radio group (keyboard: arrows move, Tab leaves) and
    returns the chosen step id. Done steps carry a tick as well as a word for screen
    readers, so colour is never the only sign."""
    available = [s for s in steps if s.available]
    ids = [s.id for s in available]
    # The radio's own key is forgotten on pages without it; a kept copy brings the
    # person back to the step they left.
    kept = f"kept::{key}"
    if st.session_state.get(key) not in ids:
        # The session's copy first; a new session (a reload, a link) takes the address's.
        linked = st.query_params.get(STEP_PARAM)
        st.session_state[key] = next(
            (s for s in (st.session_state.get(kept), linked) if s in ids), ids[0]
        )
    labels = {s.id: _label(i, s) for i, s in enumerate(available)}
    chosen = st.radio(
        tr("step.label"),
        ids,
        key=key,
        format_func=lambda sid: labels[sid],
        captions=[_caption(s) for s in available],
        horizontal=True,
        help=tr("step.help"),
    )
    st.session_state[kept] = chosen
    if st.query_params.get(STEP_PARAM) != chosen:
        st.query_params[STEP_PARAM] = str(chosen)  # a reload comes back to this step
    if st.session_state.pop(_moved_on(key), False):
        _bring_into_view(ids.index(chosen))
    tasks = [s for s in available if s.done is not None]
    done = sum(1 for s in tasks if s.done)
    st.progress(done / max(1, len(tasks)), text=tr("step.progress", done=done, total=len(tasks)))
    return str(chosen)


def go_to(key: str, step_id: str) -> None:
    st.session_state[key] = step_id


def _moved_on(key: str) -> str:
    return f"moved_on::{key}"


_BRING_INTO_VIEW = """<script>
// A moment later: the radio shows its new choice after this element has mounted.
setTimeout(() => {
  const stepper = document.querySelector('[data-testid="stMain"] [data-testid="stRadio"]');
  if (!stepper) return;
  stepper.scrollIntoView({block: "start"});
  const chosen = stepper.querySelector('input[type="radio"][value="INDEX"]');
  if (chosen) chosen.focus({preventScroll: true});
}, 250);
</script>"""
"""The stepper is the page's first radio group. After "Nästa steg" at the bottom of a long
step the page would stay scrolled down, showing the middle of the new step; this brings
the stepper back into view with the focus on it, so the keyboard goes on from there."""


def _go_on(key: str, step_id: str) -> None:
    go_to(key, step_id)
    st.session_state[_moved_on(key)] = True


def _bring_into_view(index: int) -> None:
    """``index``: the chosen step's place in the radio (its input's value)."""
    st.html(_BRING_INTO_VIEW.replace("INDEX", str(int(index))), unsafe_allow_javascript=True)


def next_step(steps: Sequence[Step], current: str) -> tuple[int, Step] | None:
    """The task that follows ``current`` (with its number), or None after the last one.
    Places that are not tasks (the survey, history) are never "next": they are visited
    when needed, not on the way."""
    available = [s for s in steps if s.available]  # numbered as the stepper numbers them
    ids = [s.id for s in available]
    if current not in ids:
        return None
    later = list(enumerate(available))[ids.index(current) + 1 :]
    return next(((i, s) for i, s in later if s.done is not None), None)


def next_step_button(steps: Sequence[Step], key: str, current: str) -> None:
    """At the end of a step: go on to the next one without scrolling back up to the
    stepper. A button, so Tab reaches it and Enter or Space presses it; unsaved text
    stays in its draft, as it does when the stepper is used."""
    found = next_step(steps, current)
    if found is None:
        return
    index, step = found
    st.button(
        tr("step.next", step=_label(index, step)),
        key=f"next_step::{key}",
        icon=":material/arrow_forward:",
        icon_position="right",
        help=tr("step.next_help"),
        on_click=_go_on,
        args=(key, step.id),
    )
