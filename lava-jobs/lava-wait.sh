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

# field YAML KEY: a top-level scalar of lavacli's YAML output
field() { /usr/bin/python3 -c 'import sys, yaml
v = (yaml.safe_load(sys.stdin) or {}).get(sys.argv[1])
print("" if v is None else v)' "$2" <<<"$1"; }

# no_device JOB-YAML: prints why no device can take the job, if none can
no_device() {
	local jy=$1 type tags devs d dy health worker ok=0 why="" reason
	type=$(field "$jy" device_type)
	tags=$(/usr/bin/python3 -c 'import sys, yaml
print(" ".join((yaml.safe_load(sys.stdin) or {}).get("tags") or []))' <<<"$jy")
	devs=$(lava devices list --yaml | /usr/bin/python3 -c 'import sys, yaml
for d in yaml.safe_load(sys.stdin) or []:
    if d.get("type") == sys.argv[1]: print(d["hostname"])' "$type") || return 1
	for d in $devs; do
		dy=$(lava devices show "$d" --yaml) || return 1
		/usr/bin/python3 -c 'import sys, yaml
have = set((yaml.safe_load(sys.stdin) or {}).get("tags") or [])
sys.exit(0 if set(sys.argv[1].split()) <= have else 1)' "$tags" <<<"$dy" || continue
		health=$(field "$dy" health)
		worker=$(field "$dy" worker)
		case "$health" in
		Good | Unknown | Looping) ok=1 ;;
		*)
			reason=""
			if [ "$health" = Bad ] && [ "$(lab_identity)" = "$LAB_IDENTITY" ] &&
				command -v lava-server >/dev/null; then
				reason=$(lava-server manage devices check "$d" 2>/dev/null |
					sed -n 's/^  -> //p' | tr '\n' ' ' | sed 's/ $//')
			fi
			why="$why${why:+; }$d is $health${reason:+ ($reason)}" ;;
		esac
		: "$worker"
	done
	[ "$ok" = 1 ] && return 0
	echo "no device of type $type${tags:+ with tags $tags} can run it: ${why:-there is none}"
}

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
			err=$(lava results "$job" lava job --yaml 2>/dev/null | /usr/bin/python3 -c 'import sys, yaml
r = yaml.safe_load(sys.stdin) or []
r = r[0] if isinstance(r, list) and r else r
m = (r or {}).get("metadata") or {}
print(": ".join(str(x) for x in (m.get("error_type"), m.get("error_msg")) if x))' 2>/dev/null || true)
			comment=$(field "$jy" failure_comment)
			die "job $job $health: ${err:-${comment:-LAVA gave no reason}}" ;;
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
