"""Streamlit's own widget words in the user's language (issue 12 item 4, WCAG 3.1.2).

Streamlit's frontend writes some words itself, in English only and with no option to change
them: "Press Ctrl+Enter to apply" under a text area, "Add: …" in a multiselect, the date
field's "yyyy" and its screen-reader names ("year, Birth date", "Selected Date: …"),
"Help for …" on every help icon, the toolbar buttons of tables and charts, the sidebar's
buttons. Where Streamlit has an option we use it (our own labels, placeholders, ``help``,
``select_all=False``); for the rest a small script, sent once per run with the page
language (``page_language.py``), rewrites exactly these strings, in the text and in the
``aria-label`` and similar attributes, and nothing else:

* every rule names Streamlit's English (a regular expression matched against the whole,
  trimmed string), where it may appear (a CSS selector the element must be inside) and a
  catalogue key (``streamlit.*``) with the words in each language, so the English
  catalogue says what Streamlit says and a switch back to English restores it;
* a MutationObserver applies the rules to whatever React draws later (a dropdown that
  opens, the hint that appears on typing) and remembers each rewritten string's original,
  so a change of language translates from Streamlit's words again;
* text inside a text area, and a person's words that happen to look like a rule (a tag in
  a multiselect, a chart's data) are never touched: text rules only apply inside the named
  Streamlit parts, attribute rules never on multiselect tags.

The calendar that opens from a date field follows the browser's language (Streamlit gives
it ``navigator.language``), not ours; it is left alone.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache

from plans.i18n import t

TEXT = "#text"


@dataclass(frozen=True)
class Rule:
    key: str
    """Catalogue key under ``streamlit.``; its text may use the pattern's group names."""
    english: str
    """Streamlit's words as a JavaScript regular expression (named groups ``(?<name>…)``)."""
    where: str
    """CSS selector: the element holding the string must be inside (or be) one of these."""
    attr: str = TEXT
    maps: dict[str, str] = field(default_factory=dict)
    """Group name -> a catalogue table translating the group's value one by one: its English
    texts are the values Streamlit writes ("August"), its other texts our words ("augusti")."""


_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)

_SPIN = '[data-testid="stDateInputFieldsScroller"] [role="spinbutton"]'
_TOOLBAR = '[data-testid="stBaseButton-elementToolbar"]'
_UPLOADER = '[data-testid="stFileUploader"]'
_PICKERS = '[data-testid="stSelectbox"], [data-testid="stMultiSelect"]'
_OPTIONS = '[role="listbox"], [role="option"], [data-baseweb="popover"], [role="dialog"]'
_TIP = '[data-testid="stTooltipContent"]'
_CHART = '[data-testid="stVegaLiteChart"]'
_DATE_ERROR = f'[data-testid="stDateInput"], {_TIP}'

RULES: tuple[Rule, ...] = (
    # The page around everything
    Rule("skip_to_content", "Skip to main content", '[data-testid="stSkipToContent"]'),
    Rule("sidebar", "Sidebar", 'section[data-testid="stSidebar"]', "aria-label"),
    Rule("collapse_sidebar", "Collapse sidebar", "button", "aria-label"),
    Rule("expand_sidebar", "Expand sidebar", "button", "aria-label"),
    Rule("app_pages", "App pages", 'nav[data-testid="stSidebarNav"]', "aria-label"),
    Rule("view_less", "View less", '[data-testid="stSidebarNav"]'),
    Rule("view_more", r"View (?<count>\d+) more", '[data-testid="stSidebarNav"]'),
    Rule("running", r"Running\.\.\.", '[data-testid="stStatusWidget"]', "aria-label"),
    Rule("running", r"Running\.\.\.", '[data-testid="stStatusWidget"]'),
    Rule("stop", "Stop", '[data-testid="stStatusWidget"]'),
    Rule("close", "Close", "button", "aria-label"),
    # Labels and headings
    Rule("help_for", "Help for (?<label>.*)", '[data-testid="stTooltipHoverTarget"]', "aria-label"),
    Rule(
        "link_to_heading", "Link to heading", '[data-testid="stHeaderActionElements"]', "aria-label"
    ),
    Rule("shortcut", "Shortcut (?<key>.+)", "kbd", "aria-label"),
    Rule("progress", "progress", '[role="progressbar"]', "aria-label"),
    Rule(
        "icon",
        "(?<icon>check|check_circle|chat_bubble|delete) icon",
        '[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]',
        "aria-label",
        maps={"icon": "streamlit.icon_names"},
    ),
    # Text fields
    Rule(
        "press_ctrl_enter_apply",
        r"Press (?<key>Ctrl|⌘)\+Enter to apply",
        '[data-testid="InputInstructions"]',
    ),
    Rule(
        "press_ctrl_enter_submit",
        r"Press (?<key>Ctrl|⌘)\+Enter to submit form",
        '[data-testid="InputInstructions"]',
    ),
    Rule("press_enter_apply", "Press Enter to apply", '[data-testid="InputInstructions"]'),
    Rule("press_enter_submit", "Press Enter to submit form", '[data-testid="InputInstructions"]'),
    Rule("show_password", "Show password", '[data-testid="stTextInputRootElement"]', "aria-label"),
    Rule("hide_password", "Hide password", '[data-testid="stTextInputRootElement"]', "aria-label"),
    Rule("clear_entry", "Clear entry", '[data-testid="stTextInputRootElement"]', "aria-label"),
    # Select boxes and multiselects
    Rule("open", "Open", _PICKERS, "aria-label"),
    Rule("clear_all", "Clear all", _PICKERS, "aria-label"),
    Rule("clear_value", "Clear value", _PICKERS, "aria-label"),
    Rule(
        "selected_values",
        "Selected values",
        '[data-testid="stMultiSelectTagsContainer"]',
        "aria-label",
    ),
    Rule("remove", "Remove (?<value>.+)", "[data-tag] button", "aria-label"),
    Rule("add_option", "Add: (?<value>.*)", _OPTIONS),
    Rule("select_all", "Select all", _OPTIONS),
    Rule("select_matches", r"Select (?<count>\d+) matches", _OPTIONS),
    Rule("no_results", "No results", _OPTIONS),
    Rule("selectbox_options", "Selectbox options", _OPTIONS, "aria-label"),
    # Date fields (the field speaks en-US whatever the browser says)
    Rule(
        "date_part",
        "(?<part>year|month|day), (?<label>.*)",
        _SPIN,
        "aria-label",
        maps={"part": "streamlit.date_parts"},
    ),
    Rule("date_placeholder_year", "yyyy", _SPIN),
    Rule("date_placeholder_month", "mm", _SPIN),
    Rule("date_placeholder_day", "dd", _SPIN),
    Rule("date_empty", "Empty", _SPIN, "aria-valuetext"),
    Rule(
        "date_month_value",
        rf"(?<number>\d\d) – (?<month>{_MONTH_NAMES})",
        _SPIN,
        "aria-valuetext",
        maps={"month": "streamlit.months"},
    ),
    Rule(
        "selected_date",
        rf"Selected Date: (?<month>{_MONTH_NAMES}) (?<day>\d{{1,2}}), (?<year>\d{{4}})",
        '[id^="react-aria-description"]',
        maps={"month": "streamlit.months", "day": "streamlit.days"},
    ),
    # A typed date out of range: plain text under the field, markdown in its tooltip
    Rule(
        "date_between",
        r"(?<error>Error)?: Date set outside allowed range\. Please select a date between"
        r" (?<low>\S+) and (?<high>\S+)\.",
        _DATE_ERROR,
        maps={"error": "streamlit.error_words"},
    ),
    Rule(
        "date_after",
        r"(?<error>Error)?: Date set outside allowed range\. Please select a date on or after"
        r" (?<low>\S+)\.",
        _DATE_ERROR,
        maps={"error": "streamlit.error_words"},
    ),
    Rule(
        "date_before",
        r"(?<error>Error)?: Date set outside allowed range\. Please select a date on or before"
        r" (?<high>\S+)\.",
        _DATE_ERROR,
        maps={"error": "streamlit.error_words"},
    ),
    Rule("date_error", "Error", _DATE_ERROR),
    Rule("choose_date", "Choose date", "*", "aria-label"),
    Rule("clear_date", "Clear date", '[data-testid="stDateInput"]', "aria-label"),
    Rule("previous_month", "Previous month", "*", "aria-label"),
    Rule("next_month", "Next month", "*", "aria-label"),
    Rule(
        "calendar_keys",
        r"Use arrow keys to navigate dates\. Enter to select\. Escape to close\.",
        "*",
    ),
    # The file uploader
    Rule("upload", "Upload", f"{_UPLOADER} button"),
    Rule("per_file", "(?<size>.+) per file", '[data-testid="stFileUploaderDropzoneInstructions"]'),
    Rule("drag_and_drop", "Drag and drop a file here", _UPLOADER),
    Rule("file_upload", "file upload", '[data-testid="stFileUploaderDropzoneInput"]', "aria-label"),
    Rule("add_files", "Add files", _UPLOADER, "aria-label"),
    Rule("remove", "Remove (?<value>.+)", '[data-testid="stFileChip"]', "aria-label"),
    Rule("upload_failed", "Upload failed", _UPLOADER),
    Rule("only_one_file", r"Only one file is allowed\.", _UPLOADER),
    Rule("type_not_allowed", r"(?<type>\S+) files are not allowed\.", _UPLOADER),
    # Toolbars of tables and charts, and their tooltips
    Rule("show_hide_columns", "Show/hide columns", _TOOLBAR, "aria-label"),
    Rule("download_csv", "Download as CSV", _TOOLBAR, "aria-label"),
    Rule("search", "Search", _TOOLBAR, "aria-label"),
    Rule("fullscreen", "Fullscreen", _TOOLBAR, "aria-label"),
    Rule("close_fullscreen", "Close fullscreen", _TOOLBAR, "aria-label"),
    Rule("show_data", "Show data", _TOOLBAR, "aria-label"),
    Rule("show_chart", "Show chart", _TOOLBAR, "aria-label"),
    Rule("download_png", "Download as PNG", _TOOLBAR, "aria-label"),
    Rule("copy_spec", "Copy Vega-Lite spec", _TOOLBAR, "aria-label"),
    Rule("fullscreen_of", "Fullscreen: (?<alt>.+)", _TOOLBAR, "aria-label"),
    Rule("close_fullscreen_of", "Close fullscreen: (?<alt>.+)", _TOOLBAR, "aria-label"),
    Rule("show_data_of", "Show data: (?<alt>.+)", _TOOLBAR, "aria-label"),
    Rule("show_chart_of", "Show chart: (?<alt>.+)", _TOOLBAR, "aria-label"),
    Rule("download_png_of", "Download as PNG: (?<alt>.+)", _TOOLBAR, "aria-label"),
    Rule("copy_spec_of", "Copy Vega-Lite spec: (?<alt>.+)", _TOOLBAR, "aria-label"),
    Rule("show_hide_columns", "Show/hide columns", _TIP),
    Rule("download_csv", "Download as CSV", _TIP),
    Rule("search", "Search", _TIP),
    Rule("fullscreen", "Fullscreen", _TIP),
    Rule("close_fullscreen", "Close fullscreen", _TIP),
    Rule("show_data", "Show data", _TIP),
    Rule("show_chart", "Show chart", _TIP),
    Rule("download_png", "Download as PNG", _TIP),
    Rule("copy_spec", "Copy Vega-Lite spec", _TIP),
    Rule("close_search", "Close Search", '[data-testid="stDataFrame"]', "aria-label"),
    Rule("next_result", "Next Result", '[data-testid="stDataFrame"]', "aria-label"),
    Rule("previous_result", "Previous Result", '[data-testid="stDataFrame"]', "aria-label"),
    # Vega charts: the roles a screen reader names and a chart's title (the marks and the
    # other guides are silent: chart_text.py)
    Rule("visualization", "visualization", _CHART, "aria-roledescription"),
    Rule("chart_group", "group mark container", _CHART, "aria-roledescription"),
    Rule("chart_title_role", "title", _CHART, "aria-roledescription"),
    Rule("chart_title", "Title text '(?<title>.*)'", _CHART, "aria-label"),
)
_ATTRIBUTES = tuple(sorted({r.attr for r in RULES if r.attr != TEXT}))
_GROUP = re.compile(r"\(\?<([a-z]+)>")


def english_patterns(lang: str = "en") -> list[str]:
    """The English of every rule that changes the words in ``lang``, as Python regular
    expressions (for tests: "mm" is the same in Swedish, "year, …" is not)."""
    return [
        _GROUP.sub(r"(?P<\1>", rule.english)
        for rule in RULES
        if lang == "en"
        or rule.maps
        or t(f"streamlit.{rule.key}", lang) != t(f"streamlit.{rule.key}", "en")
    ]


def _map(prefix: str, lang: str) -> dict[str, str]:
    from plans.i18n import catalog

    names = [
        key.removeprefix(prefix + ".") for key in catalog("en") if key.startswith(prefix + ".")
    ]
    return {t(f"{prefix}.{name}", "en"): t(f"{prefix}.{name}", lang) for name in names}


@lru_cache(maxsize=4)
def _rules_json(lang: str) -> str:
    rules = [
        {
            "where": rule.where,
            "attr": rule.attr,
            "pattern": rule.english,
            "text": t(f"streamlit.{rule.key}", lang),
            **({"maps": {g: _map(p, lang) for g, p in rule.maps.items()}} if rule.maps else {}),
        }
        for rule in RULES
    ]
    blob = json.dumps(
        {"rules": rules, "attributes": _ATTRIBUTES}, ensure_ascii=False, separators=(",", ":")
    )
    # Inside <script>: no "</script>" or "<!--" can end it early.
    return blob.replace("<", "\\u003c")


_SCRIPT = """
(() => {
  const config = __CONFIG__;
  const state = window.__hjuletWords || (window.__hjuletWords = { seen: new WeakMap() });
  state.rules = config.rules.map(
    (rule) => ({ ...rule, regex: new RegExp(`^(?:${rule.pattern})$`) }));
  const NEVER = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA']);

  const render = (rule, match) => rule.text.replace(/\\{(\\w+)\\}/g, (whole, name) => {
    if (!match.groups || !(name in match.groups)) return whole;
    const value = match.groups[name] || '';  // an optional group that did not match
    const map = rule.maps && rule.maps[name];
    return map && Object.prototype.hasOwnProperty.call(map, value) ? map[value] : value;
  });

  const translate = (value, element, attr) => {
    const trimmed = value.trim();
    if (!trimmed) return null;
    for (const rule of state.rules) {
      if (rule.attr !== attr) continue;
      const match = rule.regex.exec(trimmed);
      if (match && element.closest(rule.where)) return value.replace(trimmed, render(rule, match));
    }
    return null;
  };

  // What we wrote, per node and attribute, and Streamlit's words it came from.
  const update = (node, attr, element, current, write) => {
    let memo = state.seen.get(node);
    if (!memo) { memo = {}; state.seen.set(node, memo); }
    const known = memo[attr];
    const source = known && known.shown === current ? known.source : current;
    const shown = translate(source, element, attr);
    if (shown === null) { delete memo[attr]; return; }
    memo[attr] = { source, shown };
    if (shown !== current) write(shown);
  };

  const text = (node) => {
    const parent = node.parentElement;
    if (!parent || NEVER.has(parent.tagName)) return;
    update(node, '#text', parent, node.nodeValue, (value) => { node.nodeValue = value; });
  };

  const attribute = (element, name) => {
    if (element.hasAttribute('data-tag')) return;  // a chosen value: the person's words
    const value = element.getAttribute(name);
    if (value === null) return;
    update(element, name, element, value, (shown) => element.setAttribute(name, shown));
  };

  const tree = (root) => {
    if (root.nodeType === Node.TEXT_NODE) { text(root); return; }
    if (root.nodeType !== Node.ELEMENT_NODE) return;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) text(node);
    const selector = config.attributes.map((name) => `[${name}]`).join(',');
    const elements = root.matches(selector) ? [root] : [];
    elements.push(...root.querySelectorAll(selector));
    for (const element of elements) {
      for (const name of config.attributes) attribute(element, name);
    }
  };

  if (!state.observer) {
    state.observer = new MutationObserver((records) => {
      for (const record of records) {
        if (record.type === 'childList') record.addedNodes.forEach(tree);
        else if (record.type === 'characterData') text(record.target);
        else if (record.type === 'attributes') attribute(record.target, record.attributeName);
      }
    });
    state.observer.observe(document.body, {
      subtree: true, childList: true, characterData: true,
      attributes: true, attributeFilter: config.attributes,
    });
  }
  tree(document.body);
})();
"""


def script(lang: str) -> str:
    """The script for ``lang`` ("sv" or "en"): installs the observer once, then applies
    this language's words to the page as it is now."""
    return _SCRIPT.replace("__CONFIG__", _rules_json(lang))
