#!/usr/bin/env bash
# Fetch a finished LAVA job from the server's API through lavacli
# (identity IDENTITY, else the local lab's) into DIR: lava.log (`lavacli
# jobs logs --raw`, exactly as returned), results.yaml (`lavacli results
# --yaml`), job-status.yaml (`lavacli jobs show --yaml`), definition.yaml;
# lava-job.txt (job, device, health, failed results); then what
# boards/post-run.sh makes of it: metrics.csv, summary.txt and result.txt,
# PASS, or FAIL: with luo-collect's reason (a data mismatch names
# session, token and offset) or LAVA's. Writes run.txt when DIR has
# none: board, workload and args from the job definition's metadata
# (generate.py puts them there), the server.
# Usage: lava-fetch.sh JOB DIR
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

if [ $# -ne 2 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
	die "usage: lava-fetch.sh JOB DIR (JOB: a job id)"
fi
job=$1
dir=$2
# the job's files, run.txt from its metadata when DIR has none, and
# LAVA's word on the job for luo-collect's verdict, lava-job.txt (lab_client.py)
lab_client fetch "$job" "$dir" > /dev/null || exit 1
job_verdict "$dir" || true
say "job $job -> $dir: $(cat "$dir/result.txt")"
