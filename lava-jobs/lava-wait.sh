#!/usr/bin/env bash
# Wait for LAVA jobs to finish, through lavacli (identity IDENTITY, else
# the local lab's): a line when a job's state changes and every POLL_LINE
# seconds (job, state, device, elapsed), then its health. A job that ends
# Incomplete or Canceled is a one-line error naming LAVA's reason (error
# type and message, e.g. a LAVA timeout) and status 1. A queued job that
# no device can take (every device of its type and tags is Bad, in
# Maintenance or Retired) is an error naming each device and its health,
# with the scheduler's reason on the local lab. A worker that is offline
# only warns: the job runs when the worker is back.
# Usage: lava-wait.sh JOB   (TIMEOUT: seconds to give up, default none)
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

if [ $# -ne 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
	die "usage: lava-wait.sh JOB (a job id)"
fi
job=$1
timeout=${TIMEOUT:-0}
t0=$(date +%s)

last=""
worker=--worker # until warned, a running job's worker is looked at too
while :; do
	# shellcheck disable=SC2086 # --worker or nothing
	job_poll $worker "$job" || exit 1
	state=${JOB_STATE[$job]}
	health=${JOB_HEALTH[$job]}
	device=${JOB_DEVICE[$job]}
	now=$(date +%s)
	el=$((now - t0))
	if [ "$state" = Finished ]; then
		say "job $job: Finished, health $health, on ${device:-no device}, after ${el}s"
		case "$health" in
		Complete) exit 0 ;;
		*)
			die "job $job $health: ${JOB_ERROR[$job]}" ;;
		esac
	fi
	changed=""
	[ "$state" = "$last" ] || changed=1
	if line_due "$now" "$changed"; then
		say "job $job: $state${device:+ on $device}, ${el}s"
		last=$state
	fi
	[ -z "${JOB_NODEV[$job]}" ] || die "job $job is queued but ${JOB_NODEV[$job]}"
	w=${JOB_OFFLINE[$job]}
	if [ -n "$w" ]; then
		say "warning: worker $w of $device is offline; job $job goes on when it is back"
		worker=""
	fi
	if [ "$timeout" -gt 0 ] && [ "$el" -ge "$timeout" ]; then
		die "job $job still $state after ${el}s (TIMEOUT=$timeout)"
	fi
	sleep "$LAB_POLL"
done
