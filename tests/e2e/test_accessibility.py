"""axe-core on every page and step, in Swedish and English (issue 12 item 13), and no
English from Streamlit's own widgets left in the Swedish screens (item 4).

One server, one signed-in browser tab: the sign-in page in both languages, then every
page and every step of a full case and of an anonymous consultation in English, then the
same in Swedish, and last the Swedish strings that only show while someone types (input
instructions, "Add: …" in a multiselect, a date out of range, "No results").
``axe-playwright-python`` bundles axe-core, so nothing is fetched at run time."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from app.components.streamlit_words import english_patterns
from plans.demo import write_demo
from plans.store.files import FileStore
from tests.e2e.conftest import ARTIFACTS, add_demo_staff, start_app
from tests.e2e.helpers import VIEWPORT, App

WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FULL_CASE_STEPS = (
    "notice",
    "consent",
    "assessment",
    "questions",
    "plan",
    "review",
    "survey",
    "history",
    "case_admin",
)
CONSULTATION_STEPS = ("notice", "consultation", "history", "case_admin")
LANGUAGE_PICKER = "Språk / Language"

_STRINGS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA'].includes(parent.tagName)) continue;
    const text = node.nodeValue.trim();
    if (text) out.push(text);
  }
  const names = ['aria-label', 'placeholder', 'title', 'alt', 'aria-valuetext',
                 'aria-roledescription'];
  for (const element of document.querySelectorAll('*')) {
    for (const name of names) {
      const value = element.getAttribute(name);
      if (value && value.trim()) out.push(value.trim());
    }
  }
  return out;
}"""


@dataclass
class Walk:
    violations: dict[str, list[str]] = field(default_factory=dict)
    """View ("sv/case/plan") -> one line per failing node."""
    english: dict[str, list[str]] = field(default_factory=dict)
    """Swedish view -> Streamlit's English strings still on it."""
    unsaved: dict[str, bool] = field(default_factory=dict)
    """View -> whether the sidebar said there was unsaved work (the walk only looks)."""


def _axe(page: Page) -> list[str]:
    options = {"runOnly": {"type": "tag", "values": WCAG_21_A_AA}, "resultTypes": ["violations"]}
    found = Axe().run(page, options=options).response["violations"]
    return [
        f"{v['id']}: {node['target']} {node.get('failureSummary', '')[:200]}"
        for v in found
        for node in v["nodes"]
    ]


def _english(page: Page) -> list[str]:
    patterns = [re.compile(p) for p in english_patterns("sv")]
    strings: list[str] = page.evaluate(_STRINGS)
    return sorted({s for s in strings if any(p.fullmatch(s) for p in patterns)})


def _check(walk: Walk, app: App, view: str) -> None:
    app.settle()
    app.page.wait_for_timeout(300)  # charts draw their SVG after the run has ended
    name = f"{app.lang}/{view}"
    walk.violations[name] = _axe(app.page)
    if app.lang == "sv":
        walk.english[name] = _english(app.page)
    said = re.escape(app.tr("sidebar.unsaved", count="#")).replace("\\#", r"\d+")
    sidebar = app.page.locator('[data-testid="stSidebar"]')
    walk.unsaved[name] = sidebar.get_by_text(re.compile(said)).count() > 0


def _choose_language(app: App, lang: str) -> None:
    app.select(LANGUAGE_PICKER, {"sv": "Svenska", "en": "English"}[lang])
    app.lang = lang


def _open_case(app: App, case_id: str) -> None:
    """Open a case from the start page: a new address would start a new session (and with
    it the default language), so the walk never types one."""
    app.nav("start")
    app.select(app.tr("start.open_label"), re.compile(re.escape(f"({case_id})")), rerun=False)
    submit = app.main().locator('[data-testid="stFormSubmitButton"] button')
    app.act(lambda: submit.filter(has_text=app.tr("start.open")).click())


def _every_page(walk: Walk, app: App, full_case: str, consultation: str) -> None:
    for view in ("start", "new_case", "followup", "settings"):
        app.nav(view)
        _check(walk, app, view)
    app.nav("meeting")
    app.select(app.tr("meeting.choose"), re.compile(re.escape(f"({full_case})")), stays=False)
    _check(walk, app, "meeting")
    for case_id, steps, kind in (
        (full_case, FULL_CASE_STEPS, "case"),
        (consultation, CONSULTATION_STEPS, "consultation"),
    ):
        _open_case(app, case_id)
        for step in steps:
            app.step(step)
            _check(walk, app, f"{kind}/{step}")


def _while_typing(walk: Walk, app: App, full_case: str) -> None:
    """Strings Streamlit shows only during input, on the Swedish consent step."""
    page = app.page
    _open_case(app, full_case)
    app.step("consent")
    found: set[str] = set()
    area = app.main().locator("textarea").first
    area.click()
    page.keyboard.type(" x")
    page.wait_for_timeout(300)
    found.update(_english(page))
    page.screenshot(path=str(ARTIFACTS / "a11y-sv-typing.png"))
    page.keyboard.press("Tab")
    app.settle()
    box = page.get_by_role("combobox", name=app.tr("field.given_by") + " *", exact=True)
    box.click()
    box.fill("Någon ny")
    page.get_by_role("option").first.wait_for()
    found.update(_english(page))
    page.screenshot(path=str(ARTIFACTS / "a11y-sv-new-option.png"))
    box.fill("")
    page.keyboard.press("Escape")
    consent_day = page.get_by_role("group", name=app.tr("field.given_on") + " *", exact=True)
    consent_day.locator('[data-type="year"]').click()
    page.keyboard.type("20990101")  # after today: Streamlit's out-of-range message
    page.keyboard.press("Tab")
    app.main().get_by_role("alert").first.wait_for()
    found.update(_english(page))
    page.screenshot(path=str(ARTIFACTS / "a11y-sv-date-out-of-range.png"))
    picker = page.get_by_role("combobox", name=LANGUAGE_PICKER, exact=True)
    picker.click()
    picker.fill("zzz")
    page.wait_for_timeout(300)
    found.update(_english(page))
    page.keyboard.press("Escape")
    walk.english["sv/typing"] = sorted(found)


@pytest.fixture(scope="module")
def walk(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Walk]:
    data = tmp_path_factory.mktemp("a11y") / "data"
    add_demo_staff(data)
    store = FileStore(data)
    write_demo(store, 5)
    cases = store.list_cases()
    full_case = next(c.id for c in cases if c.display_name.startswith("Noah"))
    consultation = next(c.id for c in cases if c.type == "anonymous")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = start_app(data, ARTIFACTS / "streamlit-a11y.log")
    context = browser.new_context(viewport=VIEWPORT, locale="sv-SE")
    context.set_default_timeout(20_000)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    app = App(page, server.url, user="jonas")  # Noah's and the consultation's named person
    result = Walk()
    try:
        before = app.finished_runs
        page.goto(server.url)
        app._wait_for_run_end(before, 30_000)
        _check(result, app, "sign_in")
        _choose_language(app, "en")
        _check(result, app, "sign_in")
        app.sign_in()
        _every_page(result, app, full_case, consultation)
        _choose_language(app, "sv")
        _every_page(result, app, full_case, consultation)
        _while_typing(result, app, full_case)
    except Exception:
        page.screenshot(path=str(ARTIFACTS / "a11y-walk-failed.png"), full_page=True)
        raise
    finally:
        context.close()
        server.process.terminate()
        try:
            server.process.wait(10)
        except subprocess.TimeoutExpired:
            server.process.kill()
    yield result


def test_axe_finds_nothing_on_any_page_in_either_language(walk: Walk) -> None:
    assert len(walk.violations) == 2 * (6 + len(FULL_CASE_STEPS) + len(CONSULTATION_STEPS))
    failing = {view: lines for view, lines in walk.violations.items() if lines}
    (ARTIFACTS / "axe-violations.json").write_text(json.dumps(failing, indent=1))
    summary = {
        view: sorted({line.split(":")[0] for line in lines}) for view, lines in failing.items()
    }
    assert failing == {}, f"{summary}; details in {ARTIFACTS / 'axe-violations.json'}"


def test_looking_at_every_page_and_step_leaves_no_unsaved_work(walk: Walk) -> None:
    """The walk types nothing before its last part: a page that only looked must not say
    "osparade ändringar" (which would also warn on every reload and keep a draft)."""
    assert "en/case/plan" in walk.unsaved
    assert [view for view, said in walk.unsaved.items() if said] == []


def test_no_english_from_streamlit_in_the_swedish_screens(walk: Walk) -> None:
    assert "sv/case/consent" in walk.english and "sv/typing" in walk.english
    left = {view: strings for view, strings in walk.english.items() if strings}
    assert left == {}, left
