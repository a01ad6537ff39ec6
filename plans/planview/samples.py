"""Fictional plans of a chosen size, held in memory: for the PDF benchmark, the
tests and trying a layout without a store. Every name and story is made up."""

from __future__ import annotations

import datetime as dt

from assessment.model import AreaAssessment, AssessmentBody, Outcome, VoiceRatings
from plans.documents.case import CaseBody, CaseType, Child, Guardian, Partner
from plans.documents.common import Contact
from plans.documents.consent import ConsentBody
from plans.documents.plan import Action, ActionStatus, AreaPlan, PlanBody
from plans.planview.documents import Baseline, CaseDocuments
from plans.templates import template

_ORGANISATIONS = (
    ("forskolan", "Förskolan Solrosen", "Maria Lind", "förskolechef"),
    ("bvc", "Barnavårdscentralen Norra", "Lena Holm", "sjuksköterska"),
    ("socialtjansten", "Socialtjänsten", "Ahmed Karimi", "socialsekreterare"),
    ("familjecentralen", "Familjecentralen", "Karin Nyström", "familjebehandlare"),
)
_WHAT = (
    "Träffas varannan vecka och prata om hur det går hemma och i förskolan",
    "Läsa en bok tillsammans varje kväll före läggdags",
    "Bedömning av språket hos logopeden",
    "Handledning för personalen om lek och känslor",
)


def sample_documents(
    *,
    areas: int = 8,
    actions: int = 12,
    today: dt.date = dt.date(2026, 11, 23),
    template_id: str = "girfec-sv",
    child_name: str = "Alva",
    who_names: tuple[str, ...] = (),
) -> CaseDocuments:
    """A child's case with ``areas`` areas of support and ``actions`` actions, at revision 7,
    compared with revision 5 (the plan at the last review). ``who_names``, when given,
    are the people named on the actions in turn (e.g. Arabic names for the benchmark)."""
    wheel = template(template_id)
    area_ids = wheel.area_ids()[:areas]
    contacts = [
        Contact(name=name, role=role, organisation=org, phone=f"090-100 {i}0 {i}0")
        for i, (_, org, name, role) in enumerate(_ORGANISATIONS, start=1)
    ]
    case = CaseBody(
        type=CaseType.CHILD,
        child=Child(first_name=child_name, last_name="Exempelberg", birth_date=dt.date(2021, 5, 3)),
        guardians=[Guardian(name="Saga Exempelberg", relation="mamma", phone="070-000 00 09")],
        named_person=contacts[0],
        lead_professional=contacts[0],
        partners=[
            Partner(id=pid, organisation=org, contact=contacts[i])
            for i, (pid, org, _, _) in enumerate(_ORGANISATIONS)
            if i > 0
        ],
        raised_on=today - dt.timedelta(days=120),
    )
    plan_actions = [
        Action(
            id=f"a-{n + 1}",
            what=f"{_WHAT[n % len(_WHAT)]} ({n + 1})",
            who=who_names[n % len(who_names)] if who_names else contacts[n % len(contacts)].name,
            organisation=contacts[n % len(contacts)].organisation,
            area_id=area_ids[n % len(area_ids)] if area_ids else None,
            by_when=today + dt.timedelta(days=7 + 3 * n),
            how_we_know="Alva säger att det känns bättre, och vi ser det i vardagen.",
            status=(ActionStatus.PLANNED, ActionStatus.ONGOING, ActionStatus.DONE)[n % 3],
        )
        for n in range(actions)
    ]
    plan = PlanBody(
        reasons="Alva vill kunna leka med andra barn och prata om hur hon har det.",
        areas={
            a: AreaPlan(
                child_needs="Jag vill ha en kompis att leka med.",
                family_will="Vi går till öppna förskolan på lördagar.",
                professionals_will="Pedagogerna hjälper mig in i leken.",
            )
            for a in area_ids
        },
        actions=plan_actions,
        lead_professional=contacts[0],
        next_review=today + dt.timedelta(days=30),
        internal_notes="Intern anteckning för teamet.",
    )
    earlier = plan.model_copy(
        update={
            "actions": [
                a.model_copy(update={"status": ActionStatus.PLANNED, "by_when": a.by_when})
                for a in plan_actions[: max(0, actions - 2)]
            ],
            "next_review": today,
        }
    )
    assessment = AssessmentBody(
        template_id=wheel.id,
        template_version=wheel.version,
        areas={
            a.id: AreaAssessment(
                ratings=VoiceRatings(child=1 + i % 5, guardians=1 + (i + 1) % 5, professional=3),
                strengths="Alva är nyfiken och glad.",
                worries="Alva leker ofta ensam.",
            )
            for i, a in enumerate(wheel.areas)
        },
        risk_factors=[f.id for f in wheel.risk_factors[:2]],
        protective_factors=[f.id for f in wheel.protective_factors[:2]],
        five_questions={"whats_in_the_way": "Alva har svårt att komma in i leken."},
        outcome=Outcome.BRING_PARTNERS_TOGETHER,
    )
    return CaseDocuments(
        case_id="c-sample0001",
        case=case,
        plan=plan,
        plan_revision=7,
        plan_saved_on=today,
        baseline=Baseline(
            plan=earlier,
            revision=5,
            saved_on=today - dt.timedelta(days=42),
            basis="review",
            review_held_on=today - dt.timedelta(days=40),
        ),
        template=wheel,
        assessment=assessment,
        assessment_saved_on=today - dt.timedelta(days=100),
        consent=ConsentBody(
            given_by=["Saga Exempelberg"],
            given_on=today - dt.timedelta(days=110),
            scope=[org for _, org, _, _ in _ORGANISATIONS],
        ),
    )
