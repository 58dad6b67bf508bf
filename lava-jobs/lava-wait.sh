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
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

if [ $# -ne 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
	die "usage: lava-wait.sh JOB (a job id)"
fi
job=$1
poll=${POLL:-5}
line_every=${POLL_LINE:-30}
timeout=${TIMEOUT:-0}
t0=$(date +%s)

last=""
next_line=0
warned=""
while :; do
	jy=$(lava jobs show "$job" --yaml) || exit 1
	state=$(field "$jy" state)
	health=$(field "$jy" health)
	device=$(field "$jy" device)
	now=$(date +%s)
	el=$((now - t0))
	if [ "$state" = Finished ]; then
		say "job $job: Finished, health $health, on ${device:-no device}, after ${el}s"
		case "$health" in
		Complete) exit 0 ;;
		*)
			die "job $job $health: $(job_error "$job" "$jy")" ;;
		esac
	fi
	if [ "$state" != "$last" ] || [ "$now" -ge "$next_line" ]; then
		say "job $job: $state${device:+ on $device}, ${el}s"
		last=$state
		next_line=$((now + line_every))
	fi
	if [ "$state" = Submitted ]; then
		why=$(no_device "$jy") || exit 1
		[ -z "$why" ] || die "job $job is queued but $why"
	fi
	if [ -n "$device" ] && [ "$state" = Running ] && [ -z "$warned" ]; then
		w=$(field "$(lava devices show "$device" --yaml)" worker)
		if [ -n "$w" ] && [ "$(field "$(lava workers show "$w" --yaml)" state)" = Offline ]; then
			say "warning: worker $w of $device is offline; job $job goes on when it is back"
			warned=1
		fi
	fi
	if [ "$timeout" -gt 0 ] && [ "$el" -ge "$timeout" ]; then
		die "job $job still $state after ${el}s (TIMEOUT=$timeout)"
	fi
	sleep "$poll"
done
