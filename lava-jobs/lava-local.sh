#!/usr/bin/env bash
# Run the generated LAVA job of a QEMU board on a real LAVA dispatcher
# from Debian (lava-run, no server) against the board's rendered device
# description: the same kernel and workload as boards/run-qemu.sh, with
# LAVA's kexec boot action driving every reboot. Leaves in
# results/<run-id>/: job.yaml, device.yaml, ramdisk.cpio, lava.log (the
# dispatcher's log, one {dt, lvl, msg} mapping per line), lava-out/
# (result.yaml), metrics.txt and metrics.csv (luo-collect), result.txt.
# Usage: lava-local.sh WORKLOAD [workload options]
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"

[ $# -ge 1 ] || die "usage: lava-local.sh WORKLOAD [options]"
workload=$1
shift
board=${BOARD:-qemu-x86_64}
command -v lava-run >/dev/null || die "no lava-run (make deps: scripts/deps.sh lava)"
kdir=$(BOARD=$board "$top/scripts/kernel.sh")
run_id=${RUN_ID:-$(date -u +%Y%m%dT%H%M%SZ)-$board-lava-$workload}
out="${RESULTS:-$top/results}/$run_id"
mkdir -p "$out"
"$top/lava-jobs/mkramdisk.sh" "$board" "$kdir" "$out/ramdisk.cpio"
"$top/lava-jobs/generate.py" --validate --board "$board" --workload "$workload" \
	--args "$*" --kernel-url "file://$kdir/Image" \
	--ramdisk-url "file://$out/ramdisk.cpio" --out "$out/job.yaml" \
	--device-out "$out/device.yaml"
{
	echo "board=$board"
	echo "workload=$workload"
	echo "args=$*"
	echo "runner=lava-run $(dpkg-query -W -f='${Version}' lava-dispatcher 2>/dev/null)"
	kernel_facts "$kdir" "$board"
} > "$out/run.txt"
say "lava-run: $board, $workload $*, log $out/lava.log"
rm -rf "$out/lava-out"
# the dispatcher needs an address for itself; this run needs no network
printf 'dispatcher_ip: 127.0.0.1\n' > "$out/dispatcher.yaml"
rc=0
lava-run --job-id 1 --output-dir "$out/lava-out" --device "$out/device.yaml" \
	--dispatcher "$out/dispatcher.yaml" "$out/job.yaml" > "$out/lava.log" 2>&1 || rc=$?
make -s -C "$top/collect"
"$top/build/host/luo-collect" --lines "$out" > "$out/metrics.txt" 2>/dev/null || true
"$top/build/host/luo-collect" -o "$out/metrics.csv" "$out" || true
result=$(sed -n 's/^result: //p' "$out/lava-out/result.yaml" 2>/dev/null)
cases=$(grep -c '"lvl": "results"' "$out/lava.log" || true)
failed=$(grep '"lvl": "results"' "$out/lava.log" | grep -c '"result": "fail"' || true)
if [ "$rc" = 0 ] && [ "$result" = pass ] && [ "$failed" = 0 ]; then
	echo PASS > "$out/result.txt"
	say "PASS: LAVA job passed, $cases results, $(grep -c 'phase=' "$out/metrics.txt") metrics; $out"
else
	err=$(sed -n 's/^error_msg: //p' "$out/lava-out/result.yaml" 2>/dev/null)
	echo "FAIL: lava-run exit $rc, job result '${result:-none}', $failed failed results${err:+: $err}" > "$out/result.txt"
	say "$(cat "$out/result.txt")"
	exit 1
fi
