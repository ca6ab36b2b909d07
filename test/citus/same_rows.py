#!/usr/bin/env python3
"""Compare two query results saved by psql --csv: same header, same rows in
the same order.

Cells must be equal as text, except numbers: a float aggregate combined from
shard states in another order than one node adds its rows can differ in the
last bits, so two numbers count as the same when they differ by at most 1e-9
of their size.  Prints one line: how many rows matched and how many numbers
were equal only within that tolerance, or the first differences.  Exits 1
when the results differ.

    same_rows.py CITUS.csv SINGLE.csv
"""
import csv
import sys

TOLERANCE = 1e-9


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def main(left_path, right_path):
    left = list(csv.reader(open(left_path, newline="")))
    right = list(csv.reader(open(right_path, newline="")))
    if not left or not right:
        print("no output on %s side" % ("the Citus" if not left else "the single-node"))
        return 1
    if left[0] != right[0]:
        print("columns differ: %s / %s" % (left[0], right[0]))
        return 1
    problems = []
    if len(left) != len(right):
        problems.append("%d rows on Citus, %d on one node" % (len(left) - 1, len(right) - 1))
    close = 0
    for number_of_row, (a_row, b_row) in enumerate(zip(left[1:], right[1:]), 1):
        for column, a, b in zip(left[0], a_row, b_row):
            if a == b:
                continue
            x, y = number(a), number(b)
            if x is not None and y is not None and abs(x - y) <= TOLERANCE * max(1.0, abs(x), abs(y)):
                close += 1
                continue
            problems.append("row %d, %s: %r on Citus, %r on one node" % (number_of_row, column, a, b))
    if problems:
        print("\n".join(problems[:8] + (["... %d more" % (len(problems) - 8)] if len(problems) > 8 else [])))
        return 1
    rows = len(left) - 1
    print("%d row%s the same%s" % (rows, "" if rows == 1 else "s",
                                    ", %d float%s within 1e-9" % (close, "" if close == 1 else "s") if close else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
