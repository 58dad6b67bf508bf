#!/usr/bin/env bash
# Host tests of luo-collect on cross-kernel runs (docs/metrics.md,
# "Cross-kernel runs"): a kernel told from the last by its printk clock
# starting again, each cycle's kernels, direction, expected and real
# outcome, the kernel table of run.txt, and the verdict of a decline
# the kernels design. On logs captured from real runs
# (tests/fixtures/README.md), run.txt's kernel table changed where a
# test needs an expectation the run did not have, a log cut where it
# needs a run that stopped there.
# Ends with "kernels: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
fx="$top/tests/fixtures"
lc="$top/build/host/luo-collect-san"
make -s -C "$top/collect" all san >/dev/null || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
csvt="$top/tests/collect/csvtool.py"

# shellcheck source=tests/check.sh
. "$top/tests/check.sh"

# mk NAME FIXTURE [LINES]: a copy of FIXTURE, its serial log cut to its
# first LINES lines when given; prints its path
mk() {
	rm -rf "${tmp:?}/$1"
	cp -r "$fx/$2" "$tmp/$1"
	echo "$2" > "$tmp/$1.fixture"
	[ -z "${3:-}" ] || head -n "$3" "$fx/$2/serial.log" > "$tmp/$1/serial.log"
	echo "$tmp/$1"
}

# table DIR [KEY=VALUE...]: a kernel table of two kernels in DIR's
# run.txt (the fixture's, and this), both of the fixture's release and
# ABIs, KEY=VALUEs after
table() {
	local d=$1 i
	shift
	cp "$fx/$(cat "$d.fixture")/run.txt" "$d/run.txt"
	{
		echo "kernels=2"
		for i in 0 1; do
			printf '%s\n' "kernel.$i.entry=7.3" "kernel.$i.release=7.3.4" \
				"kernel.$i.page_size=4096" "kernel.$i.luo=luo-v5" \
				"kernel.$i.memfd=memfd-v2" "kernel.$i.kho=kho-v4"
		done
		printf '%s\n' "$@"
	} >> "$d/run.txt"
}

# add DIR LINE...: lines at the end of DIR's serial log, on the host
# clock of its last line
add() {
	local d=$1 t l
	shift
	t=$(tail -n 1 "$d/serial.log" | cut -d' ' -f1)
	for l in "$@"; do
		echo "$t $l"
	done >> "$d/serial.log"
}

vd() { # vd DIR: the verdict line, then |status
	local v
	v=$("$lc" --verdict "$1" 2>/dev/null)
	echo "$v|$?"
}

# cols DIR COLS [FILTER...]: the CSV's columns of the matching rows, sorted, one line
cols() {
	local d=$1 c=$2
	shift 2
	"$lc" "$d" 2>/dev/null > "$d/t.csv"
	"$csvt" get "$d/t.csv" "$c" "$@" | sort -u | tr '\n' ' '
}

# --- a new kernel is its printk clock starting again ---
# arm64 (qemu-arm64-pass): the old kernel's "psci: CPU1 killed" and
# "Bye!" come after "Starting new kernel"; they are the old kernel's, and
# the new kernel's clock starts at its own first line
arm="$fx/qemu-arm64-pass"
m=$("$lc" --lines "$arm" 2>/dev/null)
n=$(grep -c ' phase=blackout_handover ' <<<"$m")
check "arm64: every cycle's blackout has its three parts (the psci line is the old kernel's)" \
	"$([ "$n" = 3 ] && echo 0 || echo 1)" "$n cycles with blackout_handover"
"$lc" --marks -o "$tmp/arm-marks.csv" "$arm" 2>/dev/null
check "arm64: kexec, 'Starting new kernel', the new clock and init in that order, every cycle" \
	"$("$csvt" get "$tmp/arm-marks.csv" kexec_host,start_host,clock_host,init_host |
		awk -F, '{ if (!($1 < $2 && $2 < $3 && $3 < $4)) bad = 1; n++ } END { exit bad || n != 3 }'; echo $?)"
d=$(mk arm-cut qemu-arm64-pass 167)
echo "no_progress_s=10" > "$d/watchdog.txt"
v=$(vd "$d")
check "arm64 cut after the old kernel's 'Bye!': hung in handover, no line of the new kernel yet" \
	"$([ "$v" = "incomplete: cycle 1: hung in handover ('Starting new kernel' at 2.699 s, no line from the new kernel yet; 10 s without progress)|2" ] && echo 0 || echo 1)" "$v"
table "$d"
v=$(vd "$d")
check "arm64 cut there, with a kernel table: hang before the new kernel printed anything" \
	"$([ "$v" = "incomplete: cycle 1 (7.3.4 -> 7.3.4): expected carried, got hang: hung in handover, before the new kernel printed anything (10 s without progress)|2" ] && echo 0 || echo 1)" "$v"
d=$(mk arm-boot qemu-arm64-pass 170)
echo "no_progress_s=10" > "$d/watchdog.txt"
table "$d"
v=$(vd "$d")
check "arm64 cut 3 lines into the new kernel, with a table: hang in boot after its last line" \
	"$([ "$v" = 'incomplete: cycle 1 (7.3.4 -> 7.3.4): expected carried, got hang: hung in boot, after its last line "random: crng init done" (10 s without progress)|2' ] && echo 0 || echo 1)" "$v"

# --- each cycle's kernels, from the lines of each kernel ---
got=$(cols "$(mk plain qemu-x86_64-pass)" cycle,from_kernel,to_kernel,kho_from,direction,outcome,expected)
check "single kernel: 7.3.4 -> 7.3.4, KHO exec from 7.3.4, same, carried as expected, each cycle" \
	"$([ "$got" = "1,7.3.4,7.3.4,7.3.4,same,carried,carried 2,7.3.4,7.3.4,7.3.4,same,carried,carried 3,7.3.4,7.3.4,7.3.4,same,carried,carried " ] && echo 0 || echo 1)" "$got"
# kernel 1's "Linux version" renamed: its release is its own cycle's
# to_kernel and the next cycle's from_kernel; KHO in kernel 2 still says
# exec from 7.3.4: the run left another kernel than KHO says
d=$(mk renamed qemu-x86_64-pass)
sed -i '182s/Linux version 7\.3\.4 /Linux version 7.3.4-x /' "$d/serial.log"
got=$(cols "$d" cycle,from_kernel,to_kernel,direction)
check "each kernel's own Linux version: 1 7.3.4 -> 7.3.4-x lateral, 2 7.3.4-x -> 7.3.4 lateral" \
	"$([ "$got" = "1,7.3.4,7.3.4-x,lateral 2,7.3.4-x,7.3.4,lateral 3,7.3.4,7.3.4,same " ] && echo 0 || echo 1)" "$got"
got=$(cols "$d" kernel cycle=1 phase=verify)$(cols "$d" kernel cycle=2 phase=preserve)$(cols "$d" kernel cycle=2 phase=verify)
check "kernel column: the kernel that ran the phase (entered for verify, left for preserve)" \
	"$([ "$got" = "7.3.4-x 7.3.4-x 7.3.4 " ] && echo 0 || echo 1)" "$got"
v=$(vd "$d")
check "KHO's exec from differs from the kernel the run left: the cycle fails naming both" \
	"$([ "$v" = "fail: cycle 2 (7.3.4-x -> 7.3.4): the kernel says exec from 7.3.4, the run left 7.3.4-x|1" ] && echo 0 || echo 1)" "$v"
check "... cause wrong-kernel" "$([ "$(cols "$d" cause cycle=2)" = "wrong-kernel " ] && echo 0 || echo 1)"

# --- the kernel table of run.txt ---
d=$(mk same qemu-x86_64-pass)
table "$d"
v=$(vd "$d")
check "table of two equal kernels: the run passes, messages unchanged" "$([ "$v" = "pass|0" ] && echo 0 || echo 1)" "$v"
s=$("$lc" --summary "$d" 2>/dev/null | grep -A3 '^cycle  *kernels ' | tr -s ' ' | tr '\n' '|')
check "summary: each cycle's kernels, direction, expected and outcome" \
	"$([ "$s" = "cycle kernels direction expected outcome|1 7.3.4 -> 7.3.4 same carried carried|2 7.3.4 -> 7.3.4 same carried carried|3 7.3.4 -> 7.3.4 same carried carried|" ] && echo 0 || echo 1)" "$s"
check "summary: no kernels section without a table" \
	"$("$lc" --summary "$fx/qemu-x86_64-pass" 2>/dev/null | grep -q ' kernels ' && echo 1 || echo 0)"
d=$(mk unknown qemu-x86_64-pass)
table "$d" kernel.1.luo=unknown
got=$(cols "$d" cycle,expected,outcome,status)
check "an ABI nobody could read: expected unknown, which carried meets" \
	"$([ "$got" = "1,unknown,carried,pass 2,unknown,carried,pass 3,unknown,carried,pass " ] && echo 0 || echo 1)" "$got"
got=$(cols "$d" abi cycle=1 phase=preserve)$(cols "$d" abi cycle=1 phase=verify)$(cols "$d" abi cycle=2 phase=preserve)$(cols "$d" abi cycle=2 phase=verify)
check "abi column: kernel.I.luo of the kernel that ran the phase" \
	"$([ "$got" = "luo-v5 unknown unknown luo-v5 " ] && echo 0 || echo 1)" "$got"
d=$(mk planned qemu-x86_64-pass)
table "$d" kernel.1.release=7.2.12
v=$(vd "$d")
check "a kernel other than planned booted: its cycle fails naming both" \
	"$([ "$v" = "fail: cycle 1 (7.3.4 -> 7.3.4): kernel 1 booted 7.3.4, the run planned 7.2.12 (kernel.1)|1" ] && echo 0 || echo 1)" "$v"
d=$(mk memfd qemu-x86_64-pass)
table "$d" kernel.1.memfd=memfd-v3
v=$(vd "$d")
check "memfd ABI differs: refused expected, carried fails the cycle" \
	"$([ "$v" = "fail: cycle 1 (7.3.4 -> 7.3.4): expected refused, got carried: verify passed|1" ] && echo 0 || echo 1)" "$v"
check "... cause outcome" "$([ "$(cols "$d" cause cycle=1)" = "outcome " ] && echo 0 || echo 1)"
d=$(mk expect qemu-x86_64-pass)
table "$d" kernel.1.memfd=memfd-v3 expect.0.1=carried
got=$(cols "$d" cycle,expected,status)
check "expect.0.1 overrides 0 -> 1 only: 1 -> 0 still expects refused" \
	"$([ "$got" = "1,carried,pass 2,refused,fail 3,carried,pass " ] && echo 0 || echo 1)" "$got"
for k in page_size:declined kho:no-state luo:panic; do
	d=$(mk "abi-${k%%:*}" qemu-x86_64-pass)
	table "$d" "kernel.1.${k%%:*}=other"
	got=$(cols "$d" expected cycle=1)
	check "kernel.1.${k%%:*} differs: expected ${k#*:}" "$([ "$got" = "${k#*:} " ] && echo 0 || echo 1)" "$got"
done
d=$(mk bad qemu-x86_64-pass)
table "$d" kernel.2.release=7.2.12
out=$("$lc" "$d" 2>&1 >/dev/null)
rc=$?
check "a table naming kernel 2 of 2: bad input (status 3), one line" \
	"$([ $rc = 3 ] && [ "$out" = "luo-collect: $d: run.txt: kernel 2 named, but kernels=2" ] && echo 0 || echo 1)" "status $rc: $out"
d=$(mk bad2 qemu-x86_64-pass)
table "$d" expect.0.1=maybe
out=$("$lc" "$d" 2>&1 >/dev/null)
rc=$?
check "expect.0.1=maybe: bad input (status 3) naming the outcomes" \
	"$([ $rc = 3 ] && [[ "$out" == *"expect.0.1=maybe: not an outcome (carried, "* ]] && echo 0 || echo 1)" "status $rc: $out"

# --- outcomes: a real panic where LUO's designed one was expected ---
d=$(mk panic cause-panic)
table "$d" kernel.1.luo=luo-v6
v=$(vd "$d")
check "a panic other than LUO's designed one: expected panic, got panic-other" \
	"$([ "$v" = "fail: cycle 1 (7.3.4 -> 7.3.4): expected panic, got panic-other: panic in deserialize: Kernel panic - not syncing: luo_stress_break=panic_deserialize|1" ] && echo 0 || echo 1)" "$v"

# --- real cross-kernel runs (tests/fixtures/cross-*) ---
# setkey DIR KEY VALUE: KEY of DIR's run.txt set to VALUE
setkey() {
	sed -i "s|^$2=.*|$2=$3|" "$1/run.txt"
}
d=$(mk x72 cross-7.2-7.3)
got=$(cols "$d" cycle,from_kernel,to_kernel,kho_from,direction,outcome,expected,status)
check "7.2 <-> 7.3: upgrade, rollback, upgrade, KHO exec from the kernel left, carried as expected" \
	"$([ "$got" = "1,7.2.12,7.3.4,7.2.12,upgrade,carried,carried,pass 2,7.3.4,7.2.12,7.3.4,rollback,carried,carried,pass 3,7.2.12,7.3.4,7.2.12,upgrade,carried,carried,pass " ] && echo 0 || echo 1)" "$got"
got=$(cols "$d" kernel cycle=2 phase=preserve)$(cols "$d" kernel cycle=2 phase=verify)$(cols "$d" kernel cycle=2 phase=blackout_reboot)$(cols "$d" kernel cycle=2 phase=blackout_boot)
check "7.2 <-> 7.3: kernel column of cycle 2: 7.3.4 for preserve and blackout_reboot, 7.2.12 for verify and blackout_boot" \
	"$([ "$got" = "7.3.4 7.2.12 7.3.4 7.2.12 " ] && echo 0 || echo 1)" "$got"
check "7.2 <-> 7.3: the run passes" "$([ "$(vd "$d")" = "pass|0" ] && echo 0 || echo 1)" "$(vd "$d")"
setkey "$d" kernel.1.release 7.3.5
v=$(vd "$d")
check "7.2 <-> 7.3, table planning 7.3.5: cycle 1 fails, kernel 1 booted 7.3.4" \
	"$([ "$v" = "fail: cycle 1 (7.2.12 -> 7.3.4): kernel 1 booted 7.3.4, the run planned 7.3.5 (kernel.1)|1" ] && echo 0 || echo 1)" "$v"

d=$(mk luo6 cross-luo-v6)
v=$(vd "$d")
"$lc" "$d" >/dev/null 2>&1
rc=$?
check "LUO ABIs differ (luo-v6): LUO's designed panic, the run complete and passed (exit 0)" \
	"$([ "$v" = "pass|0" ] && [ $rc = 0 ] && echo 0 || echo 1)" "$v, collect exit $rc"
got=$(cols "$d" cycle,outcome,expected,status,kernel,abi,message phase=status)
check "... its status row: the kernel entered, its ABI, panic as expected, the kernel's line" \
	"$([ "$got" = "1,panic,panic,pass,7.3.4-luo-v6,luo-v6,cycle 1 (7.3.4 -> 7.3.4-luo-v6): panic as expected (panic): luo: LUO state is incompatible with 'luo-v6' " ] && echo 0 || echo 1)" "$got"
setkey "$d" kernel.1.luo luo-v5
v=$(vd "$d")
check "the same panic where the table says the LUO ABIs are equal: expected carried, got panic" \
	"$([ "$v" = "fail: cycle 1 (7.3.4 -> 7.3.4-luo-v6): expected carried, got panic: luo: LUO state is incompatible with 'luo-v6'|1" ] && echo 0 || echo 1)" "$v"
check "... cause outcome" "$([ "$(cols "$d" cause phase=status)" = "outcome " ] && echo 0 || echo 1)"
sed -i '/^kernels=/d; /^kernel\./d' "$d/run.txt"
v=$(vd "$d")
check "the same panic without a kernel table: expected carried, got panic" \
	"$([ "$v" = "fail: cycle 1 (7.3.4 -> 7.3.4-luo-v6): expected carried, got panic: luo: LUO state is incompatible with 'luo-v6'|1" ] && echo 0 || echo 1)" "$v"

d=$(mk kho5 cross-kho-v5)
check "KHO ABIs differ (kho-v5): no state, complete, passes without 'all N cycles passed'" \
	"$([ "$(vd "$d")" = "pass|0" ] && echo 0 || echo 1)" "$(vd "$d")"
got=$(cols "$d" cycle,outcome,expected,status,kho_from,message phase=status)
check "... KHO's own line says why; it printed no exec from" \
	"$([ "$got" = "1,no-state,no-state,pass,,cycle 1 (7.3.4 -> 7.3.4-kho-v5): no-state as expected (no-state): KHO: setup: handover FDT (0x2691000) is incompatible with 'kho-v5': 1 " ] && echo 0 || echo 1)" "$got"
setkey "$d" kernel.1.kho kho-v4
v=$(vd "$d")
check "no state where the table says the KHO ABIs are equal: expected carried, got no-state, KHO's line" \
	"$([ "$v" = "fail: cycle 1 (7.3.4 -> 7.3.4-kho-v5): expected carried, got no-state: KHO: setup: handover FDT (0x2691000) is incompatible with 'kho-v5': 1|1" ] && echo 0 || echo 1)" "$v"
setkey "$d" kernel.1.kho kho-v5
setkey "$d" kernel.1.page_size 65536
check "no state where the page sizes differ: declined expected, no-state meets it" \
	"$([ "$(cols "$d" expected,outcome,status phase=status)" = "declined,no-state,pass " ] && echo 0 || echo 1)"

d=$(mk memfd3 cross-memfd-v3)
check "memfd ABIs differ (memfd-v3): refused, passes" "$([ "$(vd "$d")" = "pass|0" ] && echo 0 || echo 1)" "$(vd "$d")"
setkey "$d" kernel.1.memfd memfd-v2
v=$(vd "$d")
check "refused where the table says the memfd ABIs are equal: expected carried, got refused, the kernel's line" \
	"$([ "$v" = "fail: cycle 1 (7.3.4 -> 7.3.4-memfd-v3): expected carried, got refused: luo: No registered handler for compatible 'memfd-v2'|1" ] && echo 0 || echo 1)" "$v"
setkey "$d" kernel.1.memfd unknown
check "refused where a memfd ABI is unknown: passes (unknown: carried or a designed decline)" \
	"$([ "$(vd "$d")" = "pass|0" ] && echo 0 || echo 1)" "$(vd "$d")"
# a WARNING put in after the decline (as run.sh puts one into a pass log)
add "$d" "[    9.000000] WARNING: CPU: 0 PID: 1 at kernel/liveupdate/luo_file.c:1 test"
v=$(vd "$d")
check "a WARNING after a designed decline still fails the cycle, its line the message" \
	"$([[ "$v" == "fail: cycle 1 (7.3.4 -> 7.3.4-memfd-v3): kernel warning in "*": WARNING: CPU: 0 PID: 1 at kernel/liveupdate/luo_file.c:1 test|1" ]] && echo 0 || echo 1)" "$v"
got=$(cols "$d" outcome,cause phase=status)
check "... the kernel refused as designed, the cause is the warning" \
	"$([ "$got" = "refused,kernel-warning " ] && echo 0 || echo 1)" "$got"

d=$(mk layout cross-memfd-layout)
v=$(vd "$d")
check "memfd layout changed, compatible string kept: expected carried, got carried-corrupt, the FAIL line" \
	"$([[ "$v" == "fail: cycle 1 (7.3.4 -> 7.3.4-memfd-layout): expected carried, got carried-corrupt: # FAIL state: session=luo-stress-state token=1 field=size "*"|1" ]] && echo 0 || echo 1)" "$v"

# --- a real matrix of one release at three page sizes ---
# (tests/fixtures/matrix-arm64-pages: KERNELS="7.3 7.3@qemu-arm64-16k
# 7.3@qemu-arm64-64k", all three uname -r 7.3.4) a kernel whose release
# another kernel of the table shares is named "release [entry]"
mpf="$tmp/matrix-arm64-pages"
cp -r "$fx/matrix-arm64-pages" "$mpf"
# status DIR: the status rows' columns that say the run, one line
status() {
	cols "$1" cycle,kernel,abi,status,cause,from_kernel,to_kernel,from_entry,to_entry,direction,expected,outcome phase=status
}
v=$(vd "$mpf/0-1")
check "pages 4K -> 16K: the message names both kernels by release and entry" \
	"$([ "$v" = "fail: cycle 1 (7.3.4 [7.3] -> 7.3.4 [7.3@qemu-arm64-16k]): expected declined, got warn: kernel oops in boot: Internal error: Oops: 0000000096000006 [#1]  SMP|1" ] && echo 0 || echo 1)" "$v"
got=$(cols "$mpf/0-1" from_entry,to_entry)
check "... every row of the cycle has the entries (from_entry, to_entry)" \
	"$([ "$got" = "7.3,7.3@qemu-arm64-16k " ] && echo 0 || echo 1)" "$got"
s=$("$lc" --summary "$mpf/0-1" 2>/dev/null | grep -A1 '^cycle  *kernels ' | tail -n 1 | tr -s ' ')
check "... summary: its kernels named so" \
	"$([ "$s" = "1 7.3.4 [7.3] -> 7.3.4 [7.3@qemu-arm64-16k] same declined warn" ] && echo 0 || echo 1)" "$s"
v=$(vd "$mpf/0-0")
check "pages 4K -> 4K (a table of one kernel): its kexecs read as a single kernel's always have (no kernels in the message)" \
	"$([[ "$v" == "fail: # FAIL coverage: "* ]] && [ "$(cols "$mpf/0-0" from_entry,to_entry)" = "7.3,7.3 " ] && echo 0 || echo 1)" "$v"
d=$(mk pages-planned matrix-arm64-pages/0-1)
setkey "$d" kernel.1.release 7.3.5
got=$(cols "$d" to_kernel,to_entry,cause phase=status)
check "a kernel other than planned booted: no entry of the table names it (to_entry empty), wrong-kernel" \
	"$([ "$got" = "7.3.4,,wrong-kernel " ] && echo 0 || echo 1)" "$got"

# a run that fails in cycle 1 before any metric line still has its row:
# kexec_file_load fails in the first kernel (the 16K kernel, too little
# memory for two kernels' initramfs: EADDRNOTAVAIL), cause kexec: the
# kernel refused it
got=$(status "$mpf/1-0")
check "kexec_file_load fails before any metric line: cycle 1's status row, cause kexec, kexec 1's kernels, no outcome" \
	"$([ "$got" = "1,7.3.4,luo-v5,fail,kexec,7.3.4,7.3.4,7.3@qemu-arm64-16k,7.3,same,declined, " ] && echo 0 || echo 1)" "$got"
got=$("$lc" --no-header "$mpf/1-0" 2>/dev/null | wc -l)
check "... its only row" "$([ "$got" = 1 ] && echo 0 || echo 1)" "$got rows"
v=$(vd "$mpf/1-0")
m=$(cols "$mpf/1-0" message phase=status)
check "... the verdict names the transition, and is its message" \
	"$([ "$v" = "fail: cycle 1 (7.3.4 [7.3@qemu-arm64-16k] -> 7.3.4 [7.3]): # FAIL kexec_file_load /boot/kernel.1 /run/luo-stress/initrd.cpio: Cannot assign requested address|1" ] &&
	   [ "fail: ${m% }|1" = "$v" ] && echo 0 || echo 1)" "$v; message $m"
got=$(status "$mpf/0-1-control")
check "... so does the luo-kexec control's (no metric line at all)" \
	"$([ "$got" = "1,7.3.4,luo-v5,fail,kexec,7.3.4,7.3.4,7.3,7.3@qemu-arm64-16k,same,declined, " ] && echo 0 || echo 1)" "$got"
# the first kernel fails in its boot, before cycle 1 began (the 64K
# kernel cannot reserve its KHO scratch): the run's own row, cycle 0
got=$(status "$mpf/2-0")
check "the first kernel fails in boot: the run's own status row (cycle 0) with kexec 1's kernels" \
	"$([ "$got" = "0,7.3.4,luo-v5,fail,kernel-warning,7.3.4,7.3.4,7.3@qemu-arm64-64k,7.3,same,declined, " ] && echo 0 || echo 1)" "$got"
v=$(vd "$mpf/2-0")
check "... the message: before cycle 1 (its kernels), the kernel's line" \
	"$([ "$v" = "fail: before cycle 1 (7.3.4 [7.3@qemu-arm64-64k] -> 7.3.4 [7.3]): LUO/KHO error in boot: KHO: Failed to reserve lowmem scratch buffer|1" ] && echo 0 || echo 1)" "$v"
got=$(cols "$mpf/2-0-control" cycle,status)
"$lc" "$mpf/2-0-control" >/dev/null 2>&1
rc=$?
check "the same failure where the control's kexec then passed: cycle 1 passes, the run's row fails, exit 1" \
	"$([ "$got" = "0,fail 1,pass " ] && [ $rc = 1 ] && echo 0 || echo 1)" "$got, exit $rc"
got=$(cols "$(mk kho-scratch qemu-arm64-64k-kho-scratch)" cycle,phase,status,cause,from_kernel,to_kernel,expected,message)
check "... a single-kernel run that failed so (no table): its row, its message as it was" \
	"$([ "$got" = "0,status,fail,kernel-warning,7.3.4,,carried,LUO/KHO error in boot: KHO: Failed to reserve lowmem scratch buffer " ] && echo 0 || echo 1)" "$got"
# a run that never booted (the runner's reason) in a table of two
d=$(mk infra-table cause-infrastructure)
printf '%s\n' kernels=2 kernel.0.entry=7.2 kernel.0.release=7.2.12 \
	kernel.1.entry=7.3 kernel.1.release=7.3.4 > "$d/run.txt"
got=$(cols "$d" cycle,status,cause,from_kernel,to_kernel,from_entry,to_entry,direction,message)
check "a run that never booted, with a table: its row has kexec 1's kernels, the message names them" \
	"$([ "$got" = "0,fail,infrastructure,7.2.12,7.3.4,7.2,7.3,upgrade,before cycle 1 (7.2.12 -> 7.3.4): kernel.sh: KERNEL=/nonexistent: no such file " ] && echo 0 || echo 1)" "$got"

echo "kernels: $pass passed, $fail failed"
[ "$fail" = 0 ]
