#!/usr/bin/env bash
# Host-side tests of the kernel checks in luo-collect (docs/metrics.md,
# "Kernel checks"): checker reports (KASAN, lockdep, list corruption)
# fail their cycle with cause checker and their top frames, a known
# report does not, kmemleak leaks with a LUO frame fail, the test FLBs'
# lifecycle (flb), what the kernel prints of a fault injected
# (expected, or fault-warning), the workload's fault lines, and
# luo-collect --checks.
#
# Two kinds of case, one table each, checked alike (expect):
#  - real runs: a fixture directory under tests/fixtures and what
#    luo-collect must say of it; a checking kernel's runs go here as
#    they are captured (tests/fixtures/README.md);
#  - excerpts: a real passing run (qemu-x86_64-pass) with lines put in
#    (splice.py) that were cut from the kernel's own output formats, as
#    linux-source-7.3 prints them (mm/kasan/report.c, lib/list_debug.c,
#    kernel/locking/lockdep.c, kernel/panic.c, mm/kmemleak.c,
#    lib/fault-inject.c, lib/tests/liveupdate.c) and as the fixtures'
#    WARNING (cause-kernel-warning) shows them; marked EXCERPT below.
# Ends with "checks: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
fx="$top/tests/fixtures"
lc="$top/build/host/luo-collect-san"
make -s -C "$top/collect" all san >/dev/null || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
csvt="$top/tests/collect/csvtool.py"
splice="$top/tests/collect/splice.py"
base="$fx/qemu-x86_64-pass"
ex="$tmp/excerpts"
mkdir -p "$ex"

# shellcheck source=tests/check.sh
. "$top/tests/check.sh"

# expect NAME DIR CAUSE MESSAGE [OPTION...]: luo-collect (with OPTION)
# on run DIR: CAUSE "pass", it passes; else it fails, its first failed
# cycle's cause is CAUSE and the verdict's message holds MESSAGE
expect() {
	local name=$1 dir=$2 cause=$3 msg=$4 v rc got
	shift 4
	v=$("$lc" "$@" --verdict "$dir" 2>"$tmp/err")
	rc=$?
	if [ "$cause" = pass ]; then
		check "$name: passes" "$([ "$rc" = 0 ] && [ "$v" = pass ] && echo 0 || echo 1)" \
			"status $rc: $v $(head -c 300 "$tmp/err")"
		return
	fi
	"$lc" "$@" -o "$tmp/rows.csv" "$dir" 2>/dev/null
	got=$("$csvt" get "$tmp/rows.csv" cause status=fail | sed -n 1p)
	check "$name: fails with cause $cause" "$([ "$rc" = 1 ] && [ "$got" = "$cause" ] && echo 0 || echo 1)" \
		"status $rc, cause '$got': $v"
	check "$name: the message says '$msg'" \
		"$(grep -qF -- "$msg" <<<"$v" && echo 0 || echo 1)" "$v"
}

# excerpt_run NAME [PATTERN N EXCERPT]...: a results directory NAME of
# the passing run with the excerpts put in (splice.py)
excerpt_run() {
	local d="$tmp/$1"
	shift
	mkdir -p "$d"
	cp "$base/run.txt" "$d/"
	"$splice" "$base/serial.log" "$@" > "$d/serial.log" || exit 1
	echo "$d"
}

# checks DIR [OPTION...]: DIR's --checks rows as kind,name,count,detail
checks() {
	local d=$1
	shift
	"$lc" "$@" --checks -o "$tmp/checks.csv" "$d" 2>/dev/null
	"$csvt" get "$tmp/checks.csv" cycle,kind,name,count,detail
}

# --- real runs: FIXTURE|CAUSE (pass: it passes)|MESSAGE ---
# (a fixture's serial.log.gz is unpacked first; one not captured yet,
# tests/fixtures/capture-checking.sh, is skipped and said)
real_cases=(
	"qemu-x86_64-pass|pass|"
	"cause-kernel-warning|kernel-warning|cycle 1: kernel warning in deserialize: WARNING: kernel/liveupdate/luo_session.c:608 at luo_session_deserialize+0x1c5/0x1e0, CPU#0: stress-files/34"
	"qemu-x86_64-selfcheck|data|# FAIL data: cycle=2 "
	"checking-pass|pass|"
	"checking-arm64-pass|pass|"
	"checking-random|pass|"
	"checking-kasan-uaf|checker|KASAN in retrieve: BUG: KASAN: slab-use-after-free in luo_file_finish+"
	"checking-leak-on-error|checker|kmemleak (after-preserve scan): unreferenced object "
	"checking-flb-handle|flb|FLB liveupdate-test-flb-v0: ERROR - incorrect data handle: "
	"checking-kasan-uaf-normal|pass|"
	"checking-leak-on-error-normal|pass|"
	"checking-flb-handle-normal|pass|"
)
for c in "${real_cases[@]}"; do
	IFS='|' read -r d cause msg <<<"$c"
	if [ -f "$fx/$d/serial.log.gz" ]; then
		rm -rf "${tmp:?}/real-$d"
		cp -r "$fx/$d" "$tmp/real-$d"
		gunzip "$tmp/real-$d/serial.log.gz"
		expect "$d" "$tmp/real-$d" "$cause" "$msg"
	elif [ -d "$fx/$d" ]; then
		expect "$d" "$fx/$d" "$cause" "$msg"
	else
		echo "# skip - $d: not captured yet (tests/fixtures/capture-checking.sh)"
	fi
done
# runs of kernels without checkers: no item of the checks at all
for d in "$fx"/*/; do
	[ -f "$d/serial.log" ] || continue
	case $d in */checking-*/) continue ;; esac
	"$lc" --checks -o "$tmp/c.csv" "$d" 2>/dev/null
	[ "$(wc -l < "$tmp/c.csv")" = 1 ] || echo "$d" >> "$tmp/with-checks"
done
check "fixtures of kernels without checkers: --checks is its header only" \
	"$([ ! -s "$tmp/with-checks" ] && echo 0 || echo 1)" "$(cat "$tmp/with-checks" 2>/dev/null)"

# --- EXCERPT: KASAN (mm/kasan/report.c), cycle 2's retrieve side ---
cat > "$ex/kasan" <<'EOF'
K ==================================================================
K BUG: KASAN: slab-use-after-free in luo_file_finish+0x1c4/0x2e0
K Read of size 8 at addr ffff888004f3a218 by task stress-files/34
K
K CPU: 0 UID: 0 PID: 34 Comm: stress-files Not tainted 7.3.4 #2 PREEMPT(lazy)
K Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
K Call Trace:
K  <TASK>
K  dump_stack_lvl+0x4b/0x70
K  print_report+0x174/0x4e0
K  ? luo_file_finish+0x1c4/0x2e0
K  kasan_report+0xc6/0x100
K  luo_file_finish+0x1c4/0x2e0
K  luo_session_finish+0x62/0xa0
K  luo_session_ioctl+0x1d1/0x2f0
K  __x64_sys_ioctl+0x94/0xd0
K  do_syscall_64+0x7f/0x3b0
K  entry_SYSCALL_64_after_hwframe+0x74/0x7c
K RIP: 0033:0x44f171
K  </TASK>
K
K Allocated by task 34:
K  kasan_save_stack+0x24/0x50
K  __kasan_kmalloc+0x7f/0x90
K  luo_preserve_file+0x1a3/0x4c0
K
K The buggy address belongs to the object at ffff888004f3a200
K  which belongs to the cache kmalloc-64 of size 64
K page dumped because: kasan: bad access detected
K
K Memory state around the buggy address:
K  ffff888004f3a100: fa fb fb fb fb fb fb fb fb fb fb fb fb fb fb fb
K                             ^
K ==================================================================
K Disabling lock debugging due to kernel taint
EOF
kasan_first="BUG: KASAN: slab-use-after-free in luo_file_finish+0x1c4/0x2e0"
d=$(excerpt_run kasan "ok 1 retrieve" 2 "$ex/kasan")
expect "KASAN report" "$d" checker \
	"cycle 2: KASAN in init: $kasan_first | luo_file_finish+0x1c4/0x2e0 luo_session_finish+0x62/0xa0 luo_session_ioctl+0x1d1/0x2f0"
got=$(checks "$d")
check "KASAN report: one checker row of cycle 2, its first line" \
	"$([ "$got" = "2,checker,KASAN,1,$kasan_first" ] && echo 0 || echo 1)" "$got"
got=$("$lc" -o "$tmp/k.csv" "$d" 2>/dev/null; "$csvt" get "$tmp/k.csv" cycle,status status=fail | sort -u)
check "KASAN report: only cycle 2 fails (its 'page dumped because' is the report's)" \
	"$([ "$got" = "2,fail" ] && echo 0 || echo 1)" "$got"

# --- known reports: the exact line only ---
printf '# a test entry\n\n%s\n' "$kasan_first" > "$tmp/known.txt"
expect "KASAN report on the known list" "$d" pass "" --known "$tmp/known.txt"
"$lc" --known "$tmp/known.txt" --verdict "$d" >/dev/null 2>"$tmp/err"
check "a known report is said on stderr" \
	"$(grep -qF "1 known kernel report ($tmp/known.txt), not failures: $kasan_first" "$tmp/err" && echo 0 || echo 1)" \
	"$(cat "$tmp/err")"
got=$(checks "$d" --known "$tmp/known.txt")
check "a known report: a known row, no checker row" \
	"$([ "$got" = "2,known,KASAN,1,$kasan_first" ] && echo 0 || echo 1)" "$got"
printf '%s\n' "BUG: KASAN: slab-use-after-free" "BUG: KASAN:" "$kasan_first " > "$tmp/class.txt"
expect "KASAN report, its class or a longer line on the known list" "$d" checker \
	"$kasan_first" --known "$tmp/class.txt"
v=$("$lc" --known "$tmp/nothing.txt" --verdict "$d" 2>"$tmp/err")
rc=$?
check "a known list that is not there: status 3, one line" \
	"$([ $rc = 3 ] && [ -z "$v" ] && [ "$(wc -l < "$tmp/err")" = 1 ] && echo 0 || echo 1)" "$(cat "$tmp/err")"
check "collect/known-reports.txt loads (comments only, or entries)" \
	"$("$lc" --known "$top/collect/known-reports.txt" --verdict "$base" >/dev/null 2>&1; echo $?)"

# --- EXCERPT: lockdep (kernel/locking/lockdep.c): its header is a WARNING: ---
cat > "$ex/lockdep" <<'EOF'
K
K ======================================================
K WARNING: possible circular locking dependency detected
K 7.3.4 #2 Not tainted
K ------------------------------------------------------
K stress-files/34 is trying to acquire lock:
K ffff888003a4c0a8 (&luo_file->mutex){+.+.}-{4:4}, at: luo_file_finish+0x45/0x2e0
K
K but task is already holding lock:
K ffffffff83e1c2a0 (&session->mutex){+.+.}-{4:4}, at: luo_session_finish+0x2a/0xa0
K
K which lock already depends on the new lock.
K
K the existing dependency chain (in reverse order) is:
K
K -> #1 (&luo_file->mutex){+.+.}-{4:4}:
K        __mutex_lock+0xb2/0x9c0
K        luo_preserve_file+0x1a3/0x4c0
K
K -> #0 (&session->mutex){+.+.}-{4:4}:
K        __lock_acquire+0x1472/0x2130
K        lock_acquire+0xd0/0x2e0
K
K other info that might help us debug this:
K
K  Possible unsafe locking scenario:
K
K        CPU0                    CPU1
K        ----                    ----
K   lock(&session->mutex);
K                                lock(&luo_file->mutex);
K
K  *** DEADLOCK ***
K
K 1 lock held by stress-files/34:
K  #0: ffffffff83e1c2a0 (&session->mutex){+.+.}-{4:4}, at: luo_session_finish+0x2a/0xa0
K
K stack backtrace:
K CPU: 0 UID: 0 PID: 34 Comm: stress-files Not tainted 7.3.4 #2 PREEMPT(lazy)
K Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
K Call Trace:
K  <TASK>
K  dump_stack_lvl+0x6f/0xb0
K  print_circular_bug+0x26e/0x340
K  check_noncircular+0x13a/0x150
K  __lock_acquire+0x1472/0x2130
K  lock_acquire+0xd0/0x2e0
K  __mutex_lock+0xb2/0x9c0
K  luo_file_finish+0x45/0x2e0
K  luo_session_finish+0x62/0xa0
K  luo_session_ioctl+0x1d1/0x2f0
K  __x64_sys_ioctl+0x94/0xd0
K  </TASK>
EOF
# after cycle 1's finish the kernel prepares cycle 2 (populate)
d=$(excerpt_run lockdep "ok 3 finish" 1 "$ex/lockdep")
expect "lockdep report (a WARNING: header)" "$d" checker \
	"cycle 2: lockdep in populate: WARNING: possible circular locking dependency detected | luo_file_finish+0x45/0x2e0 luo_session_finish+0x62/0xa0 luo_session_ioctl+0x1d1/0x2f0"

# --- EXCERPT: list corruption (lib/list_debug.c through WARN()) ---
# since 6.x the WARN()'s message comes before its WARNING: line
cat > "$ex/list-new" <<'EOF'
K ------------[ cut here ]------------
K list_del corruption. prev->next should be ffff888004f3a218, but was dead000000000100. (prev=ffff888004f3a300)
K WARNING: lib/list_debug.c:62 at __list_del_entry_valid_or_report+0x13a/0x1a0, CPU#0: stress-files/34
K Modules linked in:
K CPU: 0 UID: 0 PID: 34 Comm: stress-files Not tainted 7.3.4 #2 PREEMPT(lazy)
K Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
K RIP: 0010:__list_del_entry_valid_or_report+0x13a/0x1a0
K RSP: 0018:ffff96a74011bbf8 EFLAGS: 00010246
K Call Trace:
K  <TASK>
K  luo_session_release+0x5e/0x120
K  __fput+0xf1/0x2c0
K  __x64_sys_close+0x3d/0x80
K  do_syscall_64+0x7f/0x3b0
K  </TASK>
K ---[ end trace 0000000000000000 ]---
EOF
# before, and as the brief's kernels print it: right after "WARNING: CPU: ..."
cat > "$ex/list-old" <<'EOF'
K ------------[ cut here ]------------
K WARNING: CPU: 0 PID: 34 at lib/list_debug.c:62 __list_del_entry_valid_or_report+0x13a/0x1a0
K list_del corruption. prev->next should be ffff888004f3a218, but was dead000000000100. (prev=ffff888004f3a300)
K Modules linked in:
K CPU: 0 UID: 0 PID: 34 Comm: stress-files Not tainted 7.3.4 #2 PREEMPT(lazy)
K RIP: 0010:__list_del_entry_valid_or_report+0x13a/0x1a0
K Call Trace:
K  <TASK>
K  __list_del_entry_valid_or_report+0x13a/0x1a0
K  luo_session_release+0x5e/0x120
K  __fput+0xf1/0x2c0
K  __x64_sys_close+0x3d/0x80
K  </TASK>
K ---[ end trace 0000000000000000 ]---
EOF
list_first="list_del corruption. prev->next should be ffff888004f3a218, but was dead000000000100. (prev=ffff888004f3a300)"
for v in new old; do
	d=$(excerpt_run "list-$v" "ok 2 verify" 3 "$ex/list-$v")
	expect "list corruption ($v order) with its WARNING: line" "$d" checker \
		"cycle 3: list corruption in init: $list_first | luo_session_release+0x5e/0x120 __fput+0xf1/0x2c0 __x64_sys_close+0x3d/0x80"
done
got=$(checks "$tmp/list-old")
check "list corruption: one checker row, no other" \
	"$([ "$got" = "3,checker,list,1,$list_first" ] && echo 0 || echo 1)" "$got"

# --- EXCERPT: kmemleak (mm/kmemleak.c), as the workload prints its scan ---
cat > "$ex/leak-luo" <<'EOF'
G # kmemleak: cycle=2 scan=after-finish leaks=2
G # kmemleak: cycle=2 | unreferenced object 0xffff888004e11000 (size 128):
G # kmemleak: cycle=2 |   comm "swapper/0", pid 1, jiffies 4294667296
G # kmemleak: cycle=2 |   backtrace (crc 0):
G # kmemleak: cycle=2 |     [<ffffffff8132a1c4>] kmemleak_alloc+0x4e/0x90
G # kmemleak: cycle=2 |     [<ffffffff81512345>] acpi_os_allocate+0x1a/0x30
G # kmemleak: cycle=2 | unreferenced object 0xffff888004f3a200 (size 64):
G # kmemleak: cycle=2 |   comm "stress-files", pid 34, jiffies 4294670000
G # kmemleak: cycle=2 |   hex dump (first 32 bytes):
G # kmemleak: cycle=2 |     00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................
G # kmemleak: cycle=2 |   backtrace (crc 5e2c1a3b):
G # kmemleak: cycle=2 |     __kmalloc_cache_noprof+0x2d4/0x3c0
G # kmemleak: cycle=2 |     luo_preserve_file+0x1a3/0x4c0
G # kmemleak: cycle=2 |     luo_session_ioctl+0x1d1/0x2f0
G # kmemleak: cycle=2 |     __x64_sys_ioctl+0x94/0xd0
G # kmemleak: cycle=2 |     do_syscall_64+0x7f/0x3b0
EOF
head -n 6 "$ex/leak-luo" | sed 's/leaks=2/leaks=1/' > "$ex/leak-other"
d=$(excerpt_run leak-luo "ok 3 finish" 2 "$ex/leak-luo")
expect "kmemleak leak with a LUO frame" "$d" checker \
	"cycle 2: kmemleak (after-finish scan): unreferenced object 0xffff888004f3a200 (size 64): | luo_preserve_file+0x1a3/0x4c0 luo_session_ioctl+0x1d1/0x2f0 __x64_sys_ioctl+0x94/0xd0"
got=$(checks "$d" | tr '\n' ' ')
check "kmemleak leak with a LUO frame: its checker row and the scan's (2 leaks, 1 of LUO)" \
	"$([ "$got" = "2,checker,kmemleak,1,unreferenced object 0xffff888004f3a200 (size 64): 2,kmemleak_scan,after-finish,2,1 " ] && echo 0 || echo 1)" "$got"
d=$(excerpt_run leak-other "ok 3 finish" 2 "$ex/leak-other")
expect "kmemleak leak without a LUO frame" "$d" pass ""
got=$(checks "$d")
check "kmemleak leak without a LUO frame: counted in the scan's row" \
	"$([ "$got" = "2,kmemleak_scan,after-finish,1,0" ] && echo 0 || echo 1)" "$got"

# --- EXCERPT: the test FLBs (lib/tests/liveupdate.c) through every kernel ---
flbs="liveupdate-test-flb-v0 liveupdate-test-flb-v1 liveupdate-test-flb-v2"
for w in preserve found finish; do
	: > "$ex/flb-$w"
	for f in $flbs; do
		case $w in
		preserve) echo "K liveupdate test: $f: preserve was triggered" ;;
		found) echo "K liveupdate test: $f: found flb data from the previous boot" ;;
		finish) echo "K liveupdate test: $f: finish was triggered" ;;
		esac >> "$ex/flb-$w"
	done
done
echo "K liveupdate test: Registered 3 FLBs with file handler: [memfd-v2]" > "$ex/flb-registered"
grep -v v1 "$ex/flb-found" > "$ex/flb-found-lost"
sed 's/^K liveupdate test: liveupdate-test-flb-v1: .*/K liveupdate test: liveupdate-test-flb-v1: ERROR - incorrect data handle: feedf00dcafebee0, expected feedf00dcafebee1/' \
	"$ex/flb-found" > "$ex/flb-found-error"
# flb_run NAME FOUND-IN-KERNEL-2: every kernel registers, preserves
# before its kexec, finds and finishes after it; kernel 2 finds FOUND
flb_run() {
	local a=()
	for k in 1 2 3 4; do
		a+=("Run /init as init process" "$k" "$ex/flb-registered")
	done
	for k in 1 2 3; do
		a+=("ok 4 preserve" "$k" "$ex/flb-preserve" "ok 3 finish" "$k" "$ex/flb-finish")
		a+=("luo: Retrieved live update data" "$k" "$([ "$k" = 2 ] && echo "$2" || echo "$ex/flb-found")")
	done
	excerpt_run "$1" "${a[@]}"
}
d=$(flb_run flb-pass "$ex/flb-found")
expect "test FLBs preserved, found and finished every cycle" "$d" pass ""
got=$(checks "$d" | grep -c ',flb,liveupdate-test-flb-v[012],3,preserved=3 found=3 finished=3 errors=0$')
check "test FLBs: a flb row each, 3 preserved, found and finished" \
	"$([ "$got" = 3 ] && echo 0 || echo 1)" "$(checks "$d")"
got=$(checks "$d" | grep ',checker_ran,')
check "test FLBs: LIVEUPDATE_TEST ran, in 4 kernels" \
	"$([ "$got" = ",checker_ran,LIVEUPDATE_TEST,4,liveupdate test: Registered 3 FLBs with file handler: [memfd-v2]" ] && echo 0 || echo 1)" "$got"
d=$(flb_run flb-error "$ex/flb-found-error")
expect "test FLB ERROR line" "$d" flb \
	"cycle 2: FLB liveupdate-test-flb-v1: ERROR - incorrect data handle: feedf00dcafebee0, expected feedf00dcafebee1"
d=$(flb_run flb-lost "$ex/flb-found-lost")
expect "test FLB preserved, not found after the kexec" "$d" flb \
	"cycle 2: FLB liveupdate-test-flb-v1: preserved before kexec 2, not found after it"
a=()
for k in 1 2 3; do
	a+=("ok 4 preserve" "$k" "$ex/flb-preserve" "luo: Retrieved live update data" "$k" "$ex/flb-found")
	a+=("Run /init as init process" "$((k + 1))" "$ex/flb-registered")
done
d=$(excerpt_run flb-unfinished "${a[@]}")
expect "test FLB found, never finished" "$d" flb \
	"cycle 1: FLB liveupdate-test-flb-v0: found after kexec 1, never finished"

# --- EXCERPT: a fault injected (lib/fault-inject.c, verbose=2) ---
cat > "$ex/inject" <<'EOF'
K FAULT_INJECTION: forcing a failure.
K name failslab, interval 1, probability 0, space 0, times 1
K CPU: 0 UID: 0 PID: 34 Comm: stress-files Not tainted 7.3.4 #2 PREEMPT(lazy)
K Hardware name: QEMU Standard PC (Q35 + ICH9, 2009), BIOS 1.16.2-debian-1.16.2-1 04/01/2014
K Call Trace:
K  <TASK>
K  dump_stack_lvl+0x4b/0x70
K  should_fail_ex+0x13e/0x150
K  should_failslab+0x5b/0x70
K  __kmalloc_cache_noprof+0x6a/0x3c0
K  luo_session_deserialize+0x9e/0x1e0
K  luo_open+0x22/0x50
K  misc_open+0xd4/0x110
K  </TASK>
EOF
echo "K luo: Failed to allocate session [luo-stress-files-1] during deserialization -ENOMEM" > "$ex/luo-error"
cat > "$ex/fault-lines" <<'EOF'
G # fault: cycle=2 call=retrieve_session mode=nth nth=1 result=ENOMEM worker=0 session=luo-stress-files-1 token=0
G # faults: cycle=2 call=retrieve_session injected=1 failed=1 errnos=ENOMEM:1 retried=1
EOF
cat > "$ex/fault-warning" <<'EOF'
K ------------[ cut here ]------------
K WARNING: kernel/liveupdate/luo_session.c:608 at luo_session_deserialize+0x1c5/0x1e0, CPU#0: stress-files/34
K CPU: 0 UID: 0 PID: 34 Comm: stress-files Not tainted 7.3.4 #2 PREEMPT(lazy)
K RIP: 0010:luo_session_deserialize+0x1c5/0x1e0
K Call Trace:
K  <TASK>
K  ? __pfx_chrdev_open+0x10/0x10
K  luo_open+0x22/0x50
K  misc_open+0xd4/0x110
K  chrdev_open+0x7a/0x1d0
K  </TASK>
K ---[ end trace 0000000000000000 ]---
EOF
cat "$ex/inject" "$ex/luo-error" > "$ex/inject-error"
d=$(excerpt_run fault-expected "ok 1 retrieve" 2 "$ex/inject-error" "ok 2 verify" 2 "$ex/fault-lines")
expect "LUO error line while a fault injected is open" "$d" pass ""
got=$(checks "$d" | tr '\n' ' ')
want="2,fault,retrieve_session,1,ENOMEM:1 ,checker_ran,fault-injection,1,FAULT_INJECTION: forcing a failure. ,fault_site,luo_session_deserialize,1,luo_session_deserialize+0x9e/0x1e0 ,fault_expected,LUO/KHO error,1,luo: Failed to allocate session [luo-stress-files-1] during deserialization -ENOMEM "
check "a fault injected: its call, the site it reached, the LUO line expected" \
	"$([ "$got" = "$want" ] && echo 0 || echo 1)" "$got"
# the console may write the workload's line before the kernel's own of
# the same call: within a second (printk time) of the injection it is
# that injection's
cat "$ex/inject" "$ex/fault-lines" "$ex/luo-error" > "$ex/inject-echo"
d=$(excerpt_run fault-echo "ok 1 retrieve" 2 "$ex/inject-echo")
expect "LUO error line right after the injection's own line, the workload's between" "$d" pass ""
sed 's/^K /K+2 /' "$ex/luo-error" > "$ex/luo-error-late"
d=$(excerpt_run fault-closed "ok 1 retrieve" 2 "$ex/inject" "ok 2 verify" 2 "$ex/fault-lines" \
	"ok 3 finish" 2 "$ex/luo-error-late")
expect "LUO error line after the injection was accounted for" "$d" kernel-warning \
	"cycle 3: LUO/KHO error in populate: luo: Failed to allocate session"
d=$(excerpt_run luo-error "ok 1 retrieve" 2 "$ex/luo-error")
expect "LUO error line, no fault injected" "$d" kernel-warning \
	"cycle 2: LUO/KHO error in init: luo: Failed to allocate session"
cat "$ex/inject" "$ex/fault-warning" > "$ex/inject-warning"
d=$(excerpt_run fault-warning "ok 1 retrieve" 2 "$ex/inject-warning" "ok 2 verify" 2 "$ex/fault-lines")
expect "WARNING while a fault injected is open" "$d" fault-warning \
	"cycle 2: kernel warning in init (fault injected into retrieve_session at luo_session_deserialize): WARNING: kernel/liveupdate/luo_session.c:608 at luo_session_deserialize+0x1c5/0x1e0, CPU#0: stress-files/34 | luo_open+0x22/0x50 misc_open+0xd4/0x110 chrdev_open+0x7a/0x1d0"
d=$(excerpt_run fault-warning-known "ok 1 retrieve" 2 "$ex/inject-warning" "ok 2 verify" 2 "$ex/fault-lines")
sed -n 's/^K //p' "$ex/fault-warning" | sed -n 2p > "$tmp/known-warning.txt"
expect "WARNING while a fault injected is open, on the known list" "$d" pass "" \
	--known "$tmp/known-warning.txt"
d=$(excerpt_run warning "ok 1 retrieve" 2 "$ex/fault-warning")
expect "the same WARNING, no fault injected" "$d" kernel-warning \
	"cycle 2: kernel warning in init: WARNING: kernel/liveupdate/luo_session.c:608 at luo_session_deserialize+0x1c5/0x1e0, CPU#0: stress-files/34"
cat "$ex/inject" "$ex/kasan" > "$ex/inject-kasan"
d=$(excerpt_run fault-kasan "ok 1 retrieve" 2 "$ex/inject-kasan" "ok 2 verify" 2 "$ex/fault-lines")
expect "KASAN while a fault injected is open" "$d" checker "cycle 2: KASAN in init: $kasan_first"
# list corruption after its "WARNING: CPU: ..." line under injection
cat "$ex/inject" "$ex/list-old" > "$ex/inject-list"
d=$(excerpt_run fault-list "ok 1 retrieve" 2 "$ex/inject-list")
expect "list corruption while a fault injected is open" "$d" checker \
	"cycle 2: list corruption in init: $list_first"

# --- the workload's own fault lines ---
d=$(excerpt_run fail-faults "ok 3 finish" 1 <(echo "G # FAIL faults: cycle=1 asked for --faults nth, none was injected"))
expect "FAIL faults: line" "$d" fault-injection "# FAIL faults: cycle=1 asked for --faults nth"
d=$(excerpt_run fail-fault "ok 3 finish" 1 <(echo "G # FAIL fault: cycle=1 call=preserve_fd nth=2 errno=EBADF, not one LUO documents"))
expect "FAIL fault: line" "$d" luo-call "# FAIL fault: cycle=1 call=preserve_fd"
d=$(excerpt_run fail-abort "ok 3 finish" 1 <(echo "G # FAIL abort: cycle=1 reboot(RB_KEXEC) with a failed freeze returned EBUSY, not ENOMEM as injected"))
expect "FAIL abort: line" "$d" luo-call "# FAIL abort: cycle=1 reboot(RB_KEXEC)"
cat > "$ex/info" <<'EOF'
G # worker: cycle=1 side=restore worker=0 sessions=1 retrieve=1.234 verify=2.345 finish=0.456
G # churn: cycle=1 closed=1 created=1 live=2
G # abort: cycle=1 freeze failed as injected, every session usable
G # kmemleak: cycle=1 scan=after-finish unavailable: Operation not permitted
G # faults: cycle=1 finding: call=retrieve_fd returned ENOSPC, not an errno LUO's uapi documents, for an injected allocation failure (known: "a known finding")
G # faults: cycle=1 lost=2 files whose retrieve failed as injected; every other file came back and was verified
G # faults: cycle=1 call=finish injected=1 failed=0 errnos=- retried=0
EOF
d=$(excerpt_run info "ok 3 finish" 1 "$ex/info")
"$lc" --verdict "$d" > "$tmp/v" 2>"$tmp/err"
check "worker, churn, abort, kmemleak unavailable, fault findings: neither failures nor malformed" \
	"$([ "$(cat "$tmp/v")" = pass ] && [ ! -s "$tmp/err" ] && echo 0 || echo 1)" "$(cat "$tmp/v" "$tmp/err")"
got=$(checks "$d" | cut -d, -f1-4 | tr '\n' ' ')
check "fault findings and lost files: rows of their own" \
	"$([ "$got" = "1,fault_finding,retrieve_fd,1 1,fault_lost,retrieve_fd,2 1,fault,finish,1 " ] && echo 0 || echo 1)" "$got"
# EXCERPT: the failed freeze (boards/configs/debug.patch's fail_luo_freeze,
# kernel/liveupdate/luo_file.c), its fault line after reboot() returned
cat > "$ex/abort" <<'EOF'
K FAULT_INJECTION: forcing a failure.
K name fail_luo_freeze, interval 1, probability 100, space 0, times -1
K CPU: 0 UID: 0 PID: 34 Comm: stress-files Not tainted 7.3.4 #2 PREEMPT(lazy)
K Call Trace:
K  <TASK>
K  dump_stack_lvl+0x4b/0x70
K  should_fail_ex+0x13e/0x150
K  luo_file_freeze_one+0x31/0x90
K  luo_file_freeze+0x5c/0x1a0
K  liveupdate_reboot+0x2d/0x90
K  kernel_kexec+0x45/0xd0
K  </TASK>
K luo: Freeze failed for token[0x1] handler[memfd-v2] err[-ENOMEM]
G # fault: cycle=1 call=freeze mode=abort nth=0 result=ENOMEM worker=-1 session=- token=-1
G # abort: cycle=1 freeze failed as injected, every session usable
EOF
d=$(excerpt_run abort "ok 5 kexec_load" 1 "$ex/abort")
expect "a failed freeze as injected" "$d" pass ""
got=$(checks "$d" | grep fault_site)
check "a failed freeze: its site" \
	"$([ "$got" = ",fault_site,luo_file_freeze_one,1,luo_file_freeze_one+0x31/0x90" ] && echo 0 || echo 1)" "$got"

# --- metric labels workers, churn, faults: columns of the tidy CSV ---
sed 's/\(# metric: .*\)$/\1 workers=4 churn=10 faults=nth/' "$base/serial.log" > "$tmp/labelled.log"
mkdir -p "$tmp/labelled" && cp "$base/run.txt" "$tmp/labelled/" && mv "$tmp/labelled.log" "$tmp/labelled/serial.log"
"$lc" -o "$tmp/l.csv" "$tmp/labelled" 2>/dev/null
got=$("$csvt" get "$tmp/l.csv" workers,churn,faults phase=preserve | sort -u)
check "metric labels workers, churn, faults: columns" \
	"$([ "$got" = "4,10,nth" ] && echo 0 || echo 1)" "$got"
"$lc" -o "$tmp/p.csv" "$base" 2>/dev/null
got=$("$csvt" get "$tmp/p.csv" workers,churn,faults | sort -u)
check "an old log: workers, churn, faults empty" \
	"$([ "$got" = ",," ] && echo 0 || echo 1)" "$got"
la="$top/build/host/luo-aggregate-san"
got=$("$la" "$tmp/l.csv" "$tmp/p.csv" 2>/dev/null | "$csvt" get /dev/stdin workers,n phase=preserve | tr '\n' ' ')
check "luo-aggregate: runs with and without workers are two groups" \
	"$([ "$got" = ",3 4,3 " ] && echo 0 || echo 1)" "$got"

echo "checks: $pass passed, $fail failed"
[ "$fail" = 0 ]
