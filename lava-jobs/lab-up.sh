#!/usr/bin/env bash
# make lava-lab: bring up a real LAVA instance on this machine from
# Debian's packages, on loopback only: PostgreSQL, lava-server (gunicorn,
# scheduler, publisher), a lava-worker with lava-dispatcher, an HTTP server
# for job artifacts, QEMU devices made from boards/ (LAB_DEVICES), a
# superuser with a random password, an API token and the lavacli identity
# luo-stress-lab. Every process it starts is recorded (LAB_STATE/pids) for
# lab-down.sh; secrets are files of mode 0600 in LAB_STATE, never printed.
# Idempotent: a second call finds the lab up, restarts what is missing,
# and says so. Logs: results/lava-lab/.
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

[ "$(id -u)" -eq 0 ] || die "must run as root (lava-worker runs lava-run, which needs root)"
if ! [[ "$LAB_PORT" =~ ^[0-9]+$ ]] || [ "$LAB_PORT" -lt 1024 ] || [ "$LAB_PORT" -gt 65532 ]; then
	die "LAB_PORT=$LAB_PORT: give a port 1024..65532 (the lab uses it and the next three)"
fi
t0=$(date +%s)
url="http://127.0.0.1:$LAB_PORT"
logs="$top/results/lava-lab"
artifacts="$logs/artifacts"
mkdir -p "$logs" "$artifacts"
umask 077
mkdir -p "$LAB_STATE"
chmod 700 "$LAB_STATE"
umask 022
if lab_env && [ "$URL" != "$url" ]; then
	lab_alive gunicorn && die "the lab is up at $URL; take it down first (make lava-lab-down)"
fi

# port_owner PORT: pid of the process listening on 127.0.0.1/0.0.0.0:PORT
port_owner() {
	ss -Htlnp "sport = :$1" | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1
}
# free_port NAME PORT: the port must be free unless our NAME holds it
free_port() {
	local pid
	pid=$(port_owner "$2")
	[ -z "$pid" ] && return 0
	lab_alive "$1" && [ "$pid" = "$(lab_pid "$1")" ] && return 0
	die "port $2 (lab's $1) is taken by pid $pid ($(ps -o comm= -p "$pid")); set LAB_PORT"
}

# start NAME LOG CMD...: start CMD in its own session, record its pid
start() {
	local name=$1 log=$2 pid
	shift 2
	if lab_alive "$name"; then
		say "$name already running (pid $(lab_pid "$name"))"
		return 0
	fi
	setsid "$@" >>"$log" 2>&1 < /dev/null &
	pid=$!
	sleep 0.2
	lab_record "$name" "$pid"
	say "started $name (pid $pid)"
}

say "lab at $url, logs in $logs, state in $LAB_STATE"
"$top/scripts/deps.sh" lava-lab

# --- PostgreSQL: ours only if we start it ---
read -r pgver pgname pgstatus < <(pg_lsclusters -h | awk '{ print $1, $2, $4; exit }')
[ -n "${pgver:-}" ] || die "no PostgreSQL cluster (pg_lsclusters lists none)"
if [ "$pgstatus" = online ]; then
	lab_alive postgres || say "PostgreSQL $pgver/$pgname already running, not ours: left as it is"
else
	pg_ctlcluster "$pgver" "$pgname" start
	lab_record postgres "$(head -n 1 "/var/lib/postgresql/$pgver/$pgname/postmaster.pid")"
	say "started PostgreSQL $pgver/$pgname (pid $(lab_pid postgres))"
fi
listen=$(sed -n "s/^[[:space:]]*listen_addresses[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" \
	"/etc/postgresql/$pgver/$pgname/postgresql.conf" | tail -n 1)
case "${listen:-localhost}" in
localhost | 127.0.0.1 | ::1 | "127.0.0.1,::1" | "localhost,127.0.0.1") ;;
*) say "warning: PostgreSQL listens on '$listen', not only loopback (postgresql.conf)" ;;
esac

# --- lava-server: installed now that its database is reachable ---
"$top/scripts/deps.sh" lava-server
lava-server manage migrate --noinput >"$logs/migrate.log" 2>&1 ||
	die "lava-server database migration failed (log: $logs/migrate.log)"
server_version=$(dpkg-query -W -f='${Version}' lava-server)

# --- secrets: made once, random, 0600 ---
if [ ! -s "$LAB_STATE/admin-password" ]; then
	(umask 077 && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$LAB_STATE/admin-password")
fi
chmod 600 "$LAB_STATE/admin-password"
LAB_STATE=$LAB_STATE LAB_USER=$LAB_USER LAB_WORKER=$LAB_WORKER \
	lava-server manage shell < "$top/lava-jobs/lab-accounts.py" >"$logs/accounts.log" 2>&1 ||
	die "making the lab's user, token and worker failed (log: $logs/accounts.log)"
chmod 600 "$LAB_STATE/user-token" "$LAB_STATE/worker-token"

# --- the server's processes, on loopback ---
free_port gunicorn "$LAB_PORT"
free_port publisher "$((LAB_PORT + 1))"
free_port artifacts "$((LAB_PORT + 2))"
free_port publisher "$((LAB_PORT + 3))"
# events: the API publishes job and device changes (through the publisher,
# whose socket binds every address unless told) and the scheduler acts on
# them at once instead of on its 20 s tick
events="tcp://127.0.0.1:$((LAB_PORT + 3))"
server_env=(env LAVA_SETTINGS_EVENT_NOTIFICATION=true LAVA_SETTINGS_EVENT_SOCKET="$events")
start gunicorn "$logs/gunicorn.out" "${server_env[@]}" gunicorn3 lava_server.wsgi --log-level INFO \
	--log-file "$logs/gunicorn.log" -u lavaserver -g lavaserver \
	--worker-class eventlet --workers 2 --bind "127.0.0.1:$LAB_PORT"
start scheduler "$logs/scheduler.out" "${server_env[@]}" lava-server manage lava-scheduler \
	--level INFO --log-file "$logs/scheduler.log" --event-url "$events"
start publisher "$logs/publisher.out" "${server_env[@]}" lava-server manage lava-publisher --level INFO \
	--log-file "$logs/publisher.log" --host 127.0.0.1 --port "$((LAB_PORT + 1))"
start artifacts "$logs/artifacts.log" /usr/bin/python3 -m http.server \
	--bind 127.0.0.1 --directory "$artifacts" "$((LAB_PORT + 2))"
wait_for 60 curl -sf "$url/api/v0.2/system/version/" ||
	die "lava-server at $url did not come up (logs: $logs)"

# --- the lavacli identity (written directly: the token is never an argument) ---
lab_client identity-add "$LAB_IDENTITY" "$url/RPC2" "$LAB_USER" "$LAB_STATE/user-token"

# --- devices from boards/, then the worker that runs them ---
"$top/lava-jobs/lab-devices.sh"
start worker "$logs/worker.out" lava-worker --level INFO --log-file "$logs/worker.log" \
	--url "$url/" --name "$LAB_WORKER" --token-file "$LAB_STATE/worker-token" --ping-interval 5
wait_for 60 bash -c "lava-server manage workers details $LAB_WORKER | grep -q 'state *: Online'" ||
	die "lava-worker $LAB_WORKER (online on the server) did not come up (logs: $logs)"

cat > "$LAB_STATE/lab.env" <<ENV
URL=$url
ARTIFACTS=$artifacts
ARTIFACT_URL=http://127.0.0.1:$((LAB_PORT + 2))
LOGS=$logs
ENV
"$top/lava-jobs/lab-status.sh"
say "lab ready in $(( $(date +%s) - t0 ))s: lava-server $server_version at $url (lavacli -i $LAB_IDENTITY; user $LAB_USER, password in $LAB_STATE/admin-password)"
