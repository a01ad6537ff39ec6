"""Small-count masking: no count from 1 to 4 is shown, and none can be worked out.

A report shows counts that add up: children raised = with consent + anonymous,
and the same total split by age band, by gender, by referrer. Hiding a 3 is
useless if the total and the other cells are shown, so masking works on a
*block* of counts that belong together (one population in one period) and the
rules that tie them:

* primary masking: every count from 1 to 4 becomes ``"<5"``;
* secondary masking: while a reader who knows the rules could still work out a
  masked number exactly, the smallest shown non-zero count next to it becomes
  ``"x"`` (hidden; it is 5 or more, so ``"<5"`` would be untrue);
* when a total is 1–4, every count it is split into – zeros too – is ``"<5"``,
  and when the block's own total is 1–4, every count of the block is: with so
  few children even "none in this group" says too much;
* when nothing else helps, every count in the block is ``"x"``.

"Could work out" is decided by interval reasoning: ``"<5"`` means 1–4, ``"x"``
means 5 or more, and every rule narrows what the others can be. The rules of
one block only ever share its total, so this reasoning is exact, not a guess.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

SMALL: Literal["<5"] = "<5"
"""A count from 1 to 4."""
HIDDEN: Literal["x"] = "x"
"""A count hidden so that a small count next to it cannot be worked out."""
THRESHOLD = 5

Mask = Literal["<5", "x"] | None
_INF = math.inf


@dataclass(frozen=True)
class SumRule:
    """``total`` is the sum of ``parts`` (each child counted once)."""

    total: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class AtMostRule:
    """``smaller`` can never exceed ``larger`` (e.g. an area's count and all children)."""

    smaller: str
    larger: str


@dataclass
class Block:
    """Counts of one population in one period, keyed by name, with the rules that tie them."""

    root: str
    values: dict[str, int]
    sums: list[SumRule] = field(default_factory=list)
    at_most: list[AtMostRule] = field(default_factory=list)
    unpublished: frozenset[str] = frozenset()
    """Counts that are never shown but take part in a rule (e.g. all who said things
    improved, which caps how many answered the follow-up question)."""

    def __post_init__(self) -> None:
        names = set(self.values)
        used = {self.root}
        for s in self.sums:
            used |= {s.total, *s.parts}
        for a in self.at_most:
            used |= {a.smaller, a.larger}
        unknown = used - names
        if unknown:
            raise ValueError(f"rules name counts that are not in the block: {sorted(unknown)}")


def suppress(block: Block) -> dict[str, Mask]:
    """The mask of every published count in ``block``: ``None`` (show), ``"<5"`` or ``"x"``."""
    values = {n: v for n, v in block.values.items() if n not in block.unpublished}
    if 0 < values[block.root] < THRESHOLD:
        return dict.fromkeys(values, SMALL)
    masks: dict[str, Mask] = {
        name: SMALL if 0 < v < THRESHOLD else None for name, v in values.items()
    }
    for rule in block.sums:
        if masks.get(rule.total) == SMALL:
            # Under a small total even a zero tells too much (four groups with "<5"
            # and a total of at most 4 would mean exactly one child in each).
            masks.update({p: SMALL for p in rule.parts if p in values})
    # Each round hides one more count, so this ends after at most len(values) rounds.
    for _ in range(len(values) + 1):
        exposed = exposed_counts(block, masks)
        if not exposed:
            return masks
        pick = _next_to_hide(block, masks, exposed[0])
        if pick is None:
            break
        masks[pick] = HIDDEN
    return dict.fromkeys(values, HIDDEN)


def bounds(
    block: Block, masks: Mapping[str, Mask], zero_ok: frozenset[str] | None = None
) -> dict[str, tuple[float, float]]:
    """What a reader can know of each count from the shown ones and the rules.
    ``zero_ok``: the counts whose "<5" may mean 0 (default: see below)."""
    lo: dict[str, float] = {}
    hi: dict[str, float] = {}
    # A "<5" under a "<5" total may be a zero (see suppress), so it means 0-4 there.
    may_be_zero = (
        {p for rule in block.sums if masks.get(rule.total) == SMALL for p in rule.parts}
        if zero_ok is None
        else zero_ok
    )
    for name, value in block.values.items():
        mask = masks.get(name)
        if name in block.unpublished:
            lo[name], hi[name] = 0, _INF
        elif mask is None:
            lo[name] = hi[name] = value
        elif mask == SMALL:
            lo[name], hi[name] = (0 if name in may_be_zero else 1), THRESHOLD - 1
        else:
            lo[name], hi[name] = THRESHOLD, _INF
    # Rules of a block share only the total, so a few passes reach the fixed point;
    # the cap only guards against a bug turning this into an endless loop.
    for _ in range(2 * (len(block.sums) + len(block.at_most)) + 3):
        changed = False
        for rule in block.sums:
            changed |= _narrow_sum(rule, lo, hi)
        for at_most in block.at_most:
            changed |= _narrow_at_most(at_most, lo, hi)
        if not changed:
            break
    return {name: (lo[name], hi[name]) for name in block.values}


def exposed_counts(
    block: Block, masks: Mapping[str, Mask], zero_ok: frozenset[str] | None = None
) -> list[str]:
    """Masked counts a reader could still work out exactly, in block order."""
    known = bounds(block, masks, zero_ok)
    return [
        n
        for n in block.values
        if n not in block.unpublished and masks.get(n) is not None and known[n][0] == known[n][1]
    ]


def _narrow_sum(rule: SumRule, lo: dict[str, float], hi: dict[str, float]) -> bool:
    changed = _tighten(rule.total, lo, hi, sum(lo[p] for p in rule.parts), _sum(hi, rule.parts))
    total_lo, total_hi = lo[rule.total], hi[rule.total]
    parts_lo = sum(lo[p] for p in rule.parts)
    for part in rule.parts:
        others_lo = parts_lo - lo[part]
        others_hi = _sum(hi, [p for p in rule.parts if p != part])
        changed |= _tighten(part, lo, hi, total_lo - others_hi, total_hi - others_lo)
    return changed


def _narrow_at_most(rule: AtMostRule, lo: dict[str, float], hi: dict[str, float]) -> bool:
    changed = _tighten(rule.larger, lo, hi, lo[rule.smaller], _INF)
    return changed | _tighten(rule.smaller, lo, hi, -_INF, hi[rule.larger])


def _sum(hi: Mapping[str, float], names: list[str] | tuple[str, ...]) -> float:
    # inf - inf would be nan, so unbounded parts are summed apart from finite ones.
    total = 0.0
    for name in names:
        if hi[name] == _INF:
            return _INF
        total += hi[name]
    return total


def _tighten(
    name: str, lo: dict[str, float], hi: dict[str, float], new_lo: float, new_hi: float
) -> bool:
    changed = False
    if new_lo > lo[name]:
        lo[name] = new_lo
        changed = True
    if new_hi < hi[name]:
        hi[name] = new_hi
        changed = True
    return changed


def _next_to_hide(block: Block, masks: Mapping[str, Mask], exposed: str) -> str | None:
    """The smallest shown non-zero count sharing a rule with ``exposed``; failing
    that, the smallest shown non-zero count anywhere in the block."""
    order = {name: i for i, name in enumerate(block.values)}
    neighbours: set[str] = set()
    for rule in block.sums:
        members = {rule.total, *rule.parts}
        if exposed in members:
            neighbours |= members
    for at_most in block.at_most:
        if exposed in (at_most.smaller, at_most.larger):
            neighbours |= {at_most.smaller, at_most.larger}
    for pool in (neighbours, set(block.values)):
        shown = [
            n for n in pool - block.unpublished if masks.get(n) is None and block.values[n] > 0
        ]
        if shown:
            return min(shown, key=lambda n: (block.values[n], order[n]))
    return None
