#!/usr/bin/env bash
# The lab path end to end on a real LAVA server (make lava-lab-check, part
# of make check): bring the local lab up (twice: the second finds it up),
# check that it listens on loopback only and keeps its secrets to itself,
# run a 2-cycle stress-files job (submit, wait, fetch from the API,
# collect: PASS) and a corrupted one (FAIL naming session, token, offset),
# then the faults: server down, wrong token, a Bad device, a LAVA timeout;
# then every lab board's device dictionary (lava-jobs/lab-boards.sh);
# then take the lab down (unless it was up before) and check that none of
# its processes is left. Ends with "lava-lab: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"
lj="$top/lava-jobs"
t_start=$(date +%s)
out="$top/results/lava-lab/check"
rm -rf "$out"
mkdir -p "$out"

# shellcheck source=tests/check.sh
. "$top/tests/check.sh"
ok() { if eval "[[ $1 ]]"; then echo 0; else echo 1; fi; } # ok 'TEST': 0 or 1

was_up=0
"$lj/lab-status.sh" >/dev/null 2>&1 && was_up=1
t0=$(date +%s)
"$lj/lab-up.sh" > "$out/up1.log" 2>&1
check "make lava-lab brings the lab up ($(( $(date +%s) - t0 ))s)" "$?" "$(tail -n 3 "$out/up1.log")"
if ! "$lj/lab-status.sh" >/dev/null 2>&1; then
	echo "lava-lab: $pass passed, $((fail + 1)) failed (the lab is not up; see $out/up1.log)"
	exit 1
fi
"$lj/lab-up.sh" > "$out/up2.log" 2>&1
rc=$?
check "a second make lava-lab finds the lab up" \
	"$(ok "$rc -eq 0 && $(grep -c 'already running' "$out/up2.log") -ge 5")" "$(grep -c 'already running' "$out/up2.log") already running"
grep -q "^lab: http://127.0.0.1:$LAB_PORT" "$out/up2.log"
check "it prints the URL and what runs" "$?"

# --- loopback only, secrets 0600 and never written out ---
lab_env
pids=$(awk '{ print $2 }' "$LAB_STATE/pids" | tr '\n' ' ')
# shellcheck disable=SC2086
all=" $pids $(descendants $pids | tr '\n' ' ') "
# every listening socket of the lab's processes: LOCAL-ADDRESS PID
socks=$(ss -Htlnup | while read -r _ _ _ _ local _ users; do
	# shellcheck disable=SC2013 # pids, one per word
	for p in $(grep -o 'pid=[0-9]*' <<<"$users" | cut -d= -f2); do
		[[ "$all" == *" $p "* ]] && echo "$local $p"
	done
done | sort -u)
bad=$(grep -v '^127\.0\.0\.1:\|^\[::1\]:\|^::1:' <<<"$socks" | tr '\n' ' ')
listening=$(grep -c . <<<"$socks")
check "nothing the lab started listens on a non-loopback address ($listening sockets)" \
	"$(ok "-z '$bad' && $listening -ge 4")" "$bad"
modes=$(stat -c '%a %n' "$LAB_STATE"/admin-password "$LAB_STATE"/*-token "${XDG_CONFIG_HOME:-$HOME/.config}/lavacli.yaml" | grep -v '^600 ')
check "secrets and the lavacli identity are mode 0600" "$(ok "-z '$modes'")" "$modes"

# --- a 2-cycle stress-files job: submit, wait, fetch, collect ---
t0=$(date +%s)
"$lj/lab-job.sh" qemu-x86_64 check "$out/pass/job.yaml" stress-files --cycles 2 > "$out/job.log" 2>&1
job=$("$lj/lava-submit.sh" "$out/pass/job.yaml" 2>>"$out/job.log")
check "the job is submitted" "$(ok "-n '$job'")" "$(tail -n 2 "$out/job.log")"
POLL=2 "$lj/lava-wait.sh" "$job" > "$out/wait.log" 2>&1
rc=$?
check "lava-wait: job $job ends Complete, with state lines" \
	"$(ok "$rc -eq 0 && $(grep -c ': job [0-9]*: ' "$out/wait.log") -ge 2")" "$(tail -n 1 "$out/wait.log")"
"$lj/lava-fetch.sh" "$job" "$out/pass" >> "$out/job.log" 2>&1
check "fetched and collected: PASS" "$(grep -qx PASS "$out/pass/result.txt" 2>/dev/null; echo $?)" \
	"$(cat "$out/pass/result.txt" 2>/dev/null)"
# every row's status, read once
statuses=$("$top/tests/collect/csvtool.py" get "$out/pass/metrics.csv" status 2>/dev/null)
rows=$(printf '%s' "$statuses" | sort | uniq -c | tr -s ' ' | tr '\n' ' ')
check "the CSV has both cycles' phases, all passed" \
	"$(ok "$(printf '%s' "$statuses" | grep -cx pass) -ge 20 && $(printf '%s' "$statuses" | grep -vcx pass) -eq 0")" "statuses: $rows"
check "the log is what lavacli returns: a YAML list of {dt, lvl, msg}" \
	"$(/usr/bin/python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
sys.exit(0 if isinstance(d, list) and all({"dt", "lvl", "msg"} <= set(x) for x in d) else 1)' "$out/pass/lava.log" 2>/dev/null; echo $?)"
# make lava-fetch JOB=: a directory without lab-job.sh's run.txt gets one
# from the job's metadata naming the same board, workload and args
"$lj/lava-fetch.sh" "$job" "$out/refetch" >> "$out/job.log" 2>&1
what() { grep -E '^(board|workload|args)=' "$1/run.txt" 2>/dev/null | tr '\n' ' '; }
check "lava-fetch writes run.txt from the job: $(what "$out/refetch")" \
	"$(ok "-n '$(what "$out/pass")' && '$(what "$out/refetch")' == '$(what "$out/pass")'")" \
	"lab-job.sh's: $(what "$out/pass")"
echo "# job: $(( $(date +%s) - t0 ))s"

# --- a corrupted run comes back as a FAIL that names the location ---
"$lj/lab-job.sh" qemu-x86_64 check "$out/corrupt/job.yaml" stress-files \
	--cycles 2 --files 20 --corrupt 1 >> "$out/job.log" 2>&1
job=$("$lj/lava-submit.sh" "$out/corrupt/job.yaml" 2>>"$out/job.log")
POLL=2 "$lj/lava-wait.sh" "$job" >> "$out/wait.log" 2>&1
"$lj/lava-fetch.sh" "$job" "$out/corrupt" >> "$out/job.log" 2>&1
check "a corrupted guest is a FAIL fetched from the server, naming session, token, offset" \
	"$(grep -q '^FAIL: .*session=.* token=.* offset=' "$out/corrupt/result.txt" 2>/dev/null; echo $?)" \
	"$(cat "$out/corrupt/result.txt" 2>/dev/null)"

# --- faults: one line each, naming what is wrong ---
fake="$out/xdg"
mkdir -p "$fake"
dead=$((LAB_PORT + 9))
/usr/bin/python3 - "$fake/lavacli.yaml" "$dead" "$LAB_PORT" <<'PY'
import os, sys, yaml
path, dead, port = sys.argv[1:]
conf = {"down": {"uri": "http://127.0.0.1:%s/RPC2" % dead, "username": "luo-stress", "token": "x"},
        "badtoken": {"uri": "http://127.0.0.1:%s/RPC2" % port, "username": "luo-stress", "token": "not-the-token"}}
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
with os.fdopen(fd, "w") as f:
    yaml.safe_dump(conf, f)
PY
msg=$(XDG_CONFIG_HOME=$fake IDENTITY=down "$lj/lava-submit.sh" "$out/pass/job.yaml" 2>&1 >/dev/null)
rc=$?
check "server down: one line naming the URL" \
	"$(ok "$rc -ne 0 && $(wc -l <<<"$msg") -eq 1")" "$msg"
grep -q "http://127.0.0.1:$dead is down or unreachable" <<<"$msg"
check "  ... it says: $msg" "$?"
msg=$(XDG_CONFIG_HOME=$fake IDENTITY=badtoken "$lj/lava-wait.sh" 1 2>&1 >/dev/null)
rc=$?
check "wrong token: one line saying so" \
	"$(ok "$rc -ne 0 && $(wc -l <<<"$msg") -eq 1")" "$msg"
grep -q "refused the token" <<<"$msg"
check "  ... it says: $msg" "$?"
msg=$(IDENTITY=nosuch "$lj/lava-wait.sh" 1 2>&1 >/dev/null)
check "unknown identity: one line naming it" "$(grep -q "no lavacli identity 'nosuch'" <<<"$msg"; echo $?)" "$msg"

# a device whose dictionary the server refuses: the scheduler marks it Bad
dicts=/etc/lava-server/dispatcher-config/devices
# (device_info must be a list of mappings: a plain string is a classic slip)
printf '%s\n' "{% extends 'qemu.jinja2' %}" "{% set device_info = 'usb-hub-port-7' %}" \
	> "$dicts/luo-bad-01.jinja2"
chown lavaserver:lavaserver "$dicts/luo-bad-01.jinja2"
lab_device_add luo-bad-01 qemu "luo-stress check: a broken dictionary" luo-bad 2>/dev/null
lava-server manage devices update --health UNKNOWN luo-bad-01 >/dev/null
sed 's/^- qemu-x86_64$/- luo-bad/' "$out/pass/job.yaml" > "$out/bad-device.yaml"
job=$("$lj/lava-submit.sh" "$out/bad-device.yaml" 2>>"$out/job.log")
msg=$(POLL=2 TIMEOUT=60 "$lj/lava-wait.sh" "$job" 2>&1 >/dev/null | tail -n 1)
check "a Bad device: the wait fails naming it and the scheduler's reason" \
	"$(grep -q "luo-bad-01 is Bad (.*device_info.*expected a list" <<<"$msg"; echo $?)" "$msg"
echo "# $msg"
lavacli -i "$LAB_IDENTITY" jobs cancel "$job" >/dev/null 2>&1
lava-server manage devices update --health RETIRED luo-bad-01 >/dev/null

# a job that times out in LAVA
/usr/bin/python3 - "$out/pass/job.yaml" "$out/timeout.yaml" <<'PY'
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))
for a in job["actions"]:
    if "test" in a:  # the first stage hangs past its 20 s timeout
        a["test"]["timeout"] = {"seconds": 20}
        a["test"]["definitions"][0]["repository"]["run"]["steps"] = ["sleep 600"]
        break
yaml.safe_dump(job, open(sys.argv[2], "w"), sort_keys=False)
PY
job=$("$lj/lava-submit.sh" "$out/timeout.yaml" 2>>"$out/job.log")
msg=$(POLL=2 "$lj/lava-wait.sh" "$job" 2>&1 >/dev/null | tail -n 1)
check "a job that times out in LAVA: one line with LAVA's reason" \
	"$(grep -q "job $job Incomplete: .*[Tt]imed out" <<<"$msg"; echo $?)" "$msg"
echo "# $msg"

# --- no secret in any log, job or result the lab wrote ---
leaks=""
for f in admin-password user-token worker-token; do
	v=$(cat "$LAB_STATE/$f")
	[ ${#v} -ge 16 ] || { leaks="$leaks $f(too short)"; continue; }
	grep -rlF -- "$v" "$LOGS" >/dev/null 2>&1 && leaks="$leaks $f"
done
check "no secret is written into a log, a job or a fetched result (results/lava-lab/)" \
	"$(ok "-z '$leaks'")" "found:$leaks"

# --- every lab board's device dictionary on the server ---
"$lj/lab-boards.sh" > "$out/boards.log" 2>&1
check "every lab board's dictionary renders on the server and our job validates on it" "$?" \
	"$(grep '^not ok' "$out/boards.log" | head -n 3 | tr '\n' ' ')"
grep '^ok - .*a lab fills in' "$out/boards.log" | sed 's/^ok - /# /'

# --- down: none of its processes is left ---
if [ "$was_up" = 1 ]; then
	echo "# the lab was up before this check: left up"
else
	# shellcheck disable=SC2086 # a list of pids
	mapfile -t every < <(awk '{ print $2 }' "$LAB_STATE/pids"; descendants $pids)
	"$lj/lab-down.sh" > "$out/down.log" 2>&1
	check "make lava-lab-down stops the lab" "$?" "$(tail -n 1 "$out/down.log")"
	left=""
	for p in "${every[@]}"; do # a zombie waiting for init to reap it is gone
		st=$(ps -o stat= -p "$p" 2>/dev/null)
		[ -n "$st" ] && [[ "$st" != Z* ]] && left="$left $p($(ps -o comm= -p "$p"))"
	done
	check "none of the lab's ${#every[@]} processes is left" "$(ok "-z '$left'")" "$left"
	"$lj/lab-down.sh" >/dev/null 2>&1
	check "a second make lava-lab-down is harmless" "$?"
fi
echo "# lava-lab check: $(( $(date +%s) - t_start ))s"
echo "lava-lab: $pass passed, $fail failed"
[ "$fail" = 0 ]
