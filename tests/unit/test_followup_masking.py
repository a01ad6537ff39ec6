"""Small-count masking: no 1–4 is shown, and no masked count can be worked out."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from plans.followup.masking import (
    HIDDEN,
    SMALL,
    AtMostRule,
    Block,
    Mask,
    SumRule,
    exposed_counts,
    suppress,
)


def triple(total: int, consent: int) -> Block:
    return Block(
        "total",
        {"total": total, "consent": consent, "anonymous": total - consent},
        [SumRule("total", ("consent", "anonymous"))],
    )


def test_a_cell_of_3_and_the_counts_that_would_reveal_it() -> None:
    # 13 = 10 + 3: hiding only the 3 would leave 13 - 10 on the page.
    masks = suppress(triple(13, 10))
    assert masks == {"total": None, "consent": HIDDEN, "anonymous": SMALL}


def test_nothing_is_masked_when_every_count_is_zero_or_at_least_5() -> None:
    assert suppress(triple(12, 7)) == {"total": None, "consent": None, "anonymous": None}
    assert suppress(triple(0, 0)) == {"total": None, "consent": None, "anonymous": None}
    assert suppress(triple(9, 9)) == {"total": None, "consent": None, "anonymous": None}


def test_the_next_smallest_cell_is_hidden_in_a_breakdown() -> None:
    values = {"total": 13, "girl": 3, "boy": 5, "other": 0, "unknown": 5}
    block = Block("total", values, [SumRule("total", ("girl", "boy", "other", "unknown"))])
    assert suppress(block) == {
        "total": None,
        "girl": SMALL,
        "boy": HIDDEN,  # as small as "unknown", and first
        "other": None,
        "unknown": None,
    }


def test_two_small_cells_that_could_only_be_ones_are_protected() -> None:
    # 22 = 20 + 1 + 1: both masked cells would have to be 1, so more is hidden.
    values = {"total": 22, "a": 20, "b": 1, "c": 1}
    block = Block("total", values, [SumRule("total", ("a", "b", "c"))])
    masks = suppress(block)
    assert masks["b"] == masks["c"] == SMALL
    assert masks["a"] == HIDDEN
    assert not exposed_counts(block, masks)


def test_a_small_total_masks_everything_in_its_block_zeros_too() -> None:
    values = {"total": 4, "a": 1, "b": 1, "c": 1, "d": 1, "e": 0, "plans": 0}
    block = Block(
        "total",
        values,
        [SumRule("total", ("a", "b", "c", "d", "e"))],
        [AtMostRule("plans", "total")],
    )
    assert set(suppress(block).values()) == {SMALL}


def test_a_small_subtotal_masks_its_parts_zeros_too() -> None:
    # Four answers, one of each: with zeros shown, four "<5" adding up to at most 4
    # would say "exactly one of each".
    values = {"responses": 9, "answered": 4, "yes": 1, "mostly": 1, "a_little": 1, "no": 1}
    block = Block(
        "responses",
        values,
        [SumRule("answered", ("yes", "mostly", "a_little", "no"))],
        [AtMostRule("answered", "responses")],
    )
    masks = suppress(block)
    assert masks["responses"] is None
    assert {masks[k] for k in ("answered", "yes", "mostly", "a_little", "no")} == {SMALL}
    assert not exposed_counts(block, masks)


def test_an_at_most_rule_can_give_a_count_away_and_is_respected() -> None:
    # Hiding consent (12) protects the anonymous 1 from 13 - 12, but a shown SIP
    # count of 12 says consent is at least 12 – which gives the 1 away again.
    values = {"total": 13, "consent": 12, "anonymous": 1, "sip": 12}
    block = Block(
        "total",
        values,
        [SumRule("total", ("consent", "anonymous"))],
        [AtMostRule("sip", "consent")],
    )
    masks = suppress(block)
    assert masks == {"total": None, "consent": HIDDEN, "anonymous": SMALL, "sip": HIDDEN}
    assert not exposed_counts(block, masks)


def test_unpublished_helper_counts_are_never_returned_or_shown() -> None:
    values = {"n": 20, "better": 10, "much_better": 3, "worse": 7, "improved": 13, "mattered": 14}
    block = Block(
        "n",
        values,
        [
            SumRule("n", ("better", "much_better", "worse")),
            SumRule("improved", ("better", "much_better")),
        ],
        [AtMostRule("mattered", "improved")],
        unpublished=frozenset({"improved"}),
    )
    masks = suppress(block)
    assert "improved" not in masks
    assert masks["much_better"] == SMALL
    assert not exposed_counts(block, masks)


# --- a brute-force check, independent of the interval reasoning --------------------


def _sumset(domains: list[set[int]]) -> set[int]:
    sums = {0}
    for d in domains:
        sums = {s + v for s in sums for v in d}
    return sums


def _possible_values(
    total: int, tables: list[list[int]], masks: dict[str, Mask], cap: int
) -> dict[str, set[int]]:
    """Every value each count can take given what is shown, by enumeration."""

    def domain(name: str, value: int, under_small_total: bool) -> set[int]:
        mask = masks[name]
        if mask is None:
            return {value}
        if mask == SMALL:
            return set(range(0 if under_small_total else 1, 5))
        return set(range(5, cap + 1))

    small_total = masks["t"] == SMALL
    domains = {
        f"p{i}_{j}": domain(f"p{i}_{j}", v, small_total)
        for i, table in enumerate(tables)
        for j, v in enumerate(table)
    }
    possible: dict[str, set[int]] = {name: set() for name in [*domains, "t"]}
    for t in domain("t", total, False):
        per_table = []
        for i, table in enumerate(tables):
            names = [f"p{i}_{j}" for j in range(len(table))]
            options = {
                n: {
                    v for v in domains[n] if t - v in _sumset([domains[m] for m in names if m != n])
                }
                for n in names
            }
            per_table.append(options)
        if all(all(opts.values()) for opts in per_table):
            possible["t"].add(t)
            for opts in per_table:
                for n, vs in opts.items():
                    possible[n] |= vs
    return possible


@st.composite
def two_breakdowns(draw: st.DrawFn) -> tuple[int, list[list[int]]]:
    first = draw(st.lists(st.integers(0, 9), min_size=2, max_size=4))
    total = sum(first)
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=1, max_size=3)))
    second = [b - a for a, b in pairwise([0, *cuts, total])]
    return total, [first, second]


@settings(max_examples=300, deadline=None)
@given(two_breakdowns())
def test_no_masked_count_can_be_worked_out_and_no_small_count_is_shown(
    case: tuple[int, list[list[int]]],
) -> None:
    total, tables = case
    values = {"t": total} | {
        f"p{i}_{j}": v for i, table in enumerate(tables) for j, v in enumerate(table)
    }
    sums = [
        SumRule("t", tuple(f"p{i}_{j}" for j in range(len(table))))
        for i, table in enumerate(tables)
    ]
    masks = suppress(Block("t", values, sums))
    for name, value in values.items():
        assert not (masks[name] is None and 1 <= value <= 4), f"{name}={value} shown"
        assert not (masks[name] == SMALL and value >= 5), f"{name}={value} called <5"
    if set(masks.values()) == {HIDDEN}:
        return  # everything hidden: nothing to work out
    possible = _possible_values(total, tables, masks, cap=total + 10)
    for name, mask in masks.items():
        if mask is not None:
            assert len(possible[name]) >= 2, f"{name}={values[name]} can be worked out: {masks}"
        assert values[name] in possible[name]
