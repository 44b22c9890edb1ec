"""Small counts are shown as "<5", and no suppressed cell can be worked out from what is shown."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tillsammans.core.suppression import _determined, enough, suppress_counts, suppress_table, suppress_tree


def test_small_counts_and_their_complement_are_hidden_zero_is_shown():
    shown, total = suppress_counts({"förskola": 3, "skola": 10, "hälso- och sjukvård": 12, "polis": 0})
    assert str(shown["förskola"]) == "<5"
    # 25 - 12 - 0 would give the preschool's 3: the smallest other count is hidden too.
    assert shown["skola"].suppressed and str(shown["skola"]) == "<5"
    assert str(shown["hälso- och sjukvård"]) == "12" and str(shown["polis"]) == "0"
    assert str(total) == "25" and total.public == 25 and shown["skola"].public is None


def test_nothing_small_nothing_hidden():
    shown, total = suppress_counts({"a": 5, "b": 1250})
    assert [str(s) for s in shown.values()] == ["5", "1\u202f250"] and str(total) == "1\u202f255"


def test_a_small_total_is_hidden_with_its_only_part():
    shown, total = suppress_counts({"a": 4, "b": 0})
    assert shown["a"].suppressed and total.suppressed and not shown["b"].suppressed


def test_two_small_cells_pinned_to_their_bounds_get_a_third():
    # 1 + 1 = 2 would tell both are 1 (small counts are at least 1): one more is hidden.
    shown, total = suppress_counts({"a": 1, "b": 1, "c": 9, "d": 20})
    assert shown["a"].suppressed and shown["b"].suppressed and shown["c"].suppressed
    assert not shown["d"].suppressed


def test_two_way_table_hides_a_cycle():
    counts = {("Norr", "jan"): 2, ("Norr", "feb"): 8, ("Söder", "jan"): 7, ("Söder", "feb"): 9}
    table = suppress_table(counts, ["Norr", "Söder"], ["jan", "feb"])
    hidden = {k for k, s in table.cells.items() if s.suppressed}
    # The row and the column of the small cell both need a second unknown: the four cells of the
    # 2 × 2 cycle are hidden, and the margins (20 and 16, 9 and 17 …) stay.
    assert ("Norr", "jan") in hidden and len(hidden) == 4
    assert str(table.total) == "26"


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 4).flatmap(lambda r: st.integers(1, 4).flatmap(
    lambda c: st.lists(st.lists(st.integers(0, 14), min_size=c, max_size=c), min_size=r, max_size=r))))
def test_no_suppressed_entry_follows_from_the_shown_numbers(matrix):
    rows, cols = list(range(len(matrix))), list(range(len(matrix[0])))
    table = suppress_table({(i, j): matrix[i][j] for i in rows for j in cols}, rows, cols)
    entries = {("c", i, j): table.cell(i, j) for i in rows for j in cols}
    entries |= {("r", i): table.row_totals[i] for i in rows} | {("k", j): table.column_totals[j] for j in cols}
    entries[("t",)] = table.total
    for shown in entries.values():  # every small count is hidden
        assert shown.suppressed or not 0 < shown.value < 5
    hidden = {e for e, s in entries.items() if s.suppressed}
    lines = [([("c", i, j) for j in cols], ("r", i)) for i in rows]
    lines += [([("c", i, j) for i in rows], ("k", j)) for j in cols]
    lines += [([("k", j) for j in cols], ("t",)), ([("r", i) for i in rows], ("t",))]
    # No line leaves exactly one unknown, and no combination of lines pins one either.
    for inner, total in lines:
        assert sum(e in hidden for e in (*inner, total)) != 1
    determined = _determined(hidden, lines)
    assert all(entries[e].value == 0 for e in determined), determined


def test_enough_people_for_a_median():
    assert not enough(4) and enough(5) and enough(0)


def test_a_count_pinned_by_zeros_and_totals_is_hidden_by_one_more():
    """Found by the property test above: with the zeros shown, the totals pinned the middle 1."""
    matrix = [[0, 0, 1], [0, 1, 2], [1, 2, 5]]
    test_no_suppressed_entry_follows_from_the_shown_numbers.hypothesis.inner_test(matrix)


def _tree_system(groups, tree):
    """The published entries of a suppressed two-level table and its lines, named as _determined
    reads them: ("t",) the total, ("g", i) a group, ("p", i, j) a part."""
    entries = {("t",): tree.total}
    lines = []
    for i, (group, parts) in enumerate(groups.items()):
        entries[("g", i)] = tree.groups[group]
        if isinstance(parts, dict):
            for j, part in enumerate(parts):
                entries[("p", i, j)] = tree.parts[group][part]
            lines.append(([("p", i, j) for j in range(len(parts))], ("g", i)))
    lines.append(([("g", i) for i in range(len(groups))], ("t",)))
    return entries, lines


def test_a_tree_hides_a_small_district_its_complement_and_keeps_the_totals():
    tree = suppress_tree({"Norrköping": {"Norra": 5, "Södra": 2}, "Åby": {"Centrum": 30}, "utanför": 0})
    assert str(tree.parts["Norrköping"]["Södra"]) == "<5" and tree.parts["Norrköping"]["Norra"].suppressed
    assert str(tree.groups["Norrköping"]) == "7" and str(tree.total) == "37"
    assert str(tree.parts["Åby"]["Centrum"]) == "30" and str(tree.groups["utanför"]) == "0"


def test_a_hidden_municipality_is_hidden_on_its_own_page_too():
    """A municipality hidden beside the others (its 3 would follow from the total) is hidden on its
    own districts' page as well, where its total would otherwise stand under its districts; and
    one of its districts with it, so that the district page does not give it away either."""
    tree = suppress_tree({"A": {"a1": 2, "a2": 1}, "B": {"b1": 6, "b2": 7}, "C": {"c1": 20}})
    assert tree.groups["A"].suppressed and tree.groups["B"].suppressed and not tree.groups["C"].suppressed
    assert tree.parts["A"]["a1"].suppressed and tree.parts["A"]["a2"].suppressed
    # B's 13 is hidden as A's complement: on B's own page a district must be hidden as well.
    assert sum(s.suppressed for s in tree.parts["B"].values()) >= 1


def test_two_districts_pinned_at_four_hide_their_municipality():
    """4 + 4 = 8 would tell both districts have 4 (the most a hidden count can be): the
    municipality's total is hidden, and then one more municipality beside it."""
    tree = suppress_tree({"A": {"a1": 4, "a2": 4}, "B": {"b1": 9}, "C": {"c1": 12}})
    assert tree.groups["A"].suppressed and tree.groups["B"].suppressed and not tree.groups["C"].suppressed
    assert tree.parts["B"]["b1"].suppressed  # else B's only district would give B's total away
    assert str(tree.total) == "29"


_COUNT = st.integers(0, 14)
_GROUPS = st.lists(st.one_of(_COUNT, st.lists(_COUNT, min_size=1, max_size=5)), min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(_GROUPS)
def test_no_suppressed_entry_of_a_tree_follows_from_the_shown_numbers(shape):
    """Every small count hidden, and nothing hidden that the shown numbers of the whole table (so of
    any of its pages together) determine: checked by the exact linear algebra of suppress_table."""
    groups = {f"g{i}": ({f"p{j}": n for j, n in enumerate(parts)} if isinstance(parts, list) else parts)
              for i, parts in enumerate(shape)}
    tree = suppress_tree(groups)
    entries, lines = _tree_system(groups, tree)
    for shown in entries.values():
        assert shown.suppressed or not 0 < shown.value < 5
    hidden = {e for e, s in entries.items() if s.suppressed}
    assert all(entries[e].value > 0 for e in hidden)
    for inner, total in lines:
        assert sum(e in hidden for e in (*inner, total)) != 1
        # the sums hold: what is shown is the truth
        assert sum(entries[e].value for e in inner) == entries[total].value
    assert not _determined(hidden, lines)
    assert suppress_tree(groups) == tree  # the same data, the same table
