"""Keyboard alone: Tab reaches every field of a new case, each with a name a screen
reader can say, and the case can be created without touching the mouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from plans.i18n import t
from plans.store.files import FileStore
from tests.e2e.helpers import App

_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e) return null;
  const label = e.getAttribute('aria-label')
    || (e.labels && e.labels.length ? e.labels[0].innerText : '')
    || e.innerText || '';
  return {tag: e.tagName, type: e.type || '', label: label.trim().replace(/\\s+/g, ' ')};
}"""


def test_new_case_with_the_keyboard_alone(app_server: Any, browser: Any, artifacts: Path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    app = App(page, app_server.url)
    try:
        app.open("new_case")
        create = t("new_case.create", "sv")
        reached: list[dict[str, str]] = []
        for _ in range(80):
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUSED)
            reached.append(focused)
            if focused["label"] == t("field.first_name", "sv") + " *":
                page.keyboard.type("Kim")
            if focused["tag"] == "BUTTON" and focused["label"] == create:
                break
        fields = [f for f in reached if f["tag"] in ("INPUT", "TEXTAREA")]
        unnamed = [f for f in fields if not f["label"]]
        assert unnamed == [], f"inputs without a name for screen readers: {unnamed}"
        labels = {f["label"] for f in reached}
        for key in ("field.last_name", "field.what_was_seen", "field.named_person"):
            assert t(key, "sv") in labels
        assert reached[-1]["label"] == create, "Tab never reached the create button"
        # Enter on the focused button creates the case; it has no birth date yet, so the
        # app must say so in Swedish and keep what was typed.
        app.act(lambda: page.keyboard.press("Enter"))
        expect(page.get_by_text(t("save.fix_first", "sv"))).to_be_visible()
        expect(page.get_by_role("textbox", name=t("field.first_name", "sv") + " *")).to_have_value(
            "Kim"
        )
        page.screenshot(path=str(artifacts / "keyboard-new-case.png"), full_page=True)
        assert FileStore(app_server.data_dir).list_cases() == []
    finally:
        page.close()
