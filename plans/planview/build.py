"""Computes the plan view for one audience.

The rule that matters most lives here: the family and partners get only
what the child's plan is for the family to read; the assessment detail, risk
and protective factors, the five questions, consent and internal notes are
added for the team alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from assessment.model import FIVE_QUESTIONS, AssessmentBody, VoiceRatings
from assessment.template import WheelTemplate
from assessment.wheel import VOICES
from plans import clock
from plans.caseload.agenda import agenda_sections, build_agenda
from plans.documents.case import CaseBody
from plans.documents.common import Contact
from plans.documents.consent import ConsentBody
from plans.documents.plan import Action, PlanBody
from plans.documents.review import latest_readings
from plans.i18n import LANGUAGES, format_date, has, language_name, t
from plans.planview.audience import belongs_to, parse_audience, partner_contacts
from plans.planview.changes import plan_changes
from plans.planview.documents import CaseDocuments, load_documents
from plans.planview.errors import InvalidAudienceError
from plans.planview.model import (
    ActionView,
    AreaReading,
    AreaView,
    AssessedArea,
    Audience,
    ChangesView,
    ConsentView,
    ContactKind,
    ContactView,
    Header,
    PlanView,
    QuestionAnswer,
    RevisionView,
    TeamDetail,
    VoiceReading,
    WheelView,
)
from plans.planview.words import (
    isolate,
    local_date,
    long_date,
    plan_title,
    rating_text,
    status_text,
    wedge_state,
    when_text,
    who_text,
)
from plans.sharing import may_share_with
from plans.store import Store
from plans.templates import template_in_language

HISTORY_LENGTH = 5
"""How many plan revisions the team's short history lists."""


def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise InvalidAudienceError(t("planview.error.language", "sv", lang=lang))
    return lang


def _area_titles(template: WheelTemplate | None) -> dict[str, str]:
    return {a.id: a.title for a in template.areas} if template else {}


def _child_name(case: CaseBody, lang: str) -> str:
    return case.first_name().strip() or t("planview.unborn_child", lang)


def _header(docs: CaseDocuments, audience: Audience, lang: str) -> Header:
    name = _child_name(docs.case, lang)
    if audience.kind == "partner":
        organisation = isolate(audience.organisation)
        audience_line = t("planview.audience.partner", lang, organisation=organisation)
        scope = t("planview.audience.partner_scope", lang, organisation=organisation)
    else:
        audience_line, scope = t(f"planview.audience.{audience.kind}", lang), ""
    return Header(
        child_name=name,
        title=plan_title(name, lang),
        revision=docs.plan_revision,
        saved_on=docs.plan_saved_on,
        version_line=t(
            "planview.version_line",
            lang,
            revision=docs.plan_revision,
            date=long_date(docs.plan_saved_on, lang),
        ),
        audience_line=audience_line,
        scope_note=scope,
    )


def _voices(ratings: VoiceRatings, template: WheelTemplate, lang: str) -> tuple[VoiceReading, ...]:
    return tuple(
        VoiceReading(
            voice=voice.value,
            voice_label=t(f"words.voice.{voice.value}", lang),
            raw=ratings.get(voice),
            state=wedge_state(ratings.get(voice)),
            text=rating_text(ratings.get(voice), template, lang),
        )
        for voice in VOICES
    )


def current_readings(docs: CaseDocuments) -> dict[str, VoiceRatings]:
    """The assessment's ratings, each area replaced by the latest review that read it."""
    return latest_readings(docs.assessment, docs.reviews)


def _wheel(
    docs: CaseDocuments, lang: str, shown: Callable[[str], bool], language_note: str = ""
) -> WheelView | None:
    template = docs.template
    if template is None or not any(shown(area.id) for area in template.areas):
        # A partner with no area of its own gets no wheel rather than an empty one.
        return None
    readings = current_readings(docs)
    read_on = [r.held_on for r in docs.reviews if r.readings]
    as_of = max(read_on) if read_on else docs.assessment_saved_on
    levels = template.scale.levels
    return WheelView(
        template=template,
        areas=tuple(
            AreaReading(
                area_id=area.id,
                title=area.title,
                colour=area.colour,
                shown=shown(area.id),
                voices=_voices(
                    readings.get(area.id, VoiceRatings()) if shown(area.id) else VoiceRatings(),
                    template,
                    lang,
                ),
            )
            for area in template.areas
        ),
        as_of=as_of,
        as_of_text=t("planview.wheel_as_of", lang, date=long_date(as_of, lang)) if as_of else "",
        scale_low=levels[0].label,
        scale_high=levels[-1].label,
        language_note=language_note,
    )


def _areas(
    plan: PlanBody, template: WheelTemplate | None, shown: Callable[[str], bool]
) -> tuple[AreaView, ...]:
    order = [a.id for a in template.areas] if template else []
    ids = [a for a in order if a in plan.areas] + sorted(a for a in plan.areas if a not in order)
    views = []
    for area_id in ids:
        area_plan = plan.areas[area_id]
        if area_plan.is_empty() or not shown(area_id):
            continue
        area = template.area(area_id) if template else None
        views.append(
            AreaView(
                area_id=area_id,
                title=area.title if area else area_id,
                description=area.description if area else "",
                colour=area.colour if area else "#607D8B",
                child_needs=area_plan.child_needs,
                family_will=area_plan.family_will,
                professionals_will=area_plan.professionals_will,
            )
        )
    return tuple(views)


def _action(action: Action, titles: dict[str, str], lang: str) -> ActionView:
    how = action.how_we_know.strip()
    return ActionView(
        action_id=action.id,
        what=action.what,
        who=who_text(action, lang),
        organisation=action.organisation,
        by_when=action.by_when,
        when=when_text(action.by_when, lang),
        status=action.status,
        status_text=status_text(action.status, lang),
        area_id=action.area_id,
        area_title=titles.get(action.area_id, action.area_id) if action.area_id else "",
        how_we_know=action.how_we_know,
        how_we_know_text=t("planview.action.how_we_know", lang, text=isolate(how)) if how else "",
    )


def _contact(kind: ContactKind, contact: Contact, lang: str) -> ContactView:
    return ContactView(
        kind=kind,
        label=t(f"planview.contact.{kind}", lang),
        name=contact.name,
        role=contact.role,
        organisation=contact.organisation,
        phone=contact.phone,
        email=contact.email,
    )


def _contacts(docs: CaseDocuments, audience: Audience, lang: str) -> tuple[ContactView, ...]:
    case, plan = docs.case, docs.plan
    lead = plan.lead_professional or case.lead_professional
    found: list[ContactView] = []
    if lead is not None:
        found.append(_contact("lead", lead, lang))
    if audience.kind == "partner":
        others = [("partner", c) for c in partner_contacts(case, audience)]
    else:
        others = [("named_person", case.named_person)] if case.named_person else []
        others += [("partner", p.contact) for p in case.partners]
    for kind, contact in others:
        if contact is None:
            continue
        key = (contact.name.casefold(), contact.organisation.casefold())
        if any((c.name.casefold(), c.organisation.casefold()) == key for c in found):
            continue
        found.append(_contact(kind, contact, lang))  # type: ignore[arg-type]
    return tuple(found)


def _changes(
    docs: CaseDocuments,
    lang: str,
    titles: dict[str, str],
    keep_action: Callable[[Action], bool] | None,
    keep_areas: set[str] | None,
) -> ChangesView:
    base = docs.baseline
    if base is None:
        return ChangesView(None, None, t("planview.changes.first", lang), (), "")
    date = long_date(base.review_held_on or base.saved_on, lang)
    intro = t(f"planview.changes.compared_{base.basis}", lang, revision=base.revision, date=date)
    items = plan_changes(
        base.plan,
        docs.plan,
        lang=lang,
        area_titles=titles,
        today=docs.plan_saved_on,
        keep_action=keep_action,
        keep_areas=keep_areas,
    )
    return ChangesView(base.revision, base.basis, intro, items, t("planview.changes.none", lang))


def _assessed_areas(
    assessment: AssessmentBody, template: WheelTemplate, lang: str
) -> tuple[AssessedArea, ...]:
    order = [a.id for a in template.areas]
    ids = order + sorted(a for a in assessment.areas if a not in order)
    result = []
    for area_id in ids:
        if area_id not in assessment.areas:
            continue
        area = assessment.area(area_id)
        found = template.area(area_id)
        result.append(
            AssessedArea(
                area_id=area_id,
                title=found.title if found else area_id,
                voices=_voices(area.ratings, template, lang),
                strengths=area.strengths,
                worries=area.worries,
                child_words=area.child_words,
                guardian_words=area.guardian_words,
                observations=area.observations,
                infant_signs=area.infant_signs,
            )
        )
    return tuple(result)


def _team_detail(docs: CaseDocuments, lang: str) -> TeamDetail:
    assessment, template = docs.assessment, docs.template
    risks: tuple[str, ...] = ()
    protections: tuple[str, ...] = ()
    areas: tuple[AssessedArea, ...] = ()
    questions: tuple[QuestionAnswer, ...] = ()
    outcome = t("planview.outcome.none", lang)
    outcome_note, other_risks, other_protection = "", "", ""
    if assessment is not None:
        risk_labels = {f.id: f.label for f in template.risk_factors} if template else {}
        safe_labels = {f.id: f.label for f in template.protective_factors} if template else {}
        risks = tuple(risk_labels.get(r, r) for r in assessment.risk_factors)
        protections = tuple(safe_labels.get(p, p) for p in assessment.protective_factors)
        other_risks, other_protection = assessment.other_risks, assessment.other_protection
        if template is not None:
            areas = _assessed_areas(assessment, template, lang)
        extra = [q for q in assessment.five_questions if q not in FIVE_QUESTIONS]
        # The assessment's own wording, so the team reads what the named person answered.
        questions = tuple(
            QuestionAnswer(
                t(f"questions.{q}", lang) if has(f"questions.{q}", lang) else q,
                assessment.five_questions[q],
            )
            for q in [*FIVE_QUESTIONS, *extra]
            if assessment.five_questions.get(q, "").strip()
        )
        if assessment.outcome is not None:
            outcome = t(f"outcome.{assessment.outcome.value}", lang)
        outcome_note = assessment.outcome_note
    consent_view = None
    if docs.consent is not None:
        c = docs.consent
        active = c.is_active(docs.plan_saved_on)
        consent_view = ConsentView(
            given_by=tuple(c.given_by),
            given_on=c.given_on,
            given_on_text=long_date(c.given_on, lang),
            given_text=t(
                "planview.consent.given",
                lang,
                date=long_date(c.given_on, lang),
                people=", ".join(isolate(p) for p in c.given_by),
            ),
            scope=tuple(c.scope_names()),
            child_view=c.child_view,
            active=active,
            status_text=t("planview.consent.active", lang)
            if c.withdrawn_on is None
            else t("planview.consent.withdrawn", lang, date=long_date(c.withdrawn_on, lang)),
        )
    history = tuple(
        RevisionView(
            revision=r.revision,
            saved_on=local_date(r.saved_at),
            text=t(
                "planview.history.line",
                lang,
                revision=r.revision,
                date=long_date(local_date(r.saved_at), lang),
            ),
            saved_by=r.saved_by,
            note=r.note,
        )
        for r in sorted(docs.plan_history, key=lambda r: -r.revision)[:HISTORY_LENGTH]
    )
    agenda_title, agenda = _agenda(docs, lang)
    return TeamDetail(
        assessed_areas=areas,
        risk_factors=risks,
        protective_factors=protections,
        other_risks=other_risks,
        other_protection=other_protection,
        five_questions=questions,
        outcome=outcome,
        outcome_note=outcome_note,
        consent=consent_view,
        consent_none_text=t("planview.consent.none", lang),
        internal_notes=docs.plan.internal_notes,
        history=history,
        agenda_title=agenda_title,
        agenda=agenda,
    )


def _agenda(docs: CaseDocuments, lang: str) -> tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    agenda = build_agenda(
        docs.plan,
        reviews=docs.reviews,
        assessment=docs.assessment,
        template=docs.template,
        today=clock.today(),
        lang=lang,
    )
    sections = agenda_sections(agenda, lang)
    return (
        t("agenda.title", lang, date=format_date(agenda.meeting_on, lang)),
        tuple((heading, tuple(lines)) for heading, lines in sections),
    )


def view_from_documents(
    docs: CaseDocuments, audience: Audience | str = "family", lang: str = "sv"
) -> PlanView:
    """The plan view of already loaded documents (see :func:`build_plan_view`)."""
    lang = _check_lang(lang)
    if isinstance(audience, str):
        audience = parse_audience(audience, docs.case, docs.plan, lang)
    _check_sharing(docs.case, docs.consent, audience, lang)
    language_note = ""
    if docs.template is not None:
        # The wheel's words in the reader's language, by area id, where the template
        # has a translation; the ids, colours and scale values stay the assessment's.
        wheel, complete = template_in_language(docs.template, lang)
        if not complete:
            language_note = t(
                "planview.wheel_untranslated",
                lang,
                language=language_name(docs.template.language, lang),
            )
        docs = dataclasses.replace(docs, template=wheel)
    titles = _area_titles(docs.template)
    keep_action: Callable[[Action], bool] | None = None
    keep_areas: set[str] | None = None
    if audience.kind == "partner":
        contacts = partner_contacts(docs.case, audience)
        part = audience

        def keep_action(action: Action) -> bool:
            return belongs_to(action, part, contacts)

        keep_areas = {a.area_id for a in docs.plan.actions if a.area_id and keep_action(a)}

    def shown(area_id: str) -> bool:
        return keep_areas is None or area_id in keep_areas

    actions = tuple(
        _action(a, titles, lang) for a in docs.plan.actions if keep_action is None or keep_action(a)
    )
    next_meeting = docs.plan.next_review
    if next_meeting is None:
        later = [r.next_review for r in docs.reviews if r.next_review]
        next_meeting = max(later) if later else None
    return PlanView(
        case_id=docs.case_id,
        audience=audience,
        lang=lang,
        header=_header(docs, audience, lang),
        changes=_changes(docs, lang, titles, keep_action, keep_areas),
        # Why the family gets a plan describes the whole family's situation,
        # which is not a partner's business (data minimisation).
        reasons="" if audience.kind == "partner" else docs.plan.reasons,
        wheel=_wheel(docs, lang, shown, language_note),
        areas=_areas(docs.plan, docs.template, shown),
        actions=actions,
        contacts=_contacts(docs, audience, lang),
        next_meeting=next_meeting,
        next_meeting_text=t("planview.next_meeting", lang, date=long_date(next_meeting, lang))
        if next_meeting
        else t("planview.next_meeting_none", lang),
        team=_team_detail(docs, lang) if audience.is_team else None,
    )


def build_plan_view(
    store: Store,
    case_id: str,
    *,
    audience: Audience | str = "family",
    lang: str = "sv",
    revision: int | None = None,
    compare_with: int | None = None,
) -> PlanView:
    """The plan view of a case's plan (the latest revision unless ``revision`` is given).

    ``audience`` is ``family``, ``team``, ``partner:<partner id or organisation>``
    or an :class:`Audience`. ``compare_with`` overrides which revision "what
    changed since last meeting" compares with. Raises PlanNotFoundError,
    NoPlanForCaseError or InvalidAudienceError with messages in ``lang``.
    """
    lang = _check_lang(lang)
    docs = load_documents(store, case_id, revision=revision, compare_with=compare_with, lang=lang)
    if isinstance(audience, str):
        audience = parse_audience(audience, docs.case, docs.plan, lang)
    # Sharing is judged by today's consent, whichever plan revision is printed.
    current = store.latest_or_none(case_id, "consent")
    _check_sharing(docs.case, current.parsed() if current else None, audience, lang)
    return view_from_documents(docs, audience, lang)


def _check_sharing(
    case: CaseBody, consent: ConsentBody | None, audience: Audience, lang: str
) -> None:
    """A partner's copy only while consent covers that organisation (secrecy law)."""
    if audience.kind == "partner" and not may_share_with(case, consent, audience.organisation):
        raise InvalidAudienceError(
            t("planview.error.no_sharing", lang, organisation=audience.organisation)
        )
