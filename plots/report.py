#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Release scale report of one run or sweep directory, or of NEW against
BASE: writes report.json (the data: the verdict first, then the evidence)
and renders report.html from it through one Jinja2 template,
self-contained (charts inline as SVG, no network).

Every CSV is read by its header's column names: metrics.csv is
luo-collect's; agg.csv, restore.csv, fits.csv, compare.csv, drift.csv
(the machine control's drift over a comparison), matrix.csv
(the transitions between kernels) and the tables of where the time goes
(profile-*.csv, handover-*.csv) luo-aggregate's, which
computes their statistics: this script formats them and draws. The
charts are drawn by chart.gp from two CSVs written here, so no number
lives in a gnuplot script.

Usage: report.py DIR [--base BASE-DIR] | report.py --runs DIR
"""
import argparse
import csv
import datetime
import json
import math
import os
import subprocess
import sys

import jinja2
from markupsafe import Markup

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
COLLECT = os.path.join(TOP, "build", "host", "luo-collect")
# the kernel reports known not to be LUO's (luo-collect --known)
KNOWN = os.path.join(TOP, "collect", "known-reports.txt")
# the phases whose growth the verdict states, in the order a cycle runs
MAIN_PHASES = ("preserve", "freeze", "deserialize", "retrieve", "finish",
               "blackout")


def die(msg):
    sys.stderr.write("report.py: error: %s\n" % msg)
    sys.exit(1)


def read_csv(path, required=True):
    """Rows of a CSV as dicts keyed by its header ([] when optional and
    absent)."""
    if not required and not os.path.exists(path):
        return []
    try:
        with open(path, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    except OSError as exc:
        die("%s: %s" % (path, exc.strerror))


# what makes a directory a run: its log (QEMU's serial.log, LAVA's
# lava.log), or only the runner's verdict when it failed before booting
# (luo-collect gives that one failed row, cause infrastructure)
RUN_FILES = ("serial.log", "lava.log", "runner-error.txt")


def is_run(d):
    return any(os.path.exists(os.path.join(d, f)) for f in RUN_FILES)


def runs_of(d):
    """The run directories of @d: @d itself, or its points. The one
    list: report.sh collects these too (report.py --runs)."""
    if is_run(d):
        return [d]
    return sorted(os.path.join(d, e) for e in os.listdir(d)
                  if is_run(os.path.join(d, e)))


def collect_csv(d, mode):
    """luo-collect --MODE over the runs of @d, as rows."""
    runs = runs_of(d)
    if not runs:
        return []
    res = subprocess.run([COLLECT, "--known", KNOWN, "--" + mode] + runs,
                         capture_output=True, text=True, check=False)
    if res.returncode >= 3:
        die("luo-collect --%s on %s: %s" % (mode, d, res.stderr.strip()))
    return list(csv.DictReader(res.stdout.splitlines()))


def run_facts(d):
    """Kernel, config, accelerator and boards of the runs under @d."""
    kv, boards = {}, []
    for r in runs_of(d):
        path = os.path.join(r, "run.txt")
        if not os.path.exists(path):
            continue
        with open(path, encoding="utf-8") as f:
            this = dict(line.rstrip("\n").split("=", 1)
                        for line in f if "=" in line)
        kv = kv or this
        if this.get("board") and this["board"] not in boards:
            boards.append(this["board"])
    return {"name": os.path.basename(os.path.normpath(d)),
            "kernel_version": kv.get("kernel_version", ""),
            "config_sha256": kv.get("config_sha256", ""),
            "accel": kv.get("accel", ""), "boards": " ".join(boards)}


def status_rows(metrics):
    """One row per run and cycle: status (fail before incomplete before
    pass), cause and first message."""
    rank = {"fail": 0, "incomplete": 1, "pass": 2}
    cycles = {}
    for r in metrics:
        key = (r["run_id"], int(r["cycle"]))
        st = cycles.setdefault(key, {"run": r["run_id"], "cycle": key[1],
                                     "status": r["status"], "cause": "",
                                     "message": ""})
        if rank.get(r["status"], 0) < rank.get(st["status"], 0):
            st["status"] = r["status"]
        if r["cause"] and not st["cause"]:
            st["cause"] = r["cause"]
        if r["message"] and not st["message"]:
            st["message"] = r["message"]
    return [cycles[k] for k in sorted(cycles)]


def point_rows(status):
    """Pass or fail per point (run): its cycles, and the first failure
    (its cycle, 0 before the first kexec, and luo-collect's message)."""
    points = {}
    for s in status:
        p = points.setdefault(s["run"], {"run": s["run"], "cycles": 0,
                                         "status": "pass", "cause": "",
                                         "cycle": 0, "message": ""})
        p["cycles"] += 1
        if s["status"] != "pass" and p["status"] == "pass":
            p.update(status=s["status"], cause=s["cause"],
                     cycle=s["cycle"], message=s["message"])
    return list(points.values())


def number(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def x_of(row):
    """An agg.csv row's x: luo-aggregate's x_blocks (the kernel's block
    count where it counted, else the model's; x_from says which)."""
    return number(row["x_blocks"])


def xsource(agg):
    kernel = [r for r in agg if r["x_from"] == "kernel"]
    if len(kernel) == len(agg):
        return "counted by the kernel"
    if not kernel:
        return "from the block model: the kernel did not count"
    return "counted by the kernel where it could, else the block model"


def series_of(row):
    return "%s/%s" % (row["board"], row["page_size"])


class Charts:
    """The rows of every chart (chart.gp's data and lines CSVs)."""

    def __init__(self):
        self.data, self.lines = [], []

    def add_point(self, chart, series, run, x, med, lo, hi, flagged=0):
        # a point without blocks (a matrix's control runs, luo-kexec, have
        # none) or without a median has no place on a chart
        if x is None or med is None:
            return
        self.data.append({"chart": chart, "series": series, "run": run,
                          "x": x, "median": med, "min": lo, "max": hi,
                          "flagged": flagged})

    def add_line(self, chart, series, kind, pts):
        for x, y in pts:
            self.lines.append({"chart": chart, "series": series,
                               "kind": kind, "x": x, "y": y})
        # a break between lines: gnuplot joins adjacent rows only
        self.lines.append({"chart": chart, "series": series, "kind": kind,
                           "x": "NaN", "y": "NaN"})

    def guides(self, chart):
        """O(n) and O(n^2) slopes from the chart's smallest NEW point
        to its largest x, cut where they leave the data's range far
        behind (so a flat phase's chart is not scaled to the guide)."""
        pts = [d for d in self.data if d["chart"] == chart and
               d["run"] == "new" and d["median"] > 0]
        if len(pts) < 2:
            return
        first = min(pts, key=lambda d: d["x"])
        last = max(d["x"] for d in pts)
        cap = 3 * max(d["max"] or d["median"] for d in pts)
        for kind, power in (("n1", 1), ("n2", 2)):
            end = min(last, first["x"] * (cap / first["median"]) **
                      (1 / power))
            if end > first["x"]:
                self.add_line(chart, "", kind, [
                    (first["x"], first["median"]),
                    (end, first["median"] * (end / first["x"]) ** power)])

    def write(self, d):
        # a series' points in adjacent rows: gnuplot joins only those
        self.data.sort(key=lambda r: (r["chart"], r["series"], r["run"],
                                      r["x"]))
        for name, rows, cols in (
                ("chart-data.csv", self.data, ("chart", "series", "run", "x",
                                               "median", "min", "max",
                                               "flagged")),
                ("chart-lines.csv", self.lines, ("chart", "series", "kind",
                                                 "x", "y"))):
            with open(os.path.join(d, name), "w", newline="",
                      encoding="utf-8") as f:
                w = csv.DictWriter(f, fieldnames=cols)
                w.writeheader()
                w.writerows(rows)


def phase_charts(charts, agg_new, agg_base, fits, compare):
    """A chart per phase: NEW (and BASE) medians against blocks, flagged
    points ringed, NEW's fitted line and the guide slopes."""
    flagged = {(c["board"], c["page_size"], c["phase"], c["blocks"])
               for c in compare or [] if c["blocks"] != "all"
               and c["verdict"] == "slower"}
    for run, agg in (("base", agg_base), ("new", agg_new)):
        for r in agg:
            med = number(r["median"])
            if med is None or med <= 0:
                continue
            charts.add_point(r["phase"], series_of(r), run, x_of(r), med,
                             number(r["min"]), number(r["max"]),
                             int((r["board"], r["page_size"], r["phase"],
                                  r["blocks"]) in flagged and run == "new"))
    for f in fits:
        e, i = number(f.get("exponent")), number(f.get("intercept"))
        if e is None or i is None:
            continue
        xs = [d["x"] for d in charts.data if d["chart"] == f["phase"]
              and d["series"] == series_of(f) and d["run"] == "new"]
        if xs:
            charts.add_line(f["phase"], series_of(f), "fit",
                            [(x, math.exp(i) * x ** e)
                             for x in (min(xs), max(xs))])


def headline_chart(charts, agg, restore, run):
    """Freeze and restore (deserialize + retrieve) on one chart: the
    question the suite exists for. Freeze is agg.csv's; restore is
    restore.csv's (luo-aggregate --restore): the median, min and max of
    each cycle's deserialize + retrieve, per point. Until that file the
    line was the sum of the two phases' medians (and mins, maxes) per
    block count, which is not a cycle's restore time, so its numbers
    changed with it."""
    for r in agg:
        med = number(r["median"])
        if r["phase"] == "freeze" and med:
            charts.add_point("headline", series_of(r) + ":freeze", run,
                             x_of(r), med, number(r["min"]),
                             number(r["max"]))
    for r in restore:
        charts.add_point("headline", series_of(r) + ":restore", run,
                         x_of(r), number(r["median"]), number(r["min"]),
                         number(r["max"]))


def draw(d, charts, runs, xsrc):
    """Every chart to SVG and PNG in DIR/charts; [(name, title, size)]."""
    out = os.path.join(d, "charts")
    os.makedirs(out, exist_ok=True)
    log = os.path.join(out, "gnuplot.log")
    open(log, "w", encoding="utf-8").close()
    charts.write(d)
    names = []
    for chart in ["headline"] + sorted({c["chart"] for c in charts.data
                                        if c["chart"] != "headline"}):
        series = sorted({c["series"] for c in charts.data
                         if c["chart"] == chart})
        fitted = sorted({c["series"] for c in charts.lines
                         if c["chart"] == chart and c["kind"] == "fit"})
        if not series:
            continue
        big = chart == "headline"
        title = ("freeze and restore (deserialize + retrieve)" if big
                 else chart)
        for term in ("svg", "png"):
            cmd = ["gnuplot", "-e", "set loadpath '%s'" % HERE, "-e",
                   "data='%s'; lines='%s'; chart='%s'; out='%s'; "
                   "term='%s'; series='%s'; runs='%s'; fitted='%s'; "
                   "title='%s'; "
                   "xlabel='serialization blocks, %s'; ylabel='ms'; "
                   "size='%s'" % (
                       os.path.join(d, "chart-data.csv"),
                       os.path.join(d, "chart-lines.csv"), chart,
                       os.path.join(out, "%s.%s" % (chart, term)), term,
                       " ".join(series), " ".join(runs), " ".join(fitted),
                       title, xsrc,
                       "large" if big else "small"),
                   os.path.join(HERE, "chart.gp")]
            with open(log, "a", encoding="utf-8") as err:
                res = subprocess.run(cmd, stderr=err, check=False)
            if res.returncode:
                die("gnuplot chart %s failed (see %s)" % (chart, log))
        names.append({"name": chart, "title": title,
                      "size": "large" if big else "small"})
    return names


def functions_rows(rows):
    """luo-aggregate's functions table (--profile, --handover) as the
    report prints it."""
    return [{"phase": r["phase"], "function": r["function"],
             "largest_point": r["largest_point"], "ms": r["ms"],
             "share": r["share_pct"] + "%" if r["share_pct"] else "",
             "time_exponent": r["time_exponent"] or "too few points",
             "hits_exponent": r["hits_exponent"] or "too few points"}
            for r in rows]


def profile_section(d):
    """PROFILE=1: the kernel functions of each phase (profile lines), and
    the profiler's cost: profiled runs against unprofiled ones of the
    same points (luo-aggregate --profile, --profile-cost; report.sh
    writes them only where there are profile lines)."""
    path = os.path.join(d, "profile-functions.csv")
    if not os.path.exists(path):
        return None
    return {"functions": functions_rows(read_csv(path)),
            "overhead": [{"phase": r["phase"], "points": int(r["points"]),
                          "profiled_over_unprofiled":
                          r["profiled_over_unprofiled"]}
                         for r in read_csv(os.path.join(d,
                                                        "profile-cost.csv"))],
            "note": "function times include the functions they call, so "
                    "shares overlap; freeze runs inside reboot(), after "
                    "the last moment the profiler can be read"}


def handover_section(d):
    """HANDOVER_SAMPLE=1: the functions the guest was in between
    'Starting new kernel' and the new kernel's clock (the handover gap),
    from the program counter samples, and the sampling's cost: each
    sampled cycle against the unsampled one two later (luo-aggregate
    --handover, --handover-cost; report.sh writes them only where a run
    has handover-samples.txt)."""
    path = os.path.join(d, "handover-functions.csv")
    if not os.path.exists(path):
        return None
    return {"functions": functions_rows(read_csv(path)),
            "overhead": [{"point": r["point"], "pairs": int(r["pairs"]),
                          "sampled_ms": r["sampled_ms"],
                          "unsampled_ms": r["unsampled_ms"],
                          "ratio": r["ratio"]}
                         for r in read_csv(os.path.join(d,
                                                        "handover-cost.csv"))],
            "note": "the share of program counter samples in each function, "
                    "times the gap's measured length; 'outside the kernel' "
                    "is purgatory or the decompressor"}


def checks_section(d):
    """The kernel's own checkers (luo-collect --checks, docs/metrics.md,
    "Kernel checks"): which ran, the faults injected per call with their
    errnos and the sites the kernel says they reached, the test FLBs,
    kmemleak's scans, and every report found (known ones marked). None
    when no checker ran (no checking kernel)."""
    rows = collect_csv(d, "checks")
    if not rows:
        return None
    ran = {}
    for r in rows:
        if r["kind"] == "checker_ran":
            ran[r["name"]] = ran.get(r["name"], 0) + int(r["count"])
    faults = {}
    for r in rows:
        if r["kind"] != "fault":
            continue
        f = faults.setdefault(r["name"], {"call": r["name"], "injected": 0,
                                          "errnos": {}})
        f["injected"] += int(r["count"])
        for e in filter(None, r["detail"].split(",")):
            name, _, n = e.partition(":")
            f["errnos"][name] = f["errnos"].get(name, 0) + int(n or 1)
    sites = {}
    for r in rows:
        if r["kind"] == "fault_site":
            sites[r["name"]] = sites.get(r["name"], 0) + int(r["count"])
    flbs = {}
    for r in rows:
        if r["kind"] != "flb":
            continue
        f = flbs.setdefault(r["name"], {})
        for kv in r["detail"].split():
            k, _, v = kv.partition("=")
            f[k] = f.get(k, 0) + int(v)
    scans = [r for r in rows if r["kind"] == "kmemleak_scan"]
    def total(kind):
        return sum(int(r["count"]) for r in rows if r["kind"] == kind)
    return {
        "ran": ", ".join("%s (%d)" % (k, ran[k]) for k in sorted(ran)),
        "faults": [{"call": f["call"], "injected": f["injected"],
                    "errnos": ", ".join("%s %d" % (e, n) for e, n in
                                        sorted(f["errnos"].items()))}
                   for f in sorted(faults.values(),
                                   key=lambda f: f["call"])],
        "sites": [{"site": s, "injections": n} for s, n in
                  sorted(sites.items(), key=lambda x: (-x[1], x[0]))],
        "expected": total("fault_expected"),
        "findings": total("fault_finding"),
        "lost": total("fault_lost"),
        "flb": [dict({"flb": k}, **v) for k, v in sorted(flbs.items())],
        "kmemleak": {"scans": len(scans),
                     "leaks": sum(int(r["count"]) for r in scans),
                     "luo": sum(int(r["detail"] or 0) for r in scans)},
        "reports": [{"run": r["run_id"], "cycle": r["cycle"],
                     "class": r["name"], "line": r["detail"],
                     "known": "known" if r["kind"] == "known" else ""}
                    for r in rows if r["kind"] in ("checker", "known",
                                                   "fault_warning")],
    }


def transitions_section(d):
    """A run or matrix whose kexecs moved between kernels: luo-aggregate
    --matrix's transitions (matrix.csv, which report.sh writes) as a grid
    of the kernel left (rows) by the kernel entered (columns), in the
    kernels' order (from_order, to_order), and under it the lines of the
    static check's abi-diff.txt (scripts/abi-diff.py) when DIR has one.
    A cell holds the pair's rows in matrix.csv's order: what ran first
    (the workload), then the others (a matrix's controls, luo-kexec with
    and without KHO). None when the rows name one kernel only (or there
    is no matrix.csv)."""
    pairs = read_csv(os.path.join(d, "matrix.csv"), required=False)
    kernels = {}
    for p in pairs:
        for side in ("from", "to"):
            kernels[int(p[side + "_order"])] = (p[side + "_kernel"],
                                                p[side + "_entry"])
    if len(kernels) < 2:
        return None
    # a kernel is named by its release, and by its KERNELS entry too
    # where another kernel has the same release (another page size)
    releases = [r for r, _ in kernels.values()]
    names = {o: "%s [%s]" % (r, e) if e and releases.count(r) > 1 else r
             for o, (r, e) in kernels.items()}
    froms = sorted({int(p["from_order"]) for p in pairs})
    tos = sorted({int(p["to_order"]) for p in pairs})
    at = {}
    for p in pairs:
        at.setdefault((int(p["from_order"]), int(p["to_order"])), []).append(p)
    abi = os.path.join(d, "abi-diff.txt")
    abi_lines = None
    if os.path.exists(abi):
        with open(abi, encoding="utf-8", errors="replace") as f:
            abi_lines = [line.rstrip("\n") for line in f if line.strip()]
    return {"kernels": [names[k] for k in sorted(names)],
            "names": [names.get(k, "") for k in range(max(names) + 1)],
            "from": [names[k] for k in froms],
            "to": [names[k] for k in tos],
            "grid": [{"from": names[f],
                      "cells": [at.get((f, t), []) for t in tos]}
                     for f in froms],
            "pairs": pairs,
            "failed": [p for p in pairs if p["verdict"] != "pass"],
            "abi_diff": abi_lines}


def growth(fits):
    """The verdict's growth lines: each main phase's exponent."""
    out = []
    for phase in MAIN_PHASES:
        for f in fits:
            if f["phase"] == phase:
                out.append(dict(f))
    return out


def comparison_section(drift, compare):
    """How the comparison held against the machine: its pairing (by
    time, the runs interleaved, or by cycle number of two sweeps), the
    control's drift and what was done about it, in luo-aggregate's own
    words (drift.csv)."""
    if compare is None:
        return None
    phases = [c for c in compare if c["blocks"] == "all"]
    interleaved = any(c.get("paired_by") == "time" for c in phases)
    actions = [d["action"] for d in drift]
    action = ("withheld" if "withheld" in actions else
              "corrected" if "corrected" in actions else
              "unseen" if not actions or "unseen" in actions else "none")
    lines = [("The runs were interleaved (scripts/compare.sh): each of "
              "NEW's runs is paired with the BASE run next to it in time, "
              "and every phase timed on the guest's clock is measured "
              "against the machine control of its own cycle.")
             if interleaved else
             ("The runs were not interleaved: two sweeps made one after "
              "the other, their cycles paired by number; a drift of the "
              "machine between them falls on one side only.")]
    lines += [d["said"] for d in drift]
    return {"interleaved": interleaved, "action": action, "lines": lines,
            "drift": drift}


def verdict(points, compare, fits, base, transitions, comparison):
    """The statement at the top of the report."""
    failed = [p for p in points if p["status"] != "pass"]
    phases = [c for c in compare or [] if c["blocks"] == "all"
              and c["verdict"] != "control"]
    slower = [c for c in phases if c["verdict"] == "slower"]
    faster = [c for c in phases if c["verdict"] == "faster"]
    withheld = bool(comparison) and comparison["action"] == "withheld"
    ok = not failed and not slower and not (transitions or {}).get("failed")
    words = []
    # an interleaved comparison's NEW has several runs at each point
    unit = "run" if comparison and comparison["interleaved"] else "point"
    words.append("%d %s%s, %s" % (
        len(points), unit, "" if len(points) == 1 else "s",
        "all passed" if not failed else "%d failed" % len(failed)))
    if transitions:
        n, bad = len(transitions["pairs"]), len(transitions["failed"])
        words.append("%d transition%s between kernels, %s" % (
            n, "" if n == 1 else "s",
            "all as expected" if not bad else "%d failed" % bad))
    if base:
        words.append("slower than BASE in %s"
                     % ", ".join(c["phase"] for c in slower) if slower
                     else "verdict withheld: the machine drifted"
                     if withheld else "no phase slower than BASE")
    status = "pass" if ok else "fail"
    if ok and withheld:
        status = "withheld"
    return {"status": status, "summary": "; ".join(words),
            "failed_points": failed, "regressions": slower,
            "improvements": faster, "growth": growth(fits),
            "detectable": [{"phase": c["phase"], "method": c["method"],
                            "detectable": c["detectable"]} for c in phases]}


def build(d, base):
    metrics = read_csv(os.path.join(d, "metrics.csv"))
    agg = read_csv(os.path.join(d, "agg.csv"))
    if not agg:
        die("no passed cycle with metrics in %s" % d)
    agg_base = read_csv(os.path.join(base, "agg.csv")) if base else []
    restore = read_csv(os.path.join(d, "restore.csv"))
    restore_base = (read_csv(os.path.join(base, "restore.csv")) if base
                    else [])
    fits = read_csv(os.path.join(d, "fits.csv"))
    compare = read_csv(os.path.join(d, "compare.csv")) if base else None
    drift = (read_csv(os.path.join(d, "drift.csv"), required=False)
             if base else [])
    comparison = comparison_section(drift, compare)
    status = status_rows(metrics)
    points = point_rows(status)
    transitions = transitions_section(d)
    charts = Charts()
    phase_charts(charts, agg, agg_base, fits, compare)
    headline_chart(charts, agg, restore, "new")
    if base:
        headline_chart(charts, agg_base, restore_base, "base")
    for chart in {c["chart"] for c in charts.data}:
        charts.guides(chart)
    xsrc = xsource(agg)
    report = {
        "run": os.path.basename(os.path.normpath(d)),
        "base": os.path.basename(os.path.normpath(base)) if base else None,
        "generated": datetime.datetime.now(datetime.timezone.utc)
                     .strftime("%Y-%m-%dT%H:%MZ"),
        "new": run_facts(d),
        "base_facts": run_facts(base) if base else None,
        "cycles": max((p["cycles"] for p in points), default=0),
        "verdict": verdict(points, compare, fits, base, transitions,
                           comparison),
        "comparison": comparison,
        "transitions": transitions,
        "points": points,
        "status": status,
        "fits": fits,
        "compare": compare,
        "aggregate": agg,
        "coverage": [r for r in collect_csv(d, "coverage")
                     if r["kind"] == "all"],
        "profile": profile_section(d),
        "checks": checks_section(d),
        "handover": handover_section(d),
        "metrics_rows": len(metrics),
        "xsource": xsrc,
        "charts": draw(d, charts, ["base", "new"] if base else ["new"],
                       xsrc),
    }
    with open(os.path.join(d, "report.json"), "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
    return report


def render(d, report):
    """report.html: report.json through the template, charts inline."""
    def svg(name):
        with open(os.path.join(d, "charts", name + ".svg"),
                  encoding="utf-8") as f:
            text = f.read()
        return Markup(text[text.find("<svg"):])
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(HERE, "templates")),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True)
    html = env.get_template("report.html.jinja2").render(r=report, svg=svg)
    with open(os.path.join(d, "report.html"), "w", encoding="utf-8") as f:
        f.write(html)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir")
    p.add_argument("--base", default="")
    p.add_argument("--runs", action="store_true",
                   help="print DIR's runs, one a line, and stop")
    opts = p.parse_args()
    if opts.runs:
        for r in runs_of(opts.dir):
            print(r)
        return
    report = build(opts.dir, opts.base)
    render(opts.dir, report)
    # the phases found slower, or why there is no verdict, for report.sh
    # to say (it exits with luo-aggregate's code)
    slower = report["verdict"]["regressions"]
    if slower:
        print("regression: %s slower than %s in %s (ratio; compare.csv)" % (
            opts.dir, opts.base, ", ".join("%s %s" % (c["phase"], c["ratio"])
                                           for c in slower)))
    elif report["verdict"]["status"] == "withheld":
        print("verdict withheld: %s" % " ".join(
            d["said"] for d in report["comparison"]["drift"]
            if d["action"] == "withheld"))


if __name__ == "__main__":
    main()
