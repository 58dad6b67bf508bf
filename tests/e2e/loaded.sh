#!/usr/bin/env bash
# The e2e cases on a busy machine: RUNS (default 3) runs in a row of
# tests/e2e/run.sh (BOARD, CASES as there) beside LOADERS (default 2)
# busy loops at normal priority, as a shared CI machine may be. Every
# case times the guest by its own progress, so all must pass. Prints each
# run's time and result; ends with "e2e-loaded: N passed, N failed".
# Usage: loaded.sh [RUNS]
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/check.sh
. "$top/tests/check.sh"
runs=${1:-3}
loaders=${LOADERS:-2}
[[ "$runs" =~ ^[1-9][0-9]*$ && "$loaders" =~ ^[0-9]+$ ]] ||
	{ echo "loaded.sh: RUNS and LOADERS must be whole numbers" >&2; exit 1; }
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
for ((i = 0; i < loaders; i++)); do
	sh -c 'while :; do :; done' &
	pids+=($!)
done
mkdir -p "$top/results"
for ((i = 1; i <= runs; i++)); do
	start=$(date +%s)
	"$top/tests/e2e/run.sh" > "$top/results/e2e-loaded-$i.log" 2>&1
	rc=$?
	check "run $i of $runs beside $loaders busy loops ($(($(date +%s) - start)) s): $(tail -n 1 "$top/results/e2e-loaded-$i.log")" \
		"$rc" "log: results/e2e-loaded-$i.log"
done
echo "e2e-loaded: $pass passed, $fail failed"
[ "$fail" = 0 ]
