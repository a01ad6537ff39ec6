"""What changed between two revisions of a plan, said in plain words.

"Nytt: …", "Klart: …", "Flyttat till 15 mars: …", "Borttaget: …". One action
gives at most a few lines: finishing or stopping it says everything, so a
moved date or new wording is not repeated then. Internal notes are never
compared: a change to them is not news for anyone at the meeting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping

from plans.documents.plan import Action, ActionStatus, PlanBody
from plans.i18n import t
from plans.planview.model import ChangeKind, ChangeView
from plans.planview.words import day_month, isolate, long_date

ActionFilter = Callable[[Action], bool]


def _item(
    kind: ChangeKind,
    lang: str,
    subject: str,
    *,
    action_id: str | None = None,
    area_id: str | None = None,
    **values: str,
) -> ChangeView:
    # An action that is done or stopped is called what its status is called everywhere.
    key = f"words.status.{kind}" if kind in ("done", "stopped") else f"planview.change.{kind}"
    label = t(key, lang, **values)
    return ChangeView(kind=kind, label=label, subject=subject, action_id=action_id, area_id=area_id)


def _action_changes(old: Action, new: Action, lang: str, today: dt.date) -> list[ChangeView]:
    subject, aid = new.what, new.id
    if new.status != old.status and new.status in (ActionStatus.DONE, ActionStatus.STOPPED):
        kind: ChangeKind = "done" if new.status is ActionStatus.DONE else "stopped"
        return [_item(kind, lang, subject, action_id=aid)]
    found: list[ChangeView] = []
    if new.status != old.status and new.status is ActionStatus.ONGOING:
        found.append(_item("started", lang, subject, action_id=aid))
    if new.by_when != old.by_when:
        if new.by_when is None:
            found.append(_item("undated", lang, subject, action_id=aid))
        else:
            when = day_month(new.by_when, lang, today)
            found.append(_item("moved", lang, subject, action_id=aid, date=when))
    if (new.who, new.organisation) != (old.who, old.organisation) and new.who.strip():
        found.append(_item("new_who", lang, subject, action_id=aid, who=isolate(new.who.strip())))
    wording_changed = (new.what, new.how_we_know, new.area_id) != (
        old.what,
        old.how_we_know,
        old.area_id,
    )
    if wording_changed and not found:
        found.append(_item("changed", lang, subject, action_id=aid))
    return found


def plan_changes(
    old: PlanBody,
    new: PlanBody,
    *,
    lang: str,
    area_titles: Mapping[str, str],
    today: dt.date,
    keep_action: ActionFilter | None = None,
    keep_areas: Collection[str] | None = None,
    include_general: bool = True,
) -> tuple[ChangeView, ...]:
    """Changes from ``old`` to ``new``, new things first.

    ``keep_action`` / ``keep_areas`` cut the list to a partner's part;
    ``include_general`` adds the lead professional and the next meeting.
    ``today`` decides whether a date needs its year.
    """
    keep = keep_action or (lambda _action: True)
    before = {a.id: a for a in old.actions}
    after = {a.id: a for a in new.actions}
    items: list[ChangeView] = []
    items += [
        _item("new", lang, a.what, action_id=a.id)
        for a in new.actions
        if a.id not in before and keep(a)
    ]
    for action in new.actions:
        previous = before.get(action.id)
        if previous is not None and (keep(action) or keep(previous)):
            items += _action_changes(previous, action, lang, today)
    items += [
        _item("removed", lang, a.what, action_id=a.id)
        for a in old.actions
        if a.id not in after and keep(a)
    ]

    def title(area_id: str) -> str:
        return area_titles.get(area_id, area_id)

    visible = set(keep_areas) if keep_areas is not None else None
    old_areas = {k: v for k, v in old.areas.items() if not v.is_empty()}
    new_areas = {k: v for k, v in new.areas.items() if not v.is_empty()}
    for area_id in sorted(set(old_areas) | set(new_areas), key=_area_order(area_titles)):
        if visible is not None and area_id not in visible:
            continue
        if area_id not in old_areas:
            items.append(_item("new_area", lang, title(area_id), area_id=area_id))
        elif area_id not in new_areas:
            items.append(_item("removed_area", lang, title(area_id), area_id=area_id))
        elif old_areas[area_id] != new_areas[area_id]:
            items.append(_item("area_changed", lang, title(area_id), area_id=area_id))

    if include_general:
        if new.next_review != old.next_review and new.next_review is not None:
            items.append(_item("next_meeting", lang, long_date(new.next_review, lang)))
        old_lead = old.lead_professional.name if old.lead_professional else ""
        new_lead = new.lead_professional.name if new.lead_professional else ""
        if new_lead and new_lead != old_lead:
            items.append(_item("lead", lang, new_lead))
    return tuple(items)


def _area_order(area_titles: Mapping[str, str]) -> Callable[[str], tuple[int, str]]:
    """Template order first (the titles mapping keeps it), unknown areas last."""
    order = {area_id: index for index, area_id in enumerate(area_titles)}
    return lambda area_id: (order.get(area_id, len(order)), area_id)
