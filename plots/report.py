#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Release scale report of one run or sweep directory: draws the charts
(gnuplot scripts beside this file), writes report.json (the data: facts,
pass/fail per cycle, fits, comparison) and renders report.html from it
through one Jinja2 template, self-contained (SVG inline).

Every CSV is read by its header's column names (metrics.csv is
luo-collect's, agg.csv, fits.csv and compare.csv luo-aggregate's).

Usage: report.py DIR [--base BASE-DIR]
"""
import argparse
import csv
import datetime
import json
import os
import subprocess
import sys

import jinja2
from markupsafe import Markup

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)


def die(msg):
    sys.stderr.write("report.py: error: %s\n" % msg)
    sys.exit(1)


def read_csv(path):
    """Rows of a CSV as dicts keyed by its header."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            return list(csv.DictReader(f))
    except OSError as exc:
        die("%s: %s" % (path, exc.strerror))


def run_facts(d):
    """kernel, config and accelerator of the first run.txt under @d."""
    kv = {}
    for root, _, files in sorted(os.walk(d)):
        if "run.txt" in files:
            with open(os.path.join(root, "run.txt"), encoding="utf-8") as f:
                kv = dict(line.rstrip("\n").split("=", 1)
                          for line in f if "=" in line)
            break
    return {k: kv.get(k, "") for k in
            ("kernel_version", "config_sha256", "accel")}


def status_rows(metrics):
    """One row per run and cycle: its status (fail before incomplete
    before pass), cause and first message."""
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


def coverage_rows(d):
    """The all-kinds coverage of every run and cycle under @d, from the
    coverage.csv luo-collect writes (as in the kernel's view)."""
    res = subprocess.run([os.path.join(TOP, "build", "host", "luo-collect"),
                          "--coverage", d] if os.path.exists(
                              os.path.join(d, "serial.log")) else
                         [os.path.join(TOP, "build", "host", "luo-collect"),
                          "--coverage"] + sorted(
                              os.path.join(d, e) for e in os.listdir(d)
                              if os.path.exists(os.path.join(d, e, "serial.log"))),
                         capture_output=True, text=True, check=False)
    if res.returncode >= 3 or not res.stdout:
        return []
    return [r for r in csv.DictReader(res.stdout.splitlines())
            if r["kind"] == "all"]


def xsource(agg):
    """Which block count the charts' x axis is: the kernel's or the model's."""
    kernel = [r for r in agg if r["kernel_blocks"] not in ("", "-1")]
    if len(kernel) == len(agg):
        return "counted by the kernel"
    if not kernel:
        return "from the block model (the kernel did not count)"
    return "counted by the kernel where it could, else the block model"


def draw(d, agg, phases, series, xsrc):
    """Every chart as SVG and PNG into DIR/charts; their names."""
    charts = os.path.join(d, "charts")
    os.makedirs(charts, exist_ok=True)
    log = os.path.join(charts, "gnuplot.log")
    open(log, "w", encoding="utf-8").close()
    jobs = [("phase.gp", "phase-" + p, "phase='%s'" % p) for p in phases]
    jobs += [("per_file.gp", "per-file", ""), ("boot.gp", "boot", "")]
    for script, name, extra in jobs:
        for term in ("svg", "png"):
            cmd = ["gnuplot", "-e", "set loadpath '%s'" % HERE, "-e",
                   "agg='%s'; out='%s'; term='%s'; series='%s'; xsource='%s'"
                   % (agg, os.path.join(charts, "%s.%s" % (name, term)),
                      term, " ".join(series), xsrc)]
            if extra:
                cmd += ["-e", extra]
            with open(log, "a", encoding="utf-8") as err:
                res = subprocess.run(cmd + [os.path.join(HERE, script)],
                                     stderr=err, check=False)
            if res.returncode:
                die("gnuplot %s failed (see %s)" % (script, log))
    return [name for _, name, _ in jobs]


def build(d, base):
    metrics = read_csv(os.path.join(d, "metrics.csv"))
    agg = read_csv(os.path.join(d, "agg.csv"))
    if not agg:
        die("no passed cycle with metrics in %s" % d)
    series, phases = [], []
    for r in agg:
        s = "%s/%s" % (r["board"], r["page_size"])
        if s not in series:
            series.append(s)
        if r["phase"] not in phases:
            phases.append(r["phase"])
    compare = read_csv(os.path.join(d, "compare.csv")) if base else None
    abis = sorted({r["abi"] for r in metrics if r["abi"]})
    report = {
        "run": os.path.basename(os.path.normpath(d)),
        "base": os.path.basename(os.path.normpath(base)) if base else None,
        "generated": datetime.datetime.now(datetime.timezone.utc)
                     .strftime("%Y-%m-%dT%H:%MZ"),
        "facts": dict(run_facts(d), abi=" ".join(abis),
                      series=" ".join(series)),
        "status": status_rows(metrics),
        "fits": read_csv(os.path.join(d, "fits.csv")),
        "compare": compare,
        "regressions": sum(1 for r in compare or []
                           if r["verdict"] == "slower"),
        "aggregate": agg,
        "metrics_rows": len(metrics),
        "xsource": xsource(agg),
        "coverage": coverage_rows(d),
        "charts": draw(d, os.path.join(d, "agg.csv"), phases, series,
                       xsource(agg)),
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
        return text[text.find("<svg"):]
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.join(HERE, "templates")),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True)
    html = env.get_template("report.html.jinja2").render(
        r=report, svg=lambda name: Markup(svg(name)))
    with open(os.path.join(d, "report.html"), "w", encoding="utf-8") as f:
        f.write(html)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("dir")
    p.add_argument("--base", default="")
    opts = p.parse_args()
    report = build(opts.dir, opts.base)
    render(opts.dir, report)


if __name__ == "__main__":
    main()
