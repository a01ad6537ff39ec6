"""AppTest: my caseload as the start page, and case administration on the case page."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from plans.accounts import MemberReason, directory_for
from plans.demo import write_demo
from plans.documents.case import CaseBody, CaseStatus, CaseType, CloseReason
from plans.services import LOCAL_OPERATOR, Context, save_document
from plans.settings import get_settings
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type


def _button(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


def test_my_caseload_shows_only_my_cases_with_what_to_do(
    make_app: MakeApp, app_store: FileStore
) -> None:
    at = make_app(user="lena")
    at.run()
    assert not at.exception
    frame = at.dataframe[0].value
    mine = {
        c.display_name
        for c in app_store.list_cases()
        if "Lena Holm" in (c.named_person, c.facts["caseload"]["lead_professional"])
        or any(a["who"] == "Lena Holm" for a in c.facts["caseload"]["actions"])
    }
    assert set(frame["Namn"]) == mine and "Milo Andersson" in mine
    milo = frame[frame["Namn"] == "Milo Andersson"].iloc[0]
    assert "Uppföljning" in milo["Att göra"]  # his review was three days ago
    assert "namngiven person" in milo["Min del"]
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "Mina ärenden: 1 ärende behöver något" in sidebar
    assert "Mina påminnelser (1)" in [e.label for e in at.expander]
    at.selectbox(key="start_scope").select("all").run()
    # every open case she may open (sign-in and access decide which: plans/services/access.py)
    assert set(at.dataframe[0].value["Namn"]) >= mine
    at.multiselect(key="start_kinds").select("review_due").run()
    assert list(at.dataframe[0].value["Namn"]) == ["Milo Andersson"]
    assert all("Uppföljning" in text for text in at.dataframe[0].value["Att göra"])


def test_a_case_whose_access_ends_leaves_the_list_at_once(
    make_app: MakeApp, app_store: FileStore
) -> None:
    at = make_app(user="lena")
    at.run()
    at.selectbox(key="start_scope").select("all").run()
    assert "Milo Andersson" in set(at.dataframe[0].value["Namn"])
    milo = case_of_type(app_store, "child", "Milo")
    # Memberships live beside the store: no document is saved, no generation changes.
    directory_for(app_store).remove_member(milo, "lena", list(MemberReason))
    at.run()
    assert "Milo Andersson" not in set(at.dataframe[0].value["Namn"])


def test_after_a_save_the_other_cases_are_not_read_again(app_store: FileStore) -> None:
    from app.context import all_cases

    before = {c.id: c for c in all_cases()}
    milo = case_of_type(app_store, "child", "Milo")
    ctx = Context(app_store, LOCAL_OPERATOR, dt.date.today())
    case = app_store.load(milo, "case")
    body = case.body_as(CaseBody).model_copy(update={"team": "Team Norr"})
    save_document(ctx, milo, "case", body, base_revision=case.revision)
    after = {c.id: c for c in all_cases()}
    assert after[milo].team == "Team Norr" and after[milo] is not before[milo]
    assert all(after[i] is before[i] for i in before if i != milo)


def test_a_long_list_comes_in_pages_and_a_search_starts_at_the_first(
    make_app: MakeApp, app_store: FileStore
) -> None:
    write_demo(app_store, 55, seed=7)  # 60 cases in all, each of them open to Lena
    for case in app_store.list_cases():
        directory_for(app_store).add_member(
            case.id, "lena", MemberReason.CREATED, "", dt.date.today()
        )
    total = sum(1 for c in app_store.list_cases() if c.status == "open")
    at = make_app(user="lena")
    at.run()
    at.selectbox(key="start_scope").select("all").run()
    first = list(at.dataframe[0].value["id"])
    assert len(first) == 50
    assert f"Visar 1–50 av {total}." in [c.value for c in at.caption]
    at.button(key="start_page_next").click().run()
    second = list(at.dataframe[0].value["id"])
    assert len(second) == total - 50 and not set(first) & set(second)
    assert f"Visar 51–{total} av {total}." in [c.value for c in at.caption]
    assert at.button(key="start_page_next").disabled
    # The one-click opener offers the rows on screen.
    opener = next(s for s in at.selectbox if s.label == "Öppna ärende")
    assert set(opener.options) == {
        f"{row['Namn']} ({row['id']})" for _, row in at.dataframe[0].value.iterrows()
    }
    at.text_input(key="start_search").input("Noah").run()
    names = list(at.dataframe[0].value["Namn"])
    assert names and all(n.startswith("Noah") for n in names)
    assert not any(c.value.startswith("Visar 1–") for c in at.caption)  # one page: no pager
    at.text_input(key="start_search").input("").run()
    assert list(at.dataframe[0].value["id"]) == first


def test_correct_details_from_the_case_page(make_app: MakeApp, app_store: FileStore) -> None:
    case_id = case_of_type(app_store, "child", "Sofia")
    at = make_app(case=case_id, step="case_admin")
    at.run()
    assert not at.exception
    assert at.header[0].value == "Ärendets uppgifter"
    team = next(w for w in at.text_input if w.label == "Team")
    team.input("Team Öst").run()
    count = len(app_store.load(case_id, "case").body_as(CaseBody).guardians)
    _button(at, "Lägg till vårdnadshavare")
    name = next(w for w in at.text_input if str(w.key).endswith(f"guardians.{count}.name"))
    name.input("Kim Nilsson").run()
    next(b for b in at.button if b.label == "Spara").click().run()
    assert not at.exception
    case = app_store.load(case_id, "case").body_as(CaseBody)
    assert case.team == "Team Öst"
    assert case.guardians[-1].name == "Kim Nilsson"
    assert app_store.load(case_id, "case", 1).body_as(CaseBody).team != "Team Öst"


def test_close_with_a_reason_leaves_the_caseload_and_reopen(
    make_app: MakeApp, app_store: FileStore
) -> None:
    case_id = case_of_type(app_store, "child", "Milo")
    at = make_app(case=case_id, step="case_admin", user="lena")
    at.run()
    close = next(r for r in at.radio if r.label == "Varför avslutas ärendet?")
    close.set_value("moved")
    _button(at, "Avsluta ärendet")
    assert not at.exception
    case = app_store.load(case_id, "case").body_as(CaseBody)
    assert (case.status, case.closed_reason) == (CaseStatus.CLOSED, CloseReason.MOVED)
    assert any("Ärendet är avslutat" in s.value for s in at.success)
    start = make_app(user="lena")
    start.run()
    assert "Milo Andersson" not in list(start.dataframe[0].value["Namn"])
    start.selectbox(key="start_scope").select("closed").run()
    assert list(start.dataframe[0].value["Namn"]) == ["Milo Andersson"]
    _button(at, "Öppna ärendet igen")
    assert app_store.load(case_id, "case").body_as(CaseBody).status is CaseStatus.OPEN


def test_the_child_is_born_from_the_case_page(make_app: MakeApp, app_store: FileStore) -> None:
    case_id = case_of_type(app_store, "unborn")
    before = {d.doc_id for d in app_store.documents(case_id)}
    at = make_app(case=case_id, step="case_admin")
    at.run()
    # a form's fields count once it is sent: type, then press the button
    next(w for w in at.text_input if w.label == "Förnamn *").input("Vide")
    _button(at, "Registrera födseln")
    assert not at.exception, _debug(at)
    assert not at.warning and not at.error, _debug(at)
    case = app_store.load(case_id, "case").body_as(CaseBody)
    assert case.type is CaseType.CHILD and case.child is not None
    assert case.child.first_name == "Vide"
    assert {d.doc_id for d in app_store.documents(case_id)} == before
    assert any("Födseln är registrerad" in s.value for s in at.success)


def _debug(at: AppTest) -> str:
    return repr([w.value for w in at.warning] + [e.value for e in at.error])


def test_the_meeting_view_opens_with_the_agenda_until_switched_off(
    make_app: MakeApp, app_store: FileStore
) -> None:
    case_id = case_of_type(app_store, "child", "Noah")
    at = make_app()
    at.run()
    at.switch_page("app/pages/meeting.py")
    at.query_params["case"] = case_id
    at.run()
    assert not at.exception
    headings = [s.value for s in at.subheader]
    assert headings[0].startswith("Dagordning för mötet")
    assert any("Finns det något mer vi kan göra för er" in m.value for m in at.markdown)
    at.toggle(key="meeting_agenda").set_value(False).run()
    assert not any(s.value.startswith("Dagordning") for s in at.subheader)
    assert not any("Finns det något mer vi kan göra för er" in m.value for m in at.markdown)


def test_hand_over_from_the_case_page_and_download_the_summary(
    make_app: MakeApp, app_store: FileStore
) -> None:
    case_id = case_of_type(app_store, "child", "Milo")
    at = make_app(case=case_id, step="case_admin", user="lena")
    at.run()
    assert any("Nästa övergång" in i.value for i in at.info)
    at.text_input(key=f"ho_name::{case_id}").input("Karin Åberg")
    at.selectbox(key=f"ho_org::{case_id}").select("preschool")
    _button(at, "Lämna över")
    assert not at.exception, _debug(at)
    case = app_store.load(case_id, "case").body_as(CaseBody)
    assert case.named_person is not None and case.named_person.name == "Karin Åberg"
    assert case.named_person.organisation == "Förskolan"
    assert any("överlämnat till Karin Åberg" in s.value for s in at.success)
    labels = [b.label for b in at.get("download_button")]
    assert any("sammanfattningen för Karin Åberg" in str(label) for label in labels)
    assert any("från Lena Holm till Karin Åberg" in m.value for m in at.markdown)


def test_the_app_counts_from_hjulet_today(
    make_app: MakeApp, app_store: FileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    milo = next(c for c in app_store.list_cases() if c.display_name.startswith("Milo"))
    assert milo.next_review is not None
    monkeypatch.setenv("HJULET_TODAY", (milo.next_review + dt.timedelta(days=10)).isoformat())
    get_settings.cache_clear()
    at = make_app(user="lena")
    at.run()
    assert any("10 dagar försenad" in m.value for m in at.markdown)
