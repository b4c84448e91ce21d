"""Small-cell suppression of the published statistics, so that no one can be identified.

A table is a set of entries (its cells and its totals) tied by equations: the
cells of a row add up to the row's total, and so on. Staff other than the
administration office see the table with

- every entry counting 1 ≤ n < ``minimum`` hidden (*primary* suppression: a
  cell of 1 in a small department points at a person), and
- enough other entries hidden besides (*complementary* suppression) that no
  hidden entry can be worked out from what is shown: not by subtracting the
  shown cells from a shown total (a line with a single hidden entry), and not
  by combining several lines (an entry fixed by the equations as a whole,
  found by linear algebra below). A line whose hidden entries are all small
  also gets a larger one hidden, since two hidden cells of "fewer than 3"
  adding up to 2 are both 1.

Zeros are shown: a zero identifies no one. When even hiding every count
leaves a small one to be worked out, the whole table is withheld. Complementary entries are chosen
among the smallest shown ones, so that as little as possible is lost.
"""

import math
from fractions import Fraction

SMALL = "small"  # fewer than the minimum: hidden for its own sake
COMPLEMENT = "complement"  # hidden so that a small one cannot be worked out
WITHHELD = "withheld"  # the whole table, zeros too: nothing less protects its small counts


def suppress(values, equations, minimum):
    """{key: SMALL or COMPLEMENT} for the entries to hide.

    ``values`` maps every entry's key to its count; ``equations`` is a list of
    (parts, total): the keys that add up to the key ``total``.
    """
    hidden = {key: SMALL for key, count in values.items() if 1 <= count < minimum}
    if not hidden:
        return hidden
    lines = [(list(parts), total) for parts, total in equations]
    while _protect_lines(values, lines, hidden, minimum):
        pass
    _protect_combinations(values, lines, hidden, minimum)
    return hidden


def _candidates(values, keys, hidden):
    """Shown, non-zero entries among ``keys``, smallest first (the least lost by hiding them)."""
    return sorted(
        (key for key in keys if key not in hidden and values[key] > 0),
        key=lambda key: values[key],
    )


def _protect_lines(values, lines, hidden, minimum):
    """Hide one more entry in a line that gives a hidden one away; True if something changed."""
    changed = False
    for parts, total in lines:
        keys = [*parts, total]
        inside = [key for key in keys if key in hidden]
        if not inside:
            continue
        shown = _candidates(values, keys, hidden)
        if len(inside) == 1 or all(values[key] < minimum for key in inside):
            # The hidden ones alone are (nearly) pinned by the line's sum: hide a larger one,
            # large enough that any count below the minimum fits beside it.
            roomy = [key for key in shown if values[key] >= 2 * (minimum - 1)]
            choice = (roomy or shown[::-1] or [None])[0]
            if choice is not None:
                hidden[choice] = COMPLEMENT
                changed = True
    return changed


def _protect_combinations(values, lines, hidden, minimum):
    """Hide more until every small hidden count could as well be another small count.

    A reader knows the shown entries, the equations, that a 「3件未満」 count is
    1 … minimum − 1 and that another hidden entry is 0 or at least the minimum.
    A small count is safe when the hidden entries can all change together along a
    solution of the equations (nothing shown changing) and stay believable: then
    the reader cannot tell its true value from another.
    """
    while True:
        basis = _null_basis(lines, list(hidden))
        exposed = [
            key
            for key, reason in hidden.items()
            if reason == SMALL and not _movable(key, values, hidden, basis, minimum)
        ]
        if not exposed:
            return
        target = exposed[0]
        related = {
            key for parts, total in lines if target in (*parts, total) for key in (*parts, total)
        }
        candidates = _candidates(values, values, hidden)
        # The near ones first, larger ones before: they leave the small ones room to vary.
        candidates.sort(key=lambda key: (key not in related, values[key] < 2 * (minimum - 1)))
        if not candidates:
            # Every count is hidden and a small one still shows through (a line of 1 + 1
            # under a total below the minimum): the table is withheld, zeros and all.
            for key in values:
                hidden[key] = WITHHELD
            return
        for candidate in candidates:
            hidden[candidate] = COMPLEMENT
            if _movable(target, values, hidden, _null_basis(lines, list(hidden)), minimum):
                break
            del hidden[candidate]
        else:
            # No single one protects it: hide every count (zeros stay shown) and look again.
            for key in candidates:
                hidden[key] = COMPLEMENT


def _believable(reason, value, minimum):
    if reason == SMALL:
        return 1 <= value < minimum
    return value == 0 or value >= minimum


def _movable(key, values, hidden, basis, minimum):
    """Whether the hidden entries can move along the equations, ``key`` changing, believably."""
    directions = [vector for vector in basis if vector.get(key)]
    near = basis[:40]
    directions += [
        vector
        for i, a in enumerate(near)
        for b in near[i + 1 :]
        for sign in (1, -1)
        for vector in [{k: a.get(k, 0) + sign * b.get(k, 0) for k in a.keys() | b.keys()}]
        if vector.get(key)
    ]
    for vector in directions:
        for step in (1, -1, 2, -2, 3, -3):
            if all(
                _believable(hidden[k], values[k] + step * change, minimum)
                for k, change in vector.items()
                if change
            ):
                return True
    return False


def _null_basis(lines, keys):
    """Integer vectors {key: change}: the changes of the hidden entries the equations allow."""
    column = {key: index for index, key in enumerate(keys)}
    rows = []
    for parts, total in lines:
        row = [Fraction(0)] * len(keys)
        for key in parts:
            if key in column:
                row[column[key]] += 1
        if total in column:
            row[column[total]] -= 1
        if any(row):
            rows.append(row)
    pivots = _reduce(rows, len(keys))
    basis = []
    for free in range(len(keys)):
        if free in pivots:
            continue
        vector = {free: Fraction(1)}
        for pivot, row in pivots.items():
            if rows[row][free]:
                vector[pivot] = -rows[row][free]
        scale = math.lcm(*(value.denominator for value in vector.values()))
        basis.append({keys[index]: int(value * scale) for index, value in vector.items()})
    return basis


def _reduce(rows, width):
    """Reduced row echelon form in place; {pivot column: its row}."""
    pivots = {}
    top = 0
    for col in range(width):
        found = next((r for r in range(top, len(rows)) if rows[r][col] != 0), None)
        if found is None:
            continue
        rows[top], rows[found] = rows[found], rows[top]
        lead = rows[top][col]
        rows[top] = [value / lead for value in rows[top]]
        for r in range(len(rows)):
            if r != top and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[top], strict=True)]
        pivots[col] = top
        top += 1
        if top == len(rows):
            break
    return pivots


def grid_equations(row_count, column_count):
    """The equations of a table of cells (i, j) with row totals (i, None), column totals
    (None, j) and the grand total (None, None); a one-column table has only the grand total."""
    if column_count == 1:
        return [([(i, 0) for i in range(row_count)], (None, None))]
    equations = [([(i, j) for j in range(column_count)], (i, None)) for i in range(row_count)]
    equations += [([(i, j) for i in range(row_count)], (None, j)) for j in range(column_count)]
    equations.append(([(i, None) for i in range(row_count)], (None, None)))
    equations.append(([(None, j) for j in range(column_count)], (None, None)))
    return equations
