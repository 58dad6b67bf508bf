#!/usr/bin/env bash
# Run a workload over a range of sizes (and boards), several cycles per
# point, into results/<sweep-id>/<board>-<var>-<value>/, then collect every
# point into results/<sweep-id>/metrics.csv. A point that already has a
# result (PASS or FAIL) is not run again, so an interrupted sweep resumes
# where it stopped.
#
# Environment: SWEEP (id, default sweep-<workload>), WORKLOAD (stress-files),
# BOARDS (default $BOARD or qemu-x86_64), FILES, SESSIONS, PAGES, CYCLES,
# MIX, SEED: exactly one of FILES and SESSIONS may hold several values.
# PROFILE=1: each point runs twice, as is and with --profile (the kernel
# functions of each phase; <board>-<var>-<value>-profile), so the report
# has both where the time goes and what the profiler itself costs; QEMU
# sweeps only.
# LAVA=1: every point is a job on a LAVA lab (scripts/sweep-lava.sh).
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
# shellcheck source=scripts/board.sh
. "$top/scripts/board.sh"
# shellcheck source=scripts/points.sh
. "$top/scripts/points.sh"

workload=${WORKLOAD:-stress-files}
check_workload "$workload"
sweep=${SWEEP:-sweep-$workload}
[[ "$sweep" =~ ^[A-Za-z0-9._-]+$ ]] || die "SWEEP=$sweep: use letters, digits, . _ -"
if [ "${PROFILE:-}" = 1 ] && [ "${LAVA:-}" = 1 ]; then
	die "PROFILE=1 is for QEMU sweeps: a LAVA sweep runs no profiled points (drop PROFILE=1 or LAVA=1)"
fi
if [ "${HANDOVER_SAMPLE:-0}" != 0 ] && [ "${LAVA:-}" = 1 ]; then
	die "HANDOVER_SAMPLE=1 is for QEMU sweeps: the QEMU runner samples the gap between kernels, a LAVA job does not (drop HANDOVER_SAMPLE or LAVA=1)"
fi
boards=${BOARDS:-${BOARD:-qemu-x86_64}}
read_points

read -r -a board_v <<<"$boards"
check_points "$workload" "${board_v[@]}"

dir="$top/results/$sweep"
mkdir -p "$dir"
# the points in order, each run into $dir/<id>/: board x value, and each
# also profiled with PROFILE=1
profiled=("")
[ "${PROFILE:-}" = 1 ] && profiled+=(--profile)
ids=() point_board=() point_value=() point_prof=()
for b in "${board_v[@]}"; do
	for v in "${values[@]}"; do
		for prof in "${profiled[@]}"; do
			ids+=("$b-$var-$v${prof:+-profile}")
			point_board+=("$b")
			point_value+=("$v")
			point_prof+=("$prof")
		done
	done
done
total=${#ids[@]}

if [ "${LAVA:-}" = 1 ]; then
	# shellcheck source=scripts/sweep-lava.sh
	. "$top/scripts/sweep-lava.sh"
else
	progress_init
	for ((i = 0; i < total; i++)); do
		id=${ids[$i]}
		if [ -f "$dir/$id/result.txt" ]; then
			progress_skip point $((i + 1)) "$total" "$id" "$(cat "$dir/$id/result.txt")"
			continue
		fi
		progress_next point $((i + 1)) "$total" "$id"
		rm -rf "${dir:?}/$id"
		prof=${point_prof[$i]}
		BOARD=${point_board[$i]} RESULTS=$dir RUN_ID=$id "$top/boards/run-qemu.sh" "$workload" \
			--"$var" "${point_value[$i]}" "${fixed[@]}" ${prof:+"$prof"} || true
		progress_done
	done
	rm -f "$dir/latest"
fi
# every point has its verdict (result.txt): count those that did not pass
failed=$(runs_not_passed "${ids[@]/#/$dir/}")
"$top/build/host/luo-collect" --known "$top/collect/known-reports.txt" -o "$dir/metrics.csv" "$dir"/*/ || true
kind=""
[ "${LAVA:-}" = 1 ] && kind="LAVA "
say "${kind}sweep $sweep: $total points, $failed failed; CSV: $dir/metrics.csv"
# (not a bare test: under set -e its failure would trip the ERR trap)
if [ "$failed" != 0 ]; then
	exit 1
fi
