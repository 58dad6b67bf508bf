#!/usr/bin/env bash
# QEMU board runner: builds the kernel (cached) and the stress programs for
# a board, packs an initramfs with our init as PID 1, boots it in QEMU
# (KVM when a short probe says it works, else TCG), timestamps every serial
# line on the host, enforces a per-cycle watchdog, and leaves the serial
# log, KTAP and metrics in results/<run-id>/. Exits 0 only when every
# cycle passed.
#
# Usage: run-qemu.sh WORKLOAD [workload options...]
# Environment: BOARD, RUN_ID, RESULTS, WATCHDOG (s), MEM (MiB), KVM
# (auto|on|off), KSRC, KERNEL, KCONFIG.
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
# shellcheck source=scripts/board.sh
. "$top/scripts/board.sh"

[ $# -ge 1 ] || die "usage: run-qemu.sh WORKLOAD [options...]"
workload=$1
shift
case "$workload" in
stress-files | stress-sessions | luo-api-test | luo-limits) ;;
*) die "unknown workload '$workload' (known: stress-files stress-sessions luo-api-test luo-limits)" ;;
esac
load_board "${BOARD:-qemu-x86_64}"
[ "$BOARD_KIND" = qemu ] ||
	die "$BOARD_NAME is a lab board: generate its LAVA job with 'make lava-jobs BOARD=$BOARD_NAME'"
watchdog=${WATCHDOG:-600}
[[ "$watchdog" =~ ^[0-9]+$ ]] || die "WATCHDOG=$watchdog is not a number of seconds"
kvm=${KVM:-auto}
case "$kvm" in auto | on | off) ;; *) die "KVM must be auto, on or off" ;; esac

# The workload's size: guest memory follows it (the program checks its
# options again).
size=$("$top/scripts/workload-size.sh" "$BOARD_PAGE_SIZE" "${BOARD_MEMORY_MB:-0}" "$@") ||
	die "bad workload options"
mem_auto=$(sed -n 's/^mem_mb=//p' <<<"$size")

# Kernel, then the stress programs against its headers.
kdir=$("$top/scripts/kernel.sh")
bdir=$(build_programs "$kdir") || exit 1
make -s -C "$top/collect" || die "building the collector failed"

run_id=${RUN_ID:-$(date -u +%Y%m%dT%H%M%SZ)-$BOARD_NAME-$workload}
out="${RESULTS:-$top/results}/$run_id"
mkdir -p "$out"
ln -sfn "$run_id" "${RESULTS:-$top/results}/latest"

# Initramfs: init, workload, kernel for the next kexec, the command line.
stage="$bdir/initramfs"
rm -rf "$stage"
mkdir -p "$stage"/{bin,boot,dev,etc/luo-stress,proc,run,sys}
cp "$bdir/init" "$stage/init"
cp "$bdir/$workload" "$stage/bin/$workload"
cp "$kdir/Image" "$stage/boot/kernel"
echo "/bin/$workload $*" > "$stage/etc/luo-stress/cmd"
(cd "$stage" && find . -mindepth 1 | cpio -o -H newc --quiet -R 0:0) \
	> "$bdir/initramfs.cpio"

mem=${MEM:-$mem_auto}
[[ "$mem" =~ ^[0-9]+$ ]] || die "MEM=$mem is not a number of MiB"

# Kernel-side phase times: kprobe events on LUO's freeze (inside
# reboot()) and on deserialization (first open in the new kernel), sent
# to the console with printk timestamps by tp_printk.
probes="p:luo_reboot_in,liveupdate_reboot;r:luo_reboot_out,liveupdate_reboot"
probes="$probes;p:luo_deser_in,luo_session_deserialize;r:luo_deser_out,luo_session_deserialize"
cmdline="console=$BOARD_CONSOLE printk.time=1 liveupdate=on panic=-1"
cmdline="$cmdline kprobe_event=$probes tp_printk"
qemu=("$BOARD_QEMU" -M "$BOARD_QEMU_MACHINE" -m "$mem" -smp "${BOARD_SMP:-1}"
	-nographic -nodefaults -no-reboot -serial stdio -monitor none
	-kernel "$kdir/Image" -initrd "$bdir/initramfs.cpio")

host_arch=$(uname -m)
guest_arch=$BOARD_ARCH
[ "$guest_arch" = arm64 ] && guest_arch=aarch64
use_kvm=0
if [ "$kvm" != off ] && [ "$host_arch" = "$guest_arch" ] && [ -w /dev/kvm ]; then
	use_kvm=$("$top/boards/kvm-probe.sh" "${qemu[@]}")
	[ "$kvm" = on ] && [ "$use_kvm" = 0 ] && die "KVM=on but KVM does not work here"
fi
if [ "$use_kvm" = 1 ]; then
	qemu+=(-accel kvm -cpu "${BOARD_KVM_CPU:-host}")
	accel=kvm
else
	qemu+=(-accel tcg)
	[ -n "$BOARD_QEMU_CPU" ] && qemu+=(-cpu "$BOARD_QEMU_CPU")
	accel=tcg
fi
qemu+=(-append "$cmdline")

{
	echo "board=$BOARD_NAME"
	echo "arch=$BOARD_ARCH"
	echo "page_size=$BOARD_PAGE_SIZE"
	echo "workload=$workload"
	echo "args=$*"
	echo "accel=$accel"
	echo "mem_mib=$mem"
	kernel_facts "$kdir" "$BOARD_NAME"
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
rm -f "$out/qemu.pid" "$out/qemu.rc"
{
	rc=0
	"${qemu[@]}" -pidfile "$out/qemu.pid" < /dev/null 2>"$out/qemu.stderr" || rc=$?
	echo "$rc" > "$out/qemu.rc"
} | stamp > "$serial" &
pipe_pid=$!

# Watchdog: every boot and every kexec is progress; none for WATCHDOG
# seconds means the guest hung.
reason=""
start=$(date +%s)
last_progress=$start
last_count=0
last_boots=0
while kill -0 "$pipe_pid" 2>/dev/null; do
	count=$(grep -c -E 'luo-stress-init: start|# kexec: cycle|# progress:' "$serial" || true)
	now=$(date +%s)
	if [ "$count" != "$last_count" ]; then
		last_count=$count
		last_progress=$now
		boots=$(grep -c 'luo-stress-init: start' "$serial" || true)
		if [ "$boots" != "$last_boots" ]; then
			last_boots=$boots
			say "kernel $boots running, $((boots - 1)) kexec cycles done, $((now - start))s elapsed"
		fi
		prog=$(grep '# progress:' "$serial" | tail -n 1 | cut -d' ' -f4- || true)
		if [ -n "$prog" ] && [ "$prog" != "${last_prog:-}" ]; then
			last_prog=$prog
			say "$prog, $((now - start))s elapsed"
		fi
	elif [ $((now - last_progress)) -gt "$watchdog" ]; then
		reason="watchdog: no progress for ${watchdog}s (last line: $(tail -n 1 "$serial" | cut -d' ' -f2- | cut -c1-120))"
		[ -f "$out/qemu.pid" ] && kill "$(cat "$out/qemu.pid")" 2>/dev/null
		break
	fi
	sleep 1
done
wait "$pipe_pid" || true

exec "$top/boards/post-run.sh" "$out" "$reason"
