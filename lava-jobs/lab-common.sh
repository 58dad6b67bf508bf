# shellcheck shell=bash disable=SC2034
# Shared helpers of the local LAVA lab (make lava-lab) and of the scripts
# that talk to a LAVA server: where the lab keeps its state and its
# recorded processes; thin glue to the LAVA client (lab_client.py, which
# owns every lavacli call and what its answers mean); and what every
# luo-stress LAVA job goes through, on a server or on lava-run alone
# (lava-local.sh): its ramdisk, the job with its run.txt, the verdict on
# what came back. Sources scripts/common.sh, which it builds on.

LAB_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$LAB_TOP/scripts/common.sh"

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

# lab_client SUBCOMMAND ARGS...: the lab's LAVA client (lab_client.py:
# every lavacli call, with identity IDENTITY, else the local lab's); its
# failures are one line naming what is wrong, and status 1
lab_client() {
	IDENTITY=${IDENTITY:-} LAB_IDENTITY=$LAB_IDENTITY LAB_PROG=${0##*/} \
		/usr/bin/python3 "$LAB_TOP/lava-jobs/lab_client.py" "$@"
}

# lab_identity: the lavacli identity in use; lab_url: its LAVA server's
# URL (empty when lavacli has no such identity)
lab_identity() { lab_client identity; }
lab_url() { lab_client url; }

# job_submit JOB.yaml: submit the job file and print its id; a server that
# gives no id is one line naming the file and what it said instead, status 1
job_submit() { lab_client submit "$1"; }

# Polling jobs (lava-wait.sh, the LAVA sweep): a round looks at every job
# every POLL seconds and says where they are at least every POLL_LINE.
LAB_POLL=${POLL:-5}
LAB_POLL_LINE=${POLL_LINE:-30}
LAB_NEXT_LINE=0

# line_due NOW [CHANGED]: 0 when a progress line is due (CHANGED is not
# empty, or POLL_LINE seconds went by since the last one); the next is
# then due POLL_LINE seconds after NOW
line_due() {
	[ -n "${2:-}" ] || [ "$1" -ge "$LAB_NEXT_LINE" ] || return 1
	LAB_NEXT_LINE=$(($1 + LAB_POLL_LINE))
}

# job_poll [--worker] JOB...: one round, one look at every JOB (one
# process): by job id JOB_STATE, JOB_HEALTH and JOB_DEVICE; for a finished
# job that did not complete also JOB_ERROR (LAVA's error type and message,
# else its failure comment) and JOB_LOST (1: no result at all, lava-run was
# killed with its worker); for a queued one JOB_NODEV (why no device of its
# type and tags can run it, empty when one can); with --worker for a
# running one JOB_OFFLINE (its device's worker, when offline). Status 1
# (the error said) when the server fails.
declare -gA JOB_STATE=() JOB_HEALTH=() JOB_DEVICE=() JOB_ERROR=() JOB_LOST=() JOB_NODEV=() JOB_OFFLINE=()
job_poll() {
	local out
	out=$(lab_client poll "$@") || return 1
	JOB_STATE=() JOB_HEALTH=() JOB_DEVICE=() JOB_ERROR=() JOB_LOST=() JOB_NODEV=() JOB_OFFLINE=()
	eval "$out"
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
