"""Masking a report *set*: several columns published together whose counts add up
across columns – spring + autumn = the year, one team + the other teams = all teams.

Masking each column alone is not enough: with the Västerbotten 2020 data, autumn's
masked "<5" referrals from MVC were the year's 12 minus spring's 8. So the columns are
masked as one block: every column's own rules (``plans.followup.masking``) plus, for
every count, *total column = sum of part columns*. Columns that are never shown (the
teams other than the one asked for) take part in the rules as unknowns ≥ 0.

A masked count is safe when some whole-number table that agrees with every shown cell
and every rule gives it another value. Each masked count, in turn, gets such a table:

* built by hand first (``plans.followup.set_witness``): the cheapest small change of
  the truth that keeps every rule, hiding the shown counts it moves ("x", or "<5" for
  a 0 where "<5" may mean 0). One table proves every count it moves, and hiding more
  never makes a proven count exposed again, so each count is settled once;
* for a count no such change fits, integer linear programming
  (``scipy.optimize.milp``, HiGHS) over every rule finds one or shows there is none;
  then the smallest shown count next to it is hidden and it is checked again. When
  nothing is left to hide, every count is ``"x"``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from plans.followup.masking import (
    HIDDEN,
    SMALL,
    THRESHOLD,
    AtMostRule,
    Block,
    Mask,
    SumRule,
)
from plans.followup.set_witness import Relation, SetTable, check

SEP = "\x1f"
"""Between a column's name and a count's name in the joint block (never in either)."""


@dataclass(frozen=True)
class ColumnSum:
    """Every count of column ``total`` is the sum of that count in the ``parts`` columns."""

    total: str
    parts: tuple[str, ...]


def suppress_set(
    columns: Mapping[str, Block],
    relations: Sequence[ColumnSum],
    unpublished: frozenset[str] = frozenset(),
) -> dict[str, dict[str, Mask]]:
    """The mask of every published count of every published column, masked together.
    Every column's block must name the same counts."""
    joint, intra = _joint(columns, relations, unpublished)
    masks: dict[str, Mask] = {}
    published = [n for n in joint.values if n not in joint.unpublished]
    small = {
        c for c, b in columns.items() if c not in unpublished and 0 < b.values[b.root] < THRESHOLD
    }
    for col, block in columns.items():
        if col in unpublished:
            continue
        for name, value in block.values.items():
            if name in block.unpublished:
                continue
            key = _key(col, name)
            masks[key] = SMALL if col in small or 0 < value < THRESHOLD else None
        for rule in block.sums:
            if masks.get(_key(col, rule.total)) == SMALL:
                masks.update({_key(col, p): SMALL for p in rule.parts})
    # A column with 1-4 children is all "<5", zeros too; a column it adds up with
    # (its year, all teams) would give those zeros away with its own: there a count
    # of 0-4 is "<5" too, and "<5" may mean 0.
    # Sums chain (a term to its year to all teams' year), so a zero shown anywhere in
    # the set can pin a small column's zero: wherever a set holds a small column, "<5"
    # may mean 0 in every column tied to it, and a shown 0 there may be hidden as "<5".
    tied = set(small)
    for _ in range(len(relations) + 1):
        for rel in relations:
            if tied & {rel.total, *rel.parts}:
                tied |= {rel.total, *rel.parts}
    # An empty column shows its zeros (it can only be all zeros), so none of them is "<5".
    empty = {c for c, b in columns.items() if b.values[b.root] == 0}
    zero_ok = {_key(c, n) for c in tied - unpublished - empty for n in columns[c].values}
    for rel in relations:
        members = (rel.total, *rel.parts)
        if not small & set(members):
            continue
        for col in members:
            block = columns[col]
            if col in unpublished or block.values[block.root] == 0:
                continue  # an empty column shows its zeros: they say nothing of anyone
            for name, value in block.values.items():
                key = _key(col, name)
                # A total is never "<5" for 0: an empty column shows 0.
                if key in masks and value < THRESHOLD and name != block.root:
                    masks[key] = masks[key] or SMALL
    zero_ok |= {p for s in intra if masks.get(s.total) == SMALL for p in s.parts}
    # A total of "<5" is never 0: an empty column shows 0.
    zero_ok -= {_key(c, b.root) for c, b in columns.items()}
    ok = frozenset(zero_ok)
    safe = _protect_by_construction(columns, relations, unpublished, masks, ok)
    for _ in range(len(published) + 1):
        exposed, safe = _exposed_exactly(joint, masks, ok, safe)
        if not exposed:
            return _split(columns, unpublished, masks)
        # One count at a time: hiding one often protects others too (fewer hidden).
        pick = _next_to_hide(joint, masks, exposed[0], zero_ok)
        if pick is None:
            break
        masks[pick] = HIDDEN if joint.values[pick] else SMALL
    return _split(columns, unpublished, dict.fromkeys(published, HIDDEN))


def _protect_by_construction(
    columns: Mapping[str, Block],
    relations: Sequence[ColumnSum],
    unpublished: frozenset[str],
    masks: dict[str, Mask],
    zero_ok: frozenset[str],
) -> set[str]:
    """Hide what the cheapest alternative table of each masked count needs
    (``set_witness``); the masked counts those tables prove safe."""
    cells = {key: _cell(key) for key in masks}
    table = SetTable(
        columns,
        [Relation(r.total, r.parts) for r in relations],
        unpublished,
        {(col, name): masks[key] for key, (col, name) in cells.items()},
        frozenset(cells[k] for k in zero_ok if k in cells),
        _hiding_costs(next(iter(columns.values()))),
    )
    safe: set[str] = set()
    for key in [k for k, mask in masks.items() if mask is not None]:
        if key in safe:
            continue
        found = table.protect(cells[key])
        if found is None:
            continue  # left to the exact check below
        change, hide = found
        for col, name in hide:
            mask = HIDDEN if columns[col].values[name] else SMALL
            masks[_key(col, name)] = table.masks[(col, name)] = mask
        if check(table, change):
            safe |= {_key(c, n) for c, n in change if (c, n) in table.masks}
    return safe


def _cell(key: str) -> tuple[str, str]:
    col, name = key.split(SEP, 1)
    return col, name


def _hiding_costs(block: Block) -> dict[str, float]:
    """Hiding a total takes more from the reader than hiding one of its parts."""
    costs = {name: 1.0 for name in block.values}
    for rule in block.sums:
        costs[rule.total] = 2.0
    costs[block.root] = 4.0
    return costs


def _key(col: str, name: str) -> str:
    return f"{col}{SEP}{name}"


def _joint(
    columns: Mapping[str, Block], relations: Sequence[ColumnSum], unpublished: frozenset[str]
) -> tuple[Block, list[SumRule]]:
    values: dict[str, int] = {}
    sums: list[SumRule] = []
    at_most: list[AtMostRule] = []
    hidden: set[str] = set()
    names = list(next(iter(columns.values())).values)
    for col, block in columns.items():
        if list(block.values) != names:
            raise ValueError(f"column {col} does not name the same counts as the others")
        values.update({_key(col, n): v for n, v in block.values.items()})
        sums += [
            SumRule(_key(col, s.total), tuple(_key(col, p) for p in s.parts)) for s in block.sums
        ]
        at_most += [AtMostRule(_key(col, a.smaller), _key(col, a.larger)) for a in block.at_most]
        hidden |= {
            _key(col, n) for n in block.values if col in unpublished or n in block.unpublished
        }
    intra = list(sums)
    for rel in relations:
        sums += [SumRule(_key(rel.total, n), tuple(_key(p, n) for p in rel.parts)) for n in names]
    root = next(_key(c, b.root) for c, b in columns.items() if c not in unpublished)
    return Block(root, values, sums, at_most, frozenset(hidden)), intra


def _split(
    columns: Mapping[str, Block], unpublished: frozenset[str], masks: Mapping[str, Mask]
) -> dict[str, dict[str, Mask]]:
    return {
        col: {n: masks.get(_key(col, n)) for n in block.values if n not in block.unpublished}
        for col, block in columns.items()
        if col not in unpublished
    }


def exposed_exactly(
    block: Block, masks: Mapping[str, Mask], zero_ok: frozenset[str] | None = None
) -> list[str]:
    """Masked counts that every whole-number table agreeing with the shown cells and
    the rules gives the same value: the first one found (or none).

    ``zero_ok`` are the counts whose "<5" may mean 0 (default: as in one report, the
    parts of a sum whose total is "<5"; see ``masking.suppress``)."""
    return _exposed_exactly(block, masks, zero_ok, set())[0]


def _exposed_exactly(
    block: Block, masks: Mapping[str, Mask], zero_ok: frozenset[str] | None, safe: set[str]
) -> tuple[list[str], set[str]]:
    """``exposed_exactly``, skipping the counts in ``safe`` (already shown to have
    another possible value: hiding more never takes that away); also returns ``safe``
    with the counts proven here."""
    masked = [n for n in block.values if n not in block.unpublished and masks.get(n) is not None]
    if all(n in safe for n in masked):
        return [], safe
    from scipy.optimize import Bounds, LinearConstraint, milp

    names = list(block.values)
    index = {n: i for i, n in enumerate(names)}
    truth = np.array([block.values[n] for n in names], dtype=float)
    lower = np.zeros(len(names))
    upper = np.full(len(names), np.inf)
    if zero_ok is None:
        zero_ok = frozenset(p for s in block.sums if masks.get(s.total) == SMALL for p in s.parts)
    for n, i in index.items():
        mask = masks.get(n)
        if n in block.unpublished:
            continue
        if mask is None:
            lower[i] = upper[i] = truth[i]
        elif mask == SMALL:
            lower[i], upper[i] = (0 if n in zero_ok else 1), THRESHOLD - 1
        else:
            lower[i] = THRESHOLD
    rows: list[np.ndarray] = []
    lo: list[float] = []
    hi: list[float] = []
    for s in block.sums:
        row = np.zeros(len(names))
        row[index[s.total]] = 1
        for p in s.parts:
            row[index[p]] -= 1
        rows.append(row)
        lo.append(0.0)
        hi.append(0.0)
    for a in block.at_most:
        row = np.zeros(len(names))
        row[index[a.smaller]] += 1
        row[index[a.larger]] -= 1
        rows.append(row)
        lo.append(-np.inf)
        hi.append(0.0)
    constraints = LinearConstraint(np.array(rows), lo, hi) if rows else None
    integrality = np.ones(len(names))
    zero = np.zeros(len(names))
    safe = set(safe)
    for name in masked:
        if name in safe:
            continue
        i = index[name]
        found = False
        for new_lo, new_hi in ((lower[i], truth[i] - 1), (truth[i] + 1, upper[i])):
            if new_lo > new_hi:
                continue
            lb, ub = lower.copy(), upper.copy()
            lb[i], ub[i] = new_lo, new_hi
            result = milp(
                zero,
                integrality=integrality,
                bounds=Bounds(lb, ub),
                constraints=constraints,
            )
            if result.status == 0 and result.x is not None:
                # This table tells every count it gets wrong apart from the truth.
                differs = np.abs(np.round(result.x) - truth) > 0.5
                safe |= {m for m in masked if differs[index[m]]}
                found = True
                break
        if not found:
            return [name], safe
    return [], safe


def _next_to_hide(
    block: Block, masks: Mapping[str, Mask], exposed: str, zero_ok: set[str]
) -> str | None:
    """As in one report (``masking._next_to_hide``): the smallest shown count sharing a
    rule with ``exposed`` (in its column or across columns), else the smallest shown
    anywhere. A shown 0 may be picked where "<5" may mean 0 (it then becomes "<5",
    which is true of it)."""
    order = {name: i for i, name in enumerate(block.values)}
    neighbours: set[str] = set()
    for rule in block.sums:
        if exposed == rule.total or exposed in rule.parts:
            neighbours |= {rule.total, *rule.parts}
    for at_most in block.at_most:
        if exposed in (at_most.smaller, at_most.larger):
            neighbours |= {at_most.smaller, at_most.larger}
    for pool in (neighbours, set(block.values)):
        shown = [
            n
            for n in pool - block.unpublished
            if n in masks and masks[n] is None and (block.values[n] > 0 or n in zero_ok)
        ]
        if shown:
            return min(shown, key=lambda n: (block.values[n], order[n]))
    return None
