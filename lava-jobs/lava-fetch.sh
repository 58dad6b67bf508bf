#!/usr/bin/env bash
# Fetch a finished LAVA job from the server's API through lavacli
# (identity IDENTITY, else the local lab's) into DIR: lava.log (`lavacli
# jobs logs --raw`, exactly as returned), results.yaml (`lavacli results
# --yaml`), job-status.yaml (`lavacli jobs show --yaml`), definition.yaml;
# then metrics.csv (luo-collect) and result.txt: PASS, or FAIL: with the
# collector's reason (a data mismatch names session, token and offset) or
# LAVA's. Writes run.txt when DIR has none: board, workload and args from
# the job definition's metadata (generate.py puts them there), the server.
# Usage: lava-fetch.sh JOB DIR
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

if [ $# -ne 2 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
	die "usage: lava-fetch.sh JOB DIR (JOB: a job id)"
fi
job=$1
dir=$2
# the job's files, run.txt from its metadata when DIR has none (lab_client.py)
health=$(lab_client fetch "$job" "$dir") || exit 1
failed=$(grep -c '^ *result: fail' "$dir/results.yaml" || true)
ok=0
[ "$health" = Complete ] && ok=1
job_verdict "$dir" "$ok" "$failed" "LAVA job $job $health, $failed failed results"
say "job $job -> $dir: $(cat "$dir/result.txt")"
