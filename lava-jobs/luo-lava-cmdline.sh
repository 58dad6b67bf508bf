#!/bin/sh
# The command line LAVA's kexec boot action gives the kernel of kexec
# number N (the job's kexec option: --append="$(/bin/luo-lava-cmdline N)"):
# the running kernel's, as kexec --reuse-cmdline takes it (BOOT_IMAGE=
# left out), with WIRE_CMDLINE_CYCLE N in place of the one it has, so the
# next kernel knows which kexec brought it (stress/include/wire.h, in
# luo-wire.sh beside this script: mkramdisk.sh). POSIX sh, busybox.
# Usage: luo-lava-cmdline N [CMDLINE-FILE]   (default /proc/cmdline)
set -u
# shellcheck source=/dev/null # build/host/wire.sh, shipped in the ramdisk
. "$(dirname "$0")/luo-wire.sh"
case ${1:-} in
'' | *[!0-9]*)
	echo "usage: luo-lava-cmdline N [CMDLINE-FILE]" >&2
	exit 1
	;;
esac
file=${2:-/proc/cmdline}
line=$(cat "$file") || exit 1
# the parameter's name as a sed pattern (its dot a dot)
pat=$(printf '%s' "$WIRE_CMDLINE_CYCLE" | sed 's/[][\.*^$/]/\\&/g')
rest=$(printf ' %s' "$line" | sed -e 's/ BOOT_IMAGE=[^ ]*//g' \
	-e "s/ ${pat}[^ ]*//g" -e 's/^ *//')
printf '%s%s%s\n' "$rest" "${rest:+ }" "$WIRE_CMDLINE_CYCLE$1"
