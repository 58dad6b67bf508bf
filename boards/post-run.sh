#!/usr/bin/env bash
# After a QEMU run: split the host-timestamped serial log into KTAP and
# metric lines, derive the kernel-side and blackout times from printk and
# host timestamps, print a per-cycle summary (times, blocks, coverage)
# and decide pass or fail: luo-collect names the cycle, phase and cause.
# Usage: post-run.sh RESULTS-DIR [WATCHDOG-REASON]
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/../scripts/common.sh"
# the lines of stress/include/wire.h, as WIRE_*
wire_load

out=$1
reason=${2:-}
serial="$out/serial.log"
# fail REASON (common.sh): the verdict; every path out of here leaves a result.txt
verdict_on_exit
rm -f "$out/result.txt"
[ -s "$serial" ] || fail "empty serial log (QEMU exit $(cat "$out/qemu.rc" 2>/dev/null || echo '?'): $(head -c 300 "$out/qemu.stderr" 2>/dev/null))"

# KTAP: the workload's lines (kernel lines start with '[').
cut -d' ' -f2- "$serial" |
	grep -E '^(TAP version|KTAP version|1\.\.[0-9]|ok |not ok |# )' > "$out/ktap.txt" || true
# and one KTAP document for the whole run, a subtest per kernel
awk -v name="$(sed -n 's/^workload=//p' "$out/run.txt" 2>/dev/null)" \
	-f "$(dirname "$0")/ktap-run.awk" "$out/ktap.txt" "$out/ktap.txt" > "$out/ktap-run.txt"

collect="$(dirname "$0")/../build/host/luo-collect"
"$collect" --lines "$out" > "$out/metrics.txt" 2>/dev/null || [ $? -lt 3 ] ||
	fail "luo-collect failed on $out"
"$collect" -o "$out/metrics.csv" "$out" || [ $? -lt 3 ] ||
	fail "luo-collect failed on $out"
"$collect" --coverage -o "$out/coverage.csv" "$out" 2>/dev/null || [ $? -lt 3 ] ||
	fail "luo-collect failed on $out"

awk -v metric="$WIRE_METRIC" '
index($0, metric) == 1 {
	for (i = 3; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
	c = f["cycle"]; p = f["phase"]
	if (!(p in seen)) { seen[p] = 1; order[++np] = p }
	v[c, p] = f["value"]; if (c > maxc) maxc = c
}
END {
	if (!np) exit
	printf "%-6s", "cycle"
	for (i = 1; i <= np; i++) printf " %14s", order[i]
	printf "\n"
	for (c = 1; c <= maxc; c++) {
		printf "%-6s", c
		for (i = 1; i <= np; i++)
			printf " %14s", ((c, order[i]) in v) ? v[c, order[i]] : "-"
		printf "\n"
	}
	printf "(milliseconds; see docs/metrics.md for each phase)\n"
}' "$out/metrics.txt" > "$out/summary.txt"
{
	# the kernel's block counts and every kind's coverage, per cycle
	awk -v p="$WIRE_BLOCKS" -v msg="$WIRE_MSG" 'index($0, p) == 1 { print substr($0, length(msg) + 1) }' \
		"$out/ktap.txt" || true
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	$col["kind"] == "all" {
		if (!shown++) printf "%-6s %8s %10s %12s %12s %6s %8s %8s %10s %6s\n", "cycle",
			"files", "one_folio", "multi_folio", "large_folio", "mixed",
			"orders", "sealed", "unaligned", "holes"
		printf "%-6s %8s %10s %12s %12s %6s %8s %8s %10s %6s\n", $col["cycle"],
			$col["files"], $col["one_folio"], $col["multi_folio"],
			$col["large_folio"], $col["mixed"], $col["orders"],
			$col["sealed"], $col["unaligned"], $col["holes"]
	}
	END { if (shown) print "(coverage of all kinds, the kernel'"'"'s view; coverage.csv per kind)" }' \
		"$out/coverage.csv" 2>/dev/null || true
	awk -v p="$WIRE_COVERAGE_RUN" -v msg="$WIRE_MSG" 'index($0, p) == 1 { print substr($0, length(msg) + 1) }' \
		"$out/ktap.txt" || true
} >> "$out/summary.txt"
cat "$out/summary.txt" >&2

# the collector's verdict: failed cycles (FAIL lines, not ok, kernel
# WARNING/BUG/Oops/panic/OOM, LUO errors) or a log that ends too soon,
# naming the cycle and the phase it stopped in (a hang when the
# runner's watchdog left watchdog.txt)
text=$(cut -d' ' -f2- "$serial")
verdict=$("$collect" --verdict "$out" 2>/dev/null) && vrc=0 || vrc=$?
case "$vrc" in
0) [ -z "$reason" ] || fail "$reason" ;;
1) fail "${verdict#fail: }" ;;
2)
	# a hang is ours to have stopped; a death says how QEMU ended
	[ -f "$out/watchdog.txt" ] && fail "${verdict#incomplete: }"
	qerr=$(tail -n 1 "$out/qemu.stderr" 2>/dev/null | cut -c1-120)
	fail "${verdict#incomplete: } (QEMU exit $(cat "$out/qemu.rc" 2>/dev/null || echo '?')${qerr:+: $qerr})" ;;
*) fail "luo-collect could not read $out" ;;
esac
[ -f "$out/run.txt" ] || fail "no run.txt in $out"
workload=$(sed -n 's/^workload=//p' "$out/run.txt")
case "$workload" in
stress-*)
	grep -q -E '^# .*: all [0-9]+ cycles passed' <<<"$text" ||
		fail "workload exited 0 without completing its cycles" ;;
*)
	# every test passed or skipped with its reason, and some test ran
	if ! grep -q -E '^# Totals: pass:[0-9]+ fail:0 xfail:[0-9]+ xpass:[0-9]+ skip:[0-9]+ error:0$' <<<"$text" ||
		grep -q -E '^# Totals: pass:0 .* skip:0 ' <<<"$text"; then
		fail "workload exited 0 without a passed or skipped test"
	fi ;;
esac
echo "PASS" > "$out/result.txt"
say "PASS: $(grep -c -F "$WIRE_KEXEC" <<<"$text") kexec cycles, results in $out"
