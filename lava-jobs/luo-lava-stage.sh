#!/bin/sh
# One luo-stress stage under LAVA's test shell (POSIX sh, busybox): runs
# the workload with --hold (a child keeps the sessions for LAVA's kexec
# boot action), then reports every KTAP result and every WIRE_METRIC line
# as a LAVA test case, measurements in ms. The wire format
# (stress/include/wire.h) is luo-wire.sh beside it (mkramdisk.sh).
# Usage: luo-lava-stage WORKLOAD [workload options...]
set -u
# shellcheck source=/dev/null # build/host/wire.sh, shipped in the ramdisk
. "$(dirname "$0")/luo-wire.sh"
out=$WIRE_GUEST_RUN/stage.out
mkdir -p "$WIRE_GUEST_RUN"
workload=$1
shift
"/bin/$workload" --hold "$@" > "$out" 2>&1
rc=$?
cat "$out"
# KTAP: "ok N name", "not ok N name", "ok N # SKIP name ..."
sed -n 's/^\(not ok\|ok\) [0-9]* \(# SKIP \)\{0,1\}\([a-z_]*\).*/\1 \2\3/p' "$out" |
while read -r a b c d; do
	if [ "$a" = not ]; then
		lava-test-case "$c" --result fail
	elif [ "$b" = "#" ]; then
		lava-test-case "$d" --result skip
	else
		lava-test-case "$b" --result pass
	fi
done
# metrics: one measured case per phase of this stage, named <phase>_time
# so it does not clash with the KTAP result of the same name
# (docs/metrics.md: keys read by name, in any order)
awk -v p="$WIRE_METRIC" 'index($0, p) == 1 {
	phase = value = unit = ""
	for (i = 3; i <= NF; i++) {
		k = substr($i, 1, index($i, "=") - 1)
		v = substr($i, index($i, "=") + 1)
		if (k == "phase") phase = v
		else if (k == "value") value = v
		else if (k == "unit") unit = v
	}
	if (phase ~ /^[a-z_]+$/ && value ~ /^[0-9.]+$/ && unit ~ /^[a-z]+$/)
		print phase, value, unit
}' "$out" |
while read -r phase value unit; do
	lava-test-case "${phase}_time" --result pass --measurement "$value" --units "$unit"
done
exit "$rc"
