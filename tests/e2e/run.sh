#!/usr/bin/env bash
# End-to-end checks on the real LUO kernel in QEMU (BOARD, default
# qemu-x86_64). CASES picks some (default all, in this order):
#   pass      2 sessions x 200 files x 2 pages, 3 kexec cycles, must pass
#             and leave serial log, KTAP and metrics for every cycle, with
#             kernel-side freeze and deserialize times from kprobes;
#   selfcheck a byte corrupted before the 2nd kexec must fail the run and
#             be reported at exactly the corrupted location; likewise a
#             file preserved with another size, seal set or hole map;
#   mix       every memfd kind (empty, unaligned, sparse, large, sealed)
#             passes 2 cycles;
#   sessions  stress-sessions with 2000 full-length names passes 2 cycles;
#   api       the LUO API contract tests pass on the board;
#   killed    a guest killed after its first kexec must fail the runner
#             with the reason;
#   limits    the ceiling search ends in a clean report: sessions refused
#             at the fd limit (NOFILE 3000), files by refusal or budget;
#   watchdog  a guest silent for longer than WATCHDOG seconds is killed and
#             the run fails naming the watchdog.
# Ends with "e2e: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
run="$top/boards/run-qemu.sh"
results=${RESULTS:-$top/results}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
board=${BOARD:-qemu-x86_64}
cases=${CASES:-pass selfcheck mix sessions api killed limits watchdog}
pass=0
fail=0

ok() { echo "ok - $board: $1"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $board: $1: $2"; fail=$((fail + 1)); }
result() { cat "$results/$1/result.txt" 2>/dev/null || echo "no result.txt"; }

# pass: a clean run with every phase of every cycle on disk
case_pass() {
	local id="check-$stamp-$board-pass" d why="" c p n
	if ! RUN_ID=$id "$run" stress-files --sessions 2 --files 200 --pages 2 --cycles 3; then
		not_ok "pass run" "$(result "$id")"
		return
	fi
	d="$results/$id"
	for f in serial.log ktap.txt metrics.txt metrics.csv summary.txt run.txt; do
		[ -s "$d/$f" ] || why="missing $f"
	done
	for c in 1 2 3; do
		for p in create preserve kexec_load reboot blackout boot_to_init luo_open retrieve verify finish; do
			grep -q "^# metric: cycle=$c phase=$p value=[0-9.]* unit=ms .*blocks=[0-9]" "$d/metrics.txt" ||
				why="no $p metric for cycle $c"
		done
		for p in freeze deserialize; do
			grep -q "^# metric: cycle=$c phase=$p value=[0-9.]* unit=ms method=kretprobe " "$d/metrics.txt" ||
				why="no kretprobe $p metric for cycle $c"
		done
	done
	n=$(grep -c '^ok 2 verify$' "$d/ktap.txt")
	[ "$n" = 3 ] || why="expected 3 passed verify results, got $n"
	grep -q '^not ok' "$d/ktap.txt" && why="a KTAP test failed"
	if [ -z "$why" ]; then ok "pass run ($d)"; else not_ok "pass run" "$why"; fi
}

# selfcheck KIND MIX: a corruption of KIND is caught, once, at the file
# (and for data the byte) where it was planted
selfcheck() {
	local kind=$1 mix=$2 id="check-$stamp-$board-selfcheck-$1" log planted found what
	if RUN_ID=$id "$run" stress-files --sessions 2 --files 50 --pages 3 --cycles 2 \
		--corrupt 2 --corrupt-kind "$kind" --mix "$mix" --seed 5; then
		not_ok "selfcheck $kind" "a corrupted run passed"
		return
	fi
	log="$results/$id/ktap.txt"
	what=$kind
	[ "$kind" = seal ] && what=seals
	planted=$(sed -n "s/^# selfcheck: corrupted kind=$kind \(cycle=[0-9]* session=[^ ]* token=[0-9]*\( page=[0-9]* offset=[0-9]*\)\{0,1\}\)\$/\1/p" "$log")
	found=$(grep "^# FAIL $what: " "$log" | sed 's/^# FAIL [a-z]*: //; s/ \(size\|seals\|expected\)=.*//')
	[ "$kind" = hole ] && planted="$planted page=1 offset=0"
	if [ -n "$planted" ] && [ "$planted" = "$found" ]; then
		ok "selfcheck $kind caught at $found"
	else
		not_ok "selfcheck $kind" "planted '$planted', reported '$found'"
	fi
}
case_selfcheck() {
	selfcheck data plain
	selfcheck size plain
	selfcheck seal sealed,plain
	selfcheck hole sparse
}

case_mix() {
	local id="check-$stamp-$board-mix"
	if RUN_ID=$id "$run" stress-files --sessions 2 --files 60 --pages 3 --cycles 2 --mix all --large-mb 4; then
		ok "every memfd kind survives 2 kexecs"
	else
		not_ok "mix" "$(result "$id")"
	fi
}

case_sessions() {
	local id="check-$stamp-$board-sessions"
	if RUN_ID=$id "$run" stress-sessions --sessions 2000 --files 1 --cycles 2; then
		ok "2000 sessions with 63-character names survive 2 kexecs"
	else
		not_ok "sessions" "$(result "$id")"
	fi
}

# api: the contract tests, at least 20 cases, all passing
case_api() {
	local id="check-$stamp-$board-api" n
	if ! RUN_ID=$id "$run" luo-api-test; then
		not_ok "api" "$(result "$id")"
		return
	fi
	n=$(sed -n 's/^# Totals: pass:\([0-9]*\) fail:0 .*/\1/p' "$results/$id/ktap.txt")
	if [ "${n:-0}" -ge 20 ]; then
		ok "API contract: $n cases pass"
	else
		not_ok "api" "only '${n:-0}' cases passed"
	fi
}

# killed: the runner must notice a dead guest and say why
case_killed() {
	local id="check-$stamp-$board-killed" d runner
	d="$results/$id"
	RUN_ID=$id "$run" stress-files --sessions 1 --files 10 --pages 1 --cycles 20 \
		> "$results/.killed.out" 2>&1 &
	runner=$!
	for _ in $(seq 1200); do
		grep -q '# kexec: cycle 1' "$d/serial.log" 2>/dev/null && break
		sleep 0.5
	done
	if [ -f "$d/qemu.pid" ]; then
		kill "$(cat "$d/qemu.pid")"
		if wait "$runner"; then
			not_ok "killed guest" "runner exited 0"
		elif grep -q 'guest stopped before the workload finished' "$d/result.txt"; then
			ok "killed guest: $(cut -c1-80 "$d/result.txt")"
		else
			not_ok "killed guest" "no reason given: $(result "$id")"
		fi
	else
		kill "$runner" 2>/dev/null
		not_ok "killed guest" "guest never started"
	fi
	rm -f "$results/.killed.out"
}

# limits: clean report with a measured ceiling
case_limits() {
	local id="check-$stamp-$board-limits" log s f
	if ! RUN_ID=$id "$run" luo-limits --nofile 3000 --budget 15; then
		not_ok "limits" "$(result "$id")"
		return
	fi
	log="$results/$id/ktap.txt"
	s=$(grep '^# limit: what=sessions ' "$log")
	f=$(grep '^# limit: what=files ' "$log")
	if [[ "$s" == *" stopped=refused errno=EMFILE call=create_session resource=fds "* ]] &&
		[[ "$f" == *" stopped="* ]]; then
		ok "limits: ${s#\# limit: }"
	else
		not_ok "limits" "sessions: '$s' files: '$f'"
	fi
}

# watchdog: 1 s without a boot, kexec or progress line is a hang; TCG and
# 20000 files keep the guest busy for seconds between progress lines
case_watchdog() {
	local id="check-$stamp-$board-watchdog"
	if KVM=off WATCHDOG=1 RUN_ID=$id "$run" stress-files --sessions 1 --files 20000 --pages 1 --cycles 1; then
		not_ok "watchdog" "run passed under a 1 s watchdog"
	elif grep -q '^FAIL: watchdog: no progress for 1s' "$results/$id/result.txt"; then
		ok "watchdog: $(cut -c1-60 "$results/$id/result.txt")"
	else
		not_ok "watchdog" "$(result "$id")"
	fi
}

mkdir -p "$results"
for c in $cases; do
	if ! declare -F "case_$c" >/dev/null; then
		not_ok "$c" "no such case (known: pass selfcheck mix sessions api killed limits watchdog)"
		continue
	fi
	"case_$c"
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" = 0 ]
