#!/usr/bin/env bash
# Release scale report of one run or sweep directory: collects its runs
# into metrics.csv, aggregates (agg.csv) and each cycle's restore time
# (restore.csv), fits (fits.csv), the transitions between kernels
# (matrix.csv), writes squad.json and, for profiled or
# sampled runs, the tables of where the time goes (profile-*.csv,
# handover-*.csv), then plots/report.py draws the charts and writes
# report.json and report.html. With BASE given, NEW's cycles are compared
# with BASE's phase by phase (compare.csv, from both metrics.csv; the
# machine control's drift in drift.csv), and after writing the report the
# script exits with the comparison's verdict, so a CI can gate on it:
# 0 no phase slower, 1 a phase slower (a regression), 4 verdict withheld
# (the machine drifted beyond what the comparison corrects), 3 bad input
# or a step that failed (docs/metrics.md, "Exit status").
# Usage: report.sh DIR | report.sh --compare BASE-DIR NEW-DIR
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
bin="$top/build/host"

base=""
if [ "${1:-}" = --compare ]; then
	# a comparison's own codes: bad input is not a regression
	DIE_STATUS=3
	trap 'echo "${0##*/}: internal error at line $LINENO" >&2; exit 3' ERR
	[ $# -eq 3 ] || die "usage: report.sh --compare BASE-DIR NEW-DIR"
	base=${2%/}
	shift 2
fi
[ $# -eq 1 ] || die "usage: report.sh DIR | report.sh --compare BASE-DIR NEW-DIR"
dir=${1%/}
[ -d "$dir" ] || die "no results directory $dir"
[ -z "$base" ] || [ -d "$base" ] || die "no results directory $base"

# metrics.csv, agg.csv and restore.csv (the headline chart's restore
# line) of DIR: a sweep's runs, or the run itself
aggregate() {
	local d=$1 list runs=()
	# report.py's list of runs, the one the report reads too
	list=$("$here/report.py" --runs "$d") || die "listing the runs of $d failed"
	[ -z "$list" ] || mapfile -t runs <<<"$list"
	[ ${#runs[@]} -gt 0 ] ||
		die "$d holds no run (no serial.log, lava.log or runner-error.txt)"
	"$bin/luo-collect" --known "$top/collect/known-reports.txt" \
		-o "$d/metrics.csv" "${runs[@]}" || [ $? -lt 3 ] ||
		die "collecting $d failed"
	"$bin/luo-aggregate" "$d/metrics.csv" > "$d/agg.csv" ||
		die "aggregating $d failed"
	"$bin/luo-aggregate" --restore "$d/metrics.csv" "$d/agg.csv" \
		> "$d/restore.csv" || die "the restore times of $d failed"
}
# where the time goes in DIR: the profiled runs' functions and the
# profiler's cost (PROFILE=1), the handover gap's functions and the
# sampler's cost (HANDOVER_SAMPLE=1); each pair only where such runs are
time_tables() {
	local d=$1 list r runs=() sampled=()
	list=$("$here/report.py" --runs "$d") || die "listing the runs of $d failed"
	mapfile -t runs <<<"$list"
	rm -f "$d/profile-functions.csv" "$d/profile-cost.csv" \
		"$d/handover-functions.csv" "$d/handover-cost.csv"
	"$bin/luo-collect" --profile -o "$d/profile.csv" "${runs[@]}" ||
		[ $? -lt 3 ] || die "collecting the profile of $d failed"
	if [ "$(wc -l < "$d/profile.csv")" -gt 1 ]; then
		"$bin/luo-aggregate" --profile "$d/profile.csv" "$d/metrics.csv" \
			"$d/agg.csv" > "$d/profile-functions.csv" ||
			die "the profile's functions of $d failed"
		"$bin/luo-aggregate" --profile-cost "$d/metrics.csv" \
			"$d/agg.csv" > "$d/profile-cost.csv" ||
			die "the profiler's cost in $d failed"
	fi
	for r in "${runs[@]}"; do
		[ ! -f "$r/handover-samples.txt" ] || sampled+=("$r")
	done
	[ ${#sampled[@]} -gt 0 ] || return 0
	"$bin/luo-collect" --marks -o "$d/marks.csv" "${runs[@]}" ||
		[ $? -lt 3 ] || die "collecting the host marks of $d failed"
	"$bin/luo-aggregate" --handover "$d/marks.csv" "$d/metrics.csv" \
		"$d/agg.csv" "${sampled[@]}" > "$d/handover-functions.csv" ||
		die "the handover gap's functions of $d failed"
	"$bin/luo-aggregate" --handover-cost "$d/metrics.csv" \
		"${sampled[@]}" > "$d/handover-cost.csv" ||
		die "the sampler's cost in $d failed"
}
# the transitions between kernels of DIR's runs (matrix.csv), when its
# metrics.csv names them (a collector without the cross-kernel columns
# does not): report.py draws the grid when more than one kernel ran
transitions() {
	local d=$1 list runs=()
	rm -f "$d/matrix.csv"
	head -n 1 "$d/metrics.csv" | tr -d '\r' | tr ',' '\n' | grep -qx from_kernel ||
		return 0
	list=$("$here/report.py" --runs "$d") || die "listing the runs of $d failed"
	mapfile -t runs <<<"$list"
	"$bin/luo-aggregate" --matrix "$d/metrics.csv" "${runs[@]}" \
		> "$d/matrix.csv" || die "the transitions of $d failed"
}
aggregate "$dir"
transitions "$dir"
"$bin/luo-aggregate" --fit "$dir/agg.csv" > "$dir/fits.csv"
"$bin/luo-aggregate" --squad "$dir/metrics.csv" > "$dir/squad.json"
time_tables "$dir"
verdict=0
rm -f "$dir/drift.csv"
if [ -n "$base" ]; then
	aggregate "$base"
	"$bin/luo-aggregate" --compare "$base/metrics.csv" "$dir/metrics.csv" \
		--drift "$dir/drift.csv" > "$dir/compare.csv" || verdict=$?
	case "$verdict" in
	0 | 1 | 4) ;;
	*) die "comparing $base with $dir failed" ;;
	esac
fi
# report.py names the phases its verdict found slower, or why it has none
said=$("$here/report.py" "$dir" ${base:+--base "$base"}) || die "writing the report of $dir failed"
say "report: $dir/report.html"
[ -z "$said" ] || say "$said"
exit "$verdict"
