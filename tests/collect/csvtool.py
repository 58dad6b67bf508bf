#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""CSV by column name, for the host tests: they read and change the
collectors' CSVs the way every consumer must, by header name.

  csvtool.py get FILE COL[,COL...] [COL=VAL...]   matching rows' columns
  csvtool.py scale FILE FACTOR COL[,COL...] [COL=VAL...]
                                                  FILE with COLs x FACTOR
  csvtool.py add FILE DELTA COL[,COL...] [COL=VAL...]
                                                  FILE with COLs + DELTA
  csvtool.py set FILE COL VALUE [COL=VAL...]      FILE with COL = VALUE
                                                  on the matching rows
  csvtool.py insert FILE NAME VALUE AFTER         FILE with a new column
  csvtool.py row FILE COL=VAL...                  one row in FILE's order
"""
import csv
import sys


def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        r = csv.DictReader(f)
        return r.fieldnames, list(r)


def match(row, where):
    return all(row[k] == v for k, v in (w.split("=", 1) for w in where))


def main():
    cmd, path = sys.argv[1], sys.argv[2]
    header, rows = load(path)
    out = csv.writer(sys.stdout, lineterminator="\n")
    if cmd == "get":
        cols = sys.argv[3].split(",")
        for row in rows:
            if match(row, sys.argv[4:]):
                print(",".join(row[c] for c in cols))
    elif cmd in ("scale", "add"):
        by, cols = float(sys.argv[3]), sys.argv[4].split(",")
        out.writerow(header)
        for row in rows:
            if match(row, sys.argv[5:]):
                for c in cols:
                    v = float(row[c])
                    row[c] = "%.3f" % (v * by if cmd == "scale" else v + by)
            out.writerow([row[h] for h in header])
    elif cmd == "set":
        col, value = sys.argv[3:5]
        out.writerow(header)
        for row in rows:
            if match(row, sys.argv[5:]):
                row[col] = value
            out.writerow([row[h] for h in header])
    elif cmd == "insert":
        name, value, after = sys.argv[3:6]
        at = header.index(after) + 1
        out.writerow(header[:at] + [name] + header[at:])
        for row in rows:
            vals = [row[h] for h in header]
            out.writerow(vals[:at] + [value] + vals[at:])
    elif cmd == "row":
        kv = dict(a.split("=", 1) for a in sys.argv[3:])
        out.writerow([kv.get(h, "") for h in header])
    else:
        sys.exit("csvtool.py: unknown command %s" % cmd)


if __name__ == "__main__":
    main()
