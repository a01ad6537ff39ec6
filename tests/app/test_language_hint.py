"""The plain-language indicator while writing the plan (issue 6, in-app part)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import TextArea

from app.components.language_hint import one_click, whole_word
from plans.language import check_text
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type

REASONS = "Varför gör vi en plan tillsammans?"
JARGON = "Vh har samtyckt till SIP enligt SoL"


def _area(at: AppTest, label: str, index: int = 0) -> TextArea:
    return [w for w in at.text_area if w.label == label][index]


def _unescaped(text: str) -> str:
    """What the reader sees: user text reaches markdown backslash-escaped."""
    return text.replace("\\", "")


def _captions(at: AppTest) -> list[str]:
    return [_unescaped(c.value) for c in at.caption]


def _markdown(at: AppTest) -> str:
    return "\n".join(_unescaped(m.value) for m in at.markdown)


def _overview(at: AppTest) -> str:
    return " ".join(i.value for i in at.info if "i planen" in i.value)


def test_jargon_shows_findings_and_one_click_replaces_it(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="plan")
    at.run()
    # Noah's plan already has a few hard words ("kuratorn"); the overview counts them all.
    before = int(_overview(at).split()[0])
    _area(at, REASONS).input(JARGON).run()
    assert not at.exception
    assert any("4 ord kan vara svåra att förstå" in c for c in _captions(at))
    shown = _markdown(at)
    assert "**Vh** är en förkortning" in shown and "dina föräldrar" in shown
    assert "**samtyckt** är ett ord många inte känner till" in shown
    assert "**SIP**" in shown and "**SoL**" in shown
    # The page's overview counts the same words.
    assert f"{before + 4} ord i planen kan vara svåra att förstå" in _overview(at)
    replace = next(b for b in at.button if b.label == "Byt till ”dina föräldrar”")
    replace.click().run()
    assert _area(at, REASONS).value == "Dina föräldrar har samtyckt till SIP enligt SoL"
    next(b for b in at.button if b.label == "Byt till ”en gemensam plan”").click().run()
    assert (
        _area(at, REASONS).value == "Dina föräldrar har samtyckt till en gemensam plan enligt SoL"
    )
    assert any("2 ord kan vara svåra att förstå" in c for c in _captions(at))
    # The replacement went into the draft, so Save stores it.
    next(b for b in at.button if b.label == "Spara").click().run()
    stored = app_store.load(cid, "plan").parsed()
    assert stored.reasons == "Dina föräldrar har samtyckt till en gemensam plan enligt SoL"


def test_child_part_is_nudged_toward_first_person(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="plan")
    at.run()
    _area(at, "Det här behöver jag hjälp med").input("Eleven behöver stöd i matte.").run()
    assert "Skriv som barnet själv säger det" in _markdown(at)
    assert "Jag behöver" in _markdown(at)
    # The same words in the family's part are fine: the nudge is for the child's words only.
    _area(at, "Det här behöver jag hjälp med").input("Jag behöver stöd i matte.").run()
    _area(at, "Det här gör min familj").input("Eleven behöver stöd i matte.").run()
    assert "Skriv som barnet själv säger det" not in _markdown(at)


def test_the_childs_own_words_are_never_flagged(make_app: MakeApp, app_store: FileStore) -> None:
    """Issue 12 item 9: the child's words were given a level ("medel", over the target)
    and their long words counted as hard. The same words in the family's part still are."""
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="plan")
    at.run()

    def hints() -> list[str]:
        return [c for c in _captions(at) if "Läsbarhet" in c or "svåra" in c]

    before, advice = hints(), _markdown(at).count("**")
    own = "Jag behöver någon att vara med på rasterna och vill att kuratorn ringer SoL."
    _area(at, "Det här behöver jag hjälp med").input(own).run()
    assert not at.exception
    # Nothing new under the child's part: no level, no hard words, no suggestions.
    assert hints() == before
    assert _markdown(at).count("**") == advice  # no advice about any word
    _area(at, "Det här gör min familj").input(own).run()
    assert hints() != before and _markdown(at).count("**") > advice


def test_plain_text_gets_a_calm_indicator(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="plan")
    at.run()
    offers = [b.label for b in at.button if b.label.startswith("Byt till")]
    _area(at, REASONS).input("Noah vill gå till skolan och ha kompisar där.").run()
    assert any("Läsbarhet: lätt" in c for c in _captions(at))
    assert [b.label for b in at.button if b.label.startswith("Byt till")] == offers


def test_hints_speak_english(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="plan", lang="en")
    at.run()
    # The plan is written in Swedish (the wheel is girfec-sv); the advice is in English.
    _area(at, "Why are we making a plan together?").input(JARGON).run()
    assert any("4 words may be hard to understand" in c for c in _captions(at))
    assert "**Vh** is an abbreviation" in _markdown(at)
    assert any(b.label == "Change to “dina föräldrar”" for b in at.button)


def test_no_one_click_replacement_inside_a_longer_word() -> None:
    """Swapping a stem inside an inflected or compound word would break the word."""
    text = "Enligt åtgärdsprogrammet får Noah insatser från BVC-sköterskan."
    report = check_text(text, "sv", "family")
    by_term = {f.term: f for f in report.findings}
    assert not whole_word(text, by_term["åtgärdsprogram"])  # ...programmet
    assert not one_click(text, by_term["BVC"])  # BVC-sköterskan
    assert one_click(text, by_term["insatser"])
