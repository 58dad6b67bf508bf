#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Write the LAVA job of a luo-stress run for one board (Jinja2, as LAVA's
own device types and test-plan projects do), and optionally check it
against LAVA's job schema (lava_common.schemas.validate, strict).

Usage: generate.py --board NAME (--kernel-url URL | --kernels "URL...")
                   --ramdisk-url URL
                   [--dtb-url URL] [--workload W] [--args "..."]
                   [--out FILE] [--validate] [--device-out FILE]
                   [--tags "T ..."]

A kernel sequence (--kernels "URL0 URL1 ..."): the job boots URL0, and
the kexec of cycle c loads kernel c mod N from the ramdisk (mkramdisk.sh
with the N kernel builds, in the same order, carries them as
WIRE_GUEST_KERNEL.I). Every kexec gives the next kernel the running
one's command line with WIRE_CMDLINE_CYCLE c (the ramdisk's
/bin/luo-lava-cmdline), so each kernel knows which kexec brought it.

The workload's options (--args, cycles included) are resolved by the
program's own parser (scripts/workload.sh): its defaults, its checks, its
guest size and the --kernel and --initrd the kexec boots, never a copy of
them here; the workloads are its --list, the kernel's line the job waits
for is stress/include/wire.h's (scripts/wire.py).
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
sys.path.insert(0, os.path.join(TOP, "scripts"))
import wire  # noqa: E402 (scripts/wire.py)

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


def resolve(board, workload, args):
    """The resolved workload of the options, name to value, from the
    stress programs' own parser (scripts/workload.sh): every default, the
    cycles and the guest memory it needs; a bad option is its error."""
    own = board["memory_mb"] if board["kind"] == "qemu" else ""
    res = subprocess.run(
        [os.path.join(TOP, "scripts", "workload.sh"),
         "--page-size", board["page_size"], "--board-mib", own or "0",
         workload] + shlex.split(args),
        capture_output=True, text=True, check=False)
    if res.returncode:
        die("%s %s: %s" % (workload, args, res.stderr.strip().split("\n")[-1]))
    return dict(line.split("=", 1) for line in res.stdout.splitlines())


def workloads():
    """The stress workloads: luo-workload --list, the one list."""
    res = subprocess.run([os.path.join(TOP, "scripts", "workload.sh"),
                          "--list"], capture_output=True, text=True,
                         check=False)
    if res.returncode:
        die("luo-workload --list: %s" % res.stderr.strip())
    return res.stdout.split()


# in the ramdisk (mkramdisk.sh): a stage of the workload, and the next
# kernel's command line for kexec N (luo-lava-cmdline.sh)
STAGE = "/bin/luo-lava-stage"
CMDLINE = "/bin/luo-lava-cmdline"


def kernel_urls(opts):
    """The kernels the job goes through: --kernels, else --kernel-url."""
    if opts.kernels and opts.kernel_url:
        die("give --kernel-url or --kernels, not both")
    urls = opts.kernels.split() if opts.kernels else [opts.kernel_url]
    for url in urls:
        if not url:
            die("no KERNEL_URL given (--kernel-url): the URL the lab fetches it from")
        if "://" not in url:
            die("KERNEL_URL is not a URL: '%s'" % url)
    return urls


def kexecs(urls, cycles, work, wire):
    """Per cycle c (1..cycles), the image its kexec loads (one kernel:
    the workload's --kernel, as today; N: WIRE_GUEST_KERNEL.(c mod N))
    and the option that sets the next kernel's command line."""
    out = []
    for c in range(1, cycles + 1):
        image = (work["kernel"] if len(urls) == 1 else
                 "%s.%d" % (wire["WIRE_GUEST_KERNEL"], c % len(urls)))
        out.append({"cycle": c, "kernel": image,
                    "append": '--append="$(%s %d)"' % (CMDLINE, c)})
    return out


def render(opts):
    board = board_info(opts.board)
    known = workloads()
    if opts.workload not in known:
        die("workload must be one of %s" % ", ".join(known))
    if board["dtb"] and not opts.dtb_url:
        die("board %s needs --dtb-url (its %s)" % (board["name"], board["dtb"]))
    urls = kernel_urls(opts)
    if not opts.ramdisk_url:
        die("no RAMDISK_URL given (--ramdisk-url): the URL the lab fetches it from")
    if "://" not in opts.ramdisk_url:
        die("RAMDISK_URL is not a URL: '%s'" % opts.ramdisk_url)
    if "--hold" in shlex.split(opts.args):
        die("--hold is added by the job")
    work = resolve(board, opts.workload, opts.args)
    sessions, files = int(work["sessions"]), int(work["files"])
    cycles, memory_mb = int(work["cycles"]), int(work["guest_mib"])
    if board["kind"] != "qemu" and memory_mb > int(board["memory_mb"]):
        die("%s %s needs %d MiB, more than %s's %s MiB (MEMORY_MB)" % (
            opts.workload, opts.args, memory_mb, board["name"],
            board["memory_mb"]))
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(
        os.path.join(HERE, "templates")), undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    # a YAML double-quoted string: JSON's, which YAML reads as it is
    env.filters["quote"] = json.dumps
    stage_minutes = max(10, sessions * files // 2000)
    if opts.device_out:
        if board["kind"] != "qemu":
            die("--device-out is for QEMU boards; a lab has its own devices")
        with open(opts.device_out, "w", encoding="utf-8") as f:
            f.write(env.get_template("device-qemu.yaml.jinja2").render(
                board=board, memory_mb=memory_mb))
    defs = wire.load()
    return env.get_template("luo-stress.yaml.jinja2").render(
        board=board, workload=opts.workload,
        args=opts.args.strip(), cycles=cycles, kernel_url=urls[0],
        kernel_urls=urls if len(urls) > 1 else [],
        tags=opts.tags.split(),
        ramdisk_url=opts.ramdisk_url, dtb_url=opts.dtb_url,
        memory_mb=memory_mb, stage_cmd=STAGE,
        kexecs=kexecs(urls, cycles, work, defs), kexec_initrd=work["initrd"],
        new_kernel=defs["WIRE_NEW_KERNEL"], prompt=PROMPT,
        stage_minutes=stage_minutes,
        job_minutes=10 + (cycles + 1) * stage_minutes * 2)


def validate(text, where):
    from lava_common.schemas import validate as lava_validate
    try:
        lava_validate(yaml.safe_load(text), strict=True)
    except Exception as exc:  # voluptuous raises several kinds
        die("%s does not validate against LAVA's schema: %s" % (where, exc))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--board", required=True)
    p.add_argument("--kernel-url", default="",
                   help="the kernel the job boots (one kernel)")
    p.add_argument("--kernels", default="",
                   help="a kernel sequence: URLs, space separated, in the "
                        "order the kexecs go through them (the first boots)")
    p.add_argument("--ramdisk-url", required=True)
    p.add_argument("--dtb-url", default="")
    p.add_argument("--workload", default="stress-files")
    p.add_argument("--args", default="",
                   help="workload options, --cycles among them")
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
