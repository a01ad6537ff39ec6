"""Browser benchmark (issue 15): click-to-settled in headless Chromium, beside a floor.

Starts the app with ``hjulet run``'s settings (``server_command``) on a store of N
fictional demo cases (default 10,000) and times, in the page's own clock
(``performance.now()`` from the ``pointerdown``/``keydown`` to settled), what people
feel: open the start page, search, open a case, switch step, rating clicks in the wheel
(one area's three voices: the first answer after a save, then the other two),
type-and-blur a text field, save, open the meeting view, next area in the meeting
view, download the family PDF. In the same run a minimal Streamlit app (one
radio, one text area, one button), served the same way, gives the floor for each kind
of action. Prints medians, each beside its floor and their ratio; the last line is JSON.
"signed in" is the start page right after signing in, the first in the server's life
(n=1): it reads every case. Each action may take up to two minutes, so that a slow one
is a figure, not a crash.

Settled is what tests/e2e/helpers.App waits for: the server's next ``script_finished``
message on the websocket (not "finished early for a rerun"), then ``notRunning``, no
stale element, no skeleton. The wait polls, so a few ms of polling are in every
figure, the floor's too.

    .venv/bin/python bench/browser.py [--cases 10000] [--repeat 5] [--data DIR]

``--data DIR`` reuses a folder filled earlier (``hjulet --data-dir DIR demo --cases N``).
Figures are noisy on a shared machine; compare ratios from one run, not across runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from plans.cli.serve import server_command  # noqa: E402
from tests.e2e.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    E2E_PASSWORD,
    _free_port,
    add_demo_staff,
)

FLOOR_APP = """
import streamlit as st

st.radio("Choice", ["one", "two", "three"], key="choice")
st.text_area("Text", key="text")
if st.button("Press"):
    st.write("pressed")
"""

# The first pointerdown/keydown after arming is the start of the action.
# Every websocket message's size and arrival, in the page's clock: what the server sent
# and when the last of it came, as against when the page had settled.
_WIRE = """(() => {
  const Native = window.WebSocket;
  window.__bytes = 0; window.__lastMsg = 0;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const d = e.data;
        window.__bytes += d.byteLength ?? d.size ?? d.length ?? 0;
        window.__lastMsg = performance.now();
      });
    }
  };
})();"""
_WIRE_SINCE = "() => [window.__bytes, window.__lastMsg - window.__t0]"
_ARM = """() => {
  window.__t0 = null; window.__bytes = 0;
  if (!window.__listening) {
    const mark = () => { if (window.__t0 === null) window.__t0 = performance.now(); };
    window.addEventListener('pointerdown', mark, true);
    window.addEventListener('keydown', mark, true);
    window.__listening = true;
  }
}"""
# Settled (as in tests/e2e/helpers._SETTLED); returns the time since the start.
_SETTLED_SINCE = """(since) => {
  const app = document.querySelector('[data-testid="stApp"]');
  const done = !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stSkeleton"]')
    && !document.querySelector('[data-testid="stStatusWidget"]');
  if (!done) return false;
  const start = since === 'load' ? 0 : window.__t0;
  return start === null ? false : performance.now() - start;
}"""
_SINCE = "() => performance.now() - window.__t0"

Times = dict[str, list[float]]


def _serve(entry: Path, data_dir: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    env = {**os.environ, "HJULET_DATA_DIR": str(data_dir)}
    with log.open("wb") as out:
        process = subprocess.Popen(
            server_command(port, "127.0.0.1", entry=entry),
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"the server did not start; see {log}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


class Timer:
    """Times one action from its first pointerdown/keydown to settled."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.times: Times = {}
        self.kilobytes: Times = {}
        self.server: Times = {}
        app.page.context.add_init_script(_WIRE)

    def measure(
        self,
        name: str,
        action: Callable[[], Any],
        *,
        rerun: bool = True,
        keep: bool = True,
        timeout: float = 120_000,
    ) -> float:
        page = self.app.page
        page.evaluate(_ARM)
        before = self.app.finished_runs
        action()
        if rerun and not self.app._wait_for_run_end(before, timeout):
            raise SystemExit(f"{name}: no script run finished")
        ms = float(
            page.wait_for_function(_SETTLED_SINCE, arg="click", timeout=timeout).json_value()
        )
        if keep:
            self.times.setdefault(name, []).append(ms)
            sent, last = page.evaluate(_WIRE_SINCE)
            self.kilobytes.setdefault(name, []).append(sent / 1000)
            self.server.setdefault(name, []).append(min(last, ms))
        return ms

    def load(self, name: str, url: str) -> float:
        """A page load: from navigation start (performance.now() == 0) to settled."""
        before = self.app.finished_runs
        self.app.page.goto(url)
        if not self.app._wait_for_run_end(before, 60_000):
            raise SystemExit(f"{name}: the page never finished its first run")
        ms = float(
            self.app.page.wait_for_function(_SETTLED_SINCE, arg="load", timeout=60_000).json_value()
        )
        self.times.setdefault(name, []).append(ms)
        return ms


def floor_run(browser: Any, url: str, repeat: int) -> Timer:
    from tests.e2e.helpers import App

    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    app = App(page, url)
    timer = Timer(app)
    timer.load("cold", url)
    timer.load("load", url)
    radio = page.get_by_role("radiogroup", name="Choice")
    text = page.get_by_role("textbox", name="Text")
    button = page.get_by_role("button", name="Press")
    for i in range(repeat + 1):
        keep = i > 0  # the first round warms up
        option = ["two", "three", "one"][i % 3]
        timer.measure(
            "click",
            lambda o=option: (
                radio.locator('[data-testid="stRadioOption"]')  # type: ignore[misc]
                .filter(has_text=o)
                .click()
            ),
            keep=keep,
        )
        text.click()
        text.fill(f"text {i}")
        timer.measure("type", lambda: text.press("Tab"), keep=keep)
        timer.measure("button", lambda: button.click(), keep=keep)
    page.context.close()
    return timer


def app_run(browser: Any, url: str, case_id: str, case_name: str, repeat: int) -> Timer:
    from playwright.sync_api import expect

    from app.components.rating import answer_text
    from assessment.wheel import VOICES
    from plans.templates import registry
    from tests.e2e.helpers import App

    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(120_000)
    page = context.new_page()
    app = App(page, url, user="jonas")
    timer = Timer(app)
    timer.load("cold", url)  # the sign-in page: the first page after the server starts
    # Signing in opens the start page; the first one reads every case (n=1, not warmed up).
    form = page.locator('[data-testid="stForm"]')
    form.locator('input[type="text"]').first.fill(app.user)
    form.locator('input[type="password"]').fill(E2E_PASSWORD)
    submit = form.locator('[data-testid="stFormSubmitButton"] button')
    timer.measure("signed in", submit.click)
    page.locator('[data-testid="stSidebarNav"]').wait_for()
    app.settle(120_000)
    scale = registry().get("girfec-sv").scale
    nav_start = page.locator('[data-testid="stSidebarNavLink"]').filter(
        has=page.get_by_text(app.tr("nav.start"), exact=True)
    )
    search = app.textbox(app.tr("start.search"))
    steps = app.page.get_by_role("radiogroup", name=app.tr("step.label"), exact=True)

    def step(step_id: str) -> Any:
        title = re.escape(app.tr(f"step.{step_id}"))
        return app.option(steps, re.compile(rf"^(\d+\. )?{title}( .*)?$"))

    for i in range(repeat + 1):
        keep = i > 0
        if i:  # from the case page back to the start page
            timer.measure("start page", lambda: nav_start.click(), keep=keep)
        search.click()
        search.fill(case_name[:3])  # differs from what is there: a rerun
        timer.measure("search", lambda: search.press("Enter"), keep=keep)
        search.fill(case_name)
        timer.measure("search", lambda: search.press("Enter"), keep=False)
        box = page.get_by_role("combobox", name=app.tr("start.open_label"), exact=True)
        expect(box).to_have_value(re.compile(re.escape(case_id)))
        open_button = app.main().get_by_role("button", name=app.tr("start.open"), exact=True)
        timer.measure("open case", open_button.click, keep=keep)
        if step("assessment").get_attribute("data-selected") == "true":  # remembered
            timer.measure("switch step", step("notice").click, keep=False)
        timer.measure("switch step", step("assessment").click, keep=keep)
        expect(app.heading(app.tr("step.assessment"))).to_be_visible()
        # One area's three voices, as a nurse fills it in: the first answer after a save
        # (the page then says there is unsaved work), then the other two.
        for voice in VOICES:
            group = page.get_by_role(
                "radiogroup", name=app.tr(f"voice.{voice.value}_rating"), exact=True
            )
            options = [app.option(group, answer_text(scale, v, "sv")) for v in (2, 3, 4)]
            choice = next(o for o in options if o.get_attribute("data-selected") != "true")
            choice.scroll_into_view_if_needed()
            name = "first rating" if voice is VOICES[0] else "rating click"
            timer.measure(name, choice.click, keep=keep)
        field = app.textbox(app.tr("assessment.strengths"))
        field.scroll_into_view_if_needed()
        field.click()
        field.fill(f"Tycker om att rita ({time.time_ns()}).")  # always new
        timer.measure("type and blur", partial(field.press, "Tab"), keep=keep)
        save = app.main().get_by_role("button", name=app.tr("save.button"), exact=True)
        save.scroll_into_view_if_needed()
        timer.measure("save", save.click, keep=keep)
        meeting = app.main().get_by_role("link", name=app.tr("case.open_meeting"))
        meeting.scroll_into_view_if_needed()
        timer.measure("meeting view", meeting.click, keep=keep)
        page.get_by_role("heading", level=1).first.click()  # focus the page, not an input
        timer.measure("next area", lambda: page.keyboard.press("ArrowRight"), keep=keep)
        label = app.tr("meeting.download", audience=app.tr("meeting.audience_family"))
        pdf = page.get_by_role("button", name=label)
        page.evaluate(_ARM)
        with page.expect_download(timeout=60_000):
            pdf.click()
        if keep:
            timer.times.setdefault("family PDF", []).append(float(page.evaluate(_SINCE)))
        # back to the case page for the next round
        page.go_back()
        app.settle(120_000)
        if not page.get_by_role("radiogroup", name=app.tr("step.label")).count():
            before = app.finished_runs
            page.goto(f"{url}/?case={case_id}")
            app._wait_for_run_end(before, 120_000)
            app.settle(120_000)
    context.close()
    return timer


# Each action of the app beside the floor action of the same kind.
FLOOR_OF = {
    "cold start": "cold",
    "signed in": "button",
    "start page": "click",
    "search": "type",
    "open case": "button",
    "switch step": "click",
    "first rating": "click",
    "rating click": "click",
    "type and blur": "type",
    "save": "button",
    "meeting view": "click",
    "next area": "click",
    "family PDF": "button",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from plans.demo import write_demo
    from plans.store.files import FileStore

    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or Path(tmp) / "data"
        store = FileStore(data)
        if not store.list_cases():
            # Accounts first: a case names its staff by e-mail, and membership is worked
            # out when the case is saved.
            add_demo_staff(data)
            started = time.perf_counter()
            write_demo(store, args.cases, seed=3)
            print(
                f"wrote {args.cases} cases in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
        cases = store.list_cases()
        noah = next(c for c in cases if c.display_name.startswith("Noah"))
        floor_entry = Path(tmp) / "floor_app.py"
        floor_entry.write_text(FLOOR_APP, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            floor_server, floor_url = _serve(
                floor_entry, Path(tmp) / "floor", Path(tmp) / "floor.log"
            )
            try:
                floor = floor_run(browser, floor_url, args.repeat)
            finally:
                _stop(floor_server)
            app_server, app_url = _serve(ROOT / "streamlit_app.py", data, Path(tmp) / "app.log")
            try:
                hjulet = app_run(browser, app_url, noah.id, noah.display_name, args.repeat)
            finally:
                _stop(app_server)
            browser.close()
    hjulet.times["cold start"] = hjulet.times.pop("cold")
    report(len(cases), hjulet, floor.times)


def _median(values: list[float] | None) -> float:
    return statistics.median(values) if values else float("nan")


def report(cases: int, hjulet: Timer, floor: Times) -> None:
    """The table; "last msg" is when the server's last message of the action arrived
    (server script and wire), the rest of "Hjulet" is the browser laying it out."""
    figures: dict[str, Any] = {"cases": cases, "date": dt.date.today().isoformat()}
    print(
        f"{'action':<16}{'Hjulet ms':>11}{'floor ms':>10}{'ratio':>8}"
        f"{'last msg ms':>13}{'KB sent':>9}   (median of n)"
    )
    for name, kind in FLOOR_OF.items():
        mine = _median(hjulet.times[name])
        base = _median(floor[kind])
        ratio = mine / base if base else float("inf")
        wire = _median(hjulet.server.get(name))
        sent = _median(hjulet.kilobytes.get(name))
        print(
            f"{name:<16}{mine:>11.0f}{base:>10.0f}{ratio:>7.1f}x{wire:>13.0f}{sent:>9.1f}"
            f"   (n={len(hjulet.times[name])})"
        )
        key = name.replace(" ", "_")
        figures[key] = {"ms": round(mine), "floor_ms": round(base), "ratio": round(ratio, 2)}
    figures["goals"] = {"ratio_max": 3, "rating_click_ms": 250, "cold_start_ms": 3000}
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
