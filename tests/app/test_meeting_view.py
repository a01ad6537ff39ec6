"""AppTest: the meeting view shows the family's plan and nothing internal."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from plans.i18n import t
from plans.store.files import FileStore
from tests.app.conftest import MakeApp, case_of_type


def _open_meeting(make_app: MakeApp, case_id: str, lang: str = "sv") -> AppTest:
    at = make_app(lang=lang)
    at.run()
    at.switch_page("app/pages/meeting.py")
    at.query_params["case"] = case_id
    at.run()
    assert not at.exception
    return at


def _all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [t_.value for t_ in at.title] + [s.value for s in at.subheader]
    return "\n".join(parts)


def test_family_view_has_the_plan_and_no_internal_notes(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    env = app_store.load(cid, "plan")
    plan = env.parsed()
    plan.internal_notes = "HEMLIG-ANTECKNING-123"
    app_store.save(cid, "plan", plan, parent_revision=env.revision)
    at = _open_meeting(make_app, cid)
    text = _all_text(at)
    assert "Noahs plan" in text
    assert t("words.section.changes") in text
    assert "Samtal med kuratorn varje vecka" in text  # an action, in the family's words
    assert "HEMLIG-ANTECKNING-123" not in text
    assert "Eva Strand" in text  # the lead professional to reach
    assert not at.text_area and not at.text_input  # no editing controls


def test_arrow_buttons_move_between_areas(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = _open_meeting(make_app, cid)
    first = [s.value for s in at.subheader]
    at.button(key="meeting_next").click().run()
    second = [s.value for s in at.subheader]
    assert first != second
    assert t("meeting.area_of", n=2, total=3) in _all_text(at)
    at.button(key="meeting_prev").click().run()
    assert [s.value for s in at.subheader] == first


def test_download_says_who_the_file_is_for(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = _open_meeting(make_app, cid, lang="en")
    assert at.title[0].value == "Noah’s plan"
    audience = at.selectbox(key="meeting_audience")
    assert audience.value == "family"
    assert "family" in at.get("download_button")[0].proto.label
    audience.set_value("team").run()
    assert "team" in at.get("download_button")[0].proto.label
    assert any("Never give it to the family" in w.value for w in at.warning)


def test_case_without_plan_says_so(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "anonymous")
    at = _open_meeting(make_app, cid)
    assert any(t("meeting.no_plan") in i.value for i in at.info)


def _three_versions(app_store: FileStore, cid: str) -> None:
    """Two more plan versions, each adding an action, so each comparison differs."""
    for what in ("Träffa logopeden i januari", "Prova simskolan på lördagar"):
        env = app_store.load(cid, "plan")
        plan = env.parsed()
        first = plan.actions[0]
        plan.actions.append(first.model_copy(update={"id": f"x-{len(plan.actions)}", "what": what}))
        app_store.save(cid, "plan", plan, parent_revision=env.revision)


def test_compare_with_any_earlier_version(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    _three_versions(app_store, cid)
    latest = app_store.load(cid, "plan").revision
    at = _open_meeting(make_app, cid)
    picker = at.selectbox(key=f"meeting_compare::{cid}")
    # Every earlier version can be chosen, newest first; preselected is the comparison
    # the view makes by itself (the plan at the last review, else the version before).
    assert len(picker.options) == latest - 1
    default = picker.value
    assert f"version {default}" in _all_text(at)
    assert "Träffa logopeden i januari" not in _new_items(at)
    picker.set_value(1).run()
    assert not at.exception
    assert t("planview.changes.compared_chosen", revision=1, date="X").split("(")[0] in _all_text(
        at
    )
    assert "Träffa logopeden i januari" in _new_items(at)
    assert "Prova simskolan på lördagar" in _new_items(at)


def _new_items(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown if m.value.startswith("- **Nytt"))


def test_phone_numbers_can_be_called_and_stay_text(make_app: MakeApp, app_store: FileStore) -> None:
    """Issue 12 item 12: phone numbers were plain text, not tap-to-call. The address is
    made of digits only; what was typed is shown escaped."""
    cid = case_of_type(app_store, "child", "Noah")
    env = app_store.load(cid, "plan")
    plan = env.parsed()
    assert plan.lead_professional is not None
    plan.lead_professional.phone = "+46 (90) 100-31 31"  # brackets mean markdown
    app_store.save(cid, "plan", plan, parent_revision=env.revision)
    at = _open_meeting(make_app, cid)
    text = _all_text(at)
    assert "[\\+46 \\(90\\) 100\\-31 31](tel:+46901003131)" in text
    assert "[090\\-100 30 30](tel:0901003030)" in text  # the named person, Jonas Berg
