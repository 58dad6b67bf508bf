# shellcheck shell=bash disable=SC2034
# Shared helpers of the local LAVA lab (make lava-lab) and of the scripts
# that talk to a LAVA server through lavacli: where the lab keeps its
# state, its recorded processes, and lavacli calls whose failures come
# back as one line naming what is wrong; and what every luo-stress LAVA
# job goes through, on a server or on lava-run alone (lava-local.sh): its
# ramdisk, the job with its run.txt, the verdict on what came back. Source
# after scripts/common.sh.

LAB_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The lab's state is machine-wide (the database is): pids, secrets (0600)
# and lab.env live in the cache, logs under the checkout's results/lava-lab.
LAB_STATE=${LAB_STATE:-$LUO_CACHE/lava-lab}
LAB_PORT=${LAB_PORT:-8000}
LAB_USER=luo-stress
LAB_WORKER=luo-stress-lab
LAB_IDENTITY=luo-stress-lab
# the local lab's devices: board:count (boards/<board>.board, KIND=qemu)
LAB_DEVICES=${LAB_DEVICES:-qemu-x86_64:2 qemu-arm64:1}

# lab_env: load lab.env (URL, ARTIFACTS, ARTIFACT_URL, LOGS) when the lab
# was set up; returns 1 otherwise.
lab_env() {
	[ -f "$LAB_STATE/lab.env" ] || return 1
	# shellcheck disable=SC1091
	. "$LAB_STATE/lab.env"
}

# proc_start PID: the process's start time (clock ticks since boot), to
# tell a recorded process from a later one that reuses its id.
proc_start() {
	[ -r "/proc/$1/stat" ] || return 1
	sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $20 }'
}

# lab_alive NAME: 0 when the recorded process NAME runs (same id, same start).
lab_alive() {
	local pid start
	read -r pid start < <(awk -v n="$1" '$1 == n { print $2, $3 }' "$LAB_STATE/pids" 2>/dev/null) || return 1
	[ -n "${pid:-}" ] && [ "$(proc_start "$pid" 2>/dev/null)" = "$start" ] &&
		! grep -q '^State:.*zombie' "/proc/$pid/status" 2>/dev/null
}

# lab_stopped NAME: 0 when the recorded process NAME no longer runs
lab_stopped() { ! lab_alive "$1"; }

# wait_for SECONDS CMD...: run CMD every half second until it succeeds;
# status 1 when it has not after SECONDS
wait_for() {
	local n=$(($1 * 2))
	shift
	while ! "$@" >/dev/null 2>&1; do
		n=$((n - 1))
		[ "$n" -gt 0 ] || return 1
		sleep 0.5
	done
}

# lab_pid NAME: the recorded id of process NAME.
lab_pid() { awk -v n="$1" '$1 == n { print $2 }' "$LAB_STATE/pids" 2>/dev/null; }

# lab_record NAME PID: remember that the lab started PID as NAME.
lab_record() {
	local tmp="$LAB_STATE/pids.tmp"
	{ grep -v "^$1 " "$LAB_STATE/pids" 2>/dev/null || true
	  echo "$1 $2 $(proc_start "$2")"; } > "$tmp"
	mv "$tmp" "$LAB_STATE/pids"
}

# descendants PID...: the ids of every process below the given ones.
descendants() {
	ps -e -o pid=,ppid= | awk -v roots="$*" '
		BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) want[r[i]] = 1 }
		{ parent[$1] = $2 }
		END { do { more = 0
			for (p in parent) if (!(p in want) && (parent[p] in want)) { want[p] = 1; more = 1 }
		} while (more)
		for (i = 1; i <= n; i++) delete want[r[i]]
		for (p in want) print p }'
}

# lab_device_add DEVICE TYPE DESCRIPTION [TAGS]: on the local server, the
# device type TYPE and the device DEVICE of that type on the lab's worker
# (tagged TAGS), each added unless it is there (the server's lists are read
# once); status 1 when adding failed
lab_device_add() {
	local dev=$1 type=$2 desc=$3 tags=${4:-}
	if [ -z "${LAB_HAVE_DEVS+set}" ]; then
		LAB_HAVE_TYPES=$(lava-server manage device-types list --csv | cut -d, -f1) || return 1
		LAB_HAVE_DEVS=$(lava-server manage devices list --all --csv | cut -d, -f1) || return 1
	fi
	if ! grep -qx "$type" <<<"$LAB_HAVE_TYPES"; then
		lava-server manage device-types add "$type" >/dev/null || return 1
		LAB_HAVE_TYPES+=$'\n'$type
	fi
	grep -qx "$dev" <<<"$LAB_HAVE_DEVS" && return 0
	lava-server manage devices add --device-type "$type" --worker "$LAB_WORKER" \
		${tags:+--tags "$tags"} --description "$desc" "$dev" >/dev/null || return 1
	LAB_HAVE_DEVS+=$'\n'$dev
	say "device $dev added"
}

# lab_identity: the lavacli identity to use: IDENTITY, else the local lab's.
lab_identity() { echo "${IDENTITY:-$LAB_IDENTITY}"; }

# identity_uri ID: the RPC URI that lavacli has for identity ID.
identity_uri() {
	/usr/bin/python3 - "$1" <<'PY'
import os, sys, yaml
path = os.path.expanduser(os.path.join(os.environ.get("XDG_CONFIG_HOME", "~/.config"), "lavacli.yaml"))
try:
    with open(path, encoding="utf-8") as f:
        print((yaml.safe_load(f) or {}).get(sys.argv[1], {}).get("uri", ""))
except FileNotFoundError:
    print("")
PY
}

# lab_url: the LAVA server's URL: the identity's RPC URI without /RPC2
# (empty when lavacli has no such identity).
lab_url() {
	local uri
	uri=$(identity_uri "$(lab_identity)")
	echo "${uri%/RPC2}"
}

# lava ARGS...: lavacli with the identity; on failure, one line naming
# what is wrong (unknown identity, server unreachable at its URL, token
# refused, anything else with lavacli's own last line) and status 1.
lava() {
	local id url out rc=0
	id=$(lab_identity)
	out=$(lavacli -i "$id" "$@" 2>&1) || rc=$?
	if [ "$rc" = 0 ]; then
		printf '%s\n' "$out"
		return 0
	fi
	url=$(lab_url)
	# lavacli puts user and token into the URLs it prints: never pass them on
	# shellcheck disable=SC2001 # a regular expression
	out=$(sed 's#://[^/@[:space:]]*@#://#g' <<<"$out")
	if [ -z "$url" ]; then
		say "error: no lavacli identity '$id' (make lava-lab makes $LAB_IDENTITY; yours: lavacli identities add)"
	elif grep -qiE 'authentication failed|401 client error|403 client error|unauthori[sz]ed|permission denied' <<<"$out"; then
		say "error: LAVA server $url refused the token of identity $id (wrong or expired: make a new one and lavacli identities add)"
	elif grep -qiE 'connection refused|failed to establish|name or service not known|timed out|no route to host|unable to connect' <<<"$out"; then
		say "error: LAVA server $url is down or unreachable (lavacli identity $id)"
	else
		say "error: lavacli $1 $2: $(tail -n 1 <<<"$out")"
	fi
	return 1
}

# job_submit JOB.yaml: submit the job file and print its id; a server that
# gives no id is one line naming the file and what it said instead, status 1
job_submit() {
	local job
	job=$(lava jobs submit "$1") || return 1
	if ! [[ "$job" =~ ^[0-9]+$ ]]; then
		say "error: the server gave no job id for $1: $job"
		return 1
	fi
	echo "$job"
}

# field YAML KEY: a top-level scalar of lavacli's YAML output
field() { /usr/bin/python3 -c 'import sys, yaml
v = (yaml.safe_load(sys.stdin) or {}).get(sys.argv[1])
print("" if v is None else v)' "$2" <<<"$1"; }

# Polling jobs (lava-wait.sh, the LAVA sweep): a round looks at every job
# every POLL seconds and says where they are at least every POLL_LINE.
LAB_POLL=${POLL:-5}
LAB_POLL_LINE=${POLL_LINE:-30}
LAB_NEXT_LINE=0
# no_device's answers of this round, by device type and tags
declare -gA LAB_NODEV=()

# lab_round: start a polling round (no_device asks the server again)
lab_round() { LAB_NODEV=(); }

# line_due NOW [CHANGED]: 0 when a progress line is due (CHANGED is not
# empty, or POLL_LINE seconds went by since the last one); the next is
# then due POLL_LINE seconds after NOW
line_due() {
	[ -n "${2:-}" ] || [ "$1" -ge "$LAB_NEXT_LINE" ] || return 1
	LAB_NEXT_LINE=$(($1 + LAB_POLL_LINE))
}

# job_status JOB: one look at job JOB: JOB_YAML (lavacli jobs show --yaml),
# JOB_STATE, JOB_HEALTH and JOB_DEVICE; for a finished job that did not
# complete also JOB_ERROR and JOB_LOST (job_end), for a queued one
# JOB_NODEV (no_device). Status 1 (the error said) when the server fails.
job_status() {
	JOB_YAML=$(lava jobs show "$1" --yaml) || return 1
	JOB_STATE=$(field "$JOB_YAML" state)
	JOB_HEALTH=$(field "$JOB_YAML" health)
	JOB_DEVICE=$(field "$JOB_YAML" device)
	JOB_ERROR="" JOB_LOST="" JOB_NODEV=""
	if [ "$JOB_STATE" = Finished ] && [ "$JOB_HEALTH" != Complete ]; then
		job_end "$1"
	elif [ "$JOB_STATE" = Submitted ]; then
		no_device || return 1
	fi
}

# no_device: JOB_NODEV: why no device can take the queued job of JOB_YAML,
# empty when one can; asked once per device type and tags in a round
no_device() {
	local type tags key devs d dy health ok=0 why="" reason
	type=$(field "$JOB_YAML" device_type)
	tags=$(/usr/bin/python3 -c 'import sys, yaml
print(" ".join((yaml.safe_load(sys.stdin) or {}).get("tags") or []))' <<<"$JOB_YAML")
	key="$type|$tags"
	if [ -n "${LAB_NODEV[$key]+set}" ]; then
		JOB_NODEV=${LAB_NODEV[$key]}
		return 0
	fi
	devs=$(lava devices list --yaml | /usr/bin/python3 -c 'import sys, yaml
for d in yaml.safe_load(sys.stdin) or []:
    if d.get("type") == sys.argv[1]: print(d["hostname"])' "$type") || return 1
	for d in $devs; do
		dy=$(lava devices show "$d" --yaml) || return 1
		/usr/bin/python3 -c 'import sys, yaml
have = set((yaml.safe_load(sys.stdin) or {}).get("tags") or [])
sys.exit(0 if set(sys.argv[1].split()) <= have else 1)' "$tags" <<<"$dy" || continue
		health=$(field "$dy" health)
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
	done
	JOB_NODEV=""
	[ "$ok" = 1 ] ||
		JOB_NODEV="no device of type $type${tags:+ with tags $tags} can run it: ${why:-there is none}"
	LAB_NODEV[$key]=$JOB_NODEV
}

# job_end JOB: why finished job JOB (of JOB_YAML) did not complete, from
# one look at its lava/job result: JOB_ERROR, LAVA's error type and message
# (else the job's failure comment), and JOB_LOST=1 when there is no such
# result: lava-run was killed with its worker, nothing ran out.
job_end() {
	local r rc=0
	r=$(lava results "$1" lava job --yaml 2>/dev/null) || rc=$?
	JOB_ERROR="" JOB_LOST=""
	if [ "$rc" = 0 ]; then
		[ -n "$(tr -d '[:space:][]' <<<"$r")" ] || JOB_LOST=1
		JOB_ERROR=$(/usr/bin/python3 -c 'import sys, yaml
r = yaml.safe_load(sys.stdin) or []
r = r[0] if isinstance(r, list) and r else r
m = (r or {}).get("metadata") or {}
print(": ".join(str(x) for x in (m.get("error_type"), m.get("error_msg")) if x))' <<<"$r" 2>/dev/null || true)
	fi
	[ -n "$JOB_ERROR" ] || JOB_ERROR=$(field "$JOB_YAML" failure_comment)
	JOB_ERROR=${JOB_ERROR:-LAVA gave no reason}
}

# job_ramdisk BOARD KDIR FILE: the board's ramdisk for the kernel build
# KDIR (mkramdisk.sh, its report on stderr) into FILE, whole or not at all
job_ramdisk() {
	"$LAB_TOP/lava-jobs/mkramdisk.sh" "$1" "$2" "$3.tmp" >&2 || return 1
	mv "$3.tmp" "$3"
}

# job_write KDIR BOARD OUT.yaml RUNNER KERNEL-URL RAMDISK-URL WORKLOAD ARGS
#           [generate.py options]: the job (generate.py, checked against
# LAVA's schema) into OUT.yaml, and beside it run.txt: what runs, the
# runner, the kernel of the build KDIR
job_write() {
	local kdir=$1 board=$2 out=$3 runner=$4 kurl=$5 rurl=$6 workload=$7 args=$8
	shift 8
	"$LAB_TOP/lava-jobs/generate.py" --validate --board "$board" --workload "$workload" \
		--args "$args" --kernel-url "$kurl" --ramdisk-url "$rurl" "$@" --out "$out" || return 1
	{
		echo "board=$board"
		echo "workload=$workload"
		echo "args=$args"
		echo "runner=$runner"
		kernel_facts "$kdir" "$board"
	} > "$(dirname "$out")/run.txt"
}

# job_verdict DIR: the shared step after a run (boards/post-run.sh) on
# the job's results directory DIR, which holds lava.log, run.txt and
# lava-job.txt (LAVA's health of the job): metrics.txt, metrics.csv,
# coverage.csv, summary.txt and result.txt, PASS or FAIL: with
# luo-collect's reason (the collector's, a data mismatch naming session,
# token and offset, or LAVA's). Returns post-run.sh's status.
job_verdict() {
	make -s -C "$LAB_TOP/collect"
	"$LAB_TOP/boards/post-run.sh" "$1"
}
