#!/usr/bin/env bash
# End-to-end checks on the real LUO kernel in QEMU (BOARD, default
# qemu-x86_64). CASES picks some (default all, in this order):
#   pass      2 sessions x 200 files x 2 pages of every kind, 3 kexec
#             cycles, must pass and leave serial log, KTAP and metrics for
#             every cycle, kernel-side freeze and deserialize times from
#             kprobes, the kernel's block counts equal to the model's and
#             every shape the kinds ask for seen in the kernel's view;
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
#   watchdog  a guest stopped in a known phase is killed after WATCHDOG
#             seconds and the run fails naming that phase;
#   options   bad options and a guest too large for the host are refused
#             by the program's own parser before QEMU starts, with a
#             result.txt that says why;
#   kernels   a run through Debian's 7.2 and 7.3 (KERNELS="7.2 7.3", 3
#             cycles: upgrade, rollback, upgrade) passes with every byte
#             verified and from/to/direction per cycle in metrics.csv,
#             the kernel's own "exec from" agreeing;
#   refused   a kexec from 7.3.4 into 7.3.4 with the memfd handler's
#             compatible string bumped (tests/kernels/memfd-v3.patch) is
#             refused as the kernel designs it, the program quoting the
#             kernel, and passes; told to expect it carried, it fails
#             saying what it expected and what it got;
#   compare   scripts/compare.sh: an interleaved A/A comparison, 2 pairs
#             of runs, alternates A B B A, pairs by time against the
#             machine control, writes the report and exits 0;
#   checking  the checking kernel (DEBUG=1: KASAN, UBSAN, lockdep,
#             kmemleak, LIVEUPDATE_TEST, fault injection) with 4 workers,
#             25% churn, fail-nth faults and a failed freeze per cycle
#             passes 2 cycles: faults injected into every stepped call
#             and retried, lost retrieves said, kmemleak clean at every
#             scan, the test FLBs found and finished, the labels in
#             metrics.csv;
#   bisect    make bisect on a real history of the cached 7.3.4 source
#             (tests/bisect/history.sh), its first build seeded from the
#             cached build: broken, over 9 commits, interrupted and
#             resumed, names the breaking commit in at most 5 steps;
#             slower names the slowing commit, each decision with its
#             ratio and interval; the history's tree as it was.
# Every case asserts the values it reads, not only that they are there.
# Ends with "e2e: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
run="$top/boards/run-qemu.sh"
results=${RESULTS:-$top/results}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
board=${BOARD:-qemu-x86_64}
cases=${CASES:-options pass selfcheck mix sessions api killed limits watchdog kernels refused compare checking bisect}
ksrc=${KSRC:-$LUO_CACHE/src/$KVER_PKG}
# the lines of stress/include/wire.h, as WIRE_* (none holds a regex's
# special characters: they go into the patterns below as they are)
wire_load

# shellcheck source=tests/check.sh
. "$top/tests/check.sh"
# ok NAME, not_ok NAME WHY: check()'s lines and counts, named by board
ok() { check "$board: $1" 0; }
not_ok() { check "$board: $1" 1 "$2"; }
result() { cat "$results/$1/result.txt" 2>/dev/null || echo "no result.txt"; }
# metric DIR CYCLE PHASE [METHOD]: the value of that metric line
metric() {
	sed -n "s/^${WIRE_METRIC}cycle=$2 phase=$3 value=\([0-9.]*\) unit=ms method=${4:-[a-z_]*} .*/\1/p" \
		"$1/metrics.txt" | head -n 1
}
# le A B: A <= B, as decimals
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a != "" && b != "" && a + 0 <= b + 0) }'; }
# runtxt DIR KEY: a value the runner recorded (the resolved workload)
runtxt() { sed -n "s/^$2=//p" "$1/run.txt" | head -n 1; }

# pass: a clean run with every phase of every cycle on disk, the labels
# the resolved workload's, and the kernel-side intervals inside the
# user-side ones that contain them
case_pass() {
	local id="check-$stamp-$board-pass" d why="" c p n v blocks
	if ! RUN_ID=$id "$run" stress-files --sessions 2 --files 200 --pages 2 --cycles 3; then
		not_ok "pass run" "$(result "$id")"
		return
	fi
	d="$results/$id"
	for f in serial.log ktap.txt metrics.txt metrics.csv summary.txt run.txt; do
		[ -s "$d/$f" ] || why="missing $f"
	done
	blocks=$(runtxt "$d" blocks)
	[ "$(runtxt "$d" sessions),$(runtxt "$d" files),$(runtxt "$d" pages)" = 2,200,2 ] ||
		why="run.txt does not hold the resolved workload"
	for c in 1 2 3; do
		for p in create preserve kexec_load reboot blackout boot_to_init luo_open retrieve verify finish; do
			grep -q "^${WIRE_METRIC}cycle=$c phase=$p value=[0-9.]* unit=ms .* sessions=2 files=200 pages=2 page_size=[0-9]* abi=[a-z0-9-]* blocks=$blocks " "$d/metrics.txt" ||
				why="no $p metric with the run's labels (blocks=$blocks) for cycle $c"
		done
		for p in preserve retrieve verify boot_to_init blackout; do
			v=$(metric "$d" "$c" "$p")
			le 0.001 "$v" || why="cycle $c $p is '$v' ms, not above 0"
		done
		v=$(metric "$d" "$c" freeze kretprobe)
		le 0.001 "$v" && le "$v" "$(metric "$d" "$c" reboot)" ||
			why="cycle $c freeze '$v' ms is not inside its reboot ($(metric "$d" "$c" reboot) ms)"
		v=$(metric "$d" "$c" deserialize kretprobe)
		le 0.001 "$v" && le "$v" "$(metric "$d" "$c" luo_open)" ||
			why="cycle $c deserialize '$v' ms is not inside its luo_open ($(metric "$d" "$c" luo_open) ms)"
	done
	# the kernel's block counts: on every metric line, equal to the model's
	n=$(grep -c "^$WIRE_METRIC.* blocks=$blocks .* kernel_blocks=$blocks " "$d/metrics.txt")
	[ "$n" -ge 30 ] || why="only $n metric lines with kernel_blocks=$blocks (the model's count)"
	n=$(grep -c "^${WIRE_BLOCKS}"'cycle=[123] side=\(allocated\|restored\) session_blocks=\([0-9]*\) file_blocks=\([0-9]*\) model_session_blocks=\2 model_file_blocks=\3$' "$d/ktap.txt")
	[ "$n" = 6 ] || why="expected 6 blocks lines with the kernel equal to the model, got $n"
	# every shape the default kinds ask for, seen in the kernel's view
	grep -q "^${WIRE_COVERAGE_RUN}"'asked=\(.*\) seen=\1$' "$d/ktap.txt" ||
		why="coverage: $(grep "^$WIRE_COVERAGE_RUN" "$d/ktap.txt")"
	grep -q "^${WIRE_COVERAGE_RUN}asked=.*pmd_folio.* seen=" "$d/ktap.txt" ||
		why="the default kinds did not ask for a PMD folio"
	n=$(grep -c '^ok [0-9]* verify$' "$d/ktap.txt")
	[ "$n" = 3 ] || why="expected 3 passed verify results, got $n"
	n=$(awk '/^\(milliseconds/ { exit } /^[0-9]+ / { n++ } END { print n + 0 }' "$d/summary.txt")
	[ "$n" = 3 ] || why="expected 3 cycles in summary.txt's times, got $n"
	n=$(awk '/^cycle +files/ { on = 1; next } on && /^[0-9]+ / { n++ } END { print n + 0 }' "$d/summary.txt")
	[ "$n" = 3 ] || why="expected 3 cycles in summary.txt's coverage, got $n"
	grep -q '^not ok' "$d/ktap.txt" && why="a KTAP test failed"
	# the run's one KTAP document: the kernel's own parser reads every kernel
	n=$(python3 "$ksrc/tools/testing/kunit/kunit.py" parse "$d/ktap-run.txt" 2>&1 |
		sed -n 's/.*Testing complete\. Ran \([0-9]*\) tests: passed: [0-9]*, skipped: [0-9]*$/\1/p')
	[ "$n" = 32 ] || why="kunit.py parse of ktap-run.txt ran '${n}' tests, not 4 kernels x 8"
	if [ -z "$why" ]; then ok "pass run, blocks=$blocks ($d)"; else not_ok "pass run" "$why"; fi
}

# selfcheck KIND MIX: a corruption of KIND is caught, once, at the file
# (and for data the byte) where it was planted; a file left out is
# missing there; our own state session names its damaged field
selfcheck() {
	local kind=$1 mix=$2 id="check-$stamp-$board-selfcheck-$1" log planted found what
	if RUN_ID=$id "$run" stress-files --sessions 2 --files 50 --pages 3 --cycles 2 \
		--corrupt 2 --corrupt-kind "$kind" --mix "$mix" --seed 5; then
		not_ok "selfcheck $kind" "a corrupted run passed"
		return
	fi
	log="$results/$id/ktap.txt"
	case "$kind" in
	seal) what=seals ;;
	missing) what=retrieve ;;
	*) what=$kind ;;
	esac
	planted=$(sed -n "s/^# selfcheck: corrupted kind=$kind \(cycle=[0-9]* session=[^ ]* token=[0-9]*\( page=[0-9]* offset=[0-9]*\| field=[a-z]*\)\{0,1\}\)\$/\1/p" "$log")
	found=$(grep "^${WIRE_FAIL}$what: " "$log" | sed "s/^${WIRE_FAIL}[a-z]*: //"'; s/ \(size\|seals\|expected\)=.*//; s/: No such file or directory$//')
	case "$kind" in
	hole) planted="$planted page=1 offset=0" ;;
	state) planted=${planted#cycle=2 } ;;	# the next kernel cannot know the cycle
	esac
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
	selfcheck missing plain
	selfcheck state plain
}

# mix: every kind survives, and the large memfds got huge pages
case_mix() {
	local id="check-$stamp-$board-mix" huge
	if ! RUN_ID=$id "$run" stress-files --sessions 2 --files 60 --pages 3 --cycles 2 --mix all --large-mb 4; then
		not_ok "mix" "$(result "$id")"
		return
	fi
	huge=$(sed -n 's/^# meminfo ShmemHugePages: *\([0-9]*\) kB$/\1/p' "$results/$id/ktap.txt" | head -n 1)
	if [ "${huge:-0}" -gt 0 ]; then
		ok "every memfd kind survives 2 kexecs, large ones in ${huge} kB of shmem huge pages"
	else
		not_ok "mix" "large memfds got no huge pages (ShmemHugePages '${huge}')"
	fi
}

case_sessions() {
	local id="check-$stamp-$board-sessions" d n
	if ! RUN_ID=$id "$run" stress-sessions --sessions 2000 --files 1 --cycles 2; then
		not_ok "sessions" "$(result "$id")"
		return
	fi
	d="$results/$id"
	n=$(grep -c "^${WIRE_METRIC}cycle=[12] phase=retrieve .* sessions=2000 files=1 .* session_blocks=$(runtxt "$d" session_blocks) " "$d/metrics.txt")
	if [ "$n" = 2 ] && [ "$(grep -c '^ok [0-9]* verify$' "$d/ktap.txt")" = 2 ]; then
		ok "2000 sessions with 63-character names survive 2 kexecs ($(runtxt "$d" session_blocks) session blocks)"
	else
		not_ok "sessions" "expected 2 verified cycles of 2000 sessions, $n retrieve metrics with the run's labels"
	fi
}

# api: the contract tests, every case in the plan passing (20 or more)
case_api() {
	local id="check-$stamp-$board-api" n plan
	if ! RUN_ID=$id "$run" luo-api-test; then
		not_ok "api" "$(result "$id")"
		return
	fi
	n=$(sed -n 's/^# Totals: pass:\([0-9]*\) fail:0 xfail:0 xpass:0 skip:0 error:0$/\1/p' "$results/$id/ktap.txt")
	plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$results/$id/ktap.txt" | head -n 1)
	if [ "${n:-0}" -ge 20 ] && [ "$n" = "$plan" ]; then
		ok "API contract: all $n planned cases pass"
	else
		not_ok "api" "'${n:-0}' of '${plan:-?}' planned cases passed, none may fail or skip"
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
		grep -q -F "${WIRE_KEXEC}1" "$d/serial.log" 2>/dev/null && break
		sleep 0.5
	done
	if [ -f "$d/qemu.pid" ]; then
		kill "$(cat "$d/qemu.pid")"
		if wait "$runner"; then
			not_ok "killed guest" "runner exited 0"
		elif grep -q '^FAIL: cycle 1: guest died in ' "$d/result.txt"; then
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

# limits: the sessions search runs into our RLIMIT_NOFILE (3000) and
# says so with a SKIP, not as LUO's ceiling; the files search ends by
# budget or refusal; each block count agrees with the block model at
# the ceiling, entries per block taken from model_cap and the kernel
# source's KHO_MAX_BLOCKS
case_limits() {
	local id="check-$stamp-$board-limits" log s f why="" max per c b
	if ! RUN_ID=$id "$run" luo-limits --nofile 3000 --budget 15 --max 200000; then
		not_ok "limits" "$(result "$id")"
		return
	fi
	log="$results/$id/ktap.txt"
	max=$(sed -n 's/^#define KHO_MAX_BLOCKS[[:space:]]*\([0-9]*\).*/\1/p' "$ksrc/kernel/liveupdate/kho_block.c")
	s=$(grep '^# limit: what=sessions ' "$log")
	f=$(grep '^# limit: what=files ' "$log")
	[[ "$s" == *" stopped=rlimit_nofile errno=EMFILE call=create_session resource=fds "* ]] ||
		why="sessions: '$s'"
	grep -q '^ok [0-9]* sessions_ceiling # SKIP RLIMIT_NOFILE 3000 ran out at [0-9]*, before LUO refused$' "$log" ||
		why="sessions: no SKIP naming RLIMIT_NOFILE 3000"
	for line in "$s" "$f"; do
		[[ "$line" =~ \ ceiling=([0-9]+)\ .*\ blocks=([0-9]+)\ model_cap=([0-9]+)\  ]] ||
			{ why="unreadable: '$line'"; continue; }
		c=${BASH_REMATCH[1]} b=${BASH_REMATCH[2]} per=$((BASH_REMATCH[3] / ${max:-1}))
		[ "$c" -gt 0 ] || why="a ceiling of 0: '$line'"
		[ "$b" = $(((c + per - 1) / per)) ] ||
			why="blocks=$b for $c entries at $per per block: '$line'"
	done
	c=$(sed -n 's/.* what=sessions ceiling=\([0-9]*\) .*/\1/p' <<<"$s")
	[ "${c:-0}" -gt 2900 ] && [ "${c:-0}" -lt 3000 ] ||
		why="sessions ceiling '$c' is not just under RLIMIT_NOFILE 3000"
	[[ "$f" == *" stopped=refused "* || "$f" == *" stopped=budget "* ]] ||
		why="files: '$f'"
	if [ -z "$why" ]; then ok "limits: ${s#\# limit: }"; else not_ok "limits" "$why"; fi
}

# watchdog: a guest that stops making progress is killed after WATCHDOG
# seconds and the run fails naming the phase it stopped in. Timed by the
# guest's own progress, not the host's clock, so a loaded host passes it
# too: once the guest prints its first progress line of cycle 1 (60000
# files keep it in one phase for long), QEMU is stopped (SIGSTOP) for
# real; the runner must notice within WATCHDOG and name that phase.
# WATCHDOG only needs to exceed the longest gap between lines of ours
# while the guest runs (PROGRESS_NS between progress lines); the boot
# before the first has the runner's default (WATCHDOG_BOOT).
case_watchdog() {
	local id="check-$stamp-$board-watchdog" d wd=10 runner line phase pid
	d="$results/$id"
	KVM=off WATCHDOG=$wd WATCHDOG_BOOT=600 RUN_ID=$id "$run" stress-files --sessions 1 --files 60000 \
		--pages 1 --cycles 1 --mix plain > "$results/.watchdog.out" 2>&1 &
	runner=$!
	for _ in $(seq 1200); do
		line=$(grep -m 1 -F "${WIRE_PROGRESS_CYCLE}1: " "$d/serial.log" 2>/dev/null) && break
		kill -0 "$runner" 2>/dev/null || break
		sleep 0.5
	done
	# "<host seconds> # progress: cycle 1: <phase>, session ..."
	phase=${line#*"${WIRE_PROGRESS_CYCLE}1: "}
	phase=${phase%%,*}
	pid=$(cat "$d/qemu.pid" 2>/dev/null)
	if [ -z "$line" ] || [ -z "$pid" ] || ! kill -STOP "$pid" 2>/dev/null; then
		kill "$runner" 2>/dev/null
		wait "$runner"
		not_ok "watchdog" "the guest printed no progress line: $(result "$id")"
		rm -f "$results/.watchdog.out"
		return
	fi
	# the runner's kill (SIGTERM) waits for the guest to run again
	for _ in $(seq $((wd * 4 + 120))); do
		[ -f "$d/watchdog.txt" ] && break
		sleep 0.5
	done
	kill -CONT "$pid" 2>/dev/null
	if wait "$runner"; then
		not_ok "watchdog" "a stopped guest passed under a $wd s watchdog"
	elif grep -q "^FAIL: cycle 1: hung in $phase (.*; $wd s without progress)" "$d/result.txt"; then
		ok "watchdog: stopped in $phase, $(cut -c1-60 "$d/result.txt")"
	else
		not_ok "watchdog" "stopped in $phase: $(result "$id")"
	fi
	rm -f "$results/.watchdog.out"
}

# options: refused by the program's parser before QEMU, with a verdict
case_options() {
	local id d i why="" opts=() args
	local -a given=("--sessions 0" "--cycles -1" "--mix bogus" "--corrupt-kind zap" "--files 5000000")
	local -a says=("error: --sessions 0 out of range"
		"error: --cycles needs a number, got '-1'"
		"error: --mix: unknown kind in 'bogus'"
		"error: --corrupt-kind must be data, size, seal, hole, missing or state, got 'zap'"
		"needs a guest of [0-9]* MiB")
	for i in "${!given[@]}"; do
		args=${given[$i]}
		read -r -a opts <<<"$args"
		id="check-$stamp-$board-options-$i"
		d="$results/$id"
		if RUN_ID=$id "$run" stress-files "${opts[@]}" >/dev/null 2>&1; then
			why="'$args' was accepted"
		elif ! grep -q "^FAIL: stress-files $args: .*${says[$i]}" "$d/result.txt"; then
			why="'$args': result.txt says '$(result "$id")'"
		elif [ -e "$d/serial.log" ] || [ -e "$d/run.txt" ]; then
			why="'$args' reached the build or QEMU"
		fi
	done
	if [ -z "$why" ]; then ok "bad options refused before QEMU: $(result "$id")"; else not_ok "options" "$why"; fi
}

# csv FILE COL [COL=VAL...]: the distinct values of COL in the matching
# rows of a collector's CSV, by column name, on one line
csvcol() {
	python3 "$top/tests/collect/csvtool.py" get "$@" | sort -u | paste -s -d ' '
}

# kernels: 7.2.12 -> 7.3.4 -> 7.2.12 -> 7.3.4, every cycle verified, and
# each cycle's from/to in the CSV from the kernels' own lines
case_kernels() {
	local id="check-$stamp-$board-kernels" d why="" c from to dir want_from want_to
	if ! KERNELS="7.2 7.3" RUN_ID=$id "$run" stress-files --sessions 2 --files 50 --pages 2 --cycles 3; then
		not_ok "kernels 7.2 <-> 7.3" "$(result "$id")"
		return
	fi
	d="$results/$id"
	for c in 1 2 3; do
		if [ $((c % 2)) = 1 ]; then
			want_from=7.2.12 want_to=7.3.4 dir=upgrade
		else
			want_from=7.3.4 want_to=7.2.12 dir=rollback
		fi
		from=$(csvcol "$d/metrics.csv" from_kernel cycle=$c)
		to=$(csvcol "$d/metrics.csv" to_kernel cycle=$c)
		[ "$from -> $to" = "$want_from -> $want_to" ] ||
			why="cycle $c went '$from -> $to', not $want_from -> $want_to"
		[ "$(csvcol "$d/metrics.csv" direction cycle=$c)" = "$dir" ] ||
			why="cycle $c: direction '$(csvcol "$d/metrics.csv" direction cycle=$c)', not $dir"
		[ "$(csvcol "$d/metrics.csv" kho_from cycle=$c)" = "$want_from" ] ||
			why="cycle $c: the kernel's exec from '$(csvcol "$d/metrics.csv" kho_from cycle=$c)', not $want_from"
		[ "$(csvcol "$d/metrics.csv" kernel cycle=$c phase=preserve)" = "$want_from" ] ||
			why="cycle $c: preserve ran in '$(csvcol "$d/metrics.csv" kernel cycle=$c phase=preserve)', not $want_from"
		[ "$(csvcol "$d/metrics.csv" kernel cycle=$c phase=retrieve)" = "$want_to" ] ||
			why="cycle $c: retrieve ran in '$(csvcol "$d/metrics.csv" kernel cycle=$c phase=retrieve)', not $want_to"
		[ "$(csvcol "$d/metrics.csv" outcome cycle=$c)" = carried ] ||
			why="cycle $c: outcome '$(csvcol "$d/metrics.csv" outcome cycle=$c)', not carried"
	done
	[ "$(grep -c '^ok [0-9]* verify$' "$d/ktap.txt")" = 3 ] || why="not 3 verified cycles"
	grep -q "7.2.12 -> 7.3.4" "$d/summary.txt" || why="summary.txt does not show 7.2.12 -> 7.3.4"
	if [ -z "$why" ]; then ok "kernels: 7.2.12 -> 7.3.4 -> 7.2.12 -> 7.3.4, every byte verified"; else not_ok "kernels 7.2 <-> 7.3" "$why"; fi
}

# refused: a handler's compatible string bumped: the first open fails as
# the kernel designs it, expected and passed; expected carried, it fails
case_refused() {
	local id="check-$stamp-$board-refused" d why="" ks
	ks="7.3 7.3+$top/tests/kernels/memfd-v3.patch"
	if ! KERNELS=$ks RUN_ID=$id "$run" stress-files --sessions 1 --files 20 --pages 1 --cycles 1; then
		not_ok "refused" "$(result "$id")"
		return
	fi
	d="$results/$id"
	[ "$(csvcol "$d/metrics.csv" expected cycle=1)/$(csvcol "$d/metrics.csv" outcome cycle=1)" = refused/refused ] ||
		why="expected/outcome '$(csvcol "$d/metrics.csv" expected cycle=1)/$(csvcol "$d/metrics.csv" outcome cycle=1)', not refused/refused"
	grep -q "^${WIRE_HANDOVER}cycle=1 outcome=refused .*No registered handler for compatible 'memfd-v2'" "$d/ktap.txt" ||
		why="the program did not quote the kernel: $(grep "^$WIRE_HANDOVER" "$d/ktap.txt")"
	grep -q "kernel without LUO" "$d/ktap.txt" && why="the program guessed at a missing config"
	id="$id-expect-carried"
	if EXPECT="0>1=carried" KERNELS=$ks RUN_ID=$id "$run" stress-files --sessions 1 --files 20 --pages 1 --cycles 1; then
		why="told to expect carried, the refused run passed"
	elif ! grep -q "^FAIL: cycle 1 (7.3.4 -> 7.3.4-memfd-v3): expected carried, got refused: .*No registered handler" "$results/$id/result.txt"; then
		why="told to expect carried: $(result "$id")"
	fi
	if [ -z "$why" ]; then ok "refused: 7.3.4 -> 7.3.4-memfd-v3 refused as designed; expected carried, $(cut -c1-70 "$results/$id/result.txt")"; else not_ok "refused" "$why"; fi
}

# compare: an interleaved A/A comparison of 7.3 with itself, 2 pairs of
# runs of 2 cycles: the runs alternate A B B A and pass, every cycle
# times the machine control, the units pair by time, the report is
# written, and 8 units cannot flag a phase at 0.05 / K: exit 0
case_compare() {
	local id="check-$stamp-$board-compare" d why="" rc=0 got
	COMPARE=$id BASE_KERNEL=7.3 PAIRS=2 CYCLES=2 FILES=50 SESSIONS=1 PAGES=1 MIX=plain \
		"$top/scripts/compare.sh" > "$results/$id.log" 2>&1 || rc=$?
	d="$top/results/$id"
	[ "$rc" = 0 ] || why="exit $rc: $(tail -n 1 "$results/$id.log")"
	got=$(cut -d' ' -f2,6 "$d/order.txt" 2>/dev/null | paste -s -d ' ')
	[ "$got" = "base PASS new PASS new PASS base PASS" ] || why="runs '$got', not A B B A all passed"
	got=$(csvcol "$d/new/compare.csv" paired_by)
	[ "$got" = time ] || why="compare.csv paired by '$got', not time"
	[ "$(csvcol "$d/new/compare.csv" verdict phase=control)" = control ] ||
		why="the control is not compare.csv's control row"
	[ "$(csvcol "$d/new/metrics.csv" cycle phase=control)" = "1 2" ] ||
		why="the control timed in cycles '$(csvcol "$d/new/metrics.csv" cycle phase=control)', not 1 2"
	[ "$(csvcol "$d/new/drift.csv" control)" = 1 ] || why="drift.csv saw no control"
	[ -s "$d/new/report.html" ] || why="no report.html"
	if [ -z "$why" ]; then ok "compare: interleaved A/A, A B B A, paired by time against the control, exit 0"; else not_ok "compare" "$why"; fi
}

# checking: DEBUG=1, workers, churn, fail-nth faults and --abort pass,
# and every one of them left its mark
case_checking() {
	local id="check-$stamp-$board-checking" d why="" c n call
	if ! DEBUG=1 RUN_ID=$id "$run" stress-files --sessions 4 --files 20 --cycles 2 \
		--workers 4 --churn 25 --faults nth --abort; then
		not_ok "checking" "$(result "$id")"
		return
	fi
	d="$results/$id"
	[ "$(runtxt "$d" debug)" = 1 ] || why="run.txt says debug=$(runtxt "$d" debug)"
	for c in 1 2; do
		for call in create_session preserve_fd retrieve_session retrieve_fd; do
			n=$(sed -n "s/^${WIRE_FAULTS}cycle=$c call=$call injected=\([0-9]*\) .*/\1/p" "$d/ktap.txt")
			[ "${n:-0}" -gt 0 ] || why="cycle $c: no fault injected into $call"
		done
		n=$(sed -n "s/^${WIRE_FAULTS}cycle=$c call=preserve_fd .* retried=\([0-9]*\)$/\1/p" "$d/ktap.txt")
		[ "${n:-0}" -gt 0 ] || why="cycle $c: no failed preserve was retried"
		grep -q "^${WIRE_ABORT}cycle=$c freeze failed as injected" "$d/ktap.txt" ||
			why="cycle $c: no failed freeze"
		grep -q "^${WIRE_CHURN}cycle=$c closed=1 created=1 live=4" "$d/ktap.txt" ||
			why="cycle $c: no churn line"
		n=$(grep -c "^${WIRE_WORKER}cycle=$c side=restore worker=" "$d/ktap.txt")
		[ "$n" = 4 ] || why="cycle $c: $n restore workers, not 4"
		for w in after-preserve after-finish; do
			grep -q "^${WIRE_KMEMLEAK}cycle=$c scan=$w leaks=0$" "$d/ktap.txt" ||
				why="cycle $c: kmemleak $w: $(grep "^${WIRE_KMEMLEAK}cycle=$c scan=$w" "$d/ktap.txt")"
		done
		n=$(grep -c "${WIRE_FLB_TEST}liveupdate-test-flb-v[0-2]${WIRE_FLB_FINISHED}" "$d/serial.log")
		[ "$n" -ge "$((3 * c))" ] || why="the test FLBs finished $n times by cycle $c"
	done
	grep -q "^${WIRE_KMEMLEAK}cycle=2 scan=end leaks=0$" "$d/ktap.txt" || why="no clean kmemleak scan at the end"
	for c in KASAN lockdep kmemleak LIVEUPDATE_TEST fault-injection; do
		grep -q ",checker_ran,$c,[1-9]" "$d/checks.csv" 2>/dev/null ||
			why="checks.csv: $c did not run"
	done
	[ "$(grep -c ",fault_site," "$d/checks.csv" 2>/dev/null)" -ge 3 ] ||
		why="checks.csv: fewer than 3 fault sites reached"
	[ "$(csvcol "$d/metrics.csv" workers phase=preserve cycle=1)/$(csvcol "$d/metrics.csv" churn phase=preserve cycle=1)/$(csvcol "$d/metrics.csv" faults phase=preserve cycle=1)" = 4/25/nth ] ||
		why="metrics.csv labels workers/churn/faults '$(csvcol "$d/metrics.csv" workers phase=preserve cycle=1)/$(csvcol "$d/metrics.csv" churn phase=preserve cycle=1)/$(csvcol "$d/metrics.csv" faults phase=preserve cycle=1)', not 4/25/nth"
	if [ -z "$why" ]; then ok "checking: DEBUG=1, 4 workers, churn, fail-nth faults, failed freezes: 2 cycles, kmemleak clean"; else not_ok "checking" "$why"; fi
}

# tree_state TREE: what a bisect must leave as it was in the user's tree
tree_state() {
	git -C "$1" rev-parse HEAD
	git -C "$1" status --porcelain
	git -C "$1" stash list
	git -C "$1" worktree list
	git -C "$1" for-each-ref
}
# bisect: make bisect on a real history (tests/bisect/history.sh), its
# clone's first build seeded from the cached 7.3.4 build (KSEED). A
# broken bisect over its 9 commits, interrupted once its first step is
# recorded and resumed, names the breaking commit by its cause in at
# most ceil(log2 9) + 1 = 5 steps, skipping the commit that does not
# build; a slower bisect names the slowing commit, each decision with
# the ratio of preserve and its interval; the tree as it was.
case_bisect() {
	local tree seed before id rec pid logs why="" n got
	if ! tree=$("$top/tests/bisect/history.sh" 2> "$results/check-$stamp-bisect-history.log"); then
		not_ok "bisect" "the history: $(tail -n 1 "$results/check-$stamp-bisect-history.log")"
		return
	fi
	seed=$("$top/scripts/kernel.sh" 2>/dev/null) || { not_ok "bisect" "no 7.3.4 build to seed from"; return; }
	before=$(tree_state "$tree")
	id="check-$stamp-$board-bisect-broken"
	rec="$top/results/$id"
	# interrupted: killed once its first step is recorded and the next
	# step's build has begun (the guest's own progress, no host timer)
	setsid env KSRC="$tree" GOOD=good BAD=bad KSEED="$seed" BISECT="$id" \
		"$top/scripts/bisect.sh" --sessions 1 --files 20 --pages 1 --cycles 1 --mix plain \
		> "$top/results/$id.log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null && ! grep -q '^step1,' "$rec/steps.csv" 2>/dev/null; do
		sleep 1
	done
	logs=$(find "$rec" -name 'build-*.log' 2>/dev/null | wc -l)
	while kill -0 "$pid" 2>/dev/null && [ "$(find "$rec" -name 'build-*.log' | wc -l)" -le "$logs" ]; do
		sleep 1
	done
	if kill -0 "$pid" 2>/dev/null; then
		kill -TERM -- "-$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	else
		wait "$pid" 2>/dev/null
		why="it ended before it could be interrupted: $(tail -n 1 "$top/results/$id.log")"
	fi
	if [ -z "$why" ] && ! KSRC="$tree" GOOD=good BAD=bad KSEED="$seed" BISECT="$id" \
		"$top/scripts/bisect.sh" --sessions 1 --files 20 --pages 1 --cycles 1 --mix plain >> "$top/results/$id.log" 2>&1; then
		why="resumed, it failed: $(tail -n 1 "$top/results/$id.log")"
	fi
	grep -q "resuming $id from its record" "$top/results/$id.log" || why="${why:-it did not resume from its record}"
	got=$(sed -n 's/^first bad commit: //p' "$rec/report.txt" 2>/dev/null)
	[ "$got" = "$(git -C "$tree" rev-parse breaks)" ] || why="${why:-named [$got], not the breaking commit}"
	n=$(csvcol "$rec/steps.csv" step verdict=good; csvcol "$rec/steps.csv" step verdict=bad)
	n=$(tr ' ' '\n' <<<"$n" | grep -c '^step')
	[ "$n" -ge 1 ] && [ "$n" -le 5 ] || why="${why:-$n steps, not counting skips: more than ceil(log2 9) + 1}"
	grep -q "^confirmed: .*: bad, its parent .*: good" "$rec/report.txt" 2>/dev/null || why="${why:-not confirmed against its parent}"
	grep -q "^symptom .*: cause data: .*field=size" "$rec/report.txt" 2>/dev/null || why="${why:-the symptom is not cause data, a size: $(grep "^symptom" "$rec/report.txt" 2>/dev/null)}"
	[ "$(csvcol "$rec/steps.csv" verdict subject='luo_core: a line that does not build')" != bad ] ||
		why="${why:-the commit that does not build was judged bad}"
	if [ -z "$why" ]; then ok "bisect broken: interrupted, resumed, the breaking commit named in $n steps"; else not_ok "bisect broken" "$why"; fi
	why=""
	# slower: between the build fix and the harmless commit after the
	# slowing one (the whole range: docs/bisect.md)
	id="check-$stamp-$board-bisect-slower"
	rec="$top/results/$id"
	if ! KSRC="$tree" GOOD=slows~1 BAD=slowed KSEED="$seed" BISECT="$id" MODE=slower \
		PHASE=preserve ALPHA=0.05 PAIRS=1 MAX_PAIRS=3 \
		"$top/scripts/bisect.sh" --sessions 1 --files 200 --cycles 8 > "$top/results/$id.log" 2>&1; then
		why="it failed: $(tail -n 1 "$top/results/$id.log")"
	fi
	got=$(sed -n 's/^first bad commit: //p' "$rec/report.txt" 2>/dev/null)
	[ "$got" = "$(git -C "$tree" rev-parse slows)" ] || why="${why:-named [$got], not the slowing commit}"
	# the BAD end, the step(s) and the confirmation: each a ratio
	n=$(python3 "$top/tests/collect/csvtool.py" get "$rec/steps.csv" evidence 2>/dev/null |
		grep -c '^preserve [0-9.]*x \[[0-9.]*, [0-9.]*\] ([0-9.]*% interval')
	[ "$n" -ge 3 ] ||
		why="${why:-fewer than 3 decisions with a ratio of preserve and its interval in steps.csv}"
	[ "$(tree_state "$tree")" = "$before" ] || why="${why:-the tree of the user changed}"
	if [ -z "$why" ]; then ok "bisect slower: the slowing commit named, each decision with its ratio and interval; the tree as it was"; else not_ok "bisect slower" "$why"; fi
}

mkdir -p "$results"
for c in $cases; do
	if ! declare -F "case_$c" >/dev/null; then
		not_ok "$c" "no such case (known: options pass selfcheck mix sessions api killed limits watchdog kernels refused compare checking bisect)"
		continue
	fi
	"case_$c"
done
echo "e2e: $pass passed, $fail failed"
[ "$fail" = 0 ]
