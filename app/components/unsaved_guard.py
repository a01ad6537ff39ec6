"""The browser's side of "never lose a word": a warning before the page goes while work is
unsaved, and a typed text that reaches the server before a page link takes the person away.

Both need the page itself, so a small script is injected like ``page_language`` does
(``st.html`` runs it in the page, not in an iframe). It installs its listeners once per
page and takes the server's word on every run: ``dirty`` is True while a draft holds
unsaved work. Fields bound to a draft are found by their key (``w::…``, which Streamlit
puts in the class ``st-key-w--…``).

* ``beforeunload``: the browser asks before a reload or a closed tab while a draft is
  dirty, or while a draft field has been typed in since the last run (Streamlit sends
  the text only when the field is left, so the server cannot know yet).
* A page link clicked while a changed field is being left: Streamlit sends the page
  change at once but the field's text a moment later, tagged with the old page, so the
  server ran the old page under the new address (issue 12, item 1: ``?case=`` lost, the
  stepper on step 1, the fields shown empty). The click is held back until the text's
  run has finished, then made again.
"""

from __future__ import annotations

import streamlit as st

_SCRIPT = """<script>
(() => {
  let g = window.hjuletUnsaved;
  if (!g) {
    g = window.hjuletUnsaved = {dirty: false, typed: false, leftAt: 0, sends: 0};
    const draftField = (el) => !!el && (el.tagName === "TEXTAREA"
      || (el.tagName === "INPUT" && el.type === "text"))
      && !!el.closest('[class*="st-key-w--"]');
    const atFocus = new WeakMap();
    document.addEventListener("focusin", (e) => {
      if (draftField(e.target)) atFocus.set(e.target, e.target.value);
    }, true);
    document.addEventListener("input", (e) => {
      if (draftField(e.target)) g.typed = true;
    }, true);
    document.addEventListener("focusout", (e) => {
      const el = e.target;
      if (draftField(el) && atFocus.get(el) !== el.value) g.leftAt = performance.now();
    }, true);
    const send = WebSocket.prototype.send;
    WebSocket.prototype.send = function (data) { g.sends += 1; return send.call(this, data); };
    const state = () => document.querySelector('[data-testid="stApp"]')
      ?.getAttribute("data-test-script-state");
    // Resolve once the field's text has been sent and the run it started has ended.
    const afterTheText = (sendsBefore, then) => {
      const started = performance.now();
      let running = false;
      const look = () => {
        const waited = performance.now() - started;
        const sent = g.sends > sendsBefore;
        if (sent && state() === "running") running = true;
        const ended = sent && running && state() !== "running";
        // Fallbacks: nothing was sent after all, or the run never showed as running.
        if (ended || (!sent && waited > 1500) || (sent && !running && waited > 3000)
            || waited > 20000) { then(); return; }
        setTimeout(look, 25);
      };
      look();
    };
    const LINKS = 'a[data-testid="stSidebarNavLink"], [data-testid="stPageLink"] a';
    document.addEventListener("click", (e) => {
      const link = e.target.closest && e.target.closest(LINKS);
      if (!link || !g.leftAt || performance.now() - g.leftAt > 2000) return;
      g.leftAt = 0;
      e.preventDefault();
      e.stopImmediatePropagation();
      const href = link.getAttribute("href");
      afterTheText(g.sends, () => {
        // The run may have drawn the link anew: click the one on the page now.
        const now = [...document.querySelectorAll(LINKS)]
          .find((a) => a.getAttribute("href") === href);
        (now || link).click();
      });
    }, true);
    window.addEventListener("beforeunload", (e) => {
      if (g.dirty || g.typed) { e.preventDefault(); e.returnValue = ""; }
    });
  }
  // This run has what was typed and left before it: nothing to wait for any more.
  g.dirty = __DIRTY__;
  g.typed = false;
  g.leftAt = 0;
  g.run = __RUN__;
})();
</script>"""

_RUNS = "unsaved_guard::runs"


def unsaved_guard(dirty: bool) -> None:
    """Tell the page whether work is unsaved. Called on every run (the run number makes the
    script run again, which also forgets typing that the run has now received)."""
    runs = int(st.session_state.get(_RUNS, 0)) + 1
    st.session_state[_RUNS] = runs
    script = _SCRIPT.replace("__DIRTY__", "true" if dirty else "false").replace(
        "__RUN__", str(runs)
    )
    st.html(script, unsafe_allow_javascript=True, width="content")
