"""Small counts of people are never shown: every statistic about people (reports of concern, parent
groups, survey answers, the pathway's durations) passes this module before it reaches a page, a
chart, an export or an indicator.

* **Primary suppression**: a count from 1 to ``threshold - 1`` (default 1–4) is shown as "<5".
  Zero is shown: it tells of nobody.
* **Secondary suppression**: a table is published with its row, column and grand totals. A
  suppressed cell must not be derivable from them. After the primary step, the table is treated as
  a system of linear equations (each row and column: its cells sum to its total) whose unknowns
  are the suppressed entries. While any unknown is determined by the shown numbers (its unit
  vector lies in the row space of the system: found by one exact reduction over fractions), the
  smallest non-zero shown entry of one of its lines is suppressed as well. Lines whose unknowns are
  all small (1–4) and whose sum pins them to their bounds (all 1s or all 4s) get one more, too.

A breakdown in two levels (districts within municipalities, each with its total, and the total of
all) is suppressed by ``suppress_tree`` as one system, whichever part of it a page shows.

The result keeps the true numbers inside (for totals in the database and tests) and knows which
are shown; ``str()`` of an entry is what people see.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from tillsammans.core.numbers import swedish_number

THRESHOLD = 5


@dataclass(frozen=True)
class Shown:
    """One published number: ``value`` is the truth, ``suppressed`` whether it may be shown."""

    value: int
    suppressed: bool = False
    threshold: int = THRESHOLD

    def __str__(self) -> str:
        return f"<{self.threshold}" if self.suppressed else swedish_number(self.value)

    @property
    def public(self) -> int | None:
        """The number for a chart or an export; None where it is suppressed."""
        return None if self.suppressed else self.value


@dataclass
class Table:
    """A suppressed two-way table with its margins."""

    rows: list[Hashable]
    columns: list[Hashable]
    cells: dict[tuple[Hashable, Hashable], Shown]
    row_totals: dict[Hashable, Shown]
    column_totals: dict[Hashable, Shown]
    total: Shown
    threshold: int = THRESHOLD
    notes: list[str] = field(default_factory=list)

    def cell(self, row: Hashable, column: Hashable) -> Shown:
        return self.cells[(row, column)]

    def any_suppressed(self) -> bool:
        return any(s.suppressed for s in (*self.cells.values(), *self.row_totals.values(),
                                           *self.column_totals.values(), self.total))


def _small(value: int, threshold: int) -> bool:
    return 0 < value < threshold


def _complement(inner, total, hidden, value):
    """The entry to hide beside a line's lone hidden one: its smallest shown non-zero inner entry,
    else its total (while shown and non-zero); None when the line has none to give."""
    candidates = [e for e in inner if e not in hidden and value[e] > 0]
    if candidates:
        return min(candidates, key=lambda e: (value[e], e))
    if total not in hidden and value[total] > 0:
        return total
    return None


def suppress_table(counts: Mapping[tuple[Hashable, Hashable], int], rows: Sequence[Hashable],
                   columns: Sequence[Hashable], *, threshold: int = THRESHOLD) -> Table:
    """Suppress a rows × columns table of counts (missing cells are 0) published with its totals."""
    rows, columns = list(rows), list(columns)
    # Entries: ("c", i, j) inner cells, ("r", i) row totals, ("k", j) column totals, ("t",) grand total.
    value: dict[tuple, int] = {}
    for i, r in enumerate(rows):
        for j, c in enumerate(columns):
            value[("c", i, j)] = int(counts.get((r, c), 0))
    for i in range(len(rows)):
        value[("r", i)] = sum(value[("c", i, j)] for j in range(len(columns)))
    for j in range(len(columns)):
        value[("k", j)] = sum(value[("c", i, j)] for i in range(len(rows)))
    value[("t",)] = sum(value[("r", i)] for i in range(len(rows)))

    # Lines: (inner entries, total entry). Rows, columns, the totals row and the totals column.
    lines: list[tuple[list[tuple], tuple]] = []
    for i in range(len(rows)):
        lines.append(([("c", i, j) for j in range(len(columns))], ("r", i)))
    for j in range(len(columns)):
        lines.append(([("c", i, j) for i in range(len(rows))], ("k", j)))
    lines.append(([("k", j) for j in range(len(columns))], ("t",)))
    lines.append(([("r", i) for i in range(len(rows))], ("t",)))

    primary = {e for e, v in value.items() if _small(v, threshold)}
    hidden = set(primary)

    def complement(line: tuple[list[tuple], tuple]) -> tuple | None:
        return _complement(*line, hidden, value)

    while True:
        added = False
        for line in lines:
            members = [*line[0], line[1]]
            unknown = [e for e in members if e in hidden]
            if not unknown:
                continue
            pinned = all(e in primary for e in unknown) and (
                sum(value[e] for e in unknown) in (len(unknown), len(unknown) * (threshold - 1)))
            if len(unknown) == 1 or pinned:
                extra = complement(line)
                if extra is not None:
                    hidden.add(extra)
                    added = True
        if not added:
            determined = _determined(hidden, lines)
            if not determined:
                break
            for entry in sorted(determined):
                extra = next((x for line in lines if entry in (*line[0], line[1])
                              for x in [complement(line)] if x is not None), None)
                if extra is not None:
                    hidden.add(extra)
                    added = True
                    break
            if not added:
                # Every line through a determined entry is hidden already (its shown cells are
                # zeros): hide the smallest shown number of a line that has unknowns, so that the
                # system has one unknown more; with nothing left to hide, nothing is determined.
                spare = [e for line in lines if any(x in hidden for x in (*line[0], line[1]))
                         for e in (*line[0], line[1]) if e not in hidden and value[e] > 0]
                if not spare:
                    break
                hidden.add(min(spare, key=lambda e: (value[e], e)))

    def shown(entry: tuple) -> Shown:
        return Shown(value[entry], entry in hidden, threshold)

    return Table(
        rows=rows, columns=columns, threshold=threshold,
        cells={(r, c): shown(("c", i, j)) for i, r in enumerate(rows) for j, c in enumerate(columns)},
        row_totals={r: shown(("r", i)) for i, r in enumerate(rows)},
        column_totals={c: shown(("k", j)) for j, c in enumerate(columns)},
        total=shown(("t",)),
    )


def suppress_counts(counts: Mapping[Hashable, int], keys: Sequence[Hashable] | None = None, *,
                    threshold: int = THRESHOLD) -> tuple[dict[Hashable, Shown], Shown]:
    """One breakdown published with its total (reports per sector, answers per area, …)."""
    keys = list(keys if keys is not None else counts.keys())
    table = suppress_table({(k, "n"): counts.get(k, 0) for k in keys}, keys, ["n"], threshold=threshold)
    return {k: table.cell(k, "n") for k in keys}, table.column_totals["n"]


@dataclass
class Tree:
    """A suppressed two-level breakdown: groups (municipalities), their parts (districts) and the
    total of all. ``groups`` holds each group's total (a group published without parts: its count)."""

    groups: dict[Hashable, Shown]
    parts: dict[Hashable, dict[Hashable, Shown]]
    total: Shown
    threshold: int = THRESHOLD


def suppress_tree(groups: Mapping[Hashable, Mapping[Hashable, int] | int], *,
                  threshold: int = THRESHOLD) -> Tree:
    """Suppress a breakdown in two levels published with its totals: each group's parts with the
    group's total, and the groups with the total of all. ``groups`` maps a group to its parts'
    counts, or to a number for a group published without parts ("outside the districts").

    The whole table is one system, whichever rows a page shows: a group's total is hidden on the
    group's own page exactly when it is hidden among the groups, so no two pages together tell more
    than the whole table. Ties are broken by the order given, so the same data in the same order
    always gives the same table.

    Every entry lies on at most two lines (a group's total on its group's line and on the line of
    the groups) and the lines form a tree; in such a system a suppressed entry follows from the
    shown numbers only if some line holds exactly one suppressed entry (docs/adr/0031). So this is
    ``suppress_table``'s rule – the complement for a line with one unknown, one more for a line
    pinned to its bounds – without the general linear algebra: linear in the size of the table."""
    value: list[int] = [0]  # entry 0: the total of all
    group_entry: dict[Hashable, int] = {}
    part_entry: dict[Hashable, dict[Hashable, int]] = {}
    lines: list[tuple[list[int], int]] = []
    for group, parts in groups.items():
        group_entry[group] = len(value)
        value.append(0)
        if isinstance(parts, Mapping):
            part_entry[group] = {}
            for part, n in parts.items():
                part_entry[group][part] = len(value)
                value.append(int(n))
            value[group_entry[group]] = sum(value[e] for e in part_entry[group].values())
            lines.append((list(part_entry[group].values()), group_entry[group]))
        else:
            value[group_entry[group]] = int(parts)
    value[0] = sum(value[e] for e in group_entry.values())
    lines.append((list(group_entry.values()), 0))

    primary = {e for e, v in enumerate(value) if _small(v, threshold)}
    hidden = set(primary)
    lines_of: dict[int, list[int]] = {}
    for n, (inner, total) in enumerate(lines):
        for e in (*inner, total):
            lines_of.setdefault(e, []).append(n)

    def complement(inner: list[int], total: int) -> int | None:
        return _complement(inner, total, hidden, value)

    # A line is looked at again whenever one of its entries is hidden. Hiding only adds unknowns
    # that were shown (never small ones), so a line that is safe stays safe.
    todo = deque(n for n, (inner, total) in enumerate(lines) if any(e in hidden for e in (*inner, total)))
    queued = set(todo)
    while todo:
        n = todo.popleft()
        queued.discard(n)
        inner, total = lines[n]
        unknown = [e for e in (*inner, total) if e in hidden]
        pinned = all(e in primary for e in unknown) and (
            sum(value[e] for e in unknown) in (len(unknown), len(unknown) * (threshold - 1)))
        if unknown and (len(unknown) == 1 or pinned):
            extra = complement(inner, total)
            if extra is not None:
                hidden.add(extra)
                for m in lines_of[extra]:
                    if m not in queued:
                        todo.append(m)
                        queued.add(m)

    made: dict[tuple[int, bool], Shown] = {}  # immutable: one per number and state (most are 0)

    def shown(entry: int) -> Shown:
        key = (value[entry], entry in hidden)
        if key not in made:
            made[key] = Shown(key[0], key[1], threshold)
        return made[key]

    return Tree(groups={g: shown(e) for g, e in group_entry.items()},
                parts={g: {p: shown(e) for p, e in parts.items()} for g, parts in part_entry.items()},
                total=shown(0), threshold=threshold)


def enough(n: int, *, threshold: int = THRESHOLD) -> bool:
    """Whether a figure computed over ``n`` people (a median, a share, a mean) may be shown."""
    return n == 0 or n >= threshold


def _determined(hidden: set[tuple], lines: list[tuple[list[tuple], tuple]]) -> set[tuple]:
    """The hidden entries whose value follows exactly from the shown numbers by linear algebra."""
    unknowns = sorted(hidden)
    index = {e: n for n, e in enumerate(unknowns)}
    matrix: list[list[Fraction]] = []
    for inner, total in lines:
        members = [*inner, total]
        if not any(e in hidden for e in members):
            continue
        row = [Fraction(0)] * len(unknowns)
        for e in inner:
            if e in hidden:
                row[index[e]] += 1
        if total in hidden:
            row[index[total]] -= 1
        matrix.append(row)
    # Reduced row echelon form; an unknown is determined iff some reduced row is its unit vector.
    pivots: list[int] = []
    rank = 0
    for col in range(len(unknowns)):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col] != 0), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        lead = matrix[rank][col]
        matrix[rank] = [x / lead for x in matrix[rank]]
        for r in range(len(matrix)):
            if r != rank and matrix[r][col] != 0:
                factor = matrix[r][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        pivots.append(col)
        rank += 1
    return {unknowns[col] for r, col in enumerate(pivots)
            if all(x == 0 for k, x in enumerate(matrix[r]) if k != col)}
