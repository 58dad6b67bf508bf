#!/usr/bin/env bash
# Submit a LAVA job file through lavacli (identity IDENTITY, else the
# local lab's) and print its job id; a server that is down, a token it
# refuses or a job it rejects is one line naming what is wrong.
# Usage: lava-submit.sh JOB.yaml
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

[ $# -eq 1 ] || die "usage: lava-submit.sh JOB.yaml"
[ -s "$1" ] || die "no job file $1"
job=$(job_submit "$1") || exit 1
say "submitted $1 as job $job to $(lab_url); wait: make lava-wait JOB=$job"
echo "$job"
