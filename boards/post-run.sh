#!/usr/bin/env bash
# The one step after every run, QEMU (boards/run-qemu.sh, also when it
# stopped before QEMU) or LAVA (lava-jobs/lab-common.sh's job_verdict):
# from a serial log, KTAP (ktap.txt, ktap-run.txt); then luo-collect's
# metric lines (metrics.txt), tidy CSV, coverage CSV, kernel checks
# (checks.csv), per-cycle summary (summary.txt, also on stderr) and
# verdict, written to result.txt: PASS, or FAIL: with luo-collect's
# reason. luo-collect alone decides, from the log and the runner's and
# LAVA's own files (its --help), the kernel reports of
# collect/known-reports.txt known, not failures.
# Usage: post-run.sh RESULTS-DIR
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/../scripts/common.sh"
# the lines of stress/include/wire.h, as WIRE_*
wire_load

[ $# -eq 1 ] || die "usage: post-run.sh RESULTS-DIR"
out=$1
serial="$out/serial.log"
# fail REASON (common.sh): the verdict; every path out of here leaves a result.txt
verdict_on_exit
rm -f "$out/result.txt"

if [ -f "$serial" ]; then
	# KTAP: the workload's lines (kernel lines start with '[').
	cut -d' ' -f2- "$serial" |
		grep -E '^(TAP version|KTAP version|1\.\.[0-9]|ok |not ok |# )' > "$out/ktap.txt" || true
	# and one KTAP document for the whole run, a subtest per kernel
	awk -v name="$(sed -n 's/^workload=//p' "$out/run.txt" 2>/dev/null)" \
		-v totals_line="$WIRE_TOTALS" -f "$(dirname "$0")/ktap-run.awk" "$out/ktap.txt" "$out/ktap.txt" > "$out/ktap-run.txt"
fi

collect="$(dirname "$0")/../build/host/luo-collect"
known=(--known "$(dirname "$0")/../collect/known-reports.txt")
"$collect" "${known[@]}" --lines "$out" > "$out/metrics.txt" 2>/dev/null || [ $? -lt 3 ] ||
	fail "luo-collect failed on $out"
"$collect" "${known[@]}" -o "$out/metrics.csv" "$out" || [ $? -lt 3 ] ||
	fail "luo-collect failed on $out"
"$collect" "${known[@]}" --coverage -o "$out/coverage.csv" "$out" 2>/dev/null || [ $? -lt 3 ] ||
	fail "luo-collect failed on $out"
"$collect" "${known[@]}" --checks -o "$out/checks.csv" "$out" 2>/dev/null || [ $? -lt 3 ] ||
	fail "luo-collect failed on $out"
"$collect" "${known[@]}" --summary -o "$out/summary.txt" "$out" 2>/dev/null || [ $? -lt 3 ] ||
	fail "luo-collect failed on $out"
cat "$out/summary.txt" >&2

# the verdict: failed cycles (FAIL lines, not ok, kernel WARNING/BUG/
# Oops/panic/OOM, LUO errors), a log that ends too soon (naming the
# cycle and phase it stopped in, and how QEMU or LAVA ended), the
# runner's watchdog or error, LAVA's job health, a workload that never
# said it completed
verdict=$("$collect" "${known[@]}" --verdict "$out" 2>/dev/null) && vrc=0 || vrc=$?
case "$vrc" in
0) ;;
1 | 2) fail "${verdict#*: }" ;;
*) fail "luo-collect could not read $out" ;;
esac
echo "PASS" > "$out/result.txt"
if [ -f "$serial" ]; then
	say "PASS: $(cut -d' ' -f2- "$serial" | grep -c -F "$WIRE_KEXEC") kexec cycles, results in $out"
else
	say "PASS: results in $out"
fi
