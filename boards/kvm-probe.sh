#!/usr/bin/env bash
# Does KVM work for this QEMU command? Boots the board's kernel with no root
# under KVM for a few seconds and prints 1 when it reaches the kernel
# banner and panics cleanly, 0 otherwise. The answer is cached per host
# boot, so the probe costs at most once per machine boot.
# Usage: kvm-probe.sh QEMU-COMMAND... (without -accel, -cpu, -append)
set -uo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/../scripts/common.sh"

key=$(printf '%s %s' "$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)" "$1" |
	sha256sum | cut -c1-16)
cache="$LUO_CACHE/kvm-probe-$key"
if [ -f "$cache" ]; then
	cat "$cache"
	exit 0
fi
mkdir -p "$LUO_CACHE"
args=()
skip=0
for a in "$@"; do # drop the initrd: the kernel should panic without root
	if [ "$skip" = 1 ]; then skip=0; continue; fi
	[ "$a" = -initrd ] && { skip=1; continue; }
	args+=("$a")
done
log=$(mktemp)
timeout 20 "${args[@]}" -accel kvm -cpu host \
	-append "console=ttyS0 console=ttyAMA0 panic=-1" </dev/null >"$log" 2>&1
rc=$?
if [ "$rc" -ne 124 ] && grep -q 'Linux version' "$log" && grep -q 'Kernel panic' "$log"; then
	ans=1
else
	ans=0
	say "KVM does not work here ($(grep -m1 -E 'error|failed' "$log" || echo "no boot in 20 s")); using TCG"
fi
rm -f "$log"
echo "$ans" | tee "$cache"
