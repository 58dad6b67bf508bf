#!/usr/bin/env bash
# Host-side tests of comparisons that hold on a noisy machine, on real
# runs (tests/fixtures/README.md): the machine control the workload
# times every cycle, the interleaved comparison (scripts/compare.sh)
# paired by time and measured against the control, the drift it names,
# the verdict it withholds for two sweeps that drifted apart, the
# per-point flags that follow the phase's verdict, and the exit codes of
# plots/report.sh --compare and scripts/compare.sh.
# Ends with "compare: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
fx="$top/tests/fixtures"
la="$top/build/host/luo-aggregate-san"
lc="$top/build/host/luo-collect-san"
make -s -C "$top/collect" all san >/dev/null || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
csvt="$top/tests/collect/csvtool.py"

# shellcheck source=tests/check.sh
. "$top/tests/check.sh"

# unpack FIXTURE: a copy of a comparison's runs, their logs unpacked
unpack() {
	rm -rf "${tmp:?}/$1"
	cp -r "$fx/$1" "$tmp/$1"
	find "$tmp/$1" -name serial.log.gz -exec gunzip {} +
	echo "$tmp/$1"
}
# flagged CSV: every row (phase or point) with a verdict of slower
flagged() { "$csvt" get "$1" phase,files verdict=slower | sort -u | tr '\n' ' '; }
# first_page DIR WORD...: whether the verdict's box of DIR's report.html
# holds every WORD
first_page() {
	/usr/bin/python3 -c 'import sys
html = open(sys.argv[1] + "/report.html").read()
box = html[html.index("<div class=\"verdict"):html.index("</div>")]
print(all(w in box for w in sys.argv[2:]))' "$@" 2>&1
}
# json DIR EXPR: EXPR of DIR's report.json, r bound to it
json() {
	/usr/bin/python3 -c 'import json, sys
r = json.load(open(sys.argv[1] + "/report.json"))
print(eval(sys.argv[2]))' "$1" "$2" 2>&1
}

# --- the machine control and the run's start, as luo-collect reads them ---
aab=$(unpack compare-aa-busy)
run="$aab/base/qemu-x86_64-files-1000-1"
"$lc" -o "$tmp/run.csv" "$run" 2>/dev/null
first=$(head -n 1 "$run/serial.log" | cut -d' ' -f1)
got=$("$csvt" get "$tmp/run.csv" started | sort -u)
check "collect: started is the host time of the log's first line" \
	"$(awk -v a="$got" -v b="$first" 'BEGIN { exit !(a - b < 0.001 && b - a < 0.001) }'; echo $?)" "$got against $first"
cycles=$("$csvt" get "$tmp/run.csv" cycle phase=finish | wc -l)
got=$("$csvt" get "$tmp/run.csv" cycle,method,status phase=control | tr '\n' ' ')
want=$(for ((c = 1; c <= cycles; c++)); do printf '%s,user,pass ' "$c"; done)
check "collect: one control row per cycle, timed in user space, passed" \
	"$([ "$got" = "$want" ] && echo 0 || echo 1)" "$got"
guest=$(cut -d' ' -f2- "$run/serial.log" | grep -c '^# metric: cycle=[0-9]* phase=control ')
check "collect: every control line of the guest kept" \
	"$([ "$guest" = "$cycles" ] && echo 0 || echo 1)" "$guest lines, $cycles cycles"

# --- the interleaved order compare.sh ran: A B, B A, A B, ... ---
got=$(cut -d' ' -f2 "$aab/order.txt" | tr '\n' ' ')
check "compare.sh: the runs alternate A B B A A B ..." \
	"$([ "$got" = "base new new base base new new base base new new base " ] && echo 0 || echo 1)" "$got"

# --- A/A, interleaved, two busy loops from halfway: clean, drift named ---
"$top/plots/report.sh" --compare "$aab/base" "$aab/new" > "$tmp/aab.out" 2>&1
rc=$?
check "A/A interleaved with busy loops from halfway: exit 0, nothing flagged" \
	"$([ $rc = 0 ] && [ -z "$(flagged "$aab/new/compare.csv")" ] && echo 0 || echo 1)" "status $rc, flagged '$(flagged "$aab/new/compare.csv")'"
got=$("$csvt" get "$aab/new/compare.csv" paired_by | sort -u)
check "A/A interleaved: every row paired by time" "$([ "$got" = time ] && echo 0 || echo 1)" "$got"
got=$("$csvt" get "$aab/new/drift.csv" action,drift_over_time)
check "A/A interleaved: the drift over time seen and corrected" \
	"$([ "$got" = "corrected,1" ] && echo 0 || echo 1)" "$got"
late=$("$csvt" get "$aab/new/drift.csv" late_early)
check "A/A interleaved: the busy loops slowed the late pairs' control by more than 10%" \
	"$(awk -v r="$late" 'BEGIN { exit !(r > 1.1) }'; echo $?)" "late/early $late"
check "A/A interleaved: report.sh says the drift and how it was corrected" \
	"$(grep -q 'the machine drifted: the control ran [0-9.]*x .* in the late pairs of runs against the early ones.*corrected' "$tmp/aab.out"; echo $?)" "$(grep drift "$tmp/aab.out")"
got=$(json "$aab/new" 'r["verdict"]["status"], r["comparison"]["interleaved"], r["comparison"]["action"]')
check "A/A interleaved: report.json passes, interleaved, corrected" \
	"$([ "$got" = "('pass', True, 'corrected')" ] && echo 0 || echo 1)" "$got"
got=$(first_page "$aab/new" interleaved drifted)
check "A/A interleaved: the report's first lines say interleaved and drifted" \
	"$([ "$got" = True ] && echo 0 || echo 1)" "$got"
ctl=$("$csvt" get "$aab/new/compare.csv" verdict phase=control sessions=all)
n=$("$csvt" get "$aab/new/compare.csv" phase sessions=all | grep -vcx control)
check "A/A interleaved: the control has a row of its own, not in the family" \
	"$([ "$ctl" = control ] && grep -q "($n compared, each at p < " "$tmp/aab.out" && echo 0 || echo 1)" "control '$ctl', $n phases: $(grep compared "$tmp/aab.out")"

# --- a kernel slowed in retrieve, interleaved: retrieve only, ringed ---
slow=$(unpack compare-slow-retrieve)
"$top/plots/report.sh" --compare "$slow/base" "$slow/new" > "$tmp/slow.out" 2>&1
rc=$?
got=$(flagged "$slow/new/compare.csv")
check "slowed in retrieve, interleaved: retrieve and its point flagged, nothing else (exit 1)" \
	"$([ $rc = 1 ] && [ "$got" = "retrieve,1000 retrieve,all " ] && echo 0 || echo 1)" "status $rc, flagged '$got'"
got=$("$csvt" get "$slow/new/compare.csv" ratio,change_pct phase=retrieve sessions=all)
check "slowed in retrieve: %change is the ratio's" \
	"$(awk -F, -v l="$got" 'BEGIN { split(l, f, ","); d = 100 * (f[1] - 1) - f[2]; exit !(d < 0.1 && d > -0.1) }'; echo $?)" "$got"
bad=$("$csvt" get "$slow/new/compare.csv" phase,base_stddev_pct,new_stddev_pct |
	awk -F, '!($2 > 0 && $3 > 0) { print $1 }' | sort -u)
check "slowed in retrieve: every row has each side's ± %stddev" \
	"$([ -z "$bad" ] && echo 0 || echo 1)" "$bad"
got=$(json "$slow/new" '" ".join(c["phase"] for c in r["verdict"]["regressions"])')
check "slowed in retrieve: report.json's regression is retrieve" \
	"$([ "$got" = retrieve ] && echo 0 || echo 1)" "$got"
got=$(first_page "$slow/new" "%change" "± %stddev")
check "slowed in retrieve: the first page has %change and ± %stddev" \
	"$([ "$got" = True ] && echo 0 || echo 1)" "$got"

# --- two sweeps, busy loops during NEW only: drift named, withheld ---
sw=$(unpack compare-sweeps-drift)
"$top/plots/report.sh" --compare "$sw/base" "$sw/new" > "$tmp/sw.out" 2>&1
rc=$?
check "sweeps, NEW under busy loops: verdict withheld (exit 4), nothing flagged" \
	"$([ $rc = 4 ] && [ -z "$(flagged "$sw/new/compare.csv")" ] && echo 0 || echo 1)" "status $rc, flagged '$(flagged "$sw/new/compare.csv")'"
got=$("$csvt" get "$sw/new/compare.csv" verdict | sort -u | tr '\n' ' ')
check "sweeps, NEW under busy loops: every row withheld but the control's" \
	"$([ "$got" = "control withheld " ] && echo 0 || echo 1)" "$got"
got=$("$csvt" get "$sw/new/drift.csv" paired_by,drift_between,action)
check "sweeps, NEW under busy loops: paired by cycle, drifted between them, withheld" \
	"$([ "$got" = "cycle,1,withheld" ] && echo 0 || echo 1)" "$got"
check "sweeps, NEW under busy loops: report.sh names the drift" \
	"$(grep -q 'verdict withheld: .*the control ran [0-9.]*x .* in NEW against BASE; the sweeps were not interleaved' "$tmp/sw.out"; echo $?)" "$(tail -n 1 "$tmp/sw.out")"
got=$(json "$sw/new" 'r["verdict"]["status"], r["comparison"]["interleaved"]')
check "sweeps, NEW under busy loops: report.json withheld, not interleaved" \
	"$([ "$got" = "('withheld', False)" ] && echo 0 || echo 1)" "$got"

# --- the masking case: NEW slowed in retrieve, BASE swept under load ---
mask=$(unpack compare-sweeps-masking)
"$top/plots/report.sh" --compare "$mask/base" "$mask/new" > "$tmp/mask.out" 2>&1
rc=$?
check "masking: a slower NEW against a BASE swept under load does not pass (exit $rc, not 0)" \
	"$([ $rc != 0 ] && [ $rc != 3 ] && echo 0 || echo 1)" "status $rc: $(tail -n 1 "$tmp/mask.out")"

# --- points follow their phase: no flag under an unflagged phase ---
aa1="$fx/sweep-aa-1/metrics.csv"
"$csvt" scale "$aa1" 3 value phase=preserve files=16000 > "$tmp/one-point.csv"
"$la" --compare "$aa1" "$tmp/one-point.csv" > "$tmp/one.csv" 2>/dev/null
rc=$?
phase=$("$csvt" get "$tmp/one.csv" verdict phase=preserve sessions=all)
point=$("$csvt" get "$tmp/one.csv" ratio,verdict phase=preserve files=16000)
# its ratio beyond the minimum effect, every cycle 3x: the old
# informational rule flagged it, the phase's verdict does not
check "one point of five 3x slower, its phase not flagged: the point is not flagged either (exit 0)" \
	"$([ $rc = 0 ] && [ "$phase" = same ] && [ "$point" = "3.000,same" ] && echo 0 || echo 1)" "phase $phase, point $point, status $rc"
"$csvt" scale "$aa1" 3 value phase=preserve > "$tmp/all-points.csv"
"$la" --compare "$aa1" "$tmp/all-points.csv" > "$tmp/all.csv" 2>/dev/null
points=$("$csvt" get "$tmp/all.csv" files phase=preserve verdict=slower | grep -vcx all)
check "every point 3x slower: the phase and all 5 points flagged" \
	"$([ "$points" = 5 ] && echo 0 || echo 1)" "$points points"
"$la" --compare "$aa1" "$fx/sweep-aa-2/metrics.csv" > "$tmp/aa.csv" 2>/dev/null
check "A/A sweeps: no point flagged" \
	"$([ -z "$(flagged "$tmp/aa.csv")" ] && echo 0 || echo 1)" "$(flagged "$tmp/aa.csv")"
got=$("$la" --compare "$aa1" "$fx/sweep-aa-2/metrics.csv" --drift "$tmp/d.csv" 2>&1 >/dev/null | grep -c 'no machine control')
check "sweeps made before the control: drift unseen, said" \
	"$([ "$got" = 1 ] && [ "$("$csvt" get "$tmp/d.csv" action)" = unseen ] && echo 0 || echo 1)" "$got"

# --- exit codes: bad input is not a regression ---
"$top/plots/report.sh" --compare "$tmp/none" "$aab/new" > /dev/null 2>&1
check "report.sh --compare: a missing BASE is bad input (exit 3)" "$([ $? = 3 ] && echo 0 || echo 1)"
"$top/plots/report.sh" --compare "$aab/base" > /dev/null 2>&1
check "report.sh --compare: a missing NEW is bad input (exit 3)" "$([ $? = 3 ] && echo 0 || echo 1)"
# each case: its assignments, "|" between two
for bad in "PAIRS=x" "BASE_KERNEL=" "NEW_KERNEL=7.2 7.3" "COMPARE=a/b" \
	"FILES=10 20|SESSIONS=1 2" "FILES=ten"; do
	IFS='|' read -r -a set <<<"$bad"
	env BASE_KERNEL=7.3 "${set[@]}" "$top/scripts/compare.sh" > "$tmp/bad.out" 2>&1
	rc=$?
	check "compare.sh $bad: one line, bad input (exit 3), nothing run" \
		"$([ $rc = 3 ] && [ "$(wc -l < "$tmp/bad.out")" = 1 ] && echo 0 || echo 1)" "status $rc: $(cat "$tmp/bad.out")"
done

# --- --tail: the interval at another confidence (make bisect's looks) ---
"$la" --compare "$slow/base/metrics.csv" "$slow/new/metrics.csv" --tail 0.0025 \
	> "$tmp/tail.csv" 2>/dev/null
rc=$?
narrow=$("$csvt" get "$slow/new/compare.csv" ratio,ratio_lo,ratio_hi phase=retrieve sessions=all)
wide=$("$csvt" get "$tmp/tail.csv" ratio,ratio_lo,ratio_hi phase=retrieve sessions=all)
check "--tail 0.0025: the same ratio, its interval wider than the 95% one and holding it" \
	"$(awk -v n="$narrow" -v w="$wide" 'BEGIN { split(n, a, ","); split(w, b, ",");
		exit !(a[1] == b[1] && b[2] < a[2] && b[3] > a[3]) }'; echo $?)" "status $rc: 95% $narrow, 99.5% $wide"
for t in 0 0.5 x; do
	"$la" --compare "$slow/base/metrics.csv" "$slow/new/metrics.csv" --tail "$t" > /dev/null 2> "$tmp/tail.err"
	rc=$?
	check "--tail $t refused in one line, exit 3" \
		"$([ $rc = 3 ] && [ "$(wc -l < "$tmp/tail.err")" = 1 ] && echo 0 || echo 1)" "status $rc: $(cat "$tmp/tail.err")"
done

echo "compare: $pass passed, $fail failed"
[ "$fail" = 0 ]
