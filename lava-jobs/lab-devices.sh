#!/usr/bin/env bash
# The local lab's QEMU devices, made from boards/: for each board:count in
# LAB_DEVICES, devices <board>-01.. of device type qemu on the lab's worker,
# tagged with the board name (jobs for that board carry the tag), each with
# a device dictionary extending the server's own qemu.jinja2 with the
# board's machine and vCPUs (memory, CPU and architecture come from the
# job's context). Idempotent; dictionaries are rewritten every time.
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/board.sh
. "$top/scripts/board.sh"
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

dicts=/etc/lava-server/dispatcher-config/devices
made=()
for spec in $LAB_DEVICES; do
	board=${spec%%:*}
	count=${spec#*:}
	[[ "$spec" == *:* && "$count" =~ ^[1-9][0-9]?$ ]] ||
		die "LAB_DEVICES: '$spec' is not board:count (e.g. qemu-x86_64:2)"
	load_board "$board"
	[ "$BOARD_KIND" = qemu ] || die "LAB_DEVICES: $board is a lab board; the local lab runs QEMU boards"
	extra="'-smp ${BOARD_SMP:-1}', '-no-reboot'"
	# qemu.jinja2 takes -machine from the job for arm64 only
	[ "$BOARD_ARCH" = x86_64 ] && extra="'-machine $BOARD_QEMU_MACHINE', $extra"
	for n in $(seq 1 "$count"); do
		dev=$(printf '%s-%02d' "$board" "$n")
		cat > "$dicts/$dev.jinja2.tmp" <<DICT
{# luo-stress local lab: board $board (boards/$board.board), written by lava-jobs/lab-devices.sh #}
{% extends 'qemu.jinja2' %}
{% set extra_options = [$extra] %}
DICT
		chown lavaserver:lavaserver "$dicts/$dev.jinja2.tmp"
		mv "$dicts/$dev.jinja2.tmp" "$dicts/$dev.jinja2"
		lab_device_add "$dev" qemu "luo-stress $board (QEMU, TCG)" "$board" ||
			die "adding device $dev to the server failed"
		lava-server manage devices update --health GOOD --worker "$LAB_WORKER" "$dev"
		made+=("$dev")
	done
done
out=$(lava-server manage devices check "${made[@]}" 2>&1) ||
	die "a lab device's dictionary does not validate: $(tr '\n' ' ' <<<"$out")"
say "devices: ${made[*]}"
