"""A rating click reruns only the wheel and its area (st.fragment, issue 15), and that
partial rerun is held to the same rules as the whole page: unsaved work is announced, and
a person who may no longer read the case gets the whole page's "no access"."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import WebSocket, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from app.components.rating import answer_text
from plans.accounts import MemberReason, directory_for
from plans.demo import write_demo
from plans.store.files import FileStore
from plans.templates import registry
from tests.e2e.helpers import App

_FRAGMENT = ForwardMsg.ScriptFinishedStatus.FINISHED_FRAGMENT_RUN_SUCCESSFULLY
_WHOLE = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY


class Runs:
    """How each script run the server finished ended: a whole run or a fragment's."""

    def __init__(self, app: App) -> None:
        self.ends: list[int] = []
        app.page.on("websocket", self._listen)

    def _listen(self, socket: WebSocket) -> None:
        socket.on("framereceived", self._frame)

    def _frame(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            message = ForwardMsg.FromString(payload)
            if message.WhichOneof("type") == "script_finished":
                self.ends.append(message.script_finished)


def test_a_rating_click_reruns_only_the_area_and_keeps_every_rule(
    app_server: Any, browser: Any
) -> None:
    store = FileStore(app_server.data_dir)
    write_demo(store, 5)
    noah = next(c.id for c in store.list_cases() if c.display_name.startswith("Noah"))
    scale = registry().get("girfec-sv").scale
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    app = App(page, app_server.url, user="jonas")  # Noah's named person
    runs = Runs(app)
    try:
        app.open(f"case?case={noah}")
        app.step("assessment")

        def rate(voice: str) -> str:
            """Choose an answer the voice does not have yet; returns it in words."""
            group = page.get_by_role("radiogroup", name=app.tr(f"voice.{voice}_rating"))
            words = [answer_text(scale, value, "sv") for value in (2, 3, 4)]
            chosen = next(
                w for w in words if app.option(group, w).get_attribute("data-selected") != "true"
            )
            choice = app.option(group, chosen)
            choice.scroll_into_view_if_needed()
            runs.ends.clear()
            app.act(choice.click)
            return chosen

        # The first change: the whole page runs, so the save bar and the sidebar say so.
        rate("child")
        assert _WHOLE in runs.ends
        expect(app.main().get_by_text(app.tr("save.unsaved"))).to_be_visible()
        unsaved = page.locator('[data-testid="stSidebar"]').get_by_text(
            app.tr("sidebar.unsaved", count=1)
        )
        expect(unsaved).to_be_visible()

        # The next one reruns the area alone; the wheel's table follows the answer.
        area = page.get_by_role("radiogroup", name=app.tr("assessment.area_picker"))
        title = (
            area.locator('[data-testid="stRadioOption"][data-selected="true"]')
            .inner_text()
            .splitlines()[0]
        )
        chosen = rate("guardians")
        assert runs.ends == [_FRAGMENT]
        row = page.locator('[data-testid="stTable"] tr').filter(has_text=title)
        expect(row).to_contain_text(chosen)
        expect(unsaved).to_be_visible()

        # Access ends between two clicks: the click brings the whole page and its refusal.
        directory_for(store).remove_member(noah, "jonas", list(MemberReason))
        rate("professional")
        assert _WHOLE in runs.ends
        expect(app.main().get_by_text(app.tr("auth.no_access"))).to_be_visible()
        expect(page.get_by_role("radiogroup", name=app.tr("voice.child_rating"))).to_have_count(0)
    finally:
        context.close()
