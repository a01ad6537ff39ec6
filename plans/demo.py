"""Fictional demo cases. Every name, date and story here is made up.

The five named stories cover the practice model's typical situations; more
cases (``count > 5``) are random fictional children for load tests.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from assessment.model import AreaAssessment, AssessmentBody, Outcome, VoiceRatings
from plans import clock
from plans.accounts import AccountRole, directory_for
from plans.documents.case import (
    AgeBand,
    Anonymous,
    CaseBody,
    CaseType,
    Child,
    Gender,
    Guardian,
    Notice,
    Partner,
    Referrer,
    Unborn,
)
from plans.documents.common import Contact
from plans.documents.consent import ConsentBody
from plans.documents.plan import Action, ActionStatus, AreaPlan, PlanBody
from plans.services import Actor, Context, Role, create_case, save_document
from plans.services.access import sync_members
from plans.services.accounts import add_user
from plans.store import Store
from plans.templates import template

TEMPLATE_ID = "girfec-sv"


@dataclass(frozen=True)
class Story:
    case: CaseBody
    ratings: dict[str, tuple[int, int, int]]
    """area -> (child, guardians, professional)."""
    areas: dict[str, AreaPlan]
    actions: list[Action]
    risks: list[str]
    protections: list[str]
    reasons: str
    review_in: int = 20
    """Days from today to the next review; negative means the review is due."""


def demo_email(name: str) -> str:
    """A staff member's fictional address (the reserved .example domain): it links the
    demo accounts to the cases that name them."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ".".join(ascii_name.lower().split()) + "@hjulet.example"


def _contact(name: str, role: str, org: str, phone: str) -> Contact:
    # Staff (with an organisation) get a work e-mail; family members do not.
    email = demo_email(name) if org else ""
    return Contact(name=name, role=role, organisation=org, phone=phone, email=email)


def _days(today: dt.date, n: int) -> dt.date:
    return today + dt.timedelta(days=n)


def _stories(today: dt.date) -> list[Story]:
    bvc = _contact("Lena Holm", "sjuksköterska", "Barnavårdscentralen Norra", "090-100 10 10")
    mvc = _contact("Sara Ek", "barnmorska", "Barnmorskemottagningen Centrum", "090-100 20 20")
    school = _contact("Jonas Berg", "rektor", "Björkskolan", "090-100 30 30")
    preschool = _contact("Maria Lind", "förskolechef", "Förskolan Solrosen", "090-100 40 40")
    social = _contact("Ahmed Karimi", "socialsekreterare", "Socialtjänsten", "090-100 50 50")
    return [
        Story(
            case=CaseBody(
                type=CaseType.UNBORN,
                unborn=Unborn(
                    expected_date=_days(today, 70),
                    expecting_parents=[
                        _contact("Elin Sund", "blivande mamma", "", "070-000 00 01")
                    ],
                ),
                notice=Notice(
                    noticed_by="Sara Ek",
                    organisation="Barnmorskemottagningen Centrum",
                    referrer=Referrer.MVC,
                    noticed_on=_days(today, -40),
                    what_was_seen="Elin är orolig för hur hon ska klara sig när barnet kommer. "
                    "Hon har ont om pengar och få personer omkring sig.",
                ),
                team="HLT-teamet Norra",
                named_person=mvc,
                lead_professional=mvc,
                partners=[
                    Partner(id="socialtjansten", organisation="Socialtjänsten", contact=social)
                ],
                gender=Gender.UNKNOWN,
                raised_on=_days(today, -40),
            ),
            ratings={
                "safe": (0, 3, 3),
                "healthy": (0, 2, 3),
                "nurtured": (0, 3, 3),
                "included": (0, 2, 2),
            },
            areas={
                "included": AreaPlan(
                    child_needs="",
                    family_will="Elin går med i föräldragruppen på familjecentralen.",
                    professionals_will="Barnmorskan visar vägen till gruppen och följer med "
                    "första gången.",
                ),
            },
            actions=[
                Action(
                    id="a-1",
                    what="Göra en plan för förlossningen och hemkomsten",
                    who="Sara Ek",
                    organisation="Barnmorskemottagningen Centrum",
                    area_id="healthy",
                    by_when=_days(today, 30),
                    how_we_know="Elin vet vem hon ringer när värkarna börjar.",
                    intervention="birth_homecoming_plan",
                ),
                Action(
                    id="a-2",
                    what="Träffa budget- och skuldrådgivningen",
                    who="Ahmed Karimi",
                    organisation="Socialtjänsten",
                    area_id="included",
                    by_when=_days(today, 21),
                    how_we_know="Elin har en budget som går ihop.",
                    intervention="budget_debt_advice",
                ),
            ],
            risks=["economic_hardship", "social_isolation"],
            protections=["parents_seek_help"],
            reasons="Elin väntar sitt första barn och vill ha stöd inför att bli mamma.",
            review_in=14,
        ),
        Story(
            case=CaseBody(
                type=CaseType.CHILD,
                child=Child(
                    first_name="Milo", last_name="Andersson", birth_date=_days(today, -250)
                ),
                guardians=[
                    Guardian(name="Hanna Andersson", relation="mamma", phone="070-000 00 02"),
                    Guardian(name="Erik Andersson", relation="pappa", phone="070-000 00 03"),
                ],
                notice=Notice(
                    noticed_by="Lena Holm",
                    organisation="Barnavårdscentralen Norra",
                    referrer=Referrer.BVC,
                    noticed_on=_days(today, -60),
                    what_was_seen="Milo går inte upp i vikt som han ska. Mamma är mycket trött.",
                ),
                team="HLT-teamet Norra",
                named_person=bvc,
                lead_professional=bvc,
                partners=[
                    Partner(
                        id="familjecentralen",
                        organisation="Familjecentralen",
                        contact=_contact(
                            "Karin Nyström",
                            "familjebehandlare",
                            "Familjecentralen",
                            "090-100 60 60",
                        ),
                    )
                ],
                gender=Gender.BOY,
                raised_on=_days(today, -60),
            ),
            ratings={
                "safe": (0, 4, 4),
                "healthy": (0, 2, 2),
                "nurtured": (0, 3, 3),
                "active": (0, 4, 4),
            },
            areas={
                "healthy": AreaPlan(
                    child_needs="Milo visar att han är hungrig genom att gnälla och suga på "
                    "handen.",
                    family_will="Mamma och pappa skriver upp när Milo äter.",
                    professionals_will="Sjuksköterskan väger Milo varannan vecka.",
                ),
            },
            actions=[
                Action(
                    id="a-1",
                    what="Extra besök på barnavårdscentralen varannan vecka",
                    who="Lena Holm",
                    organisation="Barnavårdscentralen Norra",
                    area_id="healthy",
                    by_when=_days(today, 45),
                    how_we_know="Milo följer sin viktkurva.",
                    intervention="extra_health_visits",
                    status=ActionStatus.ONGOING,
                ),
                Action(
                    id="a-2",
                    what="Samtal om sömn och ork för mamma",
                    who="Karin Nyström",
                    organisation="Familjecentralen",
                    area_id="nurtured",
                    by_when=_days(today, 30),
                    how_we_know="Mamma säger att hon orkar mer.",
                    intervention="parenting_support_home",
                    # Planned weeks ago and nothing since: the caseload shows it as stalled.
                    progress_on=_days(today, -50),
                ),
            ],
            risks=["feeding_weight", "parental_mental_illness"],
            protections=["guardian_relationship", "parents_seek_help"],
            reasons="Vi vill att Milo ska äta och växa bra och att familjen ska orka.",
            review_in=-3,
        ),
        Story(
            case=CaseBody(
                type=CaseType.CHILD,
                child=Child(
                    first_name="Sofia", last_name="Nilsson", birth_date=_days(today, -4 * 365 - 100)
                ),
                guardians=[Guardian(name="Petra Nilsson", relation="mamma", phone="070-000 00 04")],
                notice=Notice(
                    noticed_by="Maria Lind",
                    organisation="Förskolan Solrosen",
                    referrer=Referrer.PRESCHOOL,
                    noticed_on=_days(today, -90),
                    what_was_seen="Sofia blir ofta arg och slår när hon inte får "
                    "som hon vill. Hon pratar lite.",
                ),
                team="HLT-teamet Norra",
                named_person=preschool,
                lead_professional=preschool,
                partners=[Partner(id="bvc", organisation="Barnavårdscentralen Norra", contact=bvc)],
                gender=Gender.GIRL,
                raised_on=_days(today, -90),
            ),
            ratings={
                "safe": (4, 3, 3),
                "healthy": (4, 4, 4),
                "achieving": (3, 3, 2),
                "nurtured": (5, 4, 4),
                "active": (5, 4, 4),
                "respected": (3, 3, 3),
                "responsible": (2, 2, 2),
                "included": (2, 3, 2),
            },
            areas={
                "achieving": AreaPlan(
                    child_needs="Jag vill kunna säga vad jag vill.",
                    family_will="Mamma läser en bok med mig varje kväll.",
                    professionals_will="Förskolan använder bilder så att jag förstår.",
                ),
                "included": AreaPlan(
                    child_needs="Jag vill ha en kompis att leka med.",
                    family_will="Vi går till öppna förskolan på lördagar.",
                    professionals_will="Pedagogerna hjälper mig in i leken.",
                ),
            },
            actions=[
                Action(
                    id="a-1",
                    what="Bedömning av Sofias språk hos logopeden",
                    who="Lena Holm",
                    organisation="Barnavårdscentralen Norra",
                    area_id="achieving",
                    by_when=_days(today, 60),
                    how_we_know="Vi vet vilken hjälp Sofia behöver för att prata.",
                    intervention="mapping_assessment",
                ),
                Action(
                    id="a-2",
                    what="Handledning för personalen om lek och känslor",
                    who="Maria Lind",
                    organisation="Förskolan Solrosen",
                    area_id="included",
                    by_when=_days(today, 30),
                    how_we_know="Sofia leker med andra barn utan att slåss.",
                    intervention="preschool_staff_guidance",
                    status=ActionStatus.DONE,
                ),
            ],
            risks=["language_difficulties", "parental_conflict"],
            protections=["safe_adult", "own_interests"],
            reasons="Sofia vill kunna leka och prata med andra barn.",
            review_in=25,
        ),
        Story(
            case=CaseBody(
                type=CaseType.CHILD,
                child=Child(
                    first_name="Noah",
                    last_name="Lundqvist",
                    birth_date=_days(today, -11 * 365 - 40),
                ),
                guardians=[
                    Guardian(name="Johanna Lundqvist", relation="mamma", phone="070-000 00 05"),
                    Guardian(name="Ali Haddad", relation="pappa", phone="070-000 00 06"),
                ],
                notice=Notice(
                    noticed_by="Jonas Berg",
                    organisation="Björkskolan",
                    referrer=Referrer.SCHOOL,
                    noticed_on=_days(today, -120),
                    what_was_seen="Noah har varit borta från skolan nästan varannan "
                    "dag sedan jullovet. Han säger att han har ont i magen.",
                ),
                team="HLT-teamet Södra",
                named_person=school,
                lead_professional=_contact(
                    "Eva Strand", "skolkurator", "Björkskolan", "090-100 31 31"
                ),
                partners=[
                    Partner(id="socialtjansten", organisation="Socialtjänsten", contact=social),
                    Partner(
                        id="vardcentralen",
                        organisation="Vårdcentralen Söder",
                        contact=_contact(
                            "Peter Wik", "läkare", "Vårdcentralen Söder", "090-100 70 70"
                        ),
                    ),
                ],
                gender=Gender.BOY,
                coordinated_plan=True,
                raised_on=_days(today, -120),
            ),
            ratings={
                "safe": (3, 3, 3),
                "healthy": (2, 3, 2),
                "achieving": (1, 2, 1),
                "nurtured": (4, 4, 3),
                "active": (2, 2, 3),
                "respected": (3, 4, 3),
                "responsible": (3, 3, 3),
                "included": (1, 2, 2),
            },
            areas={
                "achieving": AreaPlan(
                    child_needs="Jag behöver hjälp att komma ikapp i matte.",
                    family_will="Mamma eller pappa följer mig till skolan på morgonen.",
                    professionals_will="Läraren ger mig extra matte två gånger i veckan.",
                ),
                "included": AreaPlan(
                    child_needs="Jag vill inte vara ensam på rasterna.",
                    family_will="Vi hittar en fritidsaktivitet som jag gillar.",
                    professionals_will="Kuratorn träffar mig varje vecka.",
                ),
                "healthy": AreaPlan(
                    child_needs="Jag vill inte ha ont i magen.",
                    family_will="Vi bokar tid på vårdcentralen.",
                    professionals_will="Läkaren undersöker magen.",
                ),
            },
            actions=[
                Action(
                    id="a-1",
                    what="Extra stöd i matte två gånger i veckan",
                    who="Eva Strand",
                    organisation="Björkskolan",
                    area_id="achieving",
                    by_when=_days(today, -5),
                    how_we_know="Noah klarar provet i december.",
                    intervention="extra_school_support",
                    status=ActionStatus.ONGOING,
                ),
                Action(
                    id="a-2",
                    what="Samtal med kuratorn varje vecka",
                    who="Eva Strand",
                    organisation="Björkskolan",
                    area_id="included",
                    by_when=_days(today, 40),
                    how_we_know="Noah är i skolan varje dag.",
                    intervention="individual_talks",
                ),
                Action(
                    id="a-3",
                    what="Undersöka magen på vårdcentralen",
                    who="Peter Wik",
                    organisation="Vårdcentralen Söder",
                    area_id="healthy",
                    by_when=_days(today, 14),
                    how_we_know="Vi vet varför Noah har ont.",
                    intervention="specialist_care_help",
                ),
                Action(
                    id="a-4",
                    what="Familjesamtal hos socialtjänsten",
                    who="Ahmed Karimi",
                    organisation="Socialtjänsten",
                    area_id="nurtured",
                    by_when=_days(today, 50),
                    how_we_know="Familjen säger att det är lugnare hemma.",
                    intervention="family_counselling",
                ),
            ],
            risks=["school_absence", "social_isolation", "bullying"],
            protections=["guardian_relationship", "leisure_activity"],
            reasons="Noah vill gå till skolan utan att ha ont i magen och ha kompisar där.",
            review_in=7,
        ),
        Story(
            case=CaseBody(
                type=CaseType.ANONYMOUS,
                anonymous=Anonymous(
                    age_band=AgeBand.AGE_6_12,
                    concern="En elev i årskurs fyra verkar ledsen och äter inte lunch.",
                    advice="Prata med eleven och vårdnadshavarna om att ta hjälp av teamet; "
                    "ta upp igen med samtycke.",
                ),
                notice=Notice(
                    noticed_by="Elevhälsan",
                    organisation="Björkskolan",
                    referrer=Referrer.PUPIL_HEALTH,
                    noticed_on=_days(today, -10),
                ),
                team="HLT-teamet Södra",
                named_person=school,
                gender=Gender.GIRL,
                raised_on=_days(today, -10),
            ),
            ratings={},
            areas={},
            actions=[],
            risks=[],
            protections=[],
            reasons="",
        ),
    ]


def _rating(value: int) -> int | str | None:
    return value if value else None


def _save_story(store: Store, story: Story, today: dt.date, saved_by: str) -> str:
    """Saved through the service layer like any case: partners join once consent covers them."""
    ctx = Context(store, Actor(username=saved_by, role=Role.OPERATOR), today)
    wheel = template(story.case.template_id)
    case = create_case(ctx, story.case.model_copy(update={"partners": []}), note="Nytt ärende")
    if story.case.type is CaseType.ANONYMOUS:
        return case.case_id
    cid = case.case_id
    people = [g.name for g in story.case.guardians] or [
        p.name for p in (story.case.unborn.expecting_parents if story.case.unborn else [])
    ]
    save_document(
        ctx,
        cid,
        "consent",
        ConsentBody(
            given_by=people,
            given_on=min(story.case.raised_on + dt.timedelta(days=3), today),
            scope=[
                name
                for name in (
                    story.case.named_person.organisation if story.case.named_person else "",
                    *[p.organisation for p in story.case.partners],
                )
                if name
            ],
            child_view="Barnet vill att vuxna pratar med varandra." if story.case.child else "",
        ),
        base_revision=None,
        note="Samtycke på mötet",
    )
    if story.case.partners:
        save_document(ctx, cid, "case", story.case, base_revision=1, note="Samverkanspartner")
    areas = {
        area_id: AreaAssessment(
            ratings=VoiceRatings(child=_rating(c), guardians=_rating(g), professional=_rating(p)),
            strengths="Familjen vill ha hjälp och kommer till mötena.",
            worries="Vi behöver veta mer." if min(v for v in (g, p) if v) <= 2 else "",
        )
        for area_id, (c, g, p) in story.ratings.items()
    }
    for area in wheel.area_ids():
        areas.setdefault(
            area,
            AreaAssessment(
                ratings=VoiceRatings(
                    child="not_assessed", guardians="not_assessed", professional="not_assessed"
                )
            ),
        )
    assessment = AssessmentBody(
        template_id=wheel.id,
        template_version=wheel.version,
        areas=areas,
        risk_factors=story.risks,
        protective_factors=story.protections,
        five_questions={"whats_in_the_way": story.case.notice.what_was_seen},
        outcome=Outcome.BRING_PARTNERS_TOGETHER
        if story.case.partners
        else Outcome.OWN_ORGANISATION,
    )
    save_document(ctx, cid, "assessment", assessment, base_revision=None, note="Första bedömningen")
    first = PlanBody(
        reasons=story.reasons,
        areas=story.areas,
        actions=story.actions[:1],
        lead_professional=story.case.lead_professional,
        next_review=_days(today, story.review_in),
    )
    save_document(ctx, cid, "plan", first, base_revision=None, note="Första utkastet")
    second = first.model_copy(update={"actions": story.actions})
    save_document(
        ctx, cid, "plan", second, base_revision=1, note="Planen gjord tillsammans med familjen"
    )
    return cid


_FIRST = [
    "Alva",
    "Elsa",
    "Maja",
    "Liam",
    "Hugo",
    "Oscar",
    "Leo",
    "Ella",
    "Wilma",
    "Ines",
    "Adam",
    "Omar",
    "Nora",
    "Saga",
    "Vera",
    "Ebbe",
    "Selma",
    "Theo",
    "Idun",
    "Malte",
]
_LAST = ["Testsson", "Exempelberg", "Påhittad", "Demoström", "Låtsasson", "Provqvist"]


def _random_story(rng: random.Random, today: dt.date) -> Story:
    age_days = rng.randint(30, 16 * 365)
    raised = today - dt.timedelta(days=rng.randint(0, 700))
    wheel = template(TEMPLATE_ID)
    first, last = rng.choice(_FIRST), rng.choice(_LAST)
    parent = f"{rng.choice(_FIRST)} {last}"
    lead_name = rng.choice(["Lena Holm", "Jonas Berg", "Maria Lind"])
    lead = Contact(name=lead_name, email=demo_email(lead_name))
    ratings = {
        a: (rng.randint(1, 5), rng.randint(1, 5), rng.randint(1, 5)) for a in wheel.area_ids()
    }
    weakest = sorted(ratings, key=lambda a: sum(ratings[a]))[:2]
    interventions = [i.id for i in wheel.interventions]
    return Story(
        case=CaseBody(
            type=CaseType.CHILD,
            child=Child(
                first_name=first, last_name=last, birth_date=today - dt.timedelta(days=age_days)
            ),
            guardians=[Guardian(name=parent, relation="förälder")],
            notice=Notice(referrer=rng.choice(list(Referrer)), noticed_on=raised),
            team=rng.choice(["HLT-teamet Norra", "HLT-teamet Södra", "HLT-teamet Väster"]),
            named_person=lead,
            lead_professional=lead,
            gender=rng.choice(list(Gender)),
            coordinated_plan=rng.random() < 0.3,
            raised_on=raised,
        ),
        ratings=ratings,
        areas={a: AreaPlan(child_needs="Jag behöver hjälp med det här.") for a in weakest},
        actions=[
            Action(
                id=f"a-{n + 1}",
                what="Träffas och prata om hur det går",
                who=lead.name,
                area_id=weakest[n],
                by_when=today + dt.timedelta(days=rng.randint(-30, 90)),
                intervention=rng.choice(interventions),
            )
            for n in range(2)
        ],
        risks=rng.sample([f.id for f in wheel.risk_factors], 2),
        protections=rng.sample([f.id for f in wheel.protective_factors], 2),
        reasons="Vi gör en plan tillsammans.",
        review_in=rng.randint(-20, 60),
    )


def write_demo(
    store: Store,
    count: int = 5,
    seed: int = 1,
    *,
    today: dt.date | None = None,
    saved_by: str = "demo",
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Write ``count`` fictional cases (at least the five stories) and return their ids."""
    day = today or clock.today()
    rng = random.Random(seed)
    stories = _stories(day)[:count]
    stories += [_random_story(rng, day) for _ in range(max(0, count - len(stories)))]
    ids = []
    for story in stories:
        ids.append(_save_story(store, story, day, saved_by))
        if progress:
            progress(len(ids), count)
    return ids


DEMO_STAFF = [
    ("lena", "Lena Holm", "Barnavårdscentralen Norra"),
    ("sara", "Sara Ek", "Barnmorskemottagningen Centrum"),
    ("jonas", "Jonas Berg", "Björkskolan"),
    ("maria", "Maria Lind", "Förskolan Solrosen"),
    ("ahmed", "Ahmed Karimi", "Socialtjänsten"),
]
"""Fictional professionals of the demo stories, one account each (plus an admin)."""


def mark_demo(store: Store) -> None:
    """Remember that this store holds demo data only (the app shows a demo banner)."""
    directory_for(store).set_flag("demo", True)


def is_demo(store: Store) -> bool:
    return directory_for(store).flag("demo")


def write_demo_users(store: Store, today: dt.date) -> list[tuple[str, str]]:
    """Accounts for the demo staff and an admin, with random passwords; returns (username,
    password) pairs to show once. Nothing when the store has accounts already."""
    found = directory_for(store)
    if found.has_users():
        return []
    ctx = Context(store, Actor(username="demo", role=Role.OPERATOR), today)
    created = []
    for username, name, org in [*DEMO_STAFF, ("admin", "Demo Admin", "")]:
        password = secrets.token_urlsafe(12)
        add_user(
            ctx,
            username,
            role=AccountRole.ADMIN if username == "admin" else AccountRole.PROFESSIONAL,
            password=password,
            display_name=name,
            organisation=org,
            email=demo_email(name) if org else "",
        )
        created.append((username, password))
    for case_id in store.case_ids():
        case = store.load(case_id, "case").body_as(CaseBody)
        sync_members(ctx, case_id, case, created=False)
    return created
