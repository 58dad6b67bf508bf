#!/usr/bin/env bash
# make lava-lab-down: stop the processes of the local LAVA lab that
# lab-up.sh started, by their recorded ids (checked against their start
# times, so a reused id is never hit), with everything they started (lava-run,
# QEMU); PostgreSQL only when the lab started it. Leaves the database, the
# secrets and the logs. Idempotent.
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

if [ ! -s "$LAB_STATE/pids" ]; then
	say "no lab processes recorded: nothing to stop"
	exit 0
fi
# the worker first (no new jobs), PostgreSQL last
order="worker artifacts publisher scheduler gunicorn postgres"
stopped=()
for name in $order; do
	lab_alive "$name" || continue
	pid=$(lab_pid "$name")
	if [ "$name" = postgres ]; then
		read -r pgver pgname < <(pg_lsclusters -h | awk -v p="$pid" '{ print $1, $2; exit }')
		pg_ctlcluster "$pgver" "$pgname" stop -m fast || kill "$pid"
		kids=()
	else
		mapfile -t kids < <(descendants "$pid")
		kill "$pid" 2>/dev/null || true
	fi
	wait_for 20 lab_stopped "$name" || kill -9 "$pid" 2>/dev/null || true
	for k in "${kids[@]}"; do
		kill -9 "$k" 2>/dev/null || true
	done
	stopped+=("$name:$pid")
done
left=""
while read -r name pid _; do
	lab_alive "$name" && left="$left $name:$pid"
done < "$LAB_STATE/pids"
[ -z "$left" ] || die "still running:$left"
rm -f "$LAB_STATE/pids"
say "lab down: stopped ${stopped[*]:-nothing (none was running)}"
