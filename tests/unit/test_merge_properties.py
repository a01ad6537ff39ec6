"""Property tests of the three-way merge: a change made on only one side is never lost."""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from plans.store.merge import Path, three_way

leaves = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=4))
keys = st.sampled_from(["a", "b", "c", "d", "e"])
bodies = st.recursive(
    leaves,
    lambda inner: st.dictionaries(keys, inner, min_size=1, max_size=4),
    max_leaves=12,
).filter(lambda v: isinstance(v, dict))


def _paths(body: Any, prefix: Path = ()) -> list[Path]:
    if isinstance(body, dict) and body:
        return [p for key, value in body.items() for p in _paths(value, (*prefix, key))]
    return [prefix]


def _set(body: dict[str, Any], path: Path, value: Any) -> None:
    node = body
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


@st.composite
def two_sided_edits(draw: st.DrawFn) -> tuple[dict[str, Any], list[Path], list[Path], Any]:
    base = draw(bodies)
    paths = _paths(base)
    chosen = draw(st.lists(st.sampled_from(paths), unique=True, max_size=len(paths)))
    split = draw(st.integers(0, len(chosen)))
    new_value = draw(st.text(min_size=5, max_size=8))  # never equal to a base leaf
    return base, chosen[:split], chosen[split:], new_value


@given(two_sided_edits())
def test_changes_on_different_fields_are_all_kept_without_conflicts(
    edits: tuple[dict[str, Any], list[Path], list[Path], Any],
) -> None:
    base, mine_paths, their_paths, value = edits
    mine, theirs, expected = copy.deepcopy(base), copy.deepcopy(base), copy.deepcopy(base)
    for path in mine_paths:
        _set(mine, path, f"m{value}")
        _set(expected, path, f"m{value}")
    for path in their_paths:
        _set(theirs, path, f"t{value}")
        _set(expected, path, f"t{value}")

    merged, conflicts = three_way(base, mine, theirs)

    assert conflicts == []
    assert merged == expected


@given(two_sided_edits())
def test_the_same_field_changed_differently_is_a_conflict_that_keeps_mine(
    edits: tuple[dict[str, Any], list[Path], list[Path], Any],
) -> None:
    base, mine_paths, their_paths, value = edits
    both = mine_paths + their_paths
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    for path in both:
        _set(mine, path, f"m{value}")
        _set(theirs, path, f"t{value}")

    merged, conflicts = three_way(base, mine, theirs)

    assert sorted(c.path for c in conflicts) == sorted(both)
    assert merged == mine
