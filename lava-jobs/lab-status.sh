#!/usr/bin/env bash
# What the local LAVA lab runs: its URL, each recorded process (running or
# not) and the server's view of its worker and devices. Exit status 0 when
# every recorded process runs and the API answers, 1 otherwise.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

lab_env || { say "no lab set up (make lava-lab)"; exit 1; }
ok=0
echo "lab: $URL (lavacli -i $LAB_IDENTITY), artifacts $ARTIFACT_URL, logs $LOGS"
while read -r name pid _; do
	if lab_alive "$name"; then
		echo "  $name: pid $pid, running"
	else
		echo "  $name: pid $pid, not running"
		ok=1
	fi
done < "$LAB_STATE/pids"
if curl -sf "$URL/api/v0.2/system/version/" >/dev/null; then
	IDENTITY=$LAB_IDENTITY lab_client devices
else
	echo "  API: no answer at $URL"
	ok=1
fi
exit "$ok"
