"""Layout measured in the browser (issue 12 item 12): positions and line breaks that AppTest
cannot see. Each check reads bounding boxes or pixels, never a screenshot by eye."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from plans.demo import write_demo
from plans.store.files import FileStore
from tests.e2e.helpers import App

_LINES = """(el) => {
  // How many lines the element's text takes: the distinct tops of its line boxes.
  const range = document.createRange();
  range.selectNodeContents(el);
  return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
}"""

_ARROWS = """(el) => {
  // Arrows a person sees on a button: arrow characters (the shortcut's key hint) plus
  // arrow icons (Material icons are ligatures such as "arrow_back").
  const icons = [...el.querySelectorAll('[data-testid="stIconMaterial"]')]
    .filter(i => i.textContent.includes('arrow')).length;
  const chars = (el.innerText.match(/[←→]/g) || []).length;
  return icons + chars;
}"""

_COLUMN_EDGES = """(side) => new Promise(done => {
  // The grid is a canvas: find its columns' edges from the header row's pixels (the
  // separators differ from the header's background), after scrolling to one side.
  const root = document.querySelector('[data-testid="stDataFrame"]');
  root.querySelector('.dvn-scroller').scrollLeft = side === 'right' ? 1e6 : 0;
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const canvas = root.querySelector('canvas[data-testid="data-grid-canvas"]');
    const ratio = canvas.width / canvas.getBoundingClientRect().width;
    const y = Math.round(3 * ratio);
    const row = canvas.getContext('2d').getImageData(0, y, canvas.width, 1).data;
    const edges = [];
    for (let x = 1; x < canvas.width; x++) {
      const diff = Math.abs(row[4 * x] - row[0]) + Math.abs(row[4 * x + 1] - row[1])
        + Math.abs(row[4 * x + 2] - row[2]);
      if (diff > 12 && (!edges.length || x - edges[edges.length - 1] * ratio > 2)) {
        edges.push(x / ratio);
      }
    }
    done({edges, width: canvas.width / ratio});
  }));
})"""

_TEXT_WIDTH = """(text) => {
  // The grid draws cells in 14 px Source Sans with 8 px padding each side.
  const context = document.createElement('canvas').getContext('2d');
  context.font = '400 14px "Source Sans", sans-serif';
  return context.measureText(text).width + 16;
}"""


def test_voices_line_up_meeting_nav_fits_and_phones_can_be_called(
    app_server: Any, browser: Any, artifacts: Path
) -> None:
    store = FileStore(app_server.data_dir)
    write_demo(store, 5)
    noah = next(c.id for c in store.list_cases() if c.display_name.startswith("Noah"))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    app = App(page, app_server.url, user="jonas")  # Noah's named person
    try:
        # The three voices: each voice's answer and own words start at the same height,
        # although "Vårdnadshavarna säger" wraps and the guardians have longer questions.
        app.open(f"case?case={noah}")
        # "Nästa steg" at the end of a long step (item 11), pressed with the keyboard: the
        # new step's stepper comes into view with the focus on the step now chosen.
        app.step("consent")
        go_on = app.main().get_by_role(
            "button", name=app.tr("step.next", step="3. " + app.tr("step.assessment"))
        )
        go_on.scroll_into_view_if_needed()
        go_on.focus()
        app.act(lambda: page.keyboard.press("Enter"))
        expect(app.heading(app.tr("step.assessment"))).to_be_visible()
        stepper = page.get_by_role("radiogroup", name=app.tr("step.label"), exact=True)
        expect(stepper).to_be_in_viewport()
        focused = page.locator("*:focus").locator("xpath=ancestor::label[1]")
        expect(focused).to_contain_text(app.tr("step.assessment"))
        for role, part in (
            ("radiogroup", [f"voice.{v}_rating" for v in ("child", "guardians", "professional")]),
            (
                "textbox",
                [f"assessment.{f}" for f in ("child_words", "guardian_words", "observations")],
            ),
        ):
            boxes = [page.get_by_role(role, name=app.tr(key), exact=True) for key in part]  # type: ignore[arg-type]
            tops = [round(box.bounding_box()["y"]) for box in boxes]  # type: ignore[index]
            assert max(tops) - min(tops) <= 1, f"{part} start at {tops}"
        page.screenshot(path=str(artifacts / "layout-voices.png"), full_page=True)

        # The meeting view: one arrow per button, "Område 1 av 3" on one line, phones as tel:.
        app.open(f"meeting?case={noah}")
        where = page.get_by_text(app.tr("meeting.area_of", n=1, total=3), exact=True)
        expect(where).to_be_visible(timeout=30_000)
        assert where.evaluate(_LINES) == 1, "the area counter wraps"
        for name in ("meeting.previous", "meeting.next"):
            button = app.main().locator(f".st-key-meeting_{name.split('.')[1][:4]}")
            assert button.evaluate(_ARROWS) == 1, f"{name}: {button.inner_text()!r}"
        call = page.locator('a[href^="tel:"]').filter(has_text="090-100 31 31")
        expect(call).to_have_attribute("href", "tel:0901003131")
        page.screenshot(path=str(artifacts / "layout-meeting.png"), full_page=True)
    finally:
        page.close()


def test_english_start_table_shows_names_and_types_whole(
    app_server: Any, browser: Any, artifacts: Path
) -> None:
    """The grid sized a column by its first rows, so the anonymous consultation further
    down read "Anonymous consultat…"."""
    store = FileStore(app_server.data_dir)
    write_demo(store, 24)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    app = App(page, app_server.url, lang="en", user="jonas")
    try:
        app.open("")
        app.select("Språk / Language", "English")
        app.select(app.tr("caseload.scope"), app.tr("caseload.scope_all"))
        grid = page.locator('[data-testid="stDataFrame"]')
        expect(grid).to_be_visible()
        name = app.tr("case.type.anonymous") + " (" + app.tr("age_band.6-12") + ")"
        # Left end: the row marker, then Name. Right end: ... Type, id.
        left = page.evaluate(_COLUMN_EDGES, "left")
        name_width = left["edges"][1] - left["edges"][0]
        assert name_width >= page.evaluate(_TEXT_WIDTH, name), (name_width, left)
        right = page.evaluate(_COLUMN_EDGES, "right")
        type_width = right["edges"][-1] - right["edges"][-2]
        needed = page.evaluate(_TEXT_WIDTH, app.tr("case.type.anonymous"))
        assert type_width >= needed, (type_width, needed, right)
        grid.screenshot(path=str(artifacts / "layout-start-table-en.png"))
    finally:
        page.close()
