"""Driving the Streamlit app in a real browser, the way a person would.

Every label comes from the catalogues (``plans.i18n.t``), so the browser tests follow
the words on screen rather than hard-coded Swedish or English.

Waiting: Streamlit talks over a websocket, so "network idle" says nothing, and the
root element's ``data-test-script-state`` alone misleads: on first load it says
"notRunning" before the first run has begun, and a fast rerun can go "running" →
"notRunning" within one React render, so the attribute never changes. So ``App``
listens to the websocket and counts the server's ``script_finished`` messages (a run
or a fragment run; "finished early for a rerun" is no end). An action is settled when
the next such message has arrived, the app says "notRunning", no element is stale and
the status widget is gone.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Locator, Page, ViewportSize, WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from plans.i18n import t

VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
MAX_SHOT_HEIGHT = 5000
"""Tall pages are cut here, so a screenshot stays a readable, modest file."""

_SETTLED = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stSkeleton"]');
}"""
_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN


def ymd(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


class App:
    """One browser tab on the app, in one language."""

    def __init__(self, page: Page, base_url: str, lang: str = "sv", user: str = "lena") -> None:
        self.page = page
        self.base_url = base_url
        self.lang = lang
        self.user = user
        self.shots: list[Path] = []
        self.finished_runs = 0
        page.on("websocket", self._listen)

    def _listen(self, socket: WebSocket) -> None:
        socket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, str):
            return
        message = ForwardMsg.FromString(payload)
        if message.WhichOneof("type") == "script_finished" and message.script_finished != _EARLY:
            self.finished_runs += 1

    # --- words ----------------------------------------------------------------------

    def tr(self, key: str, /, **values: Any) -> str:
        return t(key, self.lang, **values)

    # --- waiting ----------------------------------------------------------------------

    def settle(self, timeout: float = 30_000) -> None:
        """Wait until no rerun is running, nothing is stale and the status widget is gone."""
        self.page.wait_for_function(_SETTLED, timeout=timeout)
        self.page.locator('[data-testid="stStatusWidget"]').wait_for(state="hidden")

    def _wait_for_run_end(self, after: int, timeout_ms: float) -> bool:
        """Pump Playwright's events until a script run has finished after ``after``."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self.finished_runs <= after:
            if time.monotonic() > deadline:
                return False
            self.page.wait_for_timeout(20)
        return True

    def act(self, action: Callable[[], Any], *, rerun: bool = True) -> None:
        """Do something that makes Streamlit rerun, and wait for the rerun to finish."""
        before = self.finished_runs
        action()
        # No rerun at all when the value did not change; then this just gives up waiting.
        if rerun:
            self._wait_for_run_end(before, 5_000)
        self.settle()

    def open(self, path: str = "") -> None:
        """Open a page by its address, signing in first when the sign-in page shows."""
        before = self.finished_runs
        self.page.goto(f"{self.base_url}/{path}")
        if not self._wait_for_run_end(before, 30_000):
            raise AssertionError(f"the page {path or '/'} never finished its first run")
        self.settle()
        if self.page.locator('input[type="password"]').count():
            self.sign_in()
        self.page.locator('[data-testid="stSidebarNav"]').wait_for()
        self.settle()

    def sign_in(self, username: str | None = None, password: str | None = None) -> None:
        from tests.e2e.conftest import E2E_PASSWORD

        # The sign-in page speaks the default language (Swedish) until someone chooses.
        form = self.page.locator('[data-testid="stForm"]')
        form.locator('input[type="text"]').first.fill(username or self.user)
        form.locator('input[type="password"]').fill(password or E2E_PASSWORD)
        self.act(lambda: form.locator('[data-testid="stFormSubmitButton"] button').click())

    # --- finding things ---------------------------------------------------------------

    def main(self) -> Locator:
        return self.page.locator('[data-testid="stMain"]')

    def textbox(self, label: str, within: Locator | None = None) -> Locator:
        return (within or self.page).get_by_role("textbox", name=label, exact=True)

    def text_visible(self, text: str | re.Pattern[str], *, timeout: float = 15_000) -> None:
        expect(self.main().get_by_text(text).first).to_be_visible(timeout=timeout)

    def heading(self, text: str) -> Locator:
        return self.main().get_by_role("heading", name=text, exact=True)

    def block(self, heading: str) -> Locator:
        """The innermost block (e.g. a bordered container) that holds this heading."""
        return (
            self.page.locator('[data-testid="stVerticalBlock"]')
            .filter(has=self.page.get_by_role("heading", name=heading, exact=True))
            .last
        )

    def option(self, group: Locator, text: str | re.Pattern[str]) -> Locator:
        """One option of a radio group, by its label (not its caption)."""
        return group.locator('[data-testid="stRadioOption"]').filter(
            has=self.page.get_by_text(text, exact=True)
            if isinstance(text, str)
            else self.page.get_by_text(text)
        )

    # --- doing things -----------------------------------------------------------------

    def nav(self, page_key: str) -> None:
        """Open a page from the sidebar (its title is ``nav.<page_key>``)."""
        link = self.page.locator('[data-testid="stSidebarNavLink"]').filter(
            has=self.page.get_by_text(self.tr(f"nav.{page_key}"), exact=True)
        )
        self.act(lambda: link.click())

    def type(
        self, label: str, text: str, *, within: Locator | None = None, rerun: bool = True
    ) -> None:
        """Click the field, type, and leave it with Tab: Streamlit commits text on blur.
        In a form (``rerun=False``) nothing happens until the form is submitted."""
        field = self.textbox(label, within)
        field.scroll_into_view_if_needed()

        def do() -> None:
            if rerun:
                field.click()
            # In a form, Streamlit's "Press Enter to submit" hint of the field just left can
            # lie over this one; fill() focuses the field without a click.
            field.fill(text)
            field.press("Tab")

        self.act(do, rerun=rerun)
        expect(field).to_have_value(text)

    def date(self, label: str, day: dt.date, *, within: Locator | None = None) -> None:
        """The date field is made of year/month/day parts; typing moves through them."""
        group = (within or self.page).get_by_role("group", name=label, exact=True)
        group.scroll_into_view_if_needed()

        def do() -> None:
            group.locator('[data-type="year"]').click()
            self.page.keyboard.type(ymd(day))
            self.page.keyboard.press("Escape")  # close the calendar if it opened

        self.act(do)
        expect(group).to_have_text(re.compile(r"\s*".join(re.escape(c) for c in day.isoformat())))

    def radio(self, group_label: str, option: str, *, within: Locator | None = None) -> None:
        group = (within or self.page).get_by_role("radiogroup", name=group_label, exact=True)
        choice = self.option(group, option)
        choice.scroll_into_view_if_needed()
        self.act(lambda: choice.click())
        expect(choice).to_have_attribute("data-selected", "true")

    def select(
        self, label: str, option: str | re.Pattern[str], *, rerun: bool = True, stays: bool = True
    ) -> None:
        """A selectbox: open it and choose the option by its text. Some pickers act and
        then empty themselves again (``stays=False``)."""
        box = self.page.get_by_role("combobox", name=label, exact=True)
        box.scroll_into_view_if_needed()
        box.click()
        choice = self.page.get_by_role("option", name=option, exact=isinstance(option, str))
        self.act(lambda: choice.click(), rerun=rerun)
        if stays:
            expect(box).to_have_value(option)

    def multiselect(self, label: str, option: str, *, new: bool = False) -> None:
        """Add an offered option by its text, or (``new``) one that is not offered."""
        box = self.page.get_by_role("combobox", name=label, exact=True)
        box.scroll_into_view_if_needed()
        box.click()
        box.fill(option)
        if new:
            self.act(lambda: box.press("Enter"))
        else:
            choice = self.page.get_by_role("option", name=option, exact=True)
            self.act(lambda: choice.click())
        self.page.keyboard.press("Escape")
        widget = self.page.locator('[data-testid="stMultiSelect"]').filter(has=box)
        expect(widget.get_by_text(option, exact=True)).to_be_visible()

    def button(self, name: str, *, within: Locator | None = None) -> None:
        button = (within or self.main()).get_by_role("button", name=name, exact=True)
        button.scroll_into_view_if_needed()
        self.act(lambda: button.click())

    def step(self, step_id: str) -> None:
        """Choose a step of the case page in the stepper ("3. Hjulet ○" and the like)."""
        group = self.page.get_by_role("radiogroup", name=self.tr("step.label"), exact=True)
        title = re.escape(self.tr(f"step.{step_id}"))
        choice = self.option(group, re.compile(rf"^(\d+\. )?{title}( .*)?$"))
        self.act(lambda: choice.click())
        expect(self.heading(self.tr(f"step.{step_id}"))).to_be_visible()

    def save(self, note: str = "", *, revision: int | None = None) -> None:
        """Save what is on screen with a note, and wait for "Saved." (the message names no
        version any more: ``revision`` is kept for callers and only documents intent)."""
        if note:
            field = self.textbox(self.tr("save.note"))
            field.scroll_into_view_if_needed()
            field.click()
            field.fill(note)
        button = self.main().get_by_role("button", name=self.tr("save.button"), exact=True)
        self.act(lambda: button.click())
        if revision is not None:
            self.text_visible(self.tr("save.done", revision=revision))
        else:
            any_number = re.escape(self.tr("save.done", revision="N")).replace("N", r"\d+")
            self.text_visible(re.compile(f"^{any_number}$"))

    # --- screenshots ------------------------------------------------------------------

    def shot(self, folder: Path, name: str) -> Path:
        """The whole page. Streamlit scrolls inside its main block, not the window, so
        the window is made as tall as the content for the picture, then put back."""
        self.settle()
        height = int(
            self.page.evaluate(
                "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
            )
        )
        self.page.set_viewport_size(
            {"width": VIEWPORT["width"], "height": min(MAX_SHOT_HEIGHT, max(height, 900))}
        )
        try:
            self.page.wait_for_timeout(300)  # let charts lay themselves out again
            self.settle()
            path = folder / f"{name}.png"
            self.page.screenshot(path=str(path), full_page=True)
        finally:
            self.page.set_viewport_size(VIEWPORT)
        self.shots.append(path)
        return path


def publish(shots: list[Path], target: Path) -> None:
    """Copy the current set of screenshots (e.g. into docs/screenshots)."""
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("journey-*.png"):
        old.unlink()
    for shot in shots:
        shutil.copyfile(shot, target / shot.name)
