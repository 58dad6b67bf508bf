#!/usr/bin/env bash
# Run the generated LAVA job of a QEMU board on a real LAVA dispatcher
# from Debian (lava-run, no server) against the board's rendered device
# description: the same kernel and workload as boards/run-qemu.sh, with
# LAVA's kexec boot action driving every reboot. Leaves in
# results/<run-id>/: job.yaml, device.yaml, ramdisk.cpio, lava.log (the
# dispatcher's log, one {dt, lvl, msg} mapping per line), lava-out/
# (result.yaml), lava-job.txt (LAVA's health of the job), then what
# boards/post-run.sh makes of it (as for lava-fetch.sh): metrics.txt,
# metrics.csv, summary.txt, result.txt: PASS when luo-collect's verdict
# (LAVA's health among its inputs) is pass, else FAIL with its reason.
# Usage: lava-local.sh WORKLOAD [workload options]
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

[ $# -ge 1 ] || die "usage: lava-local.sh WORKLOAD [options]"
workload=$1
shift
board=${BOARD:-qemu-x86_64}
command -v lava-run >/dev/null || die "no lava-run (make deps: scripts/deps.sh lava)"
kdir=$(BOARD=$board "$top/scripts/kernel.sh")
run_id=${RUN_ID:-$(date -u +%Y%m%dT%H%M%SZ)-$board-lava-$workload}
out="${RESULTS:-$top/results}/$run_id"
mkdir -p "$out"
job_ramdisk "$board" "$kdir" "$out/ramdisk.cpio"
job_write "$kdir" "$board" "$out/job.yaml" \
	"lava-run $(dpkg-query -W -f='${Version}' lava-dispatcher 2>/dev/null)" \
	"file://$kdir/Image" "file://$out/ramdisk.cpio" "$workload" "$*" \
	--device-out "$out/device.yaml"
say "lava-run: $board, $workload $*, log $out/lava.log"
rm -rf "$out/lava-out"
# the dispatcher needs an address for itself; this run needs no network
printf 'dispatcher_ip: 127.0.0.1\n' > "$out/dispatcher.yaml"
rc=0
lava-run --job-id 1 --output-dir "$out/lava-out" --device "$out/device.yaml" \
	--dispatcher "$out/dispatcher.yaml" "$out/job.yaml" > "$out/lava.log" 2>&1 || rc=$?
# lava-run may die before it writes result.yaml: then no result, no message
result=$(sed -n 's/^result: //p' "$out/lava-out/result.yaml" 2>/dev/null || true)
cases=$(grep -c '"lvl": "results"' "$out/lava.log" || true)
failed=$(grep '"lvl": "results"' "$out/lava.log" | grep -c '"result": "fail"' || true)
err=$(sed -n 's/^error_msg: //p' "$out/lava-out/result.yaml" 2>/dev/null || true)
# LAVA's word on the job, as lava-fetch.sh writes a server's (luo-collect reads it)
health=Incomplete
[ "$rc" = 0 ] && [ "$result" = pass ] && health=Complete
{
	echo "lava_job=1 device=$board health=$health failed_results=$failed"
	[ "$health" = Complete ] ||
		echo "error=lava-run exit $rc, job result '${result:-none}'${err:+: $err}"
} > "$out/lava-job.txt"
job_verdict "$out" || true
if grep -qx PASS "$out/result.txt"; then
	say "PASS: LAVA job passed, $cases results, $(grep -c 'phase=' "$out/metrics.txt") metrics; $out"
else
	say "$(cat "$out/result.txt")"
	exit 1
fi
