"""AppTest: the child's plan – actions, partners under the consent rule, saving, conflicts."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Selectbox, TextArea, TextInput

from assessment.model import AreaAssessment, AssessmentBody, VoiceRatings
from plans.documents.case import CaseBody, CaseType, Child
from plans.documents.common import Contact
from plans.documents.consent import ScopeEntry
from plans.store.files import FileStore
from plans.templates import template
from tests.app.conftest import MakeApp, case_of_type

ADD_ACTION = "Lägg till något som ska göras"
WHAT = "Vad ska göras? *"


def _areas(at: AppTest, label: str) -> list[TextArea]:
    return [w for w in at.text_area if w.label == label]


def _input(at: AppTest, label: str) -> TextInput:
    return next(w for w in at.text_input if w.label == label)


def _select(at: AppTest, label: str) -> Selectbox:
    return next(w for w in at.selectbox if w.label == label)


def _click(at: AppTest, label: str) -> None:
    next(b for b in at.button if b.label == label).click().run()


def _save(at: AppTest) -> None:
    _click(at, "Spara")


def _messages(at: AppTest) -> str:
    return " ".join(e.value for group in (at.error, at.warning, at.info, at.success) for e in group)


def _add_partner(at: AppTest, organisation: str, name: str) -> None:
    _select(at, "Verksamhet *").set_value(organisation)
    _input(at, "Kontaktperson *").input(name)
    _click(at, "Lägg till samarbetspartnern")


def _withdraw_consent(store: FileStore, cid: str) -> None:
    env = store.load(cid, "consent")
    consent = env.parsed()
    consent.withdrawn_on = dt.date.today()
    store.save(cid, "consent", consent, parent_revision=env.revision, saved_by="test")


def test_adding_an_action_and_saving_stores_it(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Sofia")
    before = app_store.load(cid, "plan")
    at = make_app(case=cid, step="plan")
    at.run()
    assert not at.exception
    assert at.header[0].value == "Barnets plan"
    assert len(_areas(at, WHAT)) == 2
    _click(at, ADD_ACTION)
    new_what = _areas(at, WHAT)[-1]
    assert new_what.value == ""
    # An action without "what" cannot be saved; the page says so before Save is pressed.
    assert "Skriv vad som ska göras på rad 3" in _messages(at)
    new_what.input("Sofia får gå i öppna förskolan på fredagar.").run()
    [w for w in at.text_input if w.label == "Vem gör det?"][-1].input("Maria Lind").run()
    _save(at)
    assert not at.exception
    after = app_store.load(cid, "plan")
    assert after.revision == before.revision + 1
    added = after.parsed().actions[-1]
    assert added.what == "Sofia får gå i öppna förskolan på fredagar."
    assert added.who == "Maria Lind"
    assert added.id == "a-3"
    assert len(after.parsed().actions) == 3


def test_removing_an_action_reseeds_the_rows(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="plan")
    at.run()
    whats = [w.value for w in _areas(at, WHAT)]
    assert len(whats) == 4
    first_remove = next(b for b in at.button if b.label == "Ja, ta bort raden")
    first_remove.click().run()
    # The rows below moved up; each field shows its own action's text, not a neighbour's.
    assert [w.value for w in _areas(at, WHAT)] == whats[1:]
    _save(at)
    assert [a.what for a in app_store.load(cid, "plan").parsed().actions] == whats[1:]


def test_partner_outside_the_scope_of_consent_is_refused(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Sofia")  # consent: the preschool and the BVC
    at = make_app(case=cid, step="plan")
    at.run()
    _add_partner(at, "Socialtjänsten", "Ahmed Karimi")
    assert "Socialtjänsten kan inte läggas till" in _messages(at)
    assert "inte sagt ja" in _messages(at)
    assert _input(at, "Kontaktperson *").value == "Ahmed Karimi"  # nothing typed is lost
    _save(at)
    partners = [p.organisation for p in app_store.load(cid, "case").parsed().partners]
    assert "Socialtjänsten" not in partners
    # The refusal points to where consent is widened.
    _click(at, "Gå till steget Samtycke")
    assert at.header[0].value == "Samtycke"


def test_partner_in_the_scope_of_consent_is_added_and_saved_with_the_case(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Sofia")
    env = app_store.load(cid, "consent")
    consent = env.parsed()
    consent.scope.append(ScopeEntry(id="elevhalsan", name="Elevhälsan"))
    app_store.save(cid, "consent", consent, parent_revision=env.revision, saved_by="test")
    case_before = app_store.load(cid, "case").revision
    at = make_app(case=cid, step="plan")
    at.run()
    _add_partner(at, "Elevhälsan", "Eva Strand")
    assert "Elevhälsan är nu med i planen" in _messages(at)
    _save(at)  # only the partners changed: the case alone is saved
    assert not at.exception
    case = app_store.load(cid, "case")
    assert case.revision == case_before + 1
    added = next(p for p in case.parsed().partners if p.organisation == "Elevhälsan")
    assert added.contact.name == "Eva Strand"
    assert added.contact.organisation == "Elevhälsan"


def test_partners_come_before_the_actions_that_name_them(
    make_app: MakeApp, app_store: FileStore
) -> None:
    """Issue 12 item 11: an action asks for its organisation, but partners were added
    further down the page, so the person had to go down and come back up."""
    cid = case_of_type(app_store, "child", "Sofia")
    env = app_store.load(cid, "consent")
    consent = env.parsed()
    consent.scope.append(ScopeEntry(id="elevhalsan", name="Elevhälsan"))
    app_store.save(cid, "consent", consent, parent_revision=env.revision, saved_by="test")
    at = make_app(case=cid, step="plan")
    at.run()
    headings = [h.value for h in at.subheader]
    assert headings.index("Samarbetspartner") < headings.index("Vem gör vad, och när?")
    _add_partner(at, "Elevhälsan", "Eva Strand")
    action_orgs = [s for s in at.selectbox if s.label == "Vilken verksamhet?"]
    assert action_orgs and all("Elevhälsan" in s.options for s in action_orgs)


def test_after_withdrawal_no_partner_is_added_and_sharing_shows_as_stopped(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Sofia")
    _withdraw_consent(app_store, cid)
    at = make_app(case=cid, step="plan")
    at.run()
    shown = _messages(at)
    assert "tog tillbaka sitt samtycke" in shown
    # The BVC was a partner with consent; now it is marked, in words, as no longer sharing.
    assert any("Vi delar ingen information" in m.value for m in at.markdown)
    _add_partner(at, "Barnavårdscentralen Norra", "Lena Holm")
    assert "är redan med i planen" in _messages(at)
    _add_partner(at, "Elevhälsan", "Eva Strand")
    assert "Elevhälsan kan inte läggas till" in _messages(at)
    assert "sedan dess delar vi ingen information" in _messages(at)


def test_without_consent_only_the_own_organisation_can_take_part(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = _fresh_case(app_store)
    at = make_app(case=cid, step="plan")
    at.run()
    assert not at.exception
    assert "Det finns inget samtycke" in _messages(at)
    _add_partner(at, "Socialtjänsten", "Ahmed Karimi")
    assert "Familjen har inte gett samtycke" in _messages(at)
    assert "Björkskolan" in _messages(at)
    _input(at, "Kontaktperson *").input("").run()
    _add_partner(at, "Björkskolan", "Eva Strand")
    assert "Björkskolan är nu med i planen" in _messages(at)


def _fresh_case(store: FileStore) -> str:
    school = Contact(name="Jonas Berg", role="rektor", organisation="Björkskolan")
    fresh = CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name="Vega", birth_date=dt.date(2016, 5, 1)),
        named_person=school,
    )
    return store.create_case(fresh, saved_by="test").case_id


def test_a_new_plan_starts_from_the_areas_the_wheel_suggests(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = _fresh_case(app_store)
    wheel = template("girfec-sv")
    low = AreaAssessment(ratings=VoiceRatings(child=2, guardians=3, professional=3))
    assessment = AssessmentBody(
        template_id=wheel.id, template_version=wheel.version, areas={"safe": low}
    )
    app_store.save(cid, "assessment", assessment, parent_revision=None, saved_by="test")
    at = make_app(case=cid, step="plan")
    at.run()
    assert not at.exception
    assert [h.value for h in at.subheader if h.value == "Trygg"] == ["Trygg"]
    _areas(at, "Det här behöver jag hjälp med")[0].input("Jag vill känna mig trygg.").run()
    _save(at)
    plan = app_store.load(cid, "plan").parsed()
    assert list(plan.areas) == ["safe"]
    assert plan.areas["safe"].child_needs == "Jag vill känna mig trygg."


def test_areas_the_wheel_suggests_can_be_added(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="plan")
    at.run()
    # Noah's saved plan has three areas; the wheel also points at "Aktiv".
    assert any("kan behöva stöd med" in i.value and "Aktiv" in i.value for i in at.info)
    _click(at, "Lägg till dem")
    assert "Aktiv" in [h.value for h in at.subheader]
    # Areas follow the wheel's order: Hälsa, Lära och utvecklas, Aktiv, Delaktig.
    _areas(at, "Det här behöver jag hjälp med")[2].input("Jag vill spela fotboll.").run()
    _save(at)
    assert app_store.load(cid, "plan").parsed().areas["active"].child_needs == (
        "Jag vill spela fotboll."
    )


def test_conflict_shows_the_panel_and_keeps_the_typed_text(
    make_app: MakeApp, app_store: FileStore
) -> None:
    cid = case_of_type(app_store, "child", "Milo")
    at = make_app(case=cid, step="plan")
    at.run()
    reasons = _areas(at, "Varför gör vi en plan tillsammans?")[0]
    reasons.input("Milo ska växa och familjen ska orka. Skrivet på mötet.").run()
    env = app_store.load(cid, "plan")
    theirs = env.parsed()
    theirs.reasons = "En kollega skrev det här först."
    app_store.save(cid, "plan", theirs, parent_revision=env.revision, saved_by="Kollega")
    _save(at)
    assert not at.exception
    assert any("Någon annan har sparat" in e.value for e in at.error)
    shown = [t.value for t in at.text]
    assert "Milo ska växa och familjen ska orka. Skrivet på mötet." in shown
    assert "En kollega skrev det här först." in shown
    assert app_store.load(cid, "plan").revision == env.revision + 1  # nothing overwritten
    _click(at, "Spara de valda texterna")  # default per field: mine; one click saves
    stored = app_store.load(cid, "plan")
    assert stored.revision == env.revision + 2
    assert stored.parsed().reasons == "Milo ska växa och familjen ska orka. Skrivet på mötet."


def _colleague_edits_action(store: FileStore, cid: str, index: int, what: str) -> None:
    env = store.load(cid, "plan")
    theirs = env.parsed()
    theirs.actions[index].what = what
    store.save(cid, "plan", theirs, parent_revision=env.revision, saved_by="Kollega")


def test_two_people_editing_different_actions_both_keep_their_edit(
    make_app: MakeApp, app_store: FileStore
) -> None:
    """Issue 12 item 6: the whole list of actions was one conflict, so one edit was lost."""
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="plan")
    at.run()
    _areas(at, "Vad ska göras? *")[0].input("Min ändring av första raden").run()
    _colleague_edits_action(app_store, cid, 1, "Kollegans ändring av andra raden")
    _save(at)
    assert "Ni har ändrat olika saker" in _messages(at)
    assert not at.radio or all("actions" not in r.label for r in at.radio)
    _click(at, "Spara de valda texterna")
    stored = app_store.load(cid, "plan").parsed()
    assert stored.actions[0].what == "Min ändring av första raden"
    assert stored.actions[1].what == "Kollegans ändring av andra raden"


def test_the_conflict_panel_names_fields_as_the_screen_does(
    make_app: MakeApp, app_store: FileStore
) -> None:
    """Issue 12 item 6: "Vilken ska gälla för reasons?" and raw [{'id': 'a-1', …}] dumps."""
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="plan")
    at.run()
    _areas(at, "Varför gör vi en plan tillsammans?")[0].input("Mitt skäl").run()
    _areas(at, "Vad ska göras? *")[0].input("Min text").run()
    env = app_store.load(cid, "plan")
    theirs = env.parsed()
    before = theirs.actions[0].what
    theirs.reasons = "Kollegans skäl"
    theirs.actions[0].what = "Kollegans text"
    app_store.save(cid, "plan", theirs, parent_revision=env.revision, saved_by="Kollega")
    _save(at)
    questions = [r.label for r in at.radio if r.label.startswith("Vilken ska gälla")]
    assert "Vilken ska gälla för Varför vi gör en plan?" in questions
    # The row is named by what it said before either edit.
    assert f"Vilken ska gälla för Rad: {before} › Vad ska göras?" in questions
    shown = " ".join([t.value for t in at.text] + [m.value for m in at.markdown])
    assert "{'id'" not in shown and "reasons" not in shown and "actions" not in shown
    assert "Kollegans text" in shown and "Min text" in shown


def test_plan_step_in_english(make_app: MakeApp, app_store: FileStore) -> None:
    cid = case_of_type(app_store, "child", "Noah")
    at = make_app(case=cid, step="plan", lang="en")
    at.run()
    assert not at.exception
    assert at.header[0].value == "Child's plan"
    labels = {w.label for w in at.text_area}
    assert {"What I need help with", "What my family will do", "What will be done? *"} <= labels
    assert any(b.label == "Add something to be done" for b in at.button)
