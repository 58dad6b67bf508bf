#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A serial log with excerpts put in, for the host tests of the kernel
checks (tests/collect/checks.sh): after the Nth line of LOG that holds
PATTERN, EXCERPT's lines, each with that line's host time; "K text" a
kernel line at the printk time of the last kernel line before it (the
kernel's clock goes on), "K+S text" S seconds after it, "G text" a line
of the workload's. With
"-" for EXCERPT the Nth matching line itself is left out.

  splice.py LOG [PATTERN N EXCERPT]... > NEW-LOG
"""
import re
import sys


def main():
    if len(sys.argv) < 2 or (len(sys.argv) - 2) % 3:
        sys.exit("usage: splice.py LOG [PATTERN N EXCERPT]...")
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    cuts = []
    for i in range(2, len(sys.argv), 3):
        pat, n, path = sys.argv[i], int(sys.argv[i + 1]), sys.argv[i + 2]
        ex = None
        if path != "-":
            with open(path, encoding="utf-8") as f:
                ex = [line for line in f.read().split("\n") if line]
        cuts.append([pat, n, ex, 0])
    out, pk = [], "0.000000"
    for line in lines:
        m = re.match(r"^\S+ \[ *([0-9.]+)\] ", line)
        if m:
            pk = m.group(1)
        keep, after = True, []
        for cut in cuts:
            if cut[0] not in line:
                continue
            cut[3] += 1
            if cut[3] != cut[1]:
                continue
            if cut[2] is None:
                keep = False
                continue
            host = line.split(" ", 1)[0]
            for e in cut[2]:
                m = re.match(r"^K\+([0-9.]+) (.*)$", e)
                if m:
                    after.append("%s [%12.6f] %s" % (
                        host, float(pk) + float(m.group(1)), m.group(2)))
                    continue
                kind, text = e[:1], e[2:]
                after.append("%s [%12s] %s" % (host, pk, text) if kind == "K"
                             else "%s %s" % (host, text))
        if keep:
            out.append(line)
        out += after
    for cut in cuts:
        if cut[3] < cut[1]:
            sys.exit("splice.py: %r: only %d of %d lines" % (cut[0], cut[3],
                                                          cut[1]))
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
