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


actions = st.lists(
    st.fixed_dictionaries({"what": st.text(max_size=4), "who": st.text(max_size=4)}),
    min_size=1,
    max_size=5,
).map(lambda items: [{"id": f"a-{n}", **item} for n, item in enumerate(items, 1)])


@st.composite
def edits_to_different_actions(
    draw: st.DrawFn,
) -> tuple[dict[str, Any], list[tuple[int, str]], list[tuple[int, str]], bool]:
    base = {"actions": draw(actions)}
    fields = [(i, f) for i in range(len(base["actions"])) for f in ("what", "who")]
    chosen = draw(st.lists(st.sampled_from(fields), unique=True, max_size=len(fields)))
    split = draw(st.integers(0, len(chosen)))
    return base, chosen[:split], chosen[split:], draw(st.booleans())


@given(edits_to_different_actions())
def test_edits_to_different_items_of_a_list_by_id_are_all_kept(
    edits: tuple[dict[str, Any], list[tuple[int, str]], list[tuple[int, str]], bool],
) -> None:
    """Issue 12 item 6: two people editing different actions both keep their edit (the
    whole list used to be one conflict); an action one side adds is kept too."""
    base, mine_fields, their_fields, they_add = edits
    mine, theirs, expected = copy.deepcopy(base), copy.deepcopy(base), copy.deepcopy(base)
    for index, name in mine_fields:
        mine["actions"][index][name] = expected["actions"][index][name] = "mine!"
    for index, name in their_fields:
        theirs["actions"][index][name] = expected["actions"][index][name] = "theirs!"
    if they_add:
        added = {"id": "a-new", "what": "ny", "who": "någon"}
        theirs["actions"].append(added)
        expected["actions"].append(added)

    merged, conflicts = three_way(base, mine, theirs)

    assert conflicts == []
    assert merged == expected
