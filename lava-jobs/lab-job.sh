#!/usr/bin/env bash
# Write a luo-stress LAVA job for a lab: builds (or reuses) the board's
# kernel, builds its ramdisk, puts both (and the DTB of a lab board) where
# the artifacts are served: ARTIFACTS/<set>/<board>/, which ARTIFACT_URL
# serves over HTTP (by default the local lab's artifact server on
# loopback; give both for your own lab's web server), then generates the
# job with URLs pointing there and the board's device tag (QEMU boards).
# Also writes run.txt (what runs) beside the job.
# Usage: lab-job.sh BOARD SET OUT.yaml WORKLOAD [workload options]
#   SET names the artifact set (a sweep id, a run id); the options are
#   the workload's, --cycles among them (the program's default otherwise).
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/board.sh
. "$top/scripts/board.sh"
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

[ $# -ge 4 ] || die "usage: lab-job.sh BOARD SET OUT.yaml WORKLOAD [options]"
board=$1
set_id=$2
out=$3
workload=$4
shift 4
[[ "$set_id" =~ ^[A-Za-z0-9._-]+$ ]] || die "artifact set '$set_id': use letters, digits, . _ -"
if [ -n "${ARTIFACTS:-}" ] && [ -n "${ARTIFACT_URL:-}" ]; then
	URL=$(lab_url)
elif ! lab_env; then
	die "no local lab (make lava-lab); for your own lab give ARTIFACTS=dir and ARTIFACT_URL=its URL"
fi
load_board "$board"
adir="$ARTIFACTS/$set_id/$board"
mkdir -p "$adir" "$(dirname "$out")"
kdir=$(BOARD=$board "$top/scripts/kernel.sh")
# the set's ramdisk is rebuilt when what goes into it changed: the kernel
# build, the programs' sources and the ramdisk's own scripts (a ramdisk of
# an older checkout would test old programs without a word)
key=$({ echo "$kdir"; cat "$top"/stress/*.c "$top"/stress/lib/*.[ch] \
	"$top"/stress/include/*.h "$top"/lava-jobs/mkramdisk.sh \
	"$top"/lava-jobs/luo-lava-*.sh; } | sha256sum | cut -c1-16)
if [ ! -s "$adir/ramdisk.cpio" ] || [ "$(cat "$adir/ramdisk.key" 2>/dev/null)" != "$key" ]; then
	job_ramdisk "$board" "$kdir" "$adir/ramdisk.cpio" || die "building the ramdisk of $board failed"
	echo "$key" > "$adir/ramdisk.key"
fi
ln -sfn "$(readlink -f "$kdir/Image")" "$adir/Image"
url="$ARTIFACT_URL/$set_id/$board"
dtb=()
if [ -n "$BOARD_DTB" ]; then
	[ -f "$kdir/$BOARD_DTB" ] || die "board $board: no $BOARD_DTB in the kernel build $kdir"
	ln -sfn "$(readlink -f "$kdir/$BOARD_DTB")" "$adir/board.dtb"
	dtb=(--dtb-url "$url/board.dtb")
fi
# QEMU boards share device type qemu: the tag picks the board's devices
tags=""
[ "$BOARD_KIND" = qemu ] && tags=$board
job_write "$kdir" "$board" "$out" "lava-server at $URL" "$url/Image" "$url/ramdisk.cpio" \
	"$workload" "$*" "${dtb[@]}" --tags "$tags"
