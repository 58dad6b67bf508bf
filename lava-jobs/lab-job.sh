#!/usr/bin/env bash
# Write a luo-stress LAVA job for the local lab: builds (or reuses) the
# board's kernel, builds its ramdisk, puts both where the lab's artifact
# server serves them (ARTIFACTS/<set>/<board>/, over HTTP on loopback) and
# generates the job with URLs pointing there and the board's device tag.
# Also writes run.txt (what runs) beside the job.
# Usage: lab-job.sh BOARD SET OUT.yaml WORKLOAD [workload options]
#   SET names the artifact set (a sweep id, a run id); cycles: CYCLES (3).
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

[ $# -ge 4 ] || die "usage: lab-job.sh BOARD SET OUT.yaml WORKLOAD [options]"
board=$1
set_id=$2
out=$3
workload=$4
shift 4
cycles=${CYCLES:-3}
[[ "$set_id" =~ ^[A-Za-z0-9._-]+$ ]] || die "artifact set '$set_id': use letters, digits, . _ -"
lab_env || die "no local lab (make lava-lab); for your own lab use make lava-jobs with your URLs"
adir="$ARTIFACTS/$set_id/$board"
mkdir -p "$adir" "$(dirname "$out")"
kdir=$(BOARD=$board "$top/scripts/kernel.sh")
if [ ! -s "$adir/ramdisk.cpio" ]; then
	"$top/lava-jobs/mkramdisk.sh" "$board" "$kdir" "$adir/ramdisk.cpio.tmp" >&2
	mv "$adir/ramdisk.cpio.tmp" "$adir/ramdisk.cpio"
fi
ln -sfn "$(readlink -f "$kdir/Image")" "$adir/Image"
url="$ARTIFACT_URL/$set_id/$board"
"$top/lava-jobs/generate.py" --validate --board "$board" --workload "$workload" \
	--args "$*" --cycles "$cycles" --kernel-url "$url/Image" \
	--ramdisk-url "$url/ramdisk.cpio" --tags "$board" --out "$out"
{
	echo "board=$board"
	echo "workload=$workload"
	echo "args=$* --cycles $cycles"
	echo "runner=lava-server $(dpkg-query -W -f='${Version}' lava-server 2>/dev/null) at $URL"
	kernel_facts "$kdir" "$board"
} > "$(dirname "$out")/run.txt"
