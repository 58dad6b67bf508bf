#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Sample the guest's program counter from the host, through QEMU's QMP
socket, while a kexec hands over from one kernel to the next: from the
workload's WIRE_KEXEC line to init's start (WIRE_INIT_START) in the
new kernel (stress/include/wire.h),
every INTERVAL seconds. Works under TCG and KVM. Cycles are sampled in
pairs, 1 and 2, not 3 and 4, 5 and 6, ...: a sampled cycle and the
unsampled one two later run alike (the shmem THP policy alternates
cycle by cycle), so their gaps give the sampling's cost. At the end every sample is named from the kernel's
System.map (the board boots with nokaslr): the function it fell in,
also for an x86 kernel still running at its physical address (before
it switches to its link address), or "outside the kernel" (purgatory or
the decompressor).

Writes OUT: "# interval_s=...", "# sampled cycle=N" for each cycle it
sampled, "# columns: host_s cycle pc function" naming the columns of
the lines after it, then one line per sample:
    <host seconds> <cycle> <pc hex> <function>
space-separated, the last column taking the rest of the line ("outside
the kernel"); readers find the columns by these names.

Usage: handover-sample.py QMP-SOCKET SERIAL-LOG SYSTEM-MAP OUT [INTERVAL]
It ends when QEMU closes the socket.
"""
import bisect
import json
import os
import re
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "scripts"))
import wire  # noqa: E402 (scripts/wire.py)

WIRE = wire.load()
# "<host seconds> <line>": the workload's kexec line, init's start
KEXEC = re.compile(b" " + re.escape(WIRE["WIRE_KEXEC"].encode())
                   + rb"(\d+) of ")
INIT = b" " + WIRE["WIRE_INIT_START"].encode()
# x86: "RIP=ffffffff81000000"; arm64: "PC=ffff800080000000"
PC = re.compile(r"\b(?:RIP|PC)=([0-9a-f]{8,16})\b")


class Qmp:
    """A QMP connection that runs HMP commands."""

    def __init__(self, path):
        for _ in range(200):
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(path)
                break
            except OSError:
                time.sleep(0.05)
        else:
            sys.exit("handover-sample.py: no QMP socket at %s" % path)
        self.buf = b""
        self.read()                                     # greeting
        self.call({"execute": "qmp_capabilities"})

    def read(self):
        while b"\n" not in self.buf:
            data = self.sock.recv(65536)
            if not data:
                raise EOFError
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return json.loads(line)

    def call(self, cmd):
        self.sock.sendall(json.dumps(cmd).encode() + b"\n")
        while True:
            msg = self.read()
            if "return" in msg or "error" in msg:
                return msg

    def pc(self):
        msg = self.call({"execute": "human-monitor-command",
                         "arguments": {"command-line": "info registers"}})
        m = PC.search(msg.get("return", ""))
        return int(m.group(1), 16) if m else None


def sampled_cycle(cycle):
    """1, 2, 5, 6, ...: see the top of this file."""
    return (cycle - 1) // 2 % 2 == 0


def symbols(path):
    """Sorted (address, name) of the kernel's text symbols."""
    syms = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            addr, kind, name = line.split()[:3]
            if kind in "tTwW":
                syms.append((int(addr, 16), name))
    syms.sort()
    return syms


# x86_64 maps the kernel at __START_KERNEL_map + its physical address
X86_START_KERNEL_MAP = 0xffffffff80000000


def name_of(syms, addrs, pc):
    if pc < (1 << 32) and syms[0][0] >= X86_START_KERNEL_MAP:
        pc += X86_START_KERNEL_MAP
    i = bisect.bisect_right(addrs, pc) - 1
    if i < 0 or pc > syms[-1][0] + (1 << 20):
        return "outside the kernel"
    return syms[i][1]


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__.split("\n\n")[-2])
    sock, serial, sysmap, out = sys.argv[1:5]
    interval = float(sys.argv[5]) if len(sys.argv) == 6 else 0.02
    syms = symbols(sysmap)
    addrs = [a for a, _ in syms]
    qmp = Qmp(sock)
    samples, sampled, cycle, pos = [], [], 0, 0
    try:
        with open(serial, "rb") as log:
            while True:
                log.seek(pos)
                chunk = log.read()
                if chunk:
                    last = chunk.rfind(b"\n") + 1
                    for line in chunk[:last].split(b"\n"):
                        m = KEXEC.search(line)
                        if m and sampled_cycle(int(m.group(1))):
                            cycle = int(m.group(1))
                            sampled.append(cycle)
                        elif INIT in line:
                            cycle = 0
                    pos += last
                if cycle:
                    pc = qmp.pc()
                    if pc is not None:
                        samples.append((time.time(), cycle, pc))
                    time.sleep(interval)
                else:
                    qmp.call({"execute": "query-status"})  # ends at EOF
                    time.sleep(0.05)
    except (EOFError, OSError):
        pass
    with open(out, "w", encoding="utf-8") as f:
        f.write("# interval_s=%g\n" % interval)
        for c in sampled:
            f.write("# sampled cycle=%d\n" % c)
        f.write("# columns: host_s cycle pc function\n")
        for t, c, pc in samples:
            f.write("%.6f %d %x %s\n" % (t, c, pc, name_of(syms, addrs, pc)))


if __name__ == "__main__":
    main()
