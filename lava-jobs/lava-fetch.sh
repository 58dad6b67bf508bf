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
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

if [ $# -ne 2 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
	die "usage: lava-fetch.sh JOB DIR (JOB: a job id)"
fi
job=$1
dir=$2
mkdir -p "$dir"
jy=$(lava jobs show "$job" --yaml) || exit 1
state=$(field "$jy" state)
health=$(field "$jy" health)
[ "$state" = Finished ] || die "job $job is $state, not finished: wait for it first (lava-wait.sh $job)"
lava jobs logs --raw "$job" > "$dir/lava.log.tmp" || exit 1
mv "$dir/lava.log.tmp" "$dir/lava.log"
lava results "$job" --yaml > "$dir/results.yaml" || exit 1
printf '%s\n' "$jy" > "$dir/job-status.yaml"
lava jobs definition "$job" > "$dir/definition.yaml" || exit 1
if [ ! -f "$dir/run.txt" ]; then
	# what ran: board, workload and args from the job's metadata (generate.py)
	what=$(/usr/bin/python3 -c 'import sys, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    m = (yaml.safe_load(f) or {}).get("metadata") or {}
for k in ("board", "workload", "args"):
    if k in m:
        print("%s=%s" % (k, m[k]))' "$dir/definition.yaml")
	[ -n "$what" ] || say "warning: job $job has no luo-stress metadata (board, workload, args): run.txt names only the runner"
	{
		[ -z "$what" ] || printf '%s\n' "$what"
		echo "runner=lava-server job $job at $(lab_url)"
	} > "$dir/run.txt"
fi
failed=$(grep -c '^ *result: fail' "$dir/results.yaml" || true)
# LAVA's word on the job, for luo-collect's verdict
echo "lava_job=$job device=$(field "$jy" device) health=$health failed_results=$failed" > "$dir/lava-job.txt"
job_verdict "$dir" || true
say "job $job -> $dir: $(cat "$dir/result.txt")"
