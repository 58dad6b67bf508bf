#!/usr/bin/env bash
# The transition matrix of a set of kernels: every ordered pair (FROM,
# TO), the self pairs included, as a run of its own that boots FROM and
# kexecs into TO (KERNELS="FROM TO", one cycle unless CYCLES says more),
# into results/<matrix-id>/<i>-<j>/; then the static check of their ABI
# headers (scripts/abi-diff.py, abi-diff.txt), every run collected into
# metrics.csv, and the report (plots/report.sh: the from x to grid). A
# pair that already has a result.txt is not run again, so an interrupted
# matrix resumes where it stopped.
#
# CONTROL=1 adds, for every pair of two kernels, the same kexec without
# LUO (luo-kexec, no state preserved; <i>-<j>-control) and with KHO off
# as well (kho=off liveupdate=off; <i>-<j>-control-kho-off): what a
# transition does when there is no state, to tell a kernel that cannot
# take the state from one that cannot kexec that way at all.
#
# Environment: KERNELS (two or more entries, scripts/kernels.sh), BOARD,
# MATRIX (id, default matrix-<board>), WORKLOAD (stress-files), CONTROL,
# SESSIONS FILES PAGES CYCLES MIX SEED (the workload's options, the
# program's defaults where unset), WATCHDOG_BOOT (s, default 300: a
# kernel that hangs where it should refuse costs that much per pair).
# Exits 0 when every pair did what its kernels' ABI strings say it must
# (carried, or refused as designed), 1 otherwise.
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
# shellcheck source=scripts/board.sh
. "$top/scripts/board.sh"

board=${BOARD:-qemu-x86_64}
load_board "$board"
read -r -a entries <<<"${KERNELS:-}"
n=${#entries[@]}
[ "$n" -ge 2 ] || die "give two or more kernels, e.g. KERNELS=\"7.2 7.3\""
workload=${WORKLOAD:-stress-files}
check_workload "$workload"
matrix=${MATRIX:-matrix-$board}
[[ "$matrix" =~ ^[A-Za-z0-9._-]+$ ]] || die "MATRIX=$matrix: use letters, digits, . _ -"
case "${CONTROL:-0}" in 0 | 1) ;; *) die "CONTROL=$CONTROL: must be 0 or 1" ;; esac
args=(--cycles "${CYCLES:-1}")
[ -n "${SESSIONS:-}" ] && args+=(--sessions "$SESSIONS")
[ -n "${FILES:-}" ] && args+=(--files "$FILES")
[ -n "${PAGES:-}" ] && args+=(--pages "$PAGES")
[ -n "${MIX:-}" ] && args+=(--mix "$MIX")
[ -n "${SEED:-}" ] && args+=(--seed "$SEED")
# the workload's options through the program's own parser, before any build
err=$("$top/scripts/workload.sh" --page-size "$BOARD_PAGE_SIZE" \
	--board-mib "${BOARD_MEMORY_MB:-0}" --fit-host "$workload" "${args[@]}" 2>&1 >/dev/null) ||
	die "$workload ${args[*]}: ${err##*$'\n'}"

# every kernel built (or found in the cache) once, before the first pair
say "matrix $matrix: $n kernels on $board, building what the cache lacks"
table=$(KERNELS="${entries[*]}" "$top/scripts/kernels.sh") || die "building the kernels failed"
dir="$top/results/$matrix"
mkdir -p "$dir"
printf '%s\n' "$table" > "$dir/kernels.txt"

# the runs in order: (i, j) for every ordered pair, the controls after
ids=() kernels=() programs=() kargs=()
for ((i = 0; i < n; i++)); do
	for ((j = 0; j < n; j++)); do
		ids+=("$i-$j")
		programs+=("$workload")
		kargs+=("")
		if [ "$i" = "$j" ]; then
			kernels+=("${entries[$i]}")
		else
			kernels+=("${entries[$i]} ${entries[$j]}")
		fi
	done
done
if [ "${CONTROL:-0}" = 1 ]; then
	for ((i = 0; i < n; i++)); do
		for ((j = 0; j < n; j++)); do
			[ "$i" != "$j" ] || continue
			ids+=("$i-$j-control" "$i-$j-control-kho-off")
			kernels+=("${entries[$i]} ${entries[$j]}" "${entries[$i]} ${entries[$j]}")
			programs+=(luo-kexec luo-kexec)
			kargs+=("" "kho=off liveupdate=off")
		done
	done
fi
total=${#ids[@]}

progress_init
for ((k = 0; k < total; k++)); do
	id=${ids[$k]}
	if [ -f "$dir/$id/result.txt" ]; then
		progress_skip pair $((k + 1)) "$total" "$id" "$(cat "$dir/$id/result.txt")"
		continue
	fi
	progress_next pair $((k + 1)) "$total" "$id (${kernels[$k]// / -> }${kargs[$k]:+, ${kargs[$k]}})"
	rm -rf "${dir:?}/$id"
	if [ "${programs[$k]}" = luo-kexec ]; then
		pargs=(--cycles 1)
	else
		pargs=("${args[@]}")
	fi
	KERNELS=${kernels[$k]} KERNEL_ARGS="${kargs[$k]}${KERNEL_ARGS:+ $KERNEL_ARGS}" \
		WATCHDOG_BOOT=${WATCHDOG_BOOT:-300} RESULTS=$dir RUN_ID=$id \
		"$top/boards/run-qemu.sh" "${programs[$k]}" "${pargs[@]}" || true
	progress_done
done
rm -f "$dir/latest"

# the static check: the ABI headers of every two kernels with a source
sources=()
for ((i = 0; i < n; i++)); do
	kd=$(sed -n "s/^kernel\\.$i\\.dir=//p" <<<"$table")
	src=$(readlink -f "$kd/source" 2>/dev/null || true)
	[ -f "$src/Makefile" ] && sources+=("$src")
done
if [ "${#sources[@]}" -ge 2 ]; then
	"$top/scripts/abi-diff.py" "${sources[@]}" > "$dir/abi-diff.txt" || [ $? -lt 3 ] ||
		die "the static ABI check failed"
else
	echo "fewer than two kernels of the matrix have a source: no static check" > "$dir/abi-diff.txt"
fi

failed=$(runs_not_passed "${ids[@]/#/$dir/}")
"$top/plots/report.sh" "$dir" || say "the report of $dir failed"
say "matrix $matrix: $total runs, $failed not as their kernels say; report: $dir/report.html"
if [ "$failed" != 0 ]; then
	exit 1
fi
