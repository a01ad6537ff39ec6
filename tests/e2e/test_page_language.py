"""The page's ``<html lang>`` follows the chosen language (issue 12 item 4, WCAG 3.1.1):
Streamlit serves ``lang="en"`` whatever the text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from plans.i18n import t
from tests.e2e.helpers import VIEWPORT, App

_LANG_IS = "code => document.documentElement.getAttribute('lang') === code"


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    context = browser.new_context(viewport=VIEWPORT, locale="sv-SE", timezone_id="Europe/Stockholm")
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    context.close()


def test_html_lang_follows_the_chosen_language(
    page: Page, app_server: Any, artifacts: Path
) -> None:
    app = App(page, app_server.url)
    app.open()
    page.wait_for_function(_LANG_IS, arg="sv", timeout=10_000)
    app.shot(artifacts, "lang-sv-start")
    app.select("Språk / Language", "English")
    app.lang = "en"
    expect(app.heading(t("start.title", "en"))).to_be_visible()
    page.wait_for_function(_LANG_IS, arg="en", timeout=10_000)
    app.nav("new_case")
    expect(app.heading(t("new_case.title", "en"))).to_be_visible()
    page.wait_for_function(_LANG_IS, arg="en", timeout=10_000)
    # Streamlit's own words follow too, and come back when the language does: the help
    # button's label changes with ours anyway; the sidebar's never changes in Streamlit,
    # so only our script can bring its English back.
    help_button = page.locator('[data-testid="stTooltipHoverTarget"] button').first
    pages = page.locator('nav[data-testid="stSidebarNav"]')
    expect(help_button).to_have_attribute("aria-label", re.compile(r"^Help for "))
    expect(pages).to_have_attribute("aria-label", "App pages")
    for choice, help_starts, pages_label in (
        ("Svenska", "Hjälp om ", t("streamlit.app_pages", "sv")),
        ("English", "Help for ", "App pages"),
        ("Svenska", "Hjälp om ", t("streamlit.app_pages", "sv")),
    ):
        app.select("Språk / Language", choice)
        expect(help_button).to_have_attribute("aria-label", re.compile(f"^{help_starts}"))
        expect(pages).to_have_attribute("aria-label", pages_label)
    page.wait_for_function(_LANG_IS, arg="sv", timeout=10_000)
    # Streamlit's own English placeholder is nowhere on the page.
    assert page.get_by_text("Choose an option").count() == 0
