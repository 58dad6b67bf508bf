#!/usr/bin/env bash
# Generate the job of every board x workload (placeholder URLs, the
# program's default options) and check each against LAVA's own schema
# (lava_common.schemas.validate, strict).
# Ends with "lava-validate: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
pass=0
fail=0
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# the stress workloads: luo-workload --list, the one list
workloads=$("$top/scripts/workload.sh" --list) || exit 1
for f in "$top"/boards/*.board; do
	b=$(basename "$f" .board)
	for w in $workloads; do
		if "$top/lava-jobs/generate.py" --validate --board "$b" --workload "$w" \
			--kernel-url https://lab.invalid/Image --ramdisk-url https://lab.invalid/ramdisk.cpio \
			--dtb-url https://lab.invalid/board.dtb --out "$out/$b-$w.yaml"; then
			echo "ok - $b $w"
			pass=$((pass + 1))
		else
			echo "not ok - $b $w"
			fail=$((fail + 1))
		fi
	done
done
# the validator must be live: an unknown context key is refused
if sed 's/^context:/context:\n  luo_bogus_key: 1/' "$out/qemu-x86_64-stress-files.yaml" |
	/usr/bin/python3 -c 'import sys, yaml
from lava_common.schemas import validate
validate(yaml.safe_load(sys.stdin), strict=True)' 2>/dev/null; then
	echo "not ok - a job with an unknown context key validated"
	fail=$((fail + 1))
else
	echo "ok - a job with an unknown context key is refused"
	pass=$((pass + 1))
fi
# a missing URL is named by its variable (make lava-jobs without KERNEL_URL)
msg=$("$top/lava-jobs/generate.py" --board qemu-x86_64 --kernel-url "" \
	--ramdisk-url https://lab.invalid/ramdisk.cpio 2>&1 >/dev/null)
if [[ "$msg" == "generate.py: error: no KERNEL_URL given"* ]]; then
	echo "ok - a missing kernel URL is named: $msg"
	pass=$((pass + 1))
else
	echo "not ok - a missing kernel URL: '$msg'"
	fail=$((fail + 1))
fi
echo "lava-validate: $pass passed, $fail failed"
[ "$fail" = 0 ]
