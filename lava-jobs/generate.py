#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Write the LAVA job of a luo-stress run for one board (Jinja2, as LAVA's
own device types and test-plan projects do), and optionally check it
against LAVA's job schema (lava_common.schemas.validate, strict).

Usage: generate.py --board NAME --kernel-url URL --ramdisk-url URL
                   [--dtb-url URL] [--workload W] [--args "..."]
                   [--cycles N] [--out FILE] [--validate]
                   [--device-out FILE] [--tags "T ..."]
"""
import argparse
import json
import os
import shlex
import subprocess
import sys

import jinja2
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
WORKLOADS = ("stress-files", "stress-sessions")
# the ramdisk's /init packs the running root here for the next kexec
NEXT_INITRD = "/run/luo-stress/initrd.cpio"
# the ramdisk's shell prompt (PS1 'root@luo-stress:\\w# ', see mkramdisk.sh)
PROMPT = "root@luo-stress:[^ ]*# "


def die(msg):
    sys.stderr.write("generate.py: error: %s\n" % msg)
    sys.exit(1)


def board_info(name):
    res = subprocess.run([os.path.join(TOP, "scripts", "board-json.sh"), name],
                         capture_output=True, text=True, check=False)
    if res.returncode:
        die(res.stderr.strip().split("\n")[-1])
    return json.loads(res.stdout)


def workload_size(board, args):
    """sessions, files, pages and guest MiB of the workload options, from
    scripts/workload-size.sh (the QEMU runner sizes its guests there too)."""
    res = subprocess.run(
        [os.path.join(TOP, "scripts", "workload-size.sh"), board["page_size"],
         board["memory_mb"] if board["kind"] == "qemu" and board["memory_mb"]
         else "0"] + shlex.split(args),
        capture_output=True, text=True, check=False)
    if res.returncode:
        die(res.stderr.strip().split("\n")[-1])
    return {k: int(v) for k, v in
            (line.split("=", 1) for line in res.stdout.split())}


def render(opts):
    board = board_info(opts.board)
    if opts.workload not in WORKLOADS:
        die("workload must be one of %s" % ", ".join(WORKLOADS))
    if opts.cycles < 1 or opts.cycles > 1000:
        die("cycles must be 1..1000")
    if board["dtb"] and not opts.dtb_url:
        die("board %s needs --dtb-url (its %s)" % (board["name"], board["dtb"]))
    for url, var in ((opts.kernel_url, "KERNEL_URL"),
                     (opts.ramdisk_url, "RAMDISK_URL")):
        if not url:
            die("no %s given (--%s-url): the URL the lab fetches it from"
                % (var, var.split("_")[0].lower()))
        if "://" not in url:
            die("%s is not a URL: '%s'" % (var, url))
    if "--cycles" in opts.args or "--hold" in opts.args:
        die("give cycles with --cycles; --hold is added by the job")
    size = workload_size(board, opts.args)
    sessions, files, memory_mb = size["sessions"], size["files"], size["mem_mb"]
    # QEMU boards get the kprobe events that time LUO's freeze and
    # deserialization, as boards/run-qemu.sh gives them
    probes = ("p:luo_reboot_in,liveupdate_reboot;"
              "r:luo_reboot_out,liveupdate_reboot;"
              "p:luo_deser_in,luo_session_deserialize;"
              "r:luo_deser_out,luo_session_deserialize")
    cmdline = ("console=%s printk.time=1 liveupdate=on panic=-1 "
               "kprobe_event=%s tp_printk") % (
                   board["console"].split(",")[0], probes)
    extra = "printk.time=1 liveupdate=on " + board["cmdline_extra"]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(
        os.path.join(HERE, "templates")), undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    stage_minutes = max(10, sessions * files // 2000)
    if opts.device_out:
        if board["kind"] != "qemu":
            die("--device-out is for QEMU boards; a lab has its own devices")
        with open(opts.device_out, "w", encoding="utf-8") as f:
            f.write(env.get_template("device-qemu.yaml.jinja2").render(
                board=board, memory_mb=memory_mb))
    return env.get_template("luo-stress.yaml.jinja2").render(
        board=board, workload=opts.workload,
        args=(opts.args + " --cycles %d" % opts.cycles).strip(),
        cycles=opts.cycles, kernel_url=opts.kernel_url, tags=opts.tags.split(),
        ramdisk_url=opts.ramdisk_url, dtb_url=opts.dtb_url,
        memory_mb=memory_mb, cmdline=cmdline, cmdline_extra=extra,
        next_initrd=NEXT_INITRD, prompt=PROMPT,
        stage_minutes=stage_minutes,
        job_minutes=10 + (opts.cycles + 1) * stage_minutes * 2)


def validate(text, where):
    from lava_common.schemas import validate as lava_validate
    try:
        lava_validate(yaml.safe_load(text), strict=True)
    except Exception as exc:  # voluptuous raises several kinds
        die("%s does not validate against LAVA's schema: %s" % (where, exc))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--board", required=True)
    p.add_argument("--kernel-url", required=True)
    p.add_argument("--ramdisk-url", required=True)
    p.add_argument("--dtb-url", default="")
    p.add_argument("--workload", default="stress-files")
    p.add_argument("--args", default="", help="workload options")
    p.add_argument("--cycles", type=int, default=3)
    p.add_argument("--tags", default="",
                   help="device tags the job asks for (space separated)")
    p.add_argument("--out", default="-")
    p.add_argument("--validate", action="store_true")
    p.add_argument("--device-out", default="",
                   help="also write the QEMU board's device description")
    opts = p.parse_args()
    text = render(opts)
    if opts.validate:
        validate(text, opts.out)
    if opts.out == "-":
        sys.stdout.write(text)
    else:
        with open(opts.out, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
