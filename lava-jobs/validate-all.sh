#!/usr/bin/env bash
# Generate the job of every board x workload (placeholder URLs, the
# program's default options) and of a 2-kernel sequence, and check each
# against LAVA's own schema (lava_common.schemas.validate, strict).
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
# a kernel sequence (--kernels): 2 kernels, 4 cycles, on a QEMU and a lab
# board; the kexec of cycle c loads kernel c mod 2 and gives it its
# number on the command line
for b in qemu-x86_64 lab-rpi4; do
	job="$out/$b-2-kernels.yaml"
	if "$top/lava-jobs/generate.py" --validate --board "$b" --args "--cycles 4" \
		--kernels "https://lab.invalid/Image.0 https://lab.invalid/Image.1" \
		--ramdisk-url https://lab.invalid/ramdisk.cpio \
		--dtb-url https://lab.invalid/board.dtb --out "$job" &&
		got=$(/usr/bin/python3 - "$top/scripts" "$job" <<'PY'
import sys, yaml
sys.path.insert(0, sys.argv[1])
import wire
w = wire.load()
job = yaml.safe_load(open(sys.argv[2]))
kx = [a["boot"] for a in job["actions"]
      if a.get("boot", {}).get("method") == "kexec"]
want = [("%s.%d" % (w["WIRE_GUEST_KERNEL"], c % 2),
         ["-s", '--append="$(/bin/luo-lava-cmdline %d)"' % c])
        for c in range(1, 5)]
got = [(b["kernel"], b["options"]) for b in kx]
print("ok" if got == want else "got %s, want %s" % (got, want))
PY
) && [ "$got" = ok ]; then
		echo "ok - $b: a job of 2 kernels validates, cycle c loads kernel c mod 2 with its number"
		pass=$((pass + 1))
	else
		echo "not ok - $b: a job of 2 kernels: ${got:-generate.py failed}"
		fail=$((fail + 1))
	fi
	got=""
done
# the next kernel's command line: the running one's, BOOT_IMAGE= and the
# old cycle number out, the new one in (the ramdisk's luo-lava-cmdline,
# with the wire format beside it as there)
bin=$(mktemp -d -p "$out")
cp "$top/lava-jobs/luo-lava-cmdline.sh" "$bin/luo-lava-cmdline"
cp "$top/build/host/wire.sh" "$bin/luo-wire.sh"
cycle=$(sed -n "s/^WIRE_CMDLINE_CYCLE='\(.*\)'$/\1/p" "$bin/luo-wire.sh")
printf 'BOOT_IMAGE=/vmlinuz console=ttyS0 %s3 kprobe_event=p:a,b;r:c,d x=%s9\n' \
	"$cycle" "$cycle" > "$bin/cmdline"
got=$(sh "$bin/luo-lava-cmdline" 4 "$bin/cmdline")
if [ "$got" = "console=ttyS0 kprobe_event=p:a,b;r:c,d x=${cycle}9 ${cycle}4" ]; then
	echo "ok - the next kernel's command line: $got"
	pass=$((pass + 1))
else
	echo "not ok - the next kernel's command line: '$got'"
	fail=$((fail + 1))
fi
# --kernel-url and --kernels are one or the other
msg=$("$top/lava-jobs/generate.py" --board qemu-x86_64 --kernel-url https://lab.invalid/Image \
	--kernels "https://lab.invalid/Image.0 https://lab.invalid/Image.1" \
	--ramdisk-url https://lab.invalid/ramdisk.cpio 2>&1 >/dev/null)
if [ "$msg" = "generate.py: error: give --kernel-url or --kernels, not both" ]; then
	echo "ok - --kernel-url with --kernels is refused: $msg"
	pass=$((pass + 1))
else
	echo "not ok - --kernel-url with --kernels: '$msg'"
	fail=$((fail + 1))
fi
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
