#!/usr/bin/env bash
# Compare two kernels by running both, interleaved: at every point
# (FILES or SESSIONS, as scripts/sweep.sh takes them) PAIRS pairs of
# whole runs, each run a fresh boot, in the order A B, B A, A B, ...
# (A the base, B the new kernel), so that the machine's drift falls on
# both alike; run k of BASE at a point is paired with run k of NEW there
# (luo-aggregate --compare pairs them by their order in time). Runs go
# to results/<compare-id>/{base,new}/<board>-<var>-<value>-<k>/, the
# order they ran in to order.txt (a line per run: its number, side, id,
# start and end on the host's clock, result), the runner's output to
# logs/; then plots/report.sh --compare writes
# the report into results/<compare-id>/new/ (report.html linked from
# results/<compare-id>/). A run that already has a
# result.txt is not run again, so an interrupted comparison resumes.
#
# Environment: BASE_KERNEL, NEW_KERNEL (kernel entries, the forms of
# scripts/kernels.sh: a Debian version, a tree, an image, BASE+PATCH;
# NEW_KERNEL defaults to BASE_KERNEL, an A/A comparison), BASE_ARGS,
# NEW_ARGS (kernel command line added to that side's runs), PAIRS
# (default 6), COMPARE (id, default compare-<board>), BOARD, WORKLOAD
# (stress-files), FILES or SESSIONS (the points; the program's default
# size when neither is given), CYCLES (per run, default 5: the cycles
# of a pair are its paired units, docs/metrics.md), SESSIONS FILES
# PAGES MIX SEED (the workload's options, the program's defaults where
# unset).
#
# Exit status, the report's (docs/metrics.md, "Exit status"): 0 no phase
# slower, 1 a phase slower (a regression), 4 verdict withheld (the
# machine drifted beyond what the comparison can correct), 3 bad input;
# `make compare` turns any of them but 0 into make's 2, so a CI that
# gates on the verdict calls this script.
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2; exit 3' ERR
DIE_STATUS=3
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
# shellcheck source=scripts/board.sh
. "$top/scripts/board.sh"
# shellcheck source=scripts/points.sh
. "$top/scripts/points.sh"

board=${BOARD:-qemu-x86_64}
workload=${WORKLOAD:-stress-files}
check_workload "$workload"
base_kernel=${BASE_KERNEL:-}
[ -n "$base_kernel" ] || die "give BASE_KERNEL (and NEW_KERNEL; the same kernel twice is an A/A comparison), e.g. BASE_KERNEL=7.3 NEW_KERNEL=/path/to/linux"
new_kernel=${NEW_KERNEL:-$base_kernel}
for k in "$base_kernel" "$new_kernel"; do
	[[ "$k" != *" "* ]] || die "'$k': one kernel entry per side (KERNELS takes several, a comparison one)"
done
pairs=${PAIRS:-6}
[[ "$pairs" =~ ^[1-9][0-9]*$ ]] || die "PAIRS=$pairs is not a number of pairs of runs"
cmp=${COMPARE:-compare-$board}
[[ "$cmp" =~ ^[A-Za-z0-9._-]+$ ]] || die "COMPARE=$cmp: use letters, digits, . _ -"
# one point at the program's own default size unless FILES or SESSIONS
# names the points
if [ -z "${FILES:-}" ] && [ -z "${SESSIONS:-}" ]; then
	FILES=$("$top/scripts/workload.sh" "$workload" | sed -n 's/^files=//p')
	[ -n "$FILES" ] || die "luo-workload gave no default files for $workload"
fi
CYCLES=${CYCLES:-5}
read_points
check_points "$workload" "$board"

dir="$top/results/$cmp"
mkdir -p "$dir/base" "$dir/new" "$dir/logs"
# both kernels built (or found in the cache) before the first run, so
# that no build falls between two runs of a pair
say "comparison $cmp on $board: base $base_kernel${BASE_ARGS:+ ($BASE_ARGS)}, new $new_kernel${NEW_ARGS:+ ($NEW_ARGS)}, $pairs pairs at $var ${values[*]}"
for k in "$base_kernel" "$new_kernel"; do
	KERNELS=$k "$top/scripts/kernels.sh" > /dev/null || die "building kernel $k failed"
done
{
	echo "board=$board"
	echo "workload=$workload"
	echo "base_kernel=$base_kernel"
	echo "base_args=${BASE_ARGS:-}"
	echo "new_kernel=$new_kernel"
	echo "new_args=${NEW_ARGS:-}"
	echo "pairs=$pairs"
	echo "points=$var ${values[*]}"
	echo "options=${fixed[*]}"
} > "$dir/compare.txt"

# the runs in the order they run: pair k at every point, A B when k is
# odd and B A when it is even
order=()
for ((k = 1; k <= pairs; k++)); do
	for v in "${values[@]}"; do
		if [ $((k % 2)) = 1 ]; then
			order+=("base $board-$var-$v-$k $v" "new $board-$var-$v-$k $v")
		else
			order+=("new $board-$var-$v-$k $v" "base $board-$var-$v-$k $v")
		fi
	done
done
total=${#order[@]}
progress_init
for ((i = 0; i < total; i++)); do
	read -r arm id v <<<"${order[$i]}"
	out="$dir/$arm/$id"
	if [ -f "$out/result.txt" ]; then
		progress_skip run $((i + 1)) "$total" "$arm $id" "$(cat "$out/result.txt")"
		continue
	fi
	progress_next run $((i + 1)) "$total" "$arm $id"
	rm -rf "${out:?}"
	t0=$(date +%s)
	if [ "$arm" = base ]; then
		kernel=$base_kernel args=${BASE_ARGS:-}
	else
		kernel=$new_kernel args=${NEW_ARGS:-}
	fi
	BOARD=$board KERNELS=$kernel KERNEL_ARGS=$args RESULTS="$dir/$arm" \
		RUN_ID=$id "$top/boards/run-qemu.sh" "$workload" --"$var" "$v" \
		"${fixed[@]}" > "$dir/logs/$arm-$id.log" 2>&1 || true
	t1=$(date +%s)
	echo "$((i + 1)) $arm $id $t0 $t1 $(cat "$out/result.txt" 2>/dev/null || echo none)" >> "$dir/order.txt"
	progress_done
done
rm -f "$dir/base/latest" "$dir/new/latest"
runs=()
for ((i = 0; i < total; i++)); do
	read -r arm id v <<<"${order[$i]}"
	runs+=("$dir/$arm/$id")
done
failed=$(runs_not_passed "${runs[@]}")
[ "$failed" = 0 ] || say "$failed of $total runs did not pass: their pairs are left out of the comparison"
rc=0
"$top/plots/report.sh" --compare "$dir/base" "$dir/new" || rc=$?
# the report of the comparison, where a person looks for it first
[ ! -f "$dir/new/report.html" ] || ln -sfn new/report.html "$dir/report.html"
exit "$rc"
