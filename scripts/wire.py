# SPDX-License-Identifier: GPL-2.0
"""The wire format (stress/include/wire.h) for Python: the WIRE_* names
of build/host/wire.sh (luo-collect --wire, written by `make -C
collect`), the same file the shell scripts source (scripts/common.sh:
wire_load). load() builds it when needed and returns name to value.
"""
import os
import shlex
import subprocess

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load():
    """Every definition of wire.h, name to value."""
    subprocess.run(["make", "-s", "-C", os.path.join(TOP, "collect"), "wire"],
                   stdout=subprocess.DEVNULL, check=True)
    defs = {}
    with open(os.path.join(TOP, "build", "host", "wire.sh"),
              encoding="utf-8") as f:
        for line in f:
            name, value = shlex.split(line)[0].split("=", 1)
            defs[name] = value
    return defs
