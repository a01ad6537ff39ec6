"""The plan view: what each audience sees, what changed since the last meeting,
and that team-only facts never reach the family or a partner."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

import pytest

from assessment.model import AreaAssessment, AssessmentBody, Outcome, VoiceRatings
from plans.documents.case import AgeBand, Anonymous, CaseBody, CaseType, Child, Guardian, Partner
from plans.documents.common import Contact
from plans.documents.consent import ConsentBody
from plans.documents.plan import Action, ActionStatus, AreaPlan, PlanBody
from plans.documents.review import ReviewBody
from plans.planview import (
    InvalidAudienceError,
    NoPlanForCaseError,
    PlanNotFoundError,
    PlanView,
    build_plan_view,
    needs_language_check,
    texts_to_check,
    view_from_documents,
)
from plans.planview.samples import sample_documents
from plans.planview.words import local_date, possessive
from plans.store import NotFoundError, Store
from plans.store.envelope import utc_now

# Each team-only field carries its own marker, so a leak names the field.
TEAM_ONLY = {
    "internal_notes": "ZQXNOTES71",
    "worries": "ZQXWORRY72",
    "observations": "ZQXOBSERVED73",
    "other_risks": "ZQXRISK74",
    "other_protection": "ZQXPROTECT75",
    "five_questions": "ZQXFIVEQ76",
    "outcome_note": "ZQXOUTCOME77",
    "consent_child_view": "ZQXCONSENT78",
    "consent_given_by": "Ztestguardian Qxname",
}
RISK_LABEL = "Blir mobbad"
"""The template's label for the chosen risk factor 'bullying'."""
PROTECTIVE_LABEL = "Kompisar"

SCHOOL = Contact(name="Eva Strand", role="kurator", organisation="Björkskolan", phone="090-1")
SOCIAL = Contact(
    name="Ahmed Karimi", role="socialsekreterare", organisation="Socialtjänsten", phone="090-2"
)
BVC = Contact(
    name="Sara Ek", role="sjuksköterska", organisation="Barnavårdscentralen", phone="090-3"
)

WHAT = {
    "a-1": "Extra stöd i matte",
    "a-2": "Familjesamtal hos socialtjänsten",
    "a-3": "Väga Tove på barnavårdscentralen",
    "a-4": "Samtal om sömn med sjuksköterskan",
}


def _today() -> dt.date:
    return local_date(utc_now())


def _action(aid: str, contact: Contact, area: str, **extra: object) -> Action:
    return Action(
        id=aid,
        what=WHAT[aid],
        who=contact.name,
        organisation=contact.organisation,
        area_id=area,
        by_when=_today() + dt.timedelta(days=30),
        how_we_know="Tove säger att det går bättre.",
        **extra,
    )  # type: ignore[arg-type]


def make_case(store: Store) -> str:
    """A child's case with two plan revisions and a review of the first one in between."""
    case = CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name="Tove", last_name="Testsson", birth_date=dt.date(2017, 4, 2)),
        guardians=[Guardian(name="Ztestguardian Qxname", relation="mamma", phone="070-1")],
        named_person=SCHOOL,
        lead_professional=SCHOOL,
        partners=[
            Partner(id="socialtjansten", organisation="Socialtjänsten", contact=SOCIAL),
            Partner(id="bvc", organisation="Barnavårdscentralen", contact=BVC),
        ],
    )
    cid = store.create_case(case).case_id
    store.save(
        cid,
        "consent",
        ConsentBody(
            given_by=[TEAM_ONLY["consent_given_by"]],
            given_on=_today() - dt.timedelta(days=20),
            scope=["Björkskolan", "Socialtjänsten", "Barnavårdscentralen"],
            child_view=TEAM_ONLY["consent_child_view"],
        ),
        parent_revision=None,
    )
    store.save(
        cid,
        "assessment",
        AssessmentBody(
            template_id="girfec-sv",
            template_version="1.0",
            areas={
                "safe": AreaAssessment(
                    ratings=VoiceRatings(child=2, guardians=3, professional="not_assessed"),
                    strengths="Tove har en bästa vän.",
                    worries=TEAM_ONLY["worries"],
                    observations=TEAM_ONLY["observations"],
                ),
                "healthy": AreaAssessment(
                    ratings=VoiceRatings(child="declined", guardians=2, professional=2)
                ),
            },
            risk_factors=["bullying"],
            protective_factors=["friends"],
            other_risks=TEAM_ONLY["other_risks"],
            other_protection=TEAM_ONLY["other_protection"],
            five_questions={"whats_in_the_way": TEAM_ONLY["five_questions"]},
            outcome=Outcome.BRING_PARTNERS_TOGETHER,
            outcome_note=TEAM_ONLY["outcome_note"],
        ),
        parent_revision=None,
    )
    first = PlanBody(
        reasons="Tove vill trivas i skolan.",
        areas={
            "achieving": AreaPlan(
                child_needs="Jag vill förstå matten.",
                family_will="Vi räknar hemma.",
                professionals_will="Läraren hjälper mig.",
            ),
            "healthy": AreaPlan(child_needs="Jag vill sova bättre."),
        },
        actions=[
            _action("a-1", SCHOOL, "achieving"),
            _action("a-2", SOCIAL, "nurtured"),
            _action("a-3", BVC, "healthy"),
        ],
        lead_professional=SCHOOL,
        next_review=_today() + dt.timedelta(days=10),
        internal_notes=TEAM_ONLY["internal_notes"],
    )
    store.save(cid, "plan", first, parent_revision=None)
    store.save(
        cid,
        "review",
        ReviewBody(
            held_on=_today(),
            plan_revision=1,
            readings={"safe": VoiceRatings(child=5, guardians=4, professional=4)},
        ),
        parent_revision=None,
        doc_id="rev-one",
    )
    second = first.model_copy(
        update={
            "actions": [
                first.actions[0].model_copy(update={"by_when": dt.date(_today().year, 3, 15)}),
                first.actions[1].model_copy(update={"status": ActionStatus.DONE}),
                _action("a-4", BVC, "healthy"),
            ],
            "areas": {**first.areas, "included": AreaPlan(family_will="Vi hittar en fritidsgård.")},
        }
    )
    store.save(cid, "plan", second, parent_revision=1)
    return cid


@pytest.fixture
def case_id(store: Store) -> str:
    return make_case(store)


def strings(value: object) -> Iterator[str]:
    """Every text a renderer could show, walking the view's dataclasses."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from strings(getattr(value, f.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from strings(item)


def leaks(view: PlanView) -> list[str]:
    everything = "\n".join(strings(view)) + repr(view)
    found = [field for field, marker in TEAM_ONLY.items() if marker in everything]
    found += [label for label in (RISK_LABEL, PROTECTIVE_LABEL) if label in everything]
    return found


@pytest.mark.parametrize(
    "audience", ["family", "partner:bvc", "partner:socialtjansten", "partner:Björkskolan"]
)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_team_only_facts_never_reach_the_family_or_a_partner(
    store: Store, case_id: str, audience: str, lang: str
) -> None:
    view = build_plan_view(store, case_id, audience=audience, lang=lang)
    assert view.team is None
    assert leaks(view) == []
    older = build_plan_view(store, case_id, audience=audience, lang=lang, revision=1)
    assert leaks(older) == []


def test_the_team_sees_every_team_only_fact(store: Store, case_id: str) -> None:
    view = build_plan_view(store, case_id, audience="team")
    assert view.team is not None
    assert sorted(leaks(view)) == sorted([*TEAM_ONLY, RISK_LABEL, PROTECTIVE_LABEL])
    assert [r.revision for r in view.team.history] == [2, 1]
    assert view.team.consent is not None and view.team.consent.active
    safe = next(a for a in view.team.assessed_areas if a.area_id == "safe")
    assert [v.text for v in safe.voices] == [
        "2 av 5 – Ganska svårt",
        "3 av 5 – Både och",
        "Inte bedömt",
    ]


def test_the_family_view_has_what_the_issue_lists(store: Store, case_id: str) -> None:
    view = build_plan_view(store, case_id)
    header = view.header
    assert (header.child_name, header.title, header.revision) == ("Tove", "Toves plan", 2)
    assert header.version_line.startswith("Version 2, sparad ")
    assert header.audience_line == "För familjen"
    assert [a.title for a in view.areas] == ["Hälsa", "Lära och utvecklas", "Delaktig"]
    achieving = next(a for a in view.areas if a.area_id == "achieving")
    assert achieving.child_needs == "Jag vill förstå matten."
    assert [a.what for a in view.actions] == [WHAT["a-1"], WHAT["a-2"], WHAT["a-4"]]
    done = view.actions[1]
    assert (done.who, done.status_text) == ("Ahmed Karimi, Socialtjänsten", "Klart")
    assert view.actions[0].when == "Senast 15 mars " + str(_today().year)
    assert [(c.kind, c.name, c.phone) for c in view.contacts] == [
        ("lead", "Eva Strand", "090-1"),
        ("partner", "Ahmed Karimi", "090-2"),
        ("partner", "Sara Ek", "090-3"),
    ]
    assert view.lead_professional is not None and view.lead_professional.name == "Eva Strand"
    assert view.next_meeting_text.startswith("Nästa möte: ")
    assert view.reasons == "Tove vill trivas i skolan."


def test_what_changed_since_the_last_meeting_in_plain_words(store: Store, case_id: str) -> None:
    changes = build_plan_view(store, case_id).changes
    assert (changes.compared_with, changes.basis) == (1, "review")
    assert "mötet" in changes.intro
    assert [c.text for c in changes.items] == [
        f"Nytt: {WHAT['a-4']}",
        f"Flyttat till 15 mars: {WHAT['a-1']}",
        f"Klart: {WHAT['a-2']}",
        f"Borttaget: {WHAT['a-3']}",
        "Nytt område: Delaktig",
    ]
    english = build_plan_view(store, case_id, lang="en").changes
    assert english.items[1].text == f"Moved to 15 March: {WHAT['a-1']}"
    assert english.items[3].text == f"Removed: {WHAT['a-3']}"


def test_a_chosen_comparison_and_the_first_version(store: Store, case_id: str) -> None:
    same = build_plan_view(store, case_id, compare_with=2).changes
    assert (same.basis, same.items, same.empty_text) == (
        "chosen",
        (),
        "Inget har ändrats sedan dess.",
    )
    first = build_plan_view(store, case_id, revision=1)
    assert first.header.revision == 1
    assert first.changes.compared_with is None
    assert first.changes.intro == "Det här är den första versionen av planen."


def test_without_a_review_the_previous_revision_is_the_baseline(store: Store) -> None:
    cid = store.create_case(
        CaseBody(type=CaseType.CHILD, child=Child(first_name="Max", birth_date=dt.date(2018, 1, 1)))
    ).case_id
    plan = PlanBody(actions=[Action(id="a-1", what="Simskola")])
    store.save(cid, "plan", plan, parent_revision=None)
    store.save(cid, "plan", plan.model_copy(update={"actions": []}), parent_revision=1)
    view = build_plan_view(store, cid)
    assert view.header.title == "Max plan"
    assert view.changes.basis == "previous"
    assert [c.text for c in view.changes.items] == ["Borttaget: Simskola"]
    assert view.wheel is not None  # the case's template, even before an assessment


def test_a_partner_sees_only_its_own_part(store: Store, case_id: str) -> None:
    view = build_plan_view(store, case_id, audience="partner:bvc")
    assert view.audience.organisation == "Barnavårdscentralen"
    assert view.header.audience_line == "För Barnavårdscentralen"
    assert "Barnavårdscentralen" in view.header.scope_note
    assert [a.what for a in view.actions] == [WHAT["a-4"]]
    assert [a.area_id for a in view.areas] == ["healthy"]
    assert [c.name for c in view.contacts] == ["Eva Strand", "Sara Ek"]
    assert view.reasons == ""
    assert [c.text for c in view.changes.items] == [
        f"Nytt: {WHAT['a-4']}",
        f"Borttaget: {WHAT['a-3']}",
    ]
    assert view.wheel is not None
    assert [a.area_id for a in view.wheel.areas if a.shown] == ["healthy"]
    assert set(view.wheel.ratings()) == {"healthy"}


def test_partners_are_named_by_id_or_organisation(store: Store, case_id: str) -> None:
    by_name = build_plan_view(store, case_id, audience="partner:SOCIALTJÄNSTEN")
    assert by_name.audience.partner_id == "socialtjansten"
    assert [a.what for a in by_name.actions] == [WHAT["a-2"]]
    school = build_plan_view(store, case_id, audience="partner: björkskolan")
    assert school.audience.organisation == "Björkskolan"
    assert [a.what for a in school.actions] == [WHAT["a-1"]]


@pytest.mark.parametrize("audience", ["boss", "partner:", "Partner:nobody", ""])
def test_unknown_audiences_are_refused_in_plain_words(
    store: Store, case_id: str, audience: str
) -> None:
    with pytest.raises(InvalidAudienceError) as caught:
        build_plan_view(store, case_id, audience=audience, lang="en")
    message = str(caught.value)
    assert "family, team or partner" in message or "Choose one of: socialtjansten, bvc" in message


def test_missing_things_are_not_found(store: Store, case_id: str) -> None:
    with pytest.raises(PlanNotFoundError):
        build_plan_view(store, "c-doesnotexist")
    with pytest.raises(PlanNotFoundError, match="version 9"):
        build_plan_view(store, case_id, revision=9)
    with pytest.raises(NotFoundError):  # the CLI's "not found" exit code
        build_plan_view(store, case_id, compare_with=9)
    bare = store.create_case(
        CaseBody(type=CaseType.CHILD, child=Child(first_name="Ny", birth_date=dt.date(2020, 1, 1)))
    ).case_id
    with pytest.raises(PlanNotFoundError, match="ingen plan"):
        build_plan_view(store, bare)
    anonymous = store.create_case(
        CaseBody(type=CaseType.ANONYMOUS, anonymous=Anonymous(age_band=AgeBand.AGE_6_12))
    ).case_id
    with pytest.raises(NoPlanForCaseError):
        build_plan_view(store, anonymous)


def test_the_wheel_shows_the_latest_readings(store: Store, case_id: str) -> None:
    wheel = build_plan_view(store, case_id).wheel
    assert wheel is not None
    assert wheel.ratings()["safe"] == VoiceRatings(child=5, guardians=4, professional=4)
    assert wheel.ratings()["healthy"].child == "declined"
    assert wheel.as_of == _today()
    # Revision 1 was saved before the review, so it shows the assessment's readings.
    older = build_plan_view(store, case_id, revision=1).wheel
    assert older is not None and older.ratings()["safe"].child == 2


def test_an_unborn_child_is_called_the_baby(demo_store: Store) -> None:
    unborn = next(c.id for c in demo_store.list_cases() if c.type == "unborn")
    assert build_plan_view(demo_store, unborn).header.title == "Barnets plan"
    english = build_plan_view(demo_store, unborn, lang="en").header
    assert (english.child_name, english.title) == ("The baby", "The baby’s plan")


@pytest.mark.parametrize(
    ("name", "lang", "expected"),
    [
        ("Noah", "sv", "Noahs"),
        ("Max", "sv", "Max"),
        ("Lars", "sv", "Lars"),
        ("Noah", "en", "Noah’s"),
    ],
)
def test_possessives(name: str, lang: str, expected: str) -> None:
    assert possessive(name, lang) == expected


def test_the_view_cannot_be_changed_by_a_renderer(store: Store, case_id: str) -> None:
    view = build_plan_view(store, case_id)
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.reasons = "changed"  # type: ignore[misc]


def test_family_texts_for_the_language_check(store: Store, case_id: str) -> None:
    items = texts_to_check(build_plan_view(store, case_id))
    fields = {i.field: i for i in items}
    assert fields["areas.achieving.child_needs"].kind == "child"
    assert fields["areas.achieving.family_will"].kind == "family"
    assert fields["areas.achieving.child_needs"].label == (
        "Lära och utvecklas – Det här behöver jag hjälp med"
    )
    assert fields["actions.a-1.what"].text == WHAT["a-1"]
    assert "reasons" in fields
    assert not any(marker in i.text for i in items for marker in TEAM_ONLY.values())
    view = build_plan_view(store, case_id)
    assert needs_language_check(view, lambda item, lang: "matten" in item.text)
    assert not needs_language_check(view, lambda item, lang: False)


def test_the_default_language_checker_flags_jargon_in_family_text(
    store: Store, case_id: str
) -> None:
    env = store.load(case_id, "plan")
    plan = env.parsed()
    plan.reasons = "Vi ska fortsätta med det vi gör."
    for area in plan.areas.values():
        area.child_needs, area.family_will, area.professionals_will = "Jag vill leka.", "", ""
    for action in plan.actions:
        action.what, action.how_we_know = "Vi ses på fredag.", ""
    store.save(case_id, "plan", plan, parent_revision=env.revision)
    assert not needs_language_check(build_plan_view(store, case_id))
    env = store.load(case_id, "plan")
    plan = env.parsed()
    plan.reasons = "Vh har samtyckt till SIP enligt SoL och BVC-insatser."
    store.save(case_id, "plan", plan, parent_revision=env.revision)
    assert needs_language_check(build_plan_view(store, case_id))


def test_the_childs_own_words_never_need_a_language_check(store: Store, case_id: str) -> None:
    """Issue 12 item 9: the child's words are theirs, even when long or hard to read."""
    env = store.load(case_id, "plan")
    plan = env.parsed()
    plan.reasons = "Vi ska fortsätta med det vi gör."
    for area in plan.areas.values():
        area.child_needs = "Jag behöver någon att vara med på rasterna och kuratorn ska ringa SoL."
        area.family_will = area.professionals_will = ""
    for action in plan.actions:
        action.what, action.how_we_know = "Vi ses på fredag.", ""
    store.save(case_id, "plan", plan, parent_revision=env.revision)
    assert not needs_language_check(build_plan_view(store, case_id))


def test_a_partner_without_areas_gets_no_wheel() -> None:
    docs = sample_documents(areas=0, actions=2)
    assert view_from_documents(docs, "family").wheel is not None
    partner = view_from_documents(docs, "partner:bvc")
    assert partner.wheel is None
    assert [a.organisation for a in partner.actions] == ["Barnavårdscentralen Norra"]
