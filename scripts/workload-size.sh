#!/usr/bin/env bash
# Size of a workload from its options, for whoever starts a guest for it
# (boards/run-qemu.sh, lava-jobs/generate.py): prints sessions=, files=,
# pages= and mem_mb= lines. Guest memory follows the workload: preserved
# data at most three times over (the old kernel's copy is the new
# kernel's), plus per-file and per-session kernel objects, never below the
# board's floor. Defaults are the programs' own; they check every option.
# Usage: workload-size.sh PAGE_SIZE FLOOR_MB [workload options...]
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/common.sh"
[ $# -ge 2 ] || die "usage: workload-size.sh PAGE_SIZE FLOOR_MB [options...]"
page_size=$1
floor=${2:-0}
shift 2

opt() { # opt NAME DEFAULT ARGS...: value of --NAME in ARGS
	local name=$1 val=$2
	shift 2
	while [ $# -gt 0 ]; do
		case "$1" in
		--"$name") val=${2:-}; shift ;;
		--"$name"=*) val=${1#*=} ;;
		esac
		shift
	done
	echo "$val"
}
sessions=$(opt sessions 2 "$@")
files=$(opt files 200 "$@")
pages=$(opt pages 2 "$@")
mix=$(opt mix plain "$@")
large_mb=$(opt large-mb 4 "$@")
for v in "$page_size" "$floor" "$sessions" "$files" "$pages" "$large_mb"; do
	[[ "$v" =~ ^[0-9]+$ ]] || die "option value '$v' is not a number"
done

data_mb=$(( sessions * files * (pages + 1) * page_size / 1048576 ))
case ",$mix," in
*,all,* | *,large,*)
	kinds=$(tr ',' '\n' <<<"$mix" | grep -c .)
	[ "$mix" = all ] && kinds=6
	data_mb=$(( data_mb + sessions * (files / kinds + 1) * large_mb )) ;;
esac
mem=$(( 768 + 3 * data_mb + sessions * files / 64 + sessions / 128 ))
# a board's floor: KHO's scratch needs more on some (64K pages)
[ "$mem" -ge "$floor" ] || mem=$floor
echo "sessions=$sessions"
echo "files=$files"
echo "pages=$pages"
echo "mem_mb=$mem"
