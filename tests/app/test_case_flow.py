"""AppTest: start page, new case, notice, consent, conflicts and the language switch."""

from __future__ import annotations

import datetime as dt
import re

from streamlit.testing.v1 import AppTest

from plans.documents.consent import ConsentBody
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type


def _button(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


def _field(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    for group in (at.text_input, at.text_area):
        for widget in group:
            if widget.label.startswith(label):
                return widget
    raise LookupError(label)


def _save(at: AppTest) -> None:
    form_button = next(b for b in at.button if b.label == "Spara")
    form_button.click().run()


def test_start_lists_only_my_cases_soonest_review_first_and_filters(make_app: MakeApp) -> None:
    at = make_app(user="jonas")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Mina ärenden"
    names = list(at.dataframe[0].value["Namn"])
    # Jonas Berg is the named person of Noah and of an anonymous consultation: only those.
    assert sorted(names) == sorted(["Noah Lundqvist", "Anonym konsultation (6–12 år)"])

    at = make_app(user="lena")
    at.run()
    # Lena is Milo's named person and a partner in Sofia's plan, which consent covers.
    assert list(at.dataframe[0].value["Namn"]) == ["Milo Andersson", "Sofia Nilsson"]
    at.checkbox(key="start_due").check().run()
    assert list(at.dataframe[0].value["Namn"]) == ["Milo Andersson"]  # review 3 days ago

    at = make_app(user="maria")
    at.run()
    at.text_input(key="start_search").input("sofia").run()
    assert list(at.dataframe[0].value["Namn"]) == ["Sofia Nilsson"]
    at.text_input(key="start_search").input("milo").run()
    assert not at.dataframe or list(at.dataframe[0].value["Namn"]) == []


def test_new_child_case_validates_in_swedish_then_creates(
    make_app: MakeApp, app_store: FileStore
) -> None:
    at = _open_page(make_app(), "new_case")
    before = len(app_store.list_cases())
    _button(at, "Skapa ärendet")
    assert any("Förnamn" in e.value and "måste" in e.value for e in at.error)
    assert len(app_store.list_cases()) == before
    _field(at, "Förnamn").input("Ture").run()
    at.date_input[0].set_value(dt.date(2019, 4, 1)).run()
    _field(at, "Vad såg eller hörde ni").input("Ture är ofta trött i skolan.").run()
    _button(at, "Skapa ärendet")
    assert not at.exception
    created = [c for c in app_store.list_cases() if c.display_name == "Ture"]
    assert len(created) == 1
    case = app_store.load(created[0].id, "case").parsed()
    assert case.notice.what_was_seen == "Ture är ofta trött i skolan."


def _open_page(at: AppTest, name: str) -> AppTest:
    """Go to a page the way a sidebar click does."""
    at.run()
    at.switch_page(f"app/pages/{name}.py")
    at.run()
    return at


def test_anonymous_consultation_warns_then_refuses_personal_data(
    make_app: MakeApp, app_store: FileStore
) -> None:
    at = _open_page(make_app(), "new_case")
    at.radio[0].set_value("anonymous").run()
    _field(at, "Vad oroar er").input("Eleven 150304-1234 är ledsen, säger Kalle.").run()
    warnings = " ".join(w.value for w in at.warning)
    assert "personnummer" in warnings
    assert "Kalle" in warnings
    before = len(app_store.list_cases())
    _button(at, "Skapa ärendet")
    assert not at.exception
    errors = " ".join(e.value for e in at.error).replace("\\", "")  # shown as escaped text
    assert "får inte innehålla personnummer (150304-1234)" in errors
    assert "får inte innehålla namn (Kalle)" in errors
    assert len(app_store.list_cases()) == before  # nothing saved "anyway"
    assert _field(at, "Vad oroar er").value.startswith("Eleven 150304-1234")  # text kept


def test_notice_text_survives_step_changes_then_saves(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    before = app_store.load(cid, "case").revision
    at = make_app(case=cid, step="notice")
    at.run()
    _field(at, "Vad såg eller hörde ni").input("Nytt: Noah var borta tre dagar.").run()
    assert any("Osparade" in w.value for w in at.warning)
    at.radio(key=f"step::{cid}").set_value("consent").run()
    assert at.header[0].value == "Samtycke"
    at.radio(key=f"step::{cid}").set_value("notice").run()
    assert _field(at, "Vad såg eller hörde ni").value == "Nytt: Noah var borta tre dagar."
    _save(at)
    assert not at.exception
    stored = app_store.load(cid, "case")
    assert stored.parsed().notice.what_was_seen == "Nytt: Noah var borta tre dagar."
    assert stored.revision == before + 1


def test_consent_recorded_then_withdrawn_stops_sharing(
    make_app: MakeApp, app_store: FileStore
) -> None:
    at = _open_page(make_app(), "new_case")
    _field(at, "Förnamn").input("Vega").run()
    at.date_input[0].set_value(dt.date(2020, 1, 1)).run()
    _field(at, "Vårdnadshavare 1: namn").input("Per Påhittad").run()
    _button(at, "Skapa ärendet")
    cid = next(c.id for c in app_store.list_cases() if c.display_name == "Vega")
    at = make_app(case=cid, step="consent")
    at.run()
    assert any("Inget samtycke" in i.value for i in at.info)
    at.multiselect[0].select("Per Påhittad").run()
    at.multiselect[1].select("Socialtjänsten").run()
    _save(at)
    consent = app_store.load(cid, "consent").parsed()
    assert consent.given_by == ["Per Påhittad"] and "Socialtjänsten" in consent.scope_names()
    at = make_app(case=cid, step="consent")
    at.run()
    withdrawn = next(d for d in at.date_input if d.label == "Återkallat datum")
    withdrawn.set_value(dt.date.today()).run()
    _save(at)
    assert app_store.load(cid, "consent").parsed().withdrawn_on == dt.date.today()
    assert any("återkallat" in e.value for e in at.error)


def test_conflict_shows_both_versions_and_keeps_my_text(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Sofia")
    base = app_store.load(cid, "case").revision
    at = make_app(case=cid, step="notice")
    at.run()
    _field(at, "Vad såg eller hörde ni").input("Min text från mötet.").run()
    theirs = app_store.load(cid, "case").parsed()
    theirs.notice.what_was_seen = "Deras text, sparad först."
    app_store.save(cid, "case", theirs, parent_revision=base, saved_by="Kollega")
    _save(at)
    assert not at.exception
    assert any("Någon annan har sparat" in e.value for e in at.error)
    shown = [t.value for t in at.text]
    assert "Min text från mötet." in shown and "Deras text, sparad först." in shown
    assert app_store.load(cid, "case").revision == base + 1  # nothing overwritten
    _button(at, "Spara de valda texterna")  # default choice per field: mine; one click
    stored = app_store.load(cid, "case")
    assert stored.revision == base + 2 and stored.parent_revision == base + 1
    assert stored.parsed().notice.what_was_seen == "Min text från mötet."


def test_one_click_in_the_conflict_panel_saves_the_choice_with_the_note(
    make_app: MakeApp, app_store: FileStore
) -> None:
    """Issue 12 item 11: after choosing in the conflict panel a second "Spara" was needed,
    and the note typed with the first one was gone."""
    cid = case_of_type(app_store, "child", "Sofia")
    base = app_store.load(cid, "case").revision
    at = make_app(case=cid, step="notice")
    at.run()
    _field(at, "Vad såg eller hörde ni").input("Min text från mötet.").run()
    theirs = app_store.load(cid, "case").parsed()
    theirs.notice.what_was_seen = "Deras text, sparad först."
    theirs.team = "Kollegans team"
    app_store.save(cid, "case", theirs, parent_revision=base, saved_by="Kollega")
    at.text_input(key=f"note::draft::{cid}::case::0").input("Efter mötet med mamma")
    _save(at)
    assert any("Någon annan har sparat" in e.value for e in at.error)
    at.button(key=f"merge::draft::{cid}::case").click().run()
    assert not at.exception
    stored = app_store.load(cid, "case")
    assert stored.revision == base + 2 and stored.parent_revision == base + 1
    assert stored.note == "Efter mötet med mamma"
    body = stored.parsed()
    assert body.notice.what_was_seen == "Min text från mötet."  # mine, chosen
    assert body.team == "Kollegans team"  # theirs, not in conflict
    assert not any("Någon annan har sparat" in e.value for e in at.error)
    assert any(s.value.startswith("Sparat") for s in at.success)


def test_language_switch_to_english(make_app: MakeApp, app_store: FileStore) -> None:
    at = make_app(lang="en")
    at.run()
    assert at.title[0].value == "My cases"
    assert "Name" in at.dataframe[0].value.columns
    cid = case_of_type(app_store, "child", "Milo")
    at = make_app(case=cid, step="consent", lang="en")
    at.run()
    assert at.header[0].value == "Consent"
    assert at.sidebar.selectbox[0].value == "en"


def test_consent_that_has_ended_says_so_and_stops_sharing(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    consent_env = app_store.load(cid, "consent")
    ended = consent_env.body_as(ConsentBody).model_copy(
        update={"expires_on": dt.date.today() - dt.timedelta(days=1)}
    )
    app_store.save(cid, "consent", ended, parent_revision=consent_env.revision)
    at = make_app(case=cid, step="consent")
    at.run()
    assert not at.exception
    assert any("gällde till och med" in e.value for e in at.error)
    assert not ended.allows(ended.scope[0].id, dt.date.today())


def test_a_step_nothing_was_saved_in_speaks_of_no_version(
    make_app: MakeApp, app_store: FileStore
) -> None:
    """Issue 12 item 10: after "Skapa ärendet" the next step said "Allt är sparat
    (version 1)" before anything was typed there, and its first save "version 2"."""
    at = _open_page(make_app(), "new_case")
    at.radio[0].set_value("anonymous").run()
    _field(at, "Vad oroar er").input("Eleven är ofta ledsen på rasterna.").run()
    before = {c.id for c in app_store.list_cases()}
    _button(at, "Skapa ärendet")
    assert not at.exception
    [cid] = [c.id for c in app_store.list_cases() if c.id not in before]
    # The step the new case opens on (AppTest cannot follow st.switch_page, so open it).
    at = make_app(case=cid, step="notice")
    at.run()
    shown = [c.value for c in at.caption] + [s.value for s in at.success]
    assert not any(re.search(r"version \d", text) for text in shown), shown
    _field(at, "Vad såg eller hörde ni").input("Läraren berättade på mötet.").run()
    _save(at)
    assert not at.exception
    said = [s.value for s in at.success]
    assert said and not any(re.search(r"version \d", text) for text in said), said


def test_creating_a_case_opens_the_step_that_comes_next(
    make_app: MakeApp, app_store: FileStore
) -> None:
    """Issue 12 item 11: after "Skapa ärendet" the case opened on the step just filled in
    (Uppmärksamma); it opens on consent, or on the consultation when anonymous."""
    at = _open_page(make_app(), "new_case")
    _field(at, "Förnamn").input("Ture").run()
    at.date_input[0].set_value(dt.date(2019, 4, 1)).run()
    _button(at, "Skapa ärendet")
    assert not at.exception
    [child] = [c.id for c in app_store.list_cases() if c.display_name == "Ture"]
    assert at.session_state[f"step::{child}"] == "consent"

    at = _open_page(make_app(), "new_case")
    at.radio[0].set_value("anonymous").run()
    _field(at, "Vad oroar er").input("Eleven är ofta ledsen på rasterna.").run()
    before = {c.id for c in app_store.list_cases()}
    _button(at, "Skapa ärendet")
    [anonymous] = [c.id for c in app_store.list_cases() if c.id not in before]
    assert at.session_state[f"step::{anonymous}"] == "consultation"


def test_next_step_walks_through_the_steps_and_keeps_unsaved_text(
    make_app: MakeApp, app_store: FileStore
) -> None:
    """Issue 12 item 11: the only way on was the stepper at the top of the page."""
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="notice")
    at.run()
    _field(at, "Vad såg eller hörde ni").input("Osparad rad om Noah.").run()
    seen = [at.header[0].value]
    for _ in range(8):
        go_on = [b for b in at.button if b.label.startswith("Nästa steg: ")]
        if not go_on:
            break
        go_on[0].click().run()
        assert not at.exception
        seen.append(at.header[0].value)
    assert seen == [
        "Uppmärksamma", "Samtycke", "Hjulet", "Fem frågor", "Barnets plan", "Uppföljning"
    ]  # fmt: skip
    at.radio(key=f"step::{cid}").set_value("notice").run()
    assert _field(at, "Vad såg eller hörde ni").value == "Osparad rad om Noah."


def test_next_step_in_english_names_the_step(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="consent", lang="en")
    at.run()
    assert any(b.label == "Next step: 3. The wheel" for b in at.button), [
        b.label for b in at.button
    ]


def test_the_address_keeps_the_step_so_a_reload_comes_back_to_it(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid)
    at.run()
    at.radio(key=f"step::{cid}").set_value("plan").run()
    assert at.query_params["step"] == "plan"
    # A reload is a new session with the same address.
    again = make_app(case=cid)
    again.query_params["step"] = "plan"
    again.run()
    assert not again.exception
    assert again.radio(key=f"step::{cid}").value == "plan"
    # A step the case does not offer falls back to the first.
    odd = make_app(case=cid)
    odd.query_params["step"] = "no-such-step"
    odd.run()
    assert odd.radio(key=f"step::{cid}").value == "notice"
