#!/usr/bin/env bash
# QEMU board runner: checks the workload's options and sizes the guest
# from the program's own parser (scripts/workload.sh), builds the kernel
# (cached) and the stress programs for a board, packs an initramfs with
# our init as PID 1, boots it in QEMU (KVM when a short probe says it
# works, else TCG), timestamps every serial line on the host, enforces a
# per-cycle watchdog, and leaves the serial log, KTAP and metrics in
# results/<run-id>/. Every run directory ends with a result.txt from
# boards/post-run.sh (luo-collect's verdict), also when QEMU never
# started: the runner then leaves its reason in runner-error.txt.
# Exits 0 only when every cycle passed.
#
# Usage: run-qemu.sh PROGRAM [program options...]
# Environment: BOARD, RUN_ID, RESULTS, WATCHDOG (s), WATCHDOG_BOOT (s, a
# booting kernel's, default WATCHDOG), MEM (MiB), KVM
# (auto|on|off), KSRC, KERNEL, KCONFIG, KERNELS (the kernels the run
# moves through, in order: it boots the first and kexec N goes into
# kernel N mod their count; entry forms: scripts/kernels.sh), EXPECT
# ("I>J=OUTCOME ...": the outcome of the transition from kernel I to J,
# 0-based, instead of the one luo-collect derives from their ABI
# strings), KERNEL_ARGS (appended to the
# kernel command line), HANDOVER_SAMPLE (1: sample the guest's program
# counter through QMP in the gap between kernels of cycles 1, 2, 5, 6,
# ...; 0, the
# default, does not).
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
# shellcheck source=scripts/board.sh
. "$top/scripts/board.sh"

[ $# -ge 1 ] || die "usage: run-qemu.sh PROGRAM [options...]"
workload=$1
shift
[[ "$workload" =~ ^[a-z][a-z-]*$ ]] || die "bad program name '$workload'"
load_board "${BOARD:-qemu-x86_64}"
[ "$BOARD_KIND" = qemu ] ||
	die "$BOARD_NAME is a lab board: generate its LAVA job with 'make lava-jobs BOARD=$BOARD_NAME'"

run_id=${RUN_ID:-$(date -u +%Y%m%dT%H%M%SZ)-$BOARD_NAME-$workload}
out="${RESULTS:-$top/results}/$run_id"
mkdir -p "$out"
ln -sfn "$run_id" "${RESULTS:-$top/results}/latest"
rm -f "$out/result.txt" "$out/errors.txt" "$out/runner-error.txt"
# the steps below append their one-line errors here (common.sh: die)
export LUO_ERRORS="$out/errors.txt"

# verdict: the shared step (post-run.sh) writes result.txt from
# luo-collect, which reads the runner's reason when there is one
verdict() {
	trap - EXIT
	exec "$top/boards/post-run.sh" "$out"
}
# fail REASON: the runner's own reason (runner-error.txt), before QEMU
# ran or instead of its verdict; then the verdict, which fails on it
fail() {
	printf '%s\n' "$*" > "$out/runner-error.txt"
	verdict
}
# a step failed: its own error line is the reason
step_failed() {
	local why
	why=$(head -n 1 "$LUO_ERRORS" 2>/dev/null || true)
	fail "${why:-$1 failed}"
}
# whatever stops this script early leaves its reason and a verdict behind
trap 'rc=$?; [ -f "$out/runner-error.txt" ] || echo "${0##*/} stopped before a verdict (exit $rc)" > "$out/runner-error.txt"; verdict' EXIT

watchdog=${WATCHDOG:-600}
[[ "$watchdog" =~ ^[0-9]+$ ]] || fail "WATCHDOG=$watchdog is not a number of seconds"
watchdog_boot=${WATCHDOG_BOOT:-$watchdog}
[[ "$watchdog_boot" =~ ^[0-9]+$ ]] || fail "WATCHDOG_BOOT=$watchdog_boot is not a number of seconds"
kvm=${KVM:-auto}
case "$kvm" in auto | on | off) ;; *) fail "KVM=$kvm: must be auto, on or off" ;; esac
[ -z "${MEM:-}" ] || [[ "$MEM" =~ ^[1-9][0-9]*$ ]] || fail "MEM=$MEM is not a number of MiB"

# A run through several kernels: each image goes into the initramfs as
# WIRE_GUEST_KERNEL.I, and the program's --kernel lists them (kexec N
# loads entry N mod their count).
wire_load
read -r -a kernel_entries <<<"${KERNELS:-}"
nkernels=${#kernel_entries[@]}
guest_kernels=""
if [ "$nkernels" -gt 1 ]; then
	for i in "${!kernel_entries[@]}"; do
		guest_kernels="${guest_kernels:+$guest_kernels,}$WIRE_GUEST_KERNEL.$i"
	done
	set -- "$@" --kernel "$guest_kernels"
fi
expects=()
for e in ${EXPECT:-}; do
	[[ "$e" =~ ^([0-9]+)\>([0-9]+)=([a-z-]+)$ ]] ||
		fail "EXPECT: '$e' is not FROM>TO=OUTCOME (kernel indices from 0, e.g. 0>1=refused)"
	if [ "${BASH_REMATCH[1]}" -ge "$nkernels" ] || [ "${BASH_REMATCH[2]}" -ge "$nkernels" ]; then
		fail "EXPECT: '$e' names a kernel beyond the $nkernels of KERNELS"
	fi
	expects+=("expect.${BASH_REMATCH[1]}.${BASH_REMATCH[2]}=${BASH_REMATCH[3]}")
done

# The program's own parser resolves the options (every default, every
# range) and sizes the guest; a bad option or a guest larger than this
# host stops here, before any build or boot.
# DEBUG=1: the checking kernel (scripts/kernel.sh), sized for its checkers
case "${DEBUG:-0}" in 0 | 1) ;; *) fail "DEBUG=$DEBUG: must be 0 or 1" ;; esac
checking=()
[ "${DEBUG:-0}" = 0 ] || checking=(--checking)
if ! resolved=$("$top/scripts/workload.sh" --page-size "$BOARD_PAGE_SIZE" \
	--board-mib "${BOARD_MEMORY_MB:-0}" ${MEM:+--guest-mib "$MEM"} --fit-host \
	"${checking[@]}" "$workload" "$@" 2> "$out/options.err"); then
	fail "$workload $*: $(grep -m 1 . "$out/options.err" || echo "options refused")"
fi
rm -f "$out/options.err"
mem=${MEM:-$(sed -n 's/^guest_mib=//p' <<<"$resolved")}

# The kernels (cached builds: scripts/kernels.sh), then the stress
# programs against the first one's headers.
ktable=$("$top/scripts/kernels.sh") || step_failed "the kernel build"
kdir=$(sed -n 's/^kernel\.0\.dir=//p' <<<"$ktable")
[ -n "$kdir" ] || fail "scripts/kernels.sh named no kernel"
# a guest whose kernels come from other boards (KERNELS entries @BOARD)
# is sized for the largest page and the largest board memory of them
maxps=$(sed -n 's/^kernel\.[0-9]*\.page_size=//p' <<<"$ktable" | sort -n | tail -n 1)
maxmib=${BOARD_MEMORY_MB:-0}
while read -r b; do
	m=$(load_board "$b" && echo "${BOARD_MEMORY_MB:-0}") || fail "board $b of KERNELS"
	[ "$m" -le "$maxmib" ] || maxmib=$m
done < <(sed -n 's/^kernel\.[0-9]*\.board=//p' <<<"$ktable" | sort -u)
if [ -z "${MEM:-}" ] && { [ "${maxps:-0}" -gt "$BOARD_PAGE_SIZE" ] ||
	[ "$maxmib" -gt "${BOARD_MEMORY_MB:-0}" ]; }; then
	resolved=$("$top/scripts/workload.sh" --page-size "$maxps" \
		--board-mib "$maxmib" --fit-host "${checking[@]}" "$workload" "$@" 2>&1) ||
		fail "$workload $*: with the kernels' ${maxps}-byte pages and ${maxmib} MiB: ${resolved##*$'\n'}"
	mem=$(sed -n 's/^guest_mib=//p' <<<"$resolved")
fi
bdir=$(build_programs "$kdir") || step_failed "building the stress programs"
make -s -C "$top/collect" || fail "building the collector failed"

# Initramfs: init, workload, kernel for the next kexec, the command line.
stage="$bdir/initramfs"
rm -rf "$stage"
mkdir -p "$stage"/{bin,dev,proc,run,sys} "$stage${WIRE_GUEST_KERNEL%/*}" \
	"$stage${WIRE_GUEST_CMD%/*}"
cp "$bdir/init" "$stage/init"
cp "$bdir/$workload" "$stage/bin/$workload"
if [ "$nkernels" -gt 1 ]; then
	for i in "${!kernel_entries[@]}"; do
		kd=$(sed -n "s/^kernel\.$i\.dir=//p" <<<"$ktable")
		cp "$kd/Image" "$stage$WIRE_GUEST_KERNEL.$i"
	done
else
	cp "$kdir/Image" "$stage$WIRE_GUEST_KERNEL"
fi
echo "/bin/$workload $*" > "$stage$WIRE_GUEST_CMD"
(cd "$stage" && find . -mindepth 1 | cpio -o -H newc --quiet -R 0:0) \
	> "$bdir/initramfs.cpio"

# the board's vCPUs, or one per worker where --workers asks for more
# (up to the host's CPUs)
smp=${BOARD_SMP:-1}
nworkers=$(sed -n 's/^workers=//p' <<<"$resolved")
if [ "${nworkers:-0}" -gt "$smp" ]; then
	smp=$(( nworkers < $(nproc) ? nworkers : $(nproc) ))
	[ "$smp" -ge "${BOARD_SMP:-1}" ] || smp=${BOARD_SMP:-1}
fi
qemu=("$BOARD_QEMU" -M "$BOARD_QEMU_MACHINE" -m "$mem" -smp "$smp"
	-nographic -nodefaults -no-reboot -serial stdio -monitor none
	-kernel "$kdir/Image" -initrd "$bdir/initramfs.cpio")
# QMP for the handover sampler, on a short socket path of our own
sample=${HANDOVER_SAMPLE:-0}
case "$sample" in 0 | 1) ;; *) fail "HANDOVER_SAMPLE=$sample: must be 0 or 1" ;; esac
if [ "$sample" = 1 ] && [ ! -f "$kdir/System.map" ]; then
	say "no System.map beside $kdir/Image: the handover is not sampled"
	sample=0
fi
if [ "$sample" = 1 ]; then
	qmpdir=$(mktemp -d /tmp/luo-qmp.XXXXXX)
	qemu+=(-qmp "unix:$qmpdir/qmp.sock,server=on,wait=off")
fi

host_arch=$(uname -m)
guest_arch=$BOARD_ARCH
[ "$guest_arch" = arm64 ] && guest_arch=aarch64
use_kvm=0
if [ "$kvm" != off ] && [ "$host_arch" = "$guest_arch" ] && [ -w /dev/kvm ]; then
	use_kvm=$("$top/boards/kvm-probe.sh" "${qemu[@]}")
	[ "$kvm" = on ] && [ "$use_kvm" = 0 ] && fail "KVM=on but KVM does not work here"
fi
if [ "$use_kvm" = 1 ]; then
	qemu+=(-accel kvm -cpu "${BOARD_KVM_CPU:-host}")
	accel=kvm
else
	qemu+=(-accel tcg)
	[ -n "$BOARD_QEMU_CPU" ] && qemu+=(-cpu "$BOARD_QEMU_CPU")
	accel=tcg
fi
# The checking kernel reserves KASAN's shadow (an eighth of memory) at
# boot, and KHO's default scratch, twice the boot's reservations per
# node and again in low memory, no longer fits the guest: scratch of
# once the reservations, still room for the next kernel's boot
debug_args=""
[ "${DEBUG:-0}" = 0 ] || debug_args=" kho_scratch=100%"
qemu+=(-append "$(board_cmdline)$debug_args${KERNEL_ARGS:+ $KERNEL_ARGS}")

{
	echo "board=$BOARD_NAME"
	echo "arch=$BOARD_ARCH"
	echo "page_size=$BOARD_PAGE_SIZE"
	echo "workload=$workload"
	echo "args=$*"
	echo "accel=$accel"
	echo "mem_mib=$mem"
	echo "kernel_args=${KERNEL_ARGS:-}"
	echo "handover_sample=$sample"
	echo "debug=${DEBUG:-0}"
	echo "smp=$smp"
	# the checking kernel's test-only patch, by name
	[ "${DEBUG:-0}" = 0 ] || echo "kernel_patch=boards/configs/debug.patch (fail_luo_freeze: the abort path's failed freeze)"
	# the resolved workload and the guest's memory terms (luo-workload)
	grep -v -E '^(workload|page_size|kernel|initrd)=' <<<"$resolved"
	kernel_facts "$kdir" "$BOARD_NAME"
	# the kernels of the run and their ABI strings (luo-collect derives
	# each transition's expected outcome from them), the user's overrides
	echo "$ktable"
	[ "${#expects[@]}" -eq 0 ] || printf '%s\n' "${expects[@]}"
	# the plan: the kernel each kexec leaves and the one it enters
	if [ "$nkernels" -gt 1 ]; then
		ncycles=$(sed -n 's/^cycles=//p' <<<"$resolved")
		for ((c = 1; c <= ${ncycles:-0}; c++)); do
			echo "cycle.$c=$(sed -n "s/^kernel\.$(((c - 1) % nkernels))\.release=//p" <<<"$ktable") -> $(sed -n "s/^kernel\.$((c % nkernels))\.release=//p" <<<"$ktable")"
		done
	fi
	echo "qemu=${qemu[*]}"
} > "$out/run.txt"
say "run $run_id: $BOARD_NAME, $accel, ${mem} MiB, $workload $*"
say "results in $out"

serial="$out/serial.log"
: > "$serial"
# Every serial line gets the host's wall clock, the one clock that runs
# through the kexec.
stamp() {
	local line
	while IFS= read -r line || [ -n "$line" ]; do
		printf '%s %s\n' "$EPOCHREALTIME" "${line%$'\r'}"
	done
}
rm -f "$out/qemu.pid" "$out/qemu.rc" "$out/watchdog.txt" "$out/handover-samples.txt"
{
	rc=0
	"${qemu[@]}" -pidfile "$out/qemu.pid" < /dev/null 2>"$out/qemu.stderr" || rc=$?
	echo "$rc" > "$out/qemu.rc"
} | stamp > "$serial" &
pipe_pid=$!
sampler=""
if [ "$sample" = 1 ]; then
	"$top/boards/handover-sample.py" "$qmpdir/qmp.sock" "$serial" \
		"$kdir/System.map" "$out/handover-samples.txt" 2> "$out/handover-sample.err" &
	sampler=$!
fi

# Watchdog: every boot, every kexec and every progress line is progress;
# none for WATCHDOG seconds means the guest hung. A kernel booting (from
# QEMU's start or a kexec line to init's start) has WATCHDOG_BOOT: a boot
# prints no line of ours, and takes longer on a loaded host.
start=$(date +%s)
last_progress=$start
last_count=0
last_boots=0
budget=$watchdog_boot
while kill -0 "$pipe_pid" 2>/dev/null; do
	count=$(grep -c -F -e "$WIRE_INIT_START" -e "$WIRE_KEXEC" -e "$WIRE_PROGRESS" "$serial" || true)
	now=$(date +%s)
	if [ "$count" != "$last_count" ]; then
		last_count=$count
		last_progress=$now
		boots=$(grep -c -F "$WIRE_INIT_START" "$serial" || true)
		kexecs=$(grep -c -F "$WIRE_KEXEC" "$serial" || true)
		budget=$watchdog
		[ "$boots" -gt "$kexecs" ] || budget=$watchdog_boot
		if [ "$boots" != "$last_boots" ]; then
			last_boots=$boots
			say "kernel $boots running, $((boots - 1)) kexec cycles done, $((now - start))s elapsed"
		fi
		prog=$(grep -F "$WIRE_PROGRESS" "$serial" | tail -n 1 | cut -d' ' -f4- || true)
		if [ -n "$prog" ] && [ "$prog" != "${last_prog:-}" ]; then
			last_prog=$prog
			say "$prog, $((now - start))s elapsed"
		fi
	elif [ $((now - last_progress)) -gt "$budget" ]; then
		# for luo-collect: the guest hung, it did not die
		{
			echo "no_progress_s=$budget"
			echo "last_line=$(tail -n 1 "$serial" | cut -d' ' -f2- | cut -c1-120)"
		} > "$out/watchdog.txt"
		[ -f "$out/qemu.pid" ] && kill "$(cat "$out/qemu.pid")" 2>/dev/null
		break
	fi
	sleep 1
done
wait "$pipe_pid" || true
if [ -n "$sampler" ]; then
	wait "$sampler" || say "the handover sampler failed: $(tail -n 1 "$out/handover-sample.err")"
	rm -rf "$qmpdir"
	[ -s "$out/handover-sample.err" ] || rm -f "$out/handover-sample.err"
fi

verdict
