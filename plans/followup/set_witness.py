"""Alternative tables that prove a masked count of a report set cannot be worked out.

A masked count is safe when some whole-number table other than the truth agrees with
every shown count and every rule. Such a table is found here by construction, without
a solver, as the truth plus a small change of the form ``column change × count change``:

* the *count change* keeps every rule inside a column: one count up and another of the
  same breakdown down (girls +1, boys -1), a count that only has an upper bound alone
  (an area of support), or a total up with one part of each of its sums;
* the *column change* keeps every sum between columns: spring +1 and autumn -1 (the
  year unchanged), or one team +1 and the unseen other teams -1.

Their product keeps both kinds of rule, so only the ranges remain to check: every
changed count must stay inside what its mask says ("<5": 1-4, or 0-4; "x": 5 or more),
an unseen count must stay 0 or more, and every "at most" rule must still hold. A shown
count in the change must be hidden for the table to agree with what is shown; of all
changes tried, the one that hides the fewest (and cheapest) counts wins.

The rules are checked again on the whole alternative table (``check``), so a wrong
construction can never pass a count as safe.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from plans.followup.masking import HIDDEN, SMALL, THRESHOLD, AtMostRule, Block, Mask, SumRule

Cell = tuple[str, str]
"""(column, count)."""
Change = dict[Cell, int]

_MAX_COLUMNS_CHANGED = 6
"""Column changes are searched up to this many columns (a 2 x 3 rectangle)."""


@dataclass(frozen=True)
class Relation:
    """Every count of column ``total`` is the sum of that count in the ``parts`` columns."""

    total: str
    parts: tuple[str, ...]


@dataclass
class SetTable:
    """A report set as the witness search sees it."""

    columns: Mapping[str, Block]
    relations: Sequence[Relation]
    unseen_columns: frozenset[str]
    masks: dict[Cell, Mask]
    """Every published count; ``None`` is shown."""
    zero_ok: frozenset[Cell]
    """Counts whose "<5" may mean 0 (and whose shown 0 may be hidden as "<5")."""
    cost: Mapping[str, float]
    """What hiding a shown count costs, by count name (totals cost more)."""

    def __post_init__(self) -> None:
        self.template = next(iter(self.columns.values()))
        self.counts = list(self.template.values)
        self._alphas: dict[str, list[dict[str, int]]] = {}
        self._betas: dict[str, list[dict[str, int]]] = {}
        self._sums_with_total = {
            n: [s for s in self.template.sums if s.total == n] for n in self.counts
        }
        self._at_most_of: dict[str, list[AtMostRule]] = {n: [] for n in self.counts}
        for rule in self.template.at_most:
            self._at_most_of[rule.smaller].append(rule)
            self._at_most_of[rule.larger].append(rule)

    # --- what a count may become -----------------------------------------------------

    def value(self, cell: Cell) -> int:
        return self.columns[cell[0]].values[cell[1]]

    def unseen(self, cell: Cell) -> bool:
        return cell[0] in self.unseen_columns or cell[1] in self.template.unpublished

    def range_of(self, cell: Cell) -> tuple[float, float] | None:
        """What ``cell`` may be in an alternative table; None: it must stay as it is."""
        if self.unseen(cell):
            return 0, float("inf")
        mask = self.masks.get(cell)
        if mask == SMALL:
            return (0 if cell in self.zero_ok else 1), THRESHOLD - 1
        if mask == HIDDEN:
            return THRESHOLD, float("inf")
        return None

    def range_if_hidden(self, cell: Cell) -> tuple[float, float] | None:
        """What a shown ``cell`` may be once hidden (None: it cannot be hidden)."""
        value = self.value(cell)
        if value >= THRESHOLD:
            return THRESHOLD, float("inf")
        if value == 0 and cell in self.zero_ok:
            return 0, THRESHOLD - 1
        return None

    # --- searching ---------------------------------------------------------------------

    def protect(self, cell: Cell) -> tuple[Change, list[Cell]] | None:
        """The cheapest change found that moves ``cell``, and the shown counts it needs
        hidden; None when no change of this form fits."""
        best: tuple[float, Change, list[Cell]] | None = None
        name = cell[1]
        # Column changes through columns where this count is masked already first: they
        # are the likeliest to need nothing more hidden.
        alphas = sorted(
            self.column_changes(cell[0]),
            key=lambda alpha: sum(self.range_of((c, name)) is None for c in alpha),
        )
        for alpha in alphas:
            for sign in (1, -1):
                for beta in self.count_changes(cell[1], alpha, sign):
                    found = self._price(alpha, beta, sign)
                    if found is None:
                        continue
                    price, change, hide = found
                    if best is None or price < best[0]:
                        best = (price, change, hide)
                        if price == 0:
                            return change, hide
        return None if best is None else (best[1], best[2])

    def _price(
        self, alpha: dict[str, int], beta: dict[str, int], sign: int
    ) -> tuple[float, Change, list[Cell]] | None:
        change: Change = {}
        hide: list[Cell] = []
        price = 0.0
        for col, a in alpha.items():
            for name, b in beta.items():
                cell = (col, name)
                step = sign * a * b
                new = self.value(cell) + step
                allowed = self.range_of(cell)
                if allowed is None:
                    allowed = self.range_if_hidden(cell)
                    if allowed is None:
                        return None
                    hide.append(cell)
                    price += self.cost.get(name, 1.0)
                if not allowed[0] <= new <= allowed[1]:
                    return None
                change[cell] = step
        if not self._at_most_hold(alpha, beta, change):
            return None
        return price, change, hide

    def _at_most_hold(self, alpha: dict[str, int], beta: dict[str, int], change: Change) -> bool:
        rules = {r for name in beta for r in self._at_most_of[name]}
        for col in alpha:
            for rule in rules:
                small = self.value((col, rule.smaller)) + change.get((col, rule.smaller), 0)
                large = self.value((col, rule.larger)) + change.get((col, rule.larger), 0)
                if small > large:
                    return False
        return True

    def column_changes(self, column: str) -> list[dict[str, int]]:
        """Changes of whole columns, ``column`` +1, that keep every sum between columns:
        fewest columns first."""
        if column not in self._alphas:
            found: dict[frozenset[tuple[str, int]], dict[str, int]] = {}
            self._extend({column: 1}, found)
            self._alphas[column] = sorted(found.values(), key=len)
        return self._alphas[column]

    def _extend(
        self, alpha: dict[str, int], found: dict[frozenset[tuple[str, int]], dict[str, int]]
    ) -> None:
        broken = next((r for r in self.relations if _residual(r, alpha) != 0), None)
        if broken is None:
            found.setdefault(frozenset(alpha.items()), dict(alpha))
            return
        if len(alpha) >= _MAX_COLUMNS_CHANGED:
            return
        for member in (broken.total, *broken.parts):
            if member in alpha:
                continue
            if member == broken.total:
                step = sum(alpha.get(p, 0) for p in broken.parts)
            else:
                step = _residual(broken, alpha)
            if step in (1, -1):
                self._extend({**alpha, member: step}, found)

    def count_changes(
        self, name: str, alpha: Mapping[str, int], sign: int
    ) -> Iterator[dict[str, int]]:
        """Changes of counts, ``name`` +1, that keep every sum inside a column: the fixed
        ones, then a total raised with ``name`` (itself, or a total ``name`` is part of),
        and that once more with the count it must stay at most raised too."""
        if name not in self._betas:
            self._betas[name] = self._fixed_count_changes(name)
        yield from self._betas[name]
        totals = [name] if self._sums_with_total[name] else []
        totals += [s.total for s in self.template.sums if name in s.parts]
        for total in dict.fromkeys(totals):
            beta = self._raise(total, {name: 1}, alpha, sign)
            if beta is None:
                continue
            completed = self._complete(beta)
            if completed is not None:
                yield completed
            if completed is None:
                continue
            for rule in self._at_most_of[total]:
                if rule.smaller == total and rule.larger not in beta:
                    wider = self._raise(rule.larger, beta, alpha, sign)
                    wider = None if wider is None else self._complete(wider)
                    if wider is not None:
                        yield wider
            # Lowering a total that everyone answered lowers each answer count with it.
            below: dict[str, int] | None = beta
            for rule in self._at_most_of[total]:
                if below is not None and rule.larger == total and rule.smaller not in below:
                    below = self._raise(rule.smaller, below, alpha, sign)
            below = None if below is None or below == beta else self._complete(below)
            if below is not None:
                yield below

    def _raise(
        self, total: str, beta: dict[str, int], alpha: Mapping[str, int], sign: int
    ) -> dict[str, int] | None:
        """``beta`` with ``total`` +1 and, in each of its sums, one part +1."""
        beta = {**beta, total: 1}
        for rule in self._sums_with_total[total]:
            if any(beta.get(p, 0) > 0 for p in rule.parts):
                continue
            part = self._cheapest_part(rule, alpha, beta, sign)
            if part is None:
                return None
            beta[part] = 1
        return beta

    def _fixed_count_changes(self, name: str) -> list[dict[str, int]]:
        candidates: list[dict[str, int]] = [{name: 1}]
        for rule in self.template.sums:
            if name in rule.parts:
                candidates += [{name: 1, other: -1} for other in rule.parts if other != name]
        out = []
        for beta in candidates:
            completed = self._complete(beta)
            if completed is not None and completed not in out:
                out.append(completed)
        return out

    def _complete(self, beta: dict[str, int]) -> dict[str, int] | None:
        """``beta`` with unseen totals following their parts; None if a sum still breaks."""
        beta = dict(beta)
        for _ in range(len(self.template.sums) + 1):
            moved = False
            for rule in self.template.sums:
                if rule.total in self.template.unpublished and rule.total not in beta:
                    step = sum(beta.get(p, 0) for p in rule.parts)
                    if step:
                        beta[rule.total] = step
                        moved = True
            if not moved:
                break
        beta = {n: b for n, b in beta.items() if b}
        if all(_count_residual(rule, beta) == 0 for rule in self.template.sums):
            return beta
        return None

    def _cheapest_part(
        self, rule: SumRule, alpha: Mapping[str, int], beta: Mapping[str, int], sign: int
    ) -> str | None:
        """The part of ``rule`` that can move with the others at the lowest price."""
        best: tuple[float, str] | None = None
        for part in rule.parts:
            if part in beta:
                continue
            price = 0.0
            for col, a in alpha.items():
                cell = (col, part)
                allowed = self.range_of(cell)
                if allowed is None:
                    allowed = self.range_if_hidden(cell)
                    price += self.cost.get(part, 1.0)
                new = self.value(cell) + sign * a
                if allowed is None or not allowed[0] <= new <= allowed[1]:
                    break
            else:
                if best is None or price < best[0]:
                    best = (price, part)
        return None if best is None else best[1]


def _residual(rule: Relation, alpha: Mapping[str, int]) -> int:
    return alpha.get(rule.total, 0) - sum(alpha.get(p, 0) for p in rule.parts)


def _count_residual(rule: SumRule, beta: Mapping[str, int]) -> int:
    return beta.get(rule.total, 0) - sum(beta.get(p, 0) for p in rule.parts)


def check(table: SetTable, change: Change) -> bool:
    """Whether truth + ``change`` keeps every rule of the set and every range: the
    independent check of a constructed alternative table."""

    def new(cell: Cell) -> int:
        return table.value(cell) + change.get(cell, 0)

    for cell in change:
        allowed = table.range_of(cell)
        if allowed is None or not allowed[0] <= new(cell) <= allowed[1]:
            return False
    columns = {c for c, _ in change}
    names = {n for _, n in change}
    block = table.template
    sums = [r for r in block.sums if names & {r.total, *r.parts}]
    at_most = [r for r in block.at_most if names & {r.smaller, r.larger}]
    for col in columns:
        for rule in sums:
            if new((col, rule.total)) != sum(new((col, p)) for p in rule.parts):
                return False
        for bound in at_most:
            if new((col, bound.smaller)) > new((col, bound.larger)):
                return False
    for relation in table.relations:
        if not columns & {relation.total, *relation.parts}:
            continue
        for name in names:
            if new((relation.total, name)) != sum(new((p, name)) for p in relation.parts):
                return False
    return True
