#!/usr/bin/env bash
# Host-side tests of the run post-processing (luo-collect, built with ASan
# and UBSan, boards/post-run.sh, and lava-jobs/lava-fetch.sh through a
# stand-in lavacli) on logs captured from real runs (tests/fixtures/README.md),
# whole, cut short and garbled.
# Ends with "collect: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
fx="$top/tests/fixtures"
lc="$top/build/host/luo-collect-san"
post="$top/boards/post-run.sh"
make -s -C "$top/collect" all san >/dev/null || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
csvt="$top/tests/collect/csvtool.py"

# shellcheck source=tests/check.sh
. "$top/tests/check.sh"

# copy FIXTURE NAME: a results directory to run post-run.sh on
copy() {
	rm -rf "${tmp:?}/$2"
	cp -r "$fx/$1" "$tmp/$2"
	echo "$tmp/$2"
}

value() { # value METRIC-LINE: its value= field
	[[ "$1" =~ \ value=([0-9.]+)\  ]] && echo "${BASH_REMATCH[1]}"
}

printk() { # printk LOG PATTERN N: printk seconds of the Nth line matching
	cut -d' ' -f2- "$1" | grep -E "$2" | sed -n "${3}p" |
		sed 's/^\[ *\([0-9.]*\)\].*/\1/'
}

# logdir LOG: a results directory holding LOG as its serial log
logdir() {
	local d
	d=$(mktemp -d -p "$tmp")
	cp "$1" "$d/serial.log"
	echo "$d"
}

# --- luo-collect on a whole passing run ---
log="$fx/qemu-x86_64-pass/serial.log"
m=$("$lc" --lines "$fx/qemu-x86_64-pass")
check "a passing run collects with status 0" "$?"
guest=$(cut -d' ' -f2- "$log" | grep -c '^# metric: ')
total=$(grep -c '^# metric: ' <<<"$m")
check "all guest metric lines kept, 6 derived per cycle (reboot, freeze, blackout and its 3 parts)" \
	"$([ "$total" = $((guest + 18)) ] && echo 0 || echo 1)" "$total lines, $guest from guest"
check "no kprobes in this log: freeze falls back to printk markers" \
	"$(grep 'phase=freeze ' <<<"$m" | grep -vq 'method=printk_marker' && echo 1 || echo 0)"
"$lc" -o "$tmp/pass-rows.csv" "$fx/qemu-x86_64-pass"
check "CSV: header plus one row per metric" \
	"$([ "$(wc -l < "$tmp/pass-rows.csv")" = $((total + 1)) ] && echo 0 || echo 1)"
labels=$("$csvt" get "$tmp/pass-rows.csv" status,sessions,files,blocks | sort -u)
check "CSV: every row passed, with labels" \
	"$([ "$labels" = "pass,2,200,10" ] && echo 0 || echo 1)" "$labels"
for c in 1 2 3; do
	line=$(grep "^# metric: cycle=$c phase=freeze " <<<"$m")
	got=$(value "$line")
	want=$(awk -v a="$(printk "$log" 'luo-stress: kexec cycle=' "$c")" \
		-v b="$(printk "$log" 'Starting new kernel' "$c")" \
		'BEGIN { printf "%.3f", (b - a) * 1000 }')
	check "cycle $c freeze is the printk distance marker -> Starting new kernel" \
		"$([ -n "$got" ] && [ "$got" = "$want" ] && echo 0 || echo 1)" "got '$got', want '$want'"
	labels=$(grep "^# metric: cycle=$c phase=preserve " <<<"$m" | sed 's/.* sessions=/sessions=/')
	check "cycle $c freeze carries the cycle's labels" \
		"$(grep -q -- "$labels\$" <<<"$line" && echo 0 || echo 1)"
	b=$(value "$(grep "^# metric: cycle=$c phase=blackout " <<<"$m")")
	check "cycle $c blackout is positive and longer than freeze" \
		"$(awk -v b="${b:-0}" -v f="${got:-0}" 'BEGIN { exit !(b > f && f > 0) }'; echo $?)" "blackout '$b'"
done

# --- the blackout in three parts that add up to it ---
m=$("$lc" --lines "$fx/qemu-x86_64-pass")
for c in 1 2 3; do
	parts=$(for p in blackout_reboot blackout_handover blackout_boot; do
		value "$(grep "^# metric: cycle=$c phase=$p " <<<"$m")"; done | tr '\n' ' ')
	whole=$(value "$(grep "^# metric: cycle=$c phase=blackout " <<<"$m")")
	check "cycle $c: reboot, handover and boot add up to the blackout" \
		"$(awk -v p="$parts" -v w="$whole" 'BEGIN { n = split(p, a, " "); s = 0
			for (i = 1; i <= n; i++) { if (a[i] <= 0) exit 1; s += a[i] }
			exit !(n == 3 && s - w < 0.0035 && w - s < 0.0035) }'; echo $?)" "parts '$parts' whole '$whole'"
done

# --- kprobe events: freeze and deserialize from kretprobe timestamps ---
kp="$fx/qemu-x86_64-kprobes"
m=$("$lc" --lines "$kp")
for c in 1 2 3; do
	got=$(value "$(grep "^# metric: cycle=$c phase=freeze .*method=kretprobe" <<<"$m")")
	want=$(awk -v a="$(printk "$kp/serial.log" 'luo_reboot_in: \(' "$c")" \
		-v b="$(printk "$kp/serial.log" 'luo_reboot_out: \(' "$c")" \
		'BEGIN { printf "%.3f", (b - a) * 1000 }')
	check "cycle $c freeze is liveupdate_reboot's kretprobe time" \
		"$([ -n "$got" ] && [ "$got" = "$want" ] && echo 0 || echo 1)" "got '$got', want '$want'"
	# deserialize of cycle c runs in kernel c (the first open there)
	got=$(value "$(grep "^# metric: cycle=$c phase=deserialize .*method=kretprobe" <<<"$m")")
	want=$(awk -v a="$(printk "$kp/serial.log" 'luo_deser_in: \(' $((c + 1)))" \
		-v b="$(printk "$kp/serial.log" 'luo_deser_out: \(' $((c + 1)))" \
		'BEGIN { printf "%.3f", (b - a) * 1000 }')
	check "cycle $c deserialize is luo_session_deserialize's kretprobe time" \
		"$([ -n "$got" ] && [ "$got" = "$want" ] && echo 0 || echo 1)" "got '$got', want '$want'"
done

# --- a kernel line interleaved into a metric line is split back out ---
il="$fx/qemu-x86_64-interleaved"
m=$("$lc" --lines "$il" 2>"$tmp/il.err")
check "interleaved printk: the metric line before it is kept" \
	"$(grep -q '^# metric: cycle=1 phase=kexec_load value=165.316 ' <<<"$m"; echo $?)"
check "interleaved printk: nothing counted malformed" \
	"$([ ! -s "$tmp/il.err" ] && echo 0 || echo 1)" "$(cat "$tmp/il.err")"

# --- cut short: only complete cycles get derived metrics ---
half=$((($(wc -l < "$log") + 1) / 2))
head -n "$half" "$log" > "$tmp/half.log"
m=$("$lc" --lines "$(logdir "$tmp/half.log")" 2>/dev/null)
rc=$?
check "half a log collects as incomplete (status 2)" "$([ $rc = 2 ] && echo 0 || echo 1)" "status $rc"
row=$("$lc" "$(logdir "$tmp/half.log")" 2>/dev/null | grep ',status,')
check "half a log: the status row says where the guest stopped" \
	"$(grep -q ',status,.*,incomplete,guest-died,cycle [0-9]*: guest died in [a-z_]* (' <<<"$row"; echo $?)" "$row"
n=$(grep -c 'phase=blackout ' <<<"$m")
check "half a log: fewer blackout metrics than cycles" \
	"$([ "$n" -lt 3 ] && echo 0 || echo 1)" "$n"
head -c 4000 /dev/urandom > "$tmp/garbage.log" 2>/dev/null ||
	dd if=/dev/urandom of="$tmp/garbage.log" bs=1000 count=4 2>/dev/null
m=$("$lc" --lines "$(logdir "$tmp/garbage.log")" 2>"$tmp/garbage.err")
rc=$?
check "garbage: no metric, incomplete, malformed lines counted" \
	"$([ -z "$m" ] && [ $rc = 2 ] && grep -q 'malformed lines skipped' "$tmp/garbage.err" && echo 0 || echo 1)" "status $rc"
printf '%s\n' "1.0 # metric: cycle=1 phase=preserve value=1" \
	"1.1 # metric: cycle=x phase=preserve value=1.000 unit=ms method=user sessions=1 files=1 pages=1 page_size=4096 abi=luo-v5 blocks=2 session_blocks=1 file_blocks=1" \
	> "$tmp/cut.log"
m=$("$lc" --lines "$(logdir "$tmp/cut.log")" 2>"$tmp/cut.err")
check "cut or garbled metric lines are dropped with a warning" \
	"$([ -z "$m" ] && grep -q ': 2 malformed lines skipped' "$tmp/cut.err" && echo 0 || echo 1)" "$(cat "$tmp/cut.err")"
printf '%s\n' "1.0 luo-stress-init: start" \
	"1.1 error: --sessions 0 out of range 1..4294967296" \
	"1.2 luo-stress-init: done rc=1" > "$tmp/opt.log"
v=$("$lc" --verdict "$(logdir "$tmp/opt.log")" 2>/dev/null)
check "a program refusing its options: its own error is the verdict" \
	"$([ "$v" = "fail: error: --sessions 0 out of range 1..4294967296" ] && echo 0 || echo 1)" "$v"
check "a missing log is an error (status 3)" \
	"$("$lc" "$tmp/nothing-here" >/dev/null 2>&1; [ $? = 3 ] && echo 0 || echo 1)"
c=$("$lc" "$fx/qemu-x86_64-selfcheck" 2>/dev/null)
rc=$?
check "a corrupted run collects as failed, message on its rows" \
	"$([ $rc = 1 ] && grep -q ',2,verify,.*,fail,data,# FAIL data: cycle=2 session=luo-stress-files-1 token=0 page=2 offset=117 ' <<<"$c" && echo 0 || echo 1)" "status $rc"
c=$("$lc" "$fx/qemu-x86_64-killed" 2>/dev/null)
check "a killed run: cycle 1 incomplete" \
	"$(grep -q ',1,status,.*,incomplete,' <<<"$c"; echo $?)"
w="$tmp/warn"
cp -r "$fx/qemu-x86_64-pass" "$w"
sed -i '400s/$/\n1795609980.000000 [    1.000000] WARNING: CPU: 0 PID: 1 at kernel\/liveupdate\/luo_file.c:1 test/' "$w/serial.log"
c=$("$lc" "$w" 2>/dev/null)
rc=$?
check "a kernel WARNING fails its cycle in the CSV" \
	"$([ $rc = 1 ] && grep -q ',fail,kernel-warning,cycle [0-9]*: kernel warning in [a-z_]*: WARNING: CPU: 0 PID: 1 at kernel/liveupdate/luo_file.c:1 test' <<<"$c" && echo 0 || echo 1)" "status $rc"
big="$tmp/big"
mkdir -p "$big"
# 2000 cycles: memory stays bounded (a few cycles held), rows all come out
awk 'BEGIN { for (c = 1; c <= 2000; c++) {
	printf "%d.0 # metric: cycle=%d phase=preserve value=1.000 unit=ms method=user sessions=1 files=1 pages=1 page_size=4096 abi=luo-v5 blocks=2 session_blocks=1 file_blocks=1\n", c, c
	printf "%d.1 # kexec: cycle %d of 2000\n", c, c
	printf "%d.2 [    1.000000] luo-stress: kexec cycle=%d\n", c, c
	printf "%d.3 [    1.500000] kexec_core: Starting new kernel\n", c
	printf "%d.4 luo-stress-init: start\n", c + 1
	printf "%d.5 ok 2 verify\n", c + 1 }
	print "2001.9 luo-stress-init: done rc=0" }' > "$big/serial.log"
n=$("$lc" --lines "$big" | grep -c 'phase=freeze value=500.000 unit=ms method=printk_marker')
check "2000 synthetic cycles stream through, freeze derived for each" \
	"$([ "$n" = 2000 ] && echo 0 || echo 1)" "$n"

# --- a LAVA job log: same CSV shape and phases as the QEMU runner's ---
lv="$fx/lava-qemu-x86_64"
"$lc" -o "$tmp/lava.csv" "$lv" 2>/dev/null
rc=$?
check "LAVA log collects, job passed (status 0)" "$rc"
"$lc" -o "$tmp/kprobes.csv" "$fx/qemu-x86_64-kprobes" 2>/dev/null
check "LAVA CSV has the QEMU CSV's header" \
	"$([ "$(head -n 1 "$tmp/lava.csv")" = "$(head -n 1 "$tmp/kprobes.csv")" ] && echo 0 || echo 1)"
lp=$("$csvt" get "$tmp/lava.csv" cycle,phase | sort -u | tr '\n' ' ')
qp=$("$csvt" get "$tmp/kprobes.csv" cycle,phase | grep -v ',kexec_load$' | sort -u | tr '\n' ' ')
check "LAVA run has the QEMU run's cycles and phases (kexec_load is LAVA's own)" \
	"$([ "$lp" = "$qp" ] && echo 0 || echo 1)" "lava: $lp / qemu: $qp"
check "LAVA run: every cycle passed" \
	"$([ "$("$csvt" get "$tmp/lava.csv" status | sort -u)" = pass ] && echo 0 || echo 1)"
bad="$tmp/lava-bad"
mkdir -p "$bad"
sed 's/"msg": "ok 2 verify"/"msg": "not ok 2 verify"/' "$lv/lava.log" > "$bad/lava.log"
"$lc" "$bad" >/dev/null 2>&1
check "LAVA log with a failed verify collects as failed (status 1)" "$([ $? = 1 ] && echo 0 || echo 1)"

# --- the same job on a LAVA server, as `lavacli jobs logs --raw` returns it ---
sv="$fx/lava-server-qemu-x86_64-pass"
"$lc" -o "$tmp/server.csv" "$sv" 2>"$tmp/sv.err"
rc=$?
check "server log (YAML list of {dt, lvl, msg}) collects, job passed (status 0)" "$rc"
check "server log: no line counted malformed (console noise such as '[6n' is text)" \
	"$([ ! -s "$tmp/sv.err" ] && echo 0 || echo 1)" "$(cat "$tmp/sv.err")"
sp=$("$csvt" get "$tmp/server.csv" phase | sort -u | tr '\n' ' ')
lp=$("$csvt" get "$tmp/lava.csv" phase | sort -u | tr '\n' ' ')
check "server log has the phases of the lava-run log" "$([ "$sp" = "$lp" ] && echo 0 || echo 1)" "server: $sp / lava-run: $lp"
rows=$("$csvt" get "$tmp/server.csv" status,board,cycle | sort -u | tr '\n' ' ')
check "server log: 2 cycles, every row passed, board from run.txt" \
	"$([ "$rows" = "pass,qemu-x86_64,1 pass,qemu-x86_64,2 " ] && echo 0 || echo 1)" "$rows"
v=$("$lc" --verdict "$fx/lava-server-qemu-x86_64-corrupt" 2>/dev/null)
rc=$?
check "server log of a corrupted run: failed, naming session, token and offset" \
	"$([ $rc = 1 ] && [[ "$v" == *"session=luo-stress-files-1 token=0 page=0 offset=2481 "* ]] && echo 0 || echo 1)" "status $rc: $v"

# --- lava-fetch.sh (make lava-fetch) on that job, through a stand-in
# lavacli answering from the fixture: run.txt names board, workload and
# args from the job's metadata, whatever its name says ---
st="$tmp/stand-in"
mkdir -p "$st/bin" "$st/xdg"
"$top/lava-jobs/generate.py" --board qemu-x86_64 --workload stress-files --args "--cycles 2" \
	--kernel-url http://127.0.0.1:8002/check/qemu-x86_64/Image \
	--ramdisk-url http://127.0.0.1:8002/check/qemu-x86_64/ramdisk.cpio \
	--tags qemu-x86_64 --out "$st/definition.yaml"
# the server's job description is the job's name
/usr/bin/python3 - "$sv/job-status.yaml" "$st/definition.yaml" > "$st/job-status.yaml" <<'PY'
import sys, yaml
job = yaml.safe_load(open(sys.argv[1]))
job["description"] = yaml.safe_load(open(sys.argv[2]))["job_name"]
yaml.safe_dump(job, sys.stdout)
PY
cat > "$st/bin/lavacli" <<SH
#!/bin/sh
shift 2 # -i IDENTITY
case "\$*" in
"jobs show "*) cat "$st/job-status.yaml" ;;
"jobs logs --raw "*) cat "$sv/lava.log" ;;
"results "*) cat "$sv/results.yaml" ;;
"jobs definition "*) cat "$st/definition.yaml" ;;
*) echo "stand-in lavacli: \$*" >&2; exit 1 ;;
esac
SH
chmod +x "$st/bin/lavacli"
printf 'stand-in:\n  uri: http://127.0.0.1:9/RPC2\n' > "$st/xdg/lavacli.yaml"
PATH="$st/bin:$PATH" XDG_CONFIG_HOME="$st/xdg" IDENTITY=stand-in \
	"$top/lava-jobs/lava-fetch.sh" 12 "$tmp/fetched" 2>"$tmp/fetch.err"
rc=$?
check "lava-fetch: the job fetched and collected: PASS" \
	"$([ $rc = 0 ] && grep -qx PASS "$tmp/fetched/result.txt" 2>/dev/null && echo 0 || echo 1)" \
	"status $rc: $(tail -n 1 "$tmp/fetch.err")"
what=$(grep -E '^(board|workload|args)=' "$tmp/fetched/run.txt" 2>/dev/null | tr '\n' ' ')
check "lava-fetch: run.txt has board, workload and args from the job's metadata" \
	"$([ "$what" = "board=qemu-x86_64 workload=stress-files args=--cycles 2 " ] && echo 0 || echo 1)" "$what"
rows=$("$csvt" get "$tmp/fetched/metrics.csv" board 2>/dev/null | sort -u | tr '\n' ' ')
check "lava-fetch: every CSV row names the job's board" \
	"$([ "$rows" = "qemu-x86_64 " ] && echo 0 || echo 1)" "$rows"

# --- KHO disabled at boot: the run fails naming the kernel's reason ---
v=$("$lc" --verdict "$fx/qemu-arm64-64k-kho-scratch" 2>/dev/null)
check "KHO scratch failure is the verdict, not a silent skip" \
	"$([[ "$v" == "fail: LUO/KHO error in boot: KHO: Failed to reserve "*" scratch buffer" ]] && echo 0 || echo 1)" "$v"

# --- luo-aggregate: statistics, growth fit ---
la="$top/build/host/luo-aggregate-san"
"$lc" -o "$tmp/pass.csv" "$fx/qemu-x86_64-pass"
"$la" "$tmp/pass.csv" > "$tmp/agg.csv"
pre=(board=qemu-x86_64 page_size=4096 phase=preserve)
row=$("$csvt" get "$tmp/agg.csv" sessions,files,pages,blocks,n,median,min,max "${pre[@]}")
vals=$("$csvt" get "$tmp/pass.csv" value phase=preserve | sort -n | tr '\n' ' ')
read -r lo mid hi <<<"$vals"
check "aggregate: preserve median, min, max of the 3 cycles" \
	"$([ "$row" = "2,200,2,10,3,$mid,$lo,$hi" ] && echo 0 || echo 1)" "'$row' from '$vals'"
# the charts' x (x_blocks, x_from): the kernel's count where it counted
# (>= 0, 0 too), else the model's; this log has no kernel count
x=$("$csvt" get "$tmp/agg.csv" blocks,kernel_blocks,x_blocks,x_from "${pre[@]}")
check "aggregate: no kernel count: x is the model's blocks" \
	"$([ "$x" = "10,,10,model" ] && echo 0 || echo 1)" "$x"
for kb in 7 0 -1; do
	"$csvt" set "$tmp/pass.csv" kernel_blocks "$kb" > "$tmp/kb$kb.csv"
	"$la" "$tmp/kb$kb.csv" > "$tmp/kb$kb-agg.csv"
	x=$("$csvt" get "$tmp/kb$kb-agg.csv" kernel_blocks,x_blocks,x_from "${pre[@]}")
	want="$kb,$kb,kernel"
	[ "$kb" = -1 ] && want="-1,10,model"
	check "aggregate: kernel_blocks $kb: x_blocks and x_from $want" \
		"$([ "$x" = "$want" ] && echo 0 || echo 1)" "$x"
done
# the report says where x came from by x_from: a count of 0 is the
# kernel's, as x_blocks is (it said "from the block model" before)
src=$(cd "$top/plots" && /usr/bin/python3 -c 'import sys, report
print(report.xsource(report.read_csv(sys.argv[1])))' "$tmp/kb0-agg.csv" 2>&1)
check "report: x from a kernel count of 0 says counted by the kernel" \
	"$([ "$src" = "counted by the kernel" ] && echo 0 || echo 1)" "$src"
# synthetic points: PHASE on t = C * x^E at blocks x (the model's count,
# the kernel's -1: not counted), one agg.csv row each
points() { # points PHASE C E [X...]
	local ph=$1 c=$2 e=$3 x t
	shift 3
	for x in "$@"; do
		t=$(awk -v c="$c" -v e="$e" -v x="$x" 'BEGIN { printf "%.6f", c * x ^ e }')
		"$csvt" row "$tmp/agg.csv" board=qemu-x86_64 page_size=4096 \
			phase="$ph" sessions=1 files="$x" pages=1 blocks="$x" \
			kernel_blocks=-1 n=3 median="$t" min="$t" max="$t"
	done
}
{
	head -n 1 "$tmp/agg.csv"
	points preserve 0.5 2 10 20 40 80 160 320
	points retrieve 2 1 10 20
} > "$tmp/quad.csv"
"$la" --fit "$tmp/quad.csv" > "$tmp/quad-fit.csv"
fitrow=$("$csvt" get "$tmp/quad-fit.csv" points,exponent,exponent_lo,exponent_hi,r2,local_exponent phase=preserve)
check "fit: points on 0.5 blocks^2 give exponent 2, an interval of width 0, R2 1, local exponent 2" \
	"$([ "$fitrow" = "6,2.000,2.000,2.000,1.000,2.000" ] && echo 0 || echo 1)" "$fitrow"
icpt=$("$csvt" get "$tmp/quad-fit.csv" intercept phase=preserve)
check "fit: the intercept is log of the constant (median = exp(intercept) blocks^exponent)" \
	"$(awk -v i="$icpt" 'BEGIN { exit !(i == sprintf("%.4f", log(0.5))) }'; echo $?)" "$icpt"
row=$("$csvt" get "$tmp/quad-fit.csv" points,exponent,note phase=retrieve)
check "fit: 2 points are too few (no exponent)" \
	"$([ "$row" = "2,,too few points" ] && echo 0 || echo 1)" "$row"
# a quadratic phase whose small points a constant cost dominates
{
	head -n 1 "$tmp/agg.csv"
	points preserve 1 2 10 20 40 80 160 320 640
} > "$tmp/qc.csv"
# (points gives min = max = median: all three 1000 more)
"$csvt" add "$tmp/qc.csv" 1000 median,min,max > "$tmp/qc1000.csv"
"$la" --fit "$tmp/qc1000.csv" > "$tmp/qc-fit.csv"
read -r e elo ehi loc <<<"$("$csvt" get "$tmp/qc-fit.csv" exponent,exponent_lo,exponent_hi,local_exponent phase=preserve | tr , ' ')"
check "fit: constant plus quadratic: the local exponent reads near 2, above the whole-range interval" \
	"$(awk -v e="$e" -v hi="$ehi" -v l="$loc" 'BEGIN { d = l - 2; if (d < 0) d = -d
		exit !(l > hi && hi > e && d < 2 - e) }'; echo $?)" "exponent $e [$elo, $ehi], local $loc"
# the kernel's count is the x where it counted: median = kernel_blocks,
# model blocks = kernel_blocks^2 (a fit on the model's would say 0.5)
{
	head -n 1 "$tmp/agg.csv"
	for x in 10 20 40 80 160 320 640; do
		"$csvt" row "$tmp/agg.csv" board=qemu-x86_64 page_size=4096 \
			phase=preserve sessions=1 files="$x" pages=1 \
			blocks=$((x * x)) kernel_blocks="$x" n=3 median="$x" \
			min="$x" max="$x"
	done
} > "$tmp/kb.csv"
row=$("$csvt" get <("$la" --fit "$tmp/kb.csv") exponent,note phase=preserve)
check "fit: x is the kernel's block count where it counted" \
	"$([ "$row" = "1.000," ] && echo 0 || echo 1)" "$row"
# a real sweep: every fit's interval holds its exponent, and the line
# passes through the points' center (mean log blocks, mean log median)
sw="$fx/sweep-aa-1/metrics.csv"
"$la" "$sw" > "$tmp/sweep-agg.csv"
"$la" --fit "$tmp/sweep-agg.csv" > "$tmp/sweep-fit.csv"
got=$(/usr/bin/python3 - "$tmp/sweep-agg.csv" "$tmp/sweep-fit.csv" <<'PY'
import csv, math, sys
agg = list(csv.DictReader(open(sys.argv[1])))
bad = []
for f in csv.DictReader(open(sys.argv[2])):
    e, lo, hi, i = (float(f[k]) for k in ("exponent", "exponent_lo", "exponent_hi", "intercept"))
    rows = [r for r in agg if r["phase"] == f["phase"]]
    x = [math.log(float(r["kernel_blocks"] if float(r["kernel_blocks"]) >= 0 else r["blocks"])) for r in rows]
    y = [math.log(float(r["median"])) for r in rows]
    mx, my = sum(x) / len(x), sum(y) / len(y)
    # exponent and intercept are printed to 3 and 4 decimals
    if not (lo <= e <= hi) or abs(i + e * mx - my) > 0.0005 * abs(mx) + 0.0001 \
            or int(f["points"]) != len(rows):
        bad.append(f["phase"])
print(" ".join(bad) or "ok")
PY
)
check "fit on a real sweep: interval around the exponent, line through the points' center" \
	"$([ "$got" = ok ] && echo 0 || echo 1)" "$got"

# --- luo-aggregate --compare: two sweeps' metrics.csv ---
aa1="$fx/sweep-aa-1/metrics.csv"
aa2="$fx/sweep-aa-2/metrics.csv"
slow="$fx/sweep-slow-preserve/metrics.csv"
# flagged CSV: the deciding rows' phases with a verdict of slower
flagged() { "$csvt" get "$1" phase sessions=all verdict=slower | tr '\n' ' '; }
"$la" --compare "$aa1" "$aa2" > "$tmp/aa.csv" 2>"$tmp/aa.err"
rc=$?
cols=$(head -n 1 "$tmp/aa.csv")
check "compare: compare.csv's columns" \
	"$([ "$cols" = "board,page_size,phase,method,sessions,files,pages,blocks,base_n,new_n,base_median,new_median,ratio,ratio_lo,ratio_hi,p_value,min_effect,detectable,verdict,pairs,change_pct,base_stddev_pct,new_stddev_pct,paired_by,against,workers,churn,faults" ] && echo 0 || echo 1)" "$cols"
n=$("$csvt" get "$tmp/aa.csv" phase sessions=all | wc -l)
k=$("$csvt" get "$aa1" phase | sort -u | wc -l)
check "compare: one deciding row per phase" "$([ "$n" = "$k" ] && echo 0 || echo 1)" "$n rows, $k phases"
check "A/A: two real sweeps of one kernel flag nothing (exit 0)" \
	"$([ $rc = 0 ] && [ -z "$(flagged "$tmp/aa.csv")" ] && echo 0 || echo 1)" "status $rc, flagged '$(flagged "$tmp/aa.csv")'"
check "A/A: stderr says so, with the family-wise false-alarm rate" \
	"$(grep -qx "luo-aggregate: 0 phases slower beyond noise ($k compared, each at p < .*: family-wise false-alarm rate 0.05)" "$tmp/aa.err"; echo $?)" "$(cat "$tmp/aa.err")"
"$la" --compare "$aa2" "$aa1" > "$tmp/aa-r.csv" 2>/dev/null
rc=$?
check "A/A the other way round: nothing flagged (exit 0)" \
	"$([ $rc = 0 ] && [ -z "$(flagged "$tmp/aa-r.csv")" ] && echo 0 || echo 1)" "status $rc, flagged '$(flagged "$tmp/aa-r.csv")'"
bad=$("$csvt" get "$tmp/aa.csv" phase,ratio_lo,ratio,ratio_hi,p_value,detectable,min_effect sessions=all |
	awk -F, '!($2 <= $3 && $3 <= $4 && $5 > 0 && $5 <= 1 && $6 >= $7) { print $1 }')
check "compare: each phase's interval holds its ratio, p in (0, 1], detectable at least the minimum effect" \
	"$([ -z "$bad" ] && echo 0 || echo 1)" "$bad"
# the kernel slowed in preserve (tests/fixtures/README.md), against
# each of the A/A pair: preserve, and nothing else, is flagged
for base in aa-1 aa-2; do
	"$la" --compare "$fx/sweep-$base/metrics.csv" "$slow" > "$tmp/slow-$base.csv" 2>/dev/null
	rc=$?
	got=$(flagged "$tmp/slow-$base.csv")
	check "a real sweep slowed in preserve, against $base: preserve only (exit 1)" \
		"$([ $rc = 1 ] && [ "$got" = "preserve " ] && echo 0 || echo 1)" "status $rc, flagged '$got'"
done
# the same run three times as slow in one phase, and against itself
"$csvt" scale "$aa1" 3 value phase=preserve > "$tmp/aa1-3x.csv"
"$la" --compare "$aa1" "$tmp/aa1-3x.csv" > "$tmp/cmp.csv" 2>/dev/null
rc=$?
got=$("$csvt" get "$tmp/cmp.csv" phase,ratio sessions=all verdict=slower)
check "compare: a phase 3x slower is flagged (exit 1), the others are not" \
	"$([ $rc = 1 ] && [ "$got" = "preserve,3.000" ] && echo 0 || echo 1)" "status $rc, flagged '$got'"
"$la" --compare "$aa1" "$aa1" > "$tmp/same.csv" 2>/dev/null
rc=$?
check "compare: a sweep against itself flags nothing (exit 0)" \
	"$([ $rc = 0 ] && [ -z "$(flagged "$tmp/same.csv")" ] && echo 0 || echo 1)" "status $rc"
"$la" --compare "$tmp/agg.csv" "$aa1" > /dev/null 2>"$tmp/bad.err"
rc=$?
check "compare: agg.csv for a metrics.csv is bad input (status 3, one line naming the column)" \
	"$([ $rc = 3 ] && [ "$(wc -l < "$tmp/bad.err")" = 1 ] && grep -q ': no column [a-z_]*$' "$tmp/bad.err" && echo 0 || echo 1)" "status $rc: $(cat "$tmp/bad.err")"
"$la" --compare "$tmp/nothing.csv" "$aa1" > /dev/null 2>&1
check "compare: a missing file is bad input (status 3)" "$([ $? = 3 ] && echo 0 || echo 1)"
sed 's/qemu-x86_64/other-board/g' "$aa2" > "$tmp/other.csv"
"$la" --compare "$aa1" "$tmp/other.csv" > /dev/null 2>"$tmp/bad.err"
rc=$?
check "compare: sweeps with no phase in common are bad input (status 3)" \
	"$([ $rc = 3 ] && grep -q 'share no phase' "$tmp/bad.err" && echo 0 || echo 1)" "status $rc: $(tail -n 1 "$tmp/bad.err")"

# --- the rule's error, simulated with the noise of the real A/A sweeps ---
# (luo-aggregate --simulate: pairs of sweeps drawn from the sweeps' point
# levels, cycle effects and residuals, decided by the rule itself)
"$la" --simulate 0 20000 "$aa1" "$aa2" > "$tmp/null.csv"
read -r rate prate <<<"$("$csvt" get "$tmp/null.csv" rate,p_rate phase=all | tr , ' ')"
check "simulated A/A pairs: the family-wise false-alarm rate is at most 0.05 (the stated alpha)" \
	"$(awk -v r="$rate" -v p="$prate" 'BEGIN { exit !(r <= 0.05 && p <= 0.05) }'; echo $?)" "rule $rate, p-value alone $prate"
# one phase 25% slower at 3 cycles: every phase that says it detects 25%
# does so at least 80% of the time (less three standard errors of the
# rate), the others stay quiet
"$la" --simulate 0.25 1000 "$aa1" "$aa2" > "$tmp/pow3.csv"
bad=$("$csvt" get "$tmp/pow3.csv" phase,rate,detectable,sweeps | awk -F, '
	$1 == "all" { if ($2 > 0.05) print "others flagged", $2; next }
	$3 != "inf" && $3 <= 0.25 && $2 < 0.8 - 3 * sqrt(0.16 / $4) { print $1, $3, $2 }')
check "simulated 25% regressions at 3 cycles: flagged as often as detectable says, no other phase" \
	"$([ -z "$bad" ] && echo 0 || echo 1)" "$bad"
quiet=$("$csvt" get "$tmp/pow3.csv" phase,detectable,rate | awk -F, '$1 != "all" { printf "%s %s %s; ", $1, $2, $3 }')
echo "# power at 25%, 3 cycles (phase, detectable, rate): $quiet"
# the cycles --cycles-for names for 25% give the rule its 80%
"$la" --cycles-for 0.25 "$aa1" "$aa2" > "$tmp/cfor.csv" 2>"$tmp/cfor.err"
check "cycles-for: one line on stderr" "$([ "$(wc -l < "$tmp/cfor.err")" = 1 ] && echo 0 || echo 1)" "$(cat "$tmp/cfor.err")"
main=(preserve freeze retrieve finish blackout)
for p in "${main[@]}"; do
	n=$("$csvt" get "$tmp/cfor.csv" cycles phase="$p")
	[ -n "$n" ] || { check "cycles-for: $p gets a number of cycles" 1 "$(cat "$tmp/cfor.err")"; continue; }
	[ -f "$tmp/pow-$n.csv" ] ||
		"$la" --simulate 0.25 400 --cycles "$n" "$aa1" "$aa2" > "$tmp/pow-$n.csv"
	r=$("$csvt" get "$tmp/pow-$n.csv" rate,sweeps phase="$p")
	check "cycles-for: with the $n cycles it names for $p, a 25% regression there is flagged in 80% of sweeps" \
		"$(awk -F, -v r="$r" 'BEGIN { split(r, a, ","); exit !(a[1] >= 0.8 - 3 * sqrt(0.16 / a[2])) }'; echo $?)" "rate,sweeps $r"
done
c25=$("$csvt" get "$tmp/cfor.csv" cycles phase=preserve)
c50=$("$csvt" get <("$la" --cycles-for 0.5 "$aa1" "$aa2" 2>/dev/null) cycles phase=preserve)
check "cycles-for: a larger change needs no more cycles" \
	"$([ -n "$c50" ] && [ "$c50" -le "$c25" ] && echo 0 || echo 1)" "25%: $c25, 50%: $c50"
note=$("$csvt" get <("$la" --cycles-for 0.05 "$aa1" 2>/dev/null) cycles,note phase=preserve)
check "cycles-for: a change under the minimum effect gets no number" \
	"$([ "$note" = ",at or below the minimum effect" ] && echo 0 || echo 1)" "$note"
"$la" --cycles-for 25% "$aa1" > /dev/null 2>&1
check "cycles-for: a change that is not a fraction is bad input (status 3)" "$([ $? = 3 ] && echo 0 || echo 1)"

# --- squad, bad input ---
sq=$("$la" --squad "$tmp/pass.csv")
nphases=$("$csvt" get "$tmp/pass.csv" phase | sort -u | wc -l)
want=$("$csvt" get "$tmp/pass.csv" value phase=preserve | tr '\n' ' ')
got=$(/usr/bin/python3 -c 'import json, sys
d = json.load(sys.stdin)
print(len(d), " ".join("%.3f" % v for v in d["preserve/qemu-x86_64-4096-s2-f200-p2"]))' <<<"$sq" 2>&1)
check "squad: valid JSON, one metric per phase, the cycles' values in order" \
	"$([ "$got" = "$nphases ${want% }" ] && echo 0 || echo 1)" "got '$got', want '$nphases ${want% }'"
check "aggregate: a file that is not CSV is an error (status 3)" \
	"$("$la" "$fx/qemu-x86_64-pass/serial.log" >/dev/null 2>&1; [ $? = 3 ] && echo 0 || echo 1)"

# --- names, not positions: an extra column changes no number ---
"$csvt" insert "$tmp/pass.csv" lab "lab 1, rack 2" board > "$tmp/pass-x.csv"
"$la" "$tmp/pass-x.csv" > "$tmp/agg-x.csv"
check "extra column in metrics.csv: aggregate unchanged" \
	"$(cmp -s "$tmp/agg.csv" "$tmp/agg-x.csv"; echo $?)"
"$csvt" insert "$tmp/agg.csv" lab "lab 1, rack 2" board > "$tmp/agg-xx.csv"
"$la" --fit "$tmp/agg.csv" > "$tmp/fit.csv"
"$la" --fit "$tmp/agg-xx.csv" > "$tmp/fit-x.csv"
check "extra column in agg.csv: fits unchanged" \
	"$(cmp -s "$tmp/fit.csv" "$tmp/fit-x.csv"; echo $?)"
"$csvt" insert "$tmp/sweep-agg.csv" lab "lab 1, rack 2" board > "$tmp/sweep-agg-x.csv"
check "extra column in a real sweep's agg.csv: fits unchanged" \
	"$(cmp -s "$tmp/sweep-fit.csv" <("$la" --fit "$tmp/sweep-agg-x.csv"); echo $?)"
for f in "$aa1" "$aa2"; do
	"$csvt" insert "$f" lab "lab 1, rack 2" board > "$tmp/x-${f//\//_}"
done
aa1x="$tmp/x-${aa1//\//_}"
aa2x="$tmp/x-${aa2//\//_}"
"$la" --compare "$aa1x" "$aa2x" > "$tmp/aa-x.csv" 2>/dev/null
check "extra column in metrics.csv: compare unchanged" \
	"$(cmp -s "$tmp/aa.csv" "$tmp/aa-x.csv"; echo $?)"
"$la" --cycles-for 0.5 "$aa1x" "$aa2x" > "$tmp/cfor-x.csv" 2>/dev/null
"$la" --cycles-for 0.5 "$aa1" "$aa2" > "$tmp/cfor-p.csv" 2>/dev/null
check "extra column in metrics.csv: cycles-for unchanged" \
	"$(cmp -s "$tmp/cfor-p.csv" "$tmp/cfor-x.csv"; echo $?)"
"$la" --simulate 0.25 50 "$aa1x" "$aa2x" > "$tmp/sim-x.csv"
"$la" --simulate 0.25 50 "$aa1" "$aa2" > "$tmp/sim-p.csv"
check "extra column in metrics.csv: simulate unchanged" \
	"$(cmp -s "$tmp/sim-p.csv" "$tmp/sim-x.csv"; echo $?)"
# the report over the same data, with and without the column: same
# report.json numbers and byte-identical charts
mkdir -p "$tmp/rep-plain" "$tmp/rep-x"
cp "$tmp/pass.csv" "$tmp/rep-plain/metrics.csv"
cp "$tmp/pass-x.csv" "$tmp/rep-x/metrics.csv"
cp "$tmp/agg.csv" "$tmp/rep-plain/agg.csv"
cp "$tmp/agg-xx.csv" "$tmp/rep-x/agg.csv"
cp "$tmp/fit.csv" "$tmp/rep-plain/fits.csv"
cp "$tmp/fit-x.csv" "$tmp/rep-x/fits.csv"
"$la" --restore "$tmp/pass.csv" "$tmp/agg.csv" > "$tmp/rep-plain/restore.csv"
"$la" --restore "$tmp/pass-x.csv" "$tmp/agg-xx.csv" > "$tmp/rep-x/restore.csv"
check "extra column in metrics.csv and agg.csv: restore unchanged" \
	"$(cmp -s "$tmp/rep-plain/restore.csv" "$tmp/rep-x/restore.csv"; echo $?)"
"$top/plots/report.py" "$tmp/rep-plain" >/dev/null 2>&1 &&
	"$top/plots/report.py" "$tmp/rep-x" >/dev/null 2>&1
check "report.py builds over both" "$?"
same=$(/usr/bin/python3 -c 'import json, sys
a, b = (json.load(open(p + "/report.json")) for p in sys.argv[1:])
nums = lambda r: (r["status"], r["fits"], r["metrics_rows"], r["charts"],
    [(x["phase"], x["blocks"], x["median"], x["min"], x["max"]) for x in r["aggregate"]])
print("same" if nums(a) == nums(b) else "differ")' "$tmp/rep-plain" "$tmp/rep-x" 2>&1)
check "extra column: report.json has the same numbers" \
	"$([ "$same" = same ] && echo 0 || echo 1)" "$same"
diffs=0
for f in "$tmp"/rep-plain/charts/*.svg; do
	cmp -s "$f" "$tmp/rep-x/charts/${f##*/}" || diffs=$((diffs + 1))
done
check "extra column: every chart byte-identical" "$([ "$diffs" = 0 ] && echo 0 || echo 1)" "$diffs differ"

# --- the release gate: report.sh --compare exits 1 only on a flag ---
# two sweeps of 5 points, each point the passing run under another size
# (its metric lines relabelled), so that the rule has 15 pairs of cycles
mkdir -p "$tmp/sweep-a" "$tmp/sweep-b"
for f in 200 400 800 1600 3200; do
	for s in a b; do
		cp -r "$fx/qemu-x86_64-pass" "$tmp/sweep-$s/p$f"
		sed -i "s/ files=200 / files=$f /" "$tmp/sweep-$s/p$f/serial.log"
	done
done
"$top/plots/report.sh" --compare "$tmp/sweep-a" "$tmp/sweep-b" >/dev/null 2>&1
rc=$?
check "report: two identical sweeps compare clean (exit 0)" "$rc"
check "report: report.json and report.html written" \
	"$([ -s "$tmp/sweep-b/report.json" ] && [ -s "$tmp/sweep-b/report.html" ] && echo 0 || echo 1)"
# every preserve and kexec_load cycle of NEW three times as slow (two
# kernels of another size load in other times: kexec_load is compared)
for f in "$tmp"/sweep-b/p*/serial.log; do
	/usr/bin/python3 - "$f" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r"( # metric: cycle=[0-9]+ phase=(preserve|kexec_load) value=)([0-9.]+)",
           lambda m: m.group(1) + "%.3f" % (3 * float(m.group(3))), s)
open(p, "w").write(s)
PY
done
"$top/plots/report.sh" --compare "$tmp/sweep-a" "$tmp/sweep-b" > "$tmp/gate.out" 2>&1
rc=$?
check "report: preserve and kexec_load 3x slower in NEW exits 1 and names them" \
	"$([ $rc = 1 ] && grep -q 'regression: .* slower than .* in kexec_load 3.000, preserve 3.000 ' "$tmp/gate.out" && echo 0 || echo 1)" "status $rc: $(tail -n 1 "$tmp/gate.out")"
check "report: compare.csv made from both sweeps' metrics.csv (5 points)" \
	"$([ "$("$csvt" get "$tmp/sweep-b/compare.csv" files phase=preserve | grep -vc all)" = 5 ] && echo 0 || echo 1)"
got=$(/usr/bin/python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
print(r["verdict"]["status"], " ".join(c["phase"] for c in r["verdict"]["regressions"]))' "$tmp/sweep-b/report.json" 2>&1)
check "report: report.json's verdict fails on kexec_load and preserve" \
	"$([ "$got" = "fail kexec_load preserve" ] && echo 0 || echo 1)" "$got"
# the first page: the verdict's box names both phases
got=$(/usr/bin/python3 -c 'import re, sys
html = open(sys.argv[1]).read()
box = html[html.index("<div class=\"verdict"):html.index("</div>")]
print(" ".join(p for p in ("kexec_load", "preserve") if re.search("<td>%s</td>" % p, box)))' "$tmp/sweep-b/report.html" 2>&1)
check "report: the first page's regressions name kexec_load and preserve" \
	"$([ "$got" = "kexec_load preserve" ] && echo 0 || echo 1)" "$got"
# a point that failed before booting (result.txt, no log) is a point of
# the report: luo-collect's infrastructure row, not a vanished point
mkdir -p "$tmp/sweep-infra"
cp -r "$fx/qemu-x86_64-pass" "$tmp/sweep-infra/p1"
cp -r "$fx/cause-infrastructure" "$tmp/sweep-infra/p2"
cp -r "$fx/cause-hang" "$tmp/sweep-infra/p3"
"$top/plots/report.sh" "$tmp/sweep-infra" >/dev/null 2>&1
rc=$?
got=$(/usr/bin/python3 -c 'import json, sys
v = json.load(open(sys.argv[1]))["verdict"]
print("%s|%s|%s" % (v["status"], v["summary"], " ".join(
    "%s:%s:%d" % (p["run"], p["cause"], p["cycle"]) for p in v["failed_points"])))' "$tmp/sweep-infra/report.json" 2>&1)
check "report: a point with only result.txt is a failed point (infrastructure, before the first kexec), the exit still 0" \
	"$([ $rc = 0 ] && [ "$got" = "fail|3 points, 2 failed|p2:infrastructure:0 p3:hang:1" ] && echo 0 || echo 1)" "status $rc: $got"
# a failed point's where is luo-collect's message as it stands, its
# cycle a column of its own: no second "cycle N: " in front
where=$(/usr/bin/python3 -c 'import json, sys
print("|".join(p["message"] for p in json.load(open(sys.argv[1]))["verdict"]["failed_points"]))' "$tmp/sweep-infra/report.json" 2>&1)
check "report: a failed point's where is luo-collect's message, cycle named once" \
	"$([[ "$where" == "kernel.sh: KERNEL=/nonexistent: no such file|cycle 1: hung in freeze ("* ]] && echo 0 || echo 1)" "$where"

# --- every cause, from a real run that failed that way ---
# cause-<name>: the cause luo-collect gives, and what result.txt says
while IFS='|' read -r name cause says; do
	row=$("$lc" "$fx/cause-$name" 2>/dev/null | grep -m 1 ",$cause,")
	check "cause $cause: collected from cause-$name" \
		"$([ -n "$row" ] && echo 0 || echo 1)" "$("$lc" "$fx/cause-$name" 2>/dev/null | grep -v ',pass,,' | tail -n 1)"
	if [ -f "$fx/cause-$name/serial.log" ]; then
		d=$(copy "cause-$name" "verdict-$name")
		rm -f "$d/result.txt"
		"$post" "$d" >/dev/null 2>&1
		check "cause $cause: post-run.sh's verdict" \
			"$(grep -q -E "^FAIL: $says" "$d/result.txt"; echo $?)" "$(cat "$d/result.txt")"
	fi
done <<'CAUSES'
data|data|# FAIL data: cycle=2 session=luo-stress-files-0 token=[0-9]+ page=0 offset=[0-9]+ expected=0x[0-9a-f]+ found=0x[0-9a-f]+
size|size|# FAIL size: cycle=2 .* size=[0-9]+ expected=[0-9]+
seal|seal|# FAIL seals: cycle=2 .* seals=0x[0-9a-f]+ expected=0x[0-9a-f]+
hole|hole|# FAIL hole: cycle=2 .* page=1 offset=0 expected=0x00
missing|missing|# FAIL retrieve: cycle=2 session=luo-stress-files-0 token=[0-9]+: No such file
state|data|# FAIL state: session=luo-stress-state token=1 field=magic expected=0x53455254534f554c found=0x[0-9a-f]+
coverage|coverage|# FAIL coverage: missing hole
kernel-warning|kernel-warning|cycle 1: kernel warning in deserialize: WARNING: kernel/liveupdate/luo_session.c
panic|panic|cycle 1: panic in deserialize: Kernel panic - not syncing: luo_stress_break=panic_deserialize
hang|hang|cycle 1: hung in freeze \(liveupdate_reboot entered at [0-9.]+ s, not returned; 10 s without progress\)$
infrastructure|infrastructure|kernel.sh: KERNEL=/nonexistent: no such file
CAUSES
v=$("$lc" --verdict "$fx/qemu-x86_64-watchdog" 2>/dev/null)
check "a hang in the first kernel's populate: its kprobe line, late on the console, does not move it back" \
	"$([ "$v" = "incomplete: cycle 1: hung in populate ('coverage' done; 1 s without progress)" ] && echo 0 || echo 1)" "$v"
v=$("$lc" --verdict "$fx/qemu-x86_64-cut-progress" 2>/dev/null)
check "a run cut after cycle 2's progress line: where it stopped is that line, cycle and phase (no qemu.rc: exit ?)" \
	"$([ "$v" = "incomplete: cycle 2: guest died in populate (last progress: populate, session 1 of 2, file 1216 of 2000) (QEMU exit ?)" ] && echo 0 || echo 1)" "$v"
d=$(copy qemu-x86_64-cut-progress cut-progress)
"$post" "$d" >/dev/null 2>&1
check "post-run.sh on a run without qemu.rc: luo-collect's verdict, not an internal error" \
	"$(grep -qx 'FAIL: cycle 2: guest died in populate (.*) (QEMU exit ?)' "$d/result.txt"; echo $?)" "$(cat "$d/result.txt")"
"$lc" -o "$tmp/killed.csv" "$fx/qemu-x86_64-killed" 2>/dev/null
check "cause guest-died: collected from the killed run" \
	"$(grep -q ',status,.*,guest-died,"\{0,1\}cycle 1: guest died in ' "$tmp/killed.csv"; echo $?)"
# the verify after a damaged state SKIPs (the data went unchecked): the
# cycle fails on the state, and no verify of it counts as done
"$lc" -o "$tmp/state.csv" "$fx/cause-state" 2>/dev/null
st=$("$csvt" get "$tmp/state.csv" status,cause,message cycle=2 phase=status)
ver=$("$csvt" get "$tmp/state.csv" cycle,status phase=verify | tr '\n' ' ')
check "a damaged state: its cycle fails on it, with no verify row (the data went unchecked)" \
	"$([[ "$st" == "fail,data,# FAIL state: session=luo-stress-state token=1 field=magic "* ]] && [ "$ver" = "1,pass " ] && echo 0 || echo 1)" "status row '$st', verify rows '$ver'"

# --- the one verdict: each input luo-collect --verdict reads ---
# vd DIR: its verdict line and status, "LINE|STATUS"
vd() {
	local v
	v=$("$lc" --verdict "$1" 2>/dev/null)
	echo "$v|$?"
}
# the runner's watchdog: a hang is the parser's reason; a log that
# passed fails on the watchdog's own word
got=$(vd "$fx/cause-hang")
check "verdict: watchdog.txt makes a stopped log a hang, no QEMU exit added" \
	"$([[ "$got" == "incomplete: cycle 1: hung in freeze ("*"; 10 s without progress)|2" ]] && echo 0 || echo 1)" "$got"
d=$(copy qemu-x86_64-pass vd-watchdog)
printf 'no_progress_s=7\nlast_line=reboot: Power down\n' > "$d/watchdog.txt"
got=$(vd "$d")
check "verdict: the watchdog stopped a guest whose log passed: fail naming it" \
	"$([ "$got" = "fail: watchdog: no progress for 7s (last line: reboot: Power down)|1" ] && echo 0 || echo 1)" "$got"
# a dead guest: QEMU's exit status and the last line of its errors
got=$(vd "$fx/qemu-x86_64-killed")
check "verdict: a dead guest says how QEMU ended (qemu.rc, qemu.stderr)" \
	"$([[ "$got" == "incomplete: cycle 1: guest died in reboot ("*") (QEMU exit 0: qemu-system-x86_64: terminating on signal 15 from pid "*")|2" ]] && echo 0 || echo 1)" "$got"
d=$(copy qemu-x86_64-killed vd-dead)
echo 139 > "$d/qemu.rc"
printf 'an earlier line\nqemu: fatal: %s\n' "$(printf 'x%.0s' $(seq 200))" > "$d/qemu.stderr"
got=$(vd "$d")
check "verdict: QEMU's exit code, its last error line cut to 120 characters" \
	"$([[ "$got" == *") (QEMU exit 139: qemu: fatal: $(printf 'x%.0s' $(seq 107)))|2" ]] && echo 0 || echo 1)" "$got"
: > "$d/serial.log"
got=$(vd "$d")
check "verdict: an empty serial log says how QEMU ended" \
	"$([[ "$got" == "incomplete: empty serial log (QEMU exit 139: an earlier line qemu: fatal: xxx"*")|2" ]] && echo 0 || echo 1)" "$got"
d=$(copy qemu-x86_64-pass vd-empty)
: > "$d/serial.log"
"$post" "$d" >/dev/null 2>&1
check "post-run.sh: an empty log fails with luo-collect's reason" \
	"$(grep -qx 'FAIL: empty serial log (QEMU exit 0)' "$d/result.txt"; echo $?)" "$(cat "$d/result.txt")"
# the runner's own reason, with or without a log; result.txt is no input
got=$(vd "$fx/cause-infrastructure")
check "verdict: the runner's error before QEMU (runner-error.txt) is the reason" \
	"$([ "$got" = "fail: kernel.sh: KERNEL=/nonexistent: no such file|1" ] && echo 0 || echo 1)" "$got"
d=$(copy cause-infrastructure vd-infra)
"$post" "$d" >/dev/null 2>&1
check "post-run.sh on a run that never booted: result.txt from luo-collect" \
	"$([ $? = 1 ] && grep -qx 'FAIL: kernel.sh: KERNEL=/nonexistent: no such file' "$d/result.txt" && echo 0 || echo 1)" "$(cat "$d/result.txt")"
d=$(copy qemu-x86_64-pass vd-runner)
echo "run-qemu.sh stopped before a verdict (exit 1)" > "$d/runner-error.txt"
got=$(vd "$d")
check "verdict: the runner's error fails a run whose log passed" \
	"$([ "$got" = "fail: run-qemu.sh stopped before a verdict (exit 1)|1" ] && echo 0 || echo 1)" "$got"
d=$(copy qemu-x86_64-killed vd-stale)
echo PASS > "$d/result.txt"
got=$(vd "$d")
check "verdict: a result.txt in the directory is not read" \
	"$([[ "$got" == "incomplete: cycle 1: guest died in "*"|2" ]] && echo 0 || echo 1)" "$got"
d=$(copy qemu-x86_64-pass vd-no-run-txt)
rm "$d/run.txt"
got=$(vd "$d")
check "verdict: a passed log without run.txt fails" \
	"$([ "$got" = "fail: no run.txt in $d|1" ] && echo 0 || echo 1)" "$got"
# LAVA's job health (lava-job.txt)
d=$(copy lava-qemu-x86_64 vd-lava)
printf '%s\n' "lava_job=1 device=qemu-x86_64 health=Incomplete failed_results=0" \
	"error=lava-run exit 1, job result 'fail'" > "$d/lava-job.txt"
got=$(vd "$d")
check "verdict: LAVA's health Incomplete fails a job whose log passed" \
	"$([ "$got" = "fail: LAVA job 1 Incomplete, 0 failed results: lava-run exit 1, job result 'fail'|1" ] && echo 0 || echo 1)" "$got"
echo "lava_job=1 device=qemu-x86_64 health=Complete failed_results=2" > "$d/lava-job.txt"
got=$(vd "$d")
check "verdict: a Complete job with failed results fails" \
	"$([ "$got" = "fail: LAVA job 1 Complete, 2 failed results|1" ] && echo 0 || echo 1)" "$got"
echo "lava_job=1 device=qemu-x86_64 health=Complete failed_results=0" > "$d/lava-job.txt"
got=$(vd "$d")
check "verdict: a Complete job without failed results passes" "$([ "$got" = "pass|0" ] && echo 0 || echo 1)" "$got"
printf '%s\n' "lava_job=1 device=qemu-x86_64 health=Incomplete failed_results=0" \
	"error=lava-run exit 1" > "$d/lava-job.txt"
head -n 700 "$fx/lava-qemu-x86_64/lava.log" > "$d/lava.log"
got=$(vd "$d")
check "verdict: a LAVA log that ends too soon says how LAVA ended" \
	"$([[ "$got" == "incomplete: cycle "*" (LAVA job 1 Incomplete, 0 failed results: lava-run exit 1)|2" ]] && echo 0 || echo 1)" "$got"
# the workload's own word that it completed, on both paths
d=$(copy qemu-x86_64-pass vd-cycles)
sed -i '/ all [0-9]* cycles passed$/d' "$d/serial.log"
got=$(vd "$d")
check "verdict: a stress run whose log lacks 'all N cycles passed' fails" \
	"$([ "$got" = "fail: workload exited 0 without completing its cycles|1" ] && echo 0 || echo 1)" "$got"
"$post" "$d" >/dev/null 2>&1
check "post-run.sh: the same, luo-collect's reason in result.txt" \
	"$(grep -qx 'FAIL: workload exited 0 without completing its cycles' "$d/result.txt"; echo $?)" "$(cat "$d/result.txt")"
d=$(copy lava-qemu-x86_64 vd-lava-cycles)
sed -i '/ all [0-9]* cycles passed"}$/d' "$d/lava.log"
got=$(vd "$d")
check "verdict: a LAVA job whose log lacks 'all N cycles passed' fails too" \
	"$([ "$got" = "fail: workload exited 0 without completing its cycles|1" ] && echo 0 || echo 1)" "$got"
d=$(copy qemu-x86_64-pass vd-api)
sed -i 's/^workload=.*/workload=luo-api-test/' "$d/run.txt"
got=$(vd "$d")
check "verdict: an api run with clean Totals passes" "$([ "$got" = "pass|0" ] && echo 0 || echo 1)" "$got"
sed -i '/ # Totals: /d' "$d/serial.log"
got=$(vd "$d")
check "verdict: an api run without a Totals line fails" \
	"$([ "$got" = "fail: workload exited 0 without a passed or skipped test|1" ] && echo 0 || echo 1)" "$got"
echo "1795609999.000000 # Totals: pass:0 fail:0 xfail:0 xpass:0 skip:0 error:0" >> "$d/serial.log"
got=$(vd "$d")
check "verdict: an api run whose Totals say nothing passed or skipped fails" \
	"$([ "$got" = "fail: workload exited 0 without a passed or skipped test|1" ] && echo 0 || echo 1)" "$got"

# --- summary.txt: luo-collect --summary, byte-identical to the one the
# awk of post-run.sh made when the fixture was captured ---
for f in qemu-x86_64-handover cause-state; do
	check "summary: luo-collect --summary of $f is its summary.txt" \
		"$(cmp -s <("$lc" --summary "$fx/$f" 2>/dev/null) "$fx/$f/summary.txt"; echo $?)"
	d=$(copy "$f" "summary-$f")
	"$post" "$d" >/dev/null 2>&1
	check "summary: post-run.sh writes it to summary.txt ($f)" \
		"$(cmp -s "$d/summary.txt" "$fx/$f/summary.txt"; echo $?)"
done
n=$("$lc" --summary "$fx/lava-qemu-x86_64" 2>/dev/null | grep -c '^[0-9] ')
check "summary: a LAVA job's table has its 3 cycles" "$([ "$n" = 3 ] && echo 0 || echo 1)" "$n"

# --- where the time goes: profile lines, host marks, handover samples ---
pf="$fx/qemu-x86_64-profile"
"$lc" --profile -o "$tmp/profile.csv" "$pf" 2>/dev/null
phases=$("$csvt" get "$tmp/profile.csv" phase | sort -u | tr '\n' ' ')
check "profile: the phases where LUO and KHO functions ran" \
	"$([ "$phases" = "create finish kexec_load luo_open preserve retrieve " ] && echo 0 || echo 1)" "$phases"
hits=$("$csvt" get "$tmp/profile.csv" cycle,hits phase=preserve function=luo_preserve_file | tr '\n' ' ')
check "profile: luo_preserve_file ran once per file of each cycle (2 x 200)" \
	"$([ "$hits" = "1,400 2,400 3,400 " ] && echo 0 || echo 1)" "$hits"
check "profile: every row has hits and time (and there are rows)" \
	"$("$csvt" get "$tmp/profile.csv" hits,total_us 2>/dev/null |
		awk -F, '{ n++; if (!($1 > 0 && $2 > 0)) bad = 1 } END { exit bad || !n }'; echo $?)"
ho="$fx/qemu-x86_64-handover"
"$lc" --marks -o "$tmp/marks.csv" "$ho" 2>/dev/null
check "marks: kexec, 'Starting new kernel', the new clock and init in that order, every cycle" \
	"$("$csvt" get "$tmp/marks.csv" kexec_host,start_host,clock_host,init_host |
		awk -F, '{ if (!($1 < $2 && $2 < $3 && $3 < $4)) bad = 1; n++ } END { exit bad || n != 3 }'; echo $?)"
mkdir -p "$tmp/rep-ho" "$tmp/rep-pf"
cp -r "$ho" "$tmp/rep-ho/p1"
cp -r "$pf" "$tmp/rep-pf/p1"
"$top/plots/report.sh" "$tmp/rep-ho" >/dev/null 2>&1 && "$top/plots/report.sh" "$tmp/rep-pf" >/dev/null 2>&1
check "report over a sampled and a profiled run" "$?"
got=$(/usr/bin/python3 -c 'import json, sys
h = json.load(open(sys.argv[1]))["handover"]
p = json.load(open(sys.argv[2]))["profile"]
fs = [f for f in h["functions"] if f["phase"] == "handover"]
shares = sum(float(f["share"].rstrip("%")) for f in fs)
top = [f["function"] for f in p["functions"] if f["phase"] == "preserve"][:3]
print(len(fs) > 0, shares <= 100.5, len(h["overhead"]) == 1, "luo_preserve_file" in top)' \
	"$tmp/rep-ho/report.json" "$tmp/rep-pf/report.json" 2>&1)
check "report: the handover's functions (shares within 100%), the sampler's cost, preserve's top functions" \
	"$([ "$got" = "True True True True" ] && echo 0 || echo 1)" "$got"

# --- the report's tables of where the time goes, computed by luo-aggregate ---
la="$top/build/host/luo-aggregate-san"
# --profile over three points made here: a function's median ms at the
# largest point, its share of the phase's median, the log-log slopes of
# its time and hits, the top 8 of 9 functions; Python computes them again
sp="$tmp/synth-prof"
mkdir -p "$sp"
head -n 1 "$tmp/pass-rows.csv" > "$sp/metrics.csv"
echo "run_id,board,cycle,phase,function,hits,total_us" > "$sp/profile.csv"
for x in 10 20 40; do
	for c in 1 2 3; do
		"$csvt" row "$tmp/pass-rows.csv" run_id="r$x" board=b cycle="$c" \
			phase=preserve sessions=1 files="$x" pages=1 page_size=4096 \
			blocks="$x" profile=1 value="$((x * x * 3 + c * c * 50)).5" \
			status=pass >> "$sp/metrics.csv"
		for f in 1 2 3 4 5 6 7 8; do
			echo "r$x,b,$c,preserve,f$f,$((x * c + f)),$((f * 100 + c * c * 10 + x)).125"
		done >> "$sp/profile.csv"
		echo "r$x,b,$c,preserve,f_grow,$((x * x / 10 + c)),$((x * x * 30 + c * c * 77 * x)).25" >> "$sp/profile.csv"
	done
done
"$la" "$sp/metrics.csv" > "$sp/agg.csv" 2>/dev/null
"$la" --profile "$sp/profile.csv" "$sp/metrics.csv" "$sp/agg.csv" > "$sp/functions.csv"
check "aggregate --profile: exit 0" "$?"
got=$("$csvt" get "$sp/functions.csv" function,largest_point,ms,share_pct,time_exponent,hits_exponent | sed -n 1p)
want=$(/usr/bin/python3 - "$sp/profile.csv" "$sp/metrics.csv" <<'PY'
import csv, math, statistics, sys
prof = list(csv.DictReader(open(sys.argv[1])))
met = list(csv.DictReader(open(sys.argv[2])))
def med(run, col, scale):
    return statistics.median(float(r[col]) / scale for r in prof
                             if r["run_id"] == run and r["function"] == "f_grow")
def slope(ys):
    lx = [math.log(x) for x in (10, 20, 40)]
    ly = [math.log(y) for y in ys]
    mx, my = sum(lx) / 3, sum(ly) / 3
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / \
        sum((a - mx) ** 2 for a in lx)
ms = med("r40", "total_us", 1000)
phase = statistics.median(float(r["value"]) for r in met if r["run_id"] == "r40")
print("f_grow,r40,%.3f,%.0f,%.2f,%.2f" % (
    ms, 100 * ms / phase,
    slope([med("r%d" % x, "total_us", 1000) for x in (10, 20, 40)]),
    slope([med("r%d" % x, "hits", 1) for x in (10, 20, 40)])))
PY
)
check "aggregate --profile: the top function's ms, share and exponents as computed apart" \
	"$([ -n "$want" ] && [ "$got" = "$want" ] && echo 0 || echo 1)" "got '$got', want '$want'"
n=$("$csvt" get "$sp/functions.csv" function phase=preserve | wc -l)
check "aggregate --profile: the top 8 of 9 functions" "$([ "$n" = 8 ] && echo 0 || echo 1)" "$n rows"
# --profile-cost over the profiled and the sampled fixture (one point,
# the kernel's 10 blocks): the profiled median over the unprofiled one
pc="$tmp/prof-cost"
mkdir -p "$pc"
"$lc" -o "$pc/metrics.csv" "$fx/qemu-x86_64-profile" "$ho" 2>/dev/null
"$la" "$pc/metrics.csv" > "$pc/agg.csv"
got=$("$la" --profile-cost "$pc/metrics.csv" "$pc/agg.csv" | "$csvt" get /dev/stdin points,profiled_over_unprofiled phase=preserve)
want=$("$csvt" get "$pc/metrics.csv" run_id,value phase=preserve status=pass | awk -F, '
	{ v[$1, ++n[$1]] = $2 }
	function med(r,   i, j, t, k) {
		k = n[r]
		for (i = 1; i <= k; i++) a[i] = v[r, i]
		for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++)
			if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
	}
	END { printf "1,%.2f\n", med("qemu-x86_64-profile") / med("qemu-x86_64-handover") }')
check "aggregate --profile-cost: preserve's profiled median over its unprofiled one, as awk computes it" \
	"$([ -n "$got" ] && [ "$got" = "$want" ] && echo 0 || echo 1)" "got '$got', want '$want'"
# --handover on the sampled fixture: the samples inside each sampled
# cycle's gap (start_host to clock_host), counted by awk
hd="$tmp/ho-tables"
mkdir -p "$hd"
"$lc" -o "$hd/metrics.csv" "$ho" 2>/dev/null
"$la" "$hd/metrics.csv" > "$hd/agg.csv"
"$la" --handover "$tmp/marks.csv" "$hd/metrics.csv" "$hd/agg.csv" "$ho" > "$hd/functions.csv"
check "aggregate --handover: exit 0" "$?"
got=$("$csvt" get "$hd/functions.csv" function,ms,share_pct | sed -n 1p)
gaps=$("$csvt" get "$hd/metrics.csv" cycle,value phase=blackout_handover status=pass | tr '\n' ' ')
want=$("$csvt" get "$tmp/marks.csv" cycle,start_host,clock_host | awk -v gaps="$gaps" '
	FNR == NR { split($0, m, ","); lo[m[1]] = m[2]; hi[m[1]] = m[3]; next }
	/^# sampled cycle=/ { sub(/.*=/, ""); s[$0] = 1; ns++; next }
	/^#/ { next }
	($2 in s) && $1 >= lo[$2] && $1 <= hi[$2] {
		f = $0; sub(/^[^ ]* [^ ]* [^ ]* /, "", f); k[f]++; n++
	}
	END {
		split(gaps, g, " ")
		for (i in g) { split(g[i], cv, ","); gap[cv[1]] = cv[2] }
		# the sampled cycles are 1 and 2: their median gap is the mean
		med = (gap[1] + gap[2]) / 2
		for (f in k) if (k[f] > best) { best = k[f]; top = f }
		printf "%s,%.3f,%.0f\n", top, best / n * med, 100 * best / n
	}' - "$ho/handover-samples.txt")
check "aggregate --handover: the gap's top function, its ms and share, as awk counts them" \
	"$([ -n "$got" ] && [ "$got" = "$want" ] && echo 0 || echo 1)" "got '$got', want '$want'"
got=$("$la" --handover-cost "$hd/metrics.csv" "$ho" | "$csvt" get /dev/stdin pairs,sampled_ms,unsampled_ms,ratio)
want=$(echo "$gaps" | tr ' ' '\n' | awk -F, '{ g[$1] = $2 } END { printf "1,%.1f,%.1f,%.2f\n", g[1], g[3], g[1] / g[3] }')
check "aggregate --handover-cost: sampled cycle 1 against unsampled cycle 3 (cycle 2's would be 4, not run)" \
	"$([ "$got" = "$want" ] && echo 0 || echo 1)" "got '$got', want '$want'"
# the samples file is read by its '# columns:' names: swapped columns
# read alike, a file without the line is refused
mkdir -p "$tmp/ho-swapped"
d=$(copy qemu-x86_64-handover ho-swapped/qemu-x86_64-handover)
awk '/^# columns: / { print "# columns: cycle host_s pc function"; next }
	/^#/ { print; next }
	{ t = $1; $1 = $2; $2 = t; print }' "$ho/handover-samples.txt" > "$d/handover-samples.txt"
"$la" --handover "$tmp/marks.csv" "$hd/metrics.csv" "$hd/agg.csv" "$d" > "$hd/swapped.csv"
check "aggregate --handover: columns found by name, in any order" \
	"$(cmp -s "$hd/swapped.csv" "$hd/functions.csv"; echo $?)"
grep -v '^# columns: ' "$ho/handover-samples.txt" > "$d/handover-samples.txt"
out=$("$la" --handover-cost "$hd/metrics.csv" "$d" 2>&1)
rc=$?
check "aggregate --handover: a samples file without '# columns:' refused, exit 3" \
	"$([ $rc = 3 ] && [[ "$out" == *"handover-samples.txt:4: a sample before the '# columns:' line" ]] && echo 0 || echo 1)" "$out"

# --restore: a cycle's restore time, deserialize + retrieve, per point of
# a real sweep; Python sums each passed cycle's two phases again
rs="$tmp/restore"
mkdir -p "$rs"
"$la" --restore "$sw" "$tmp/sweep-agg.csv" > "$rs/restore.csv"
check "aggregate --restore: exit 0" "$?"
restore_py() { # restore_py METRICS FILES: n,median of the point's sums
	/usr/bin/python3 - "$1" "$2" <<'PY'
import csv, statistics, sys
cyc = {}
for r in csv.DictReader(open(sys.argv[1], newline="")):
    if r["files"] == sys.argv[2] and r["status"] == "pass" and \
            r["phase"] in ("deserialize", "retrieve"):
        cyc.setdefault((r["run_id"], r["cycle"]), {})[r["phase"]] = float(r["value"])
sums = [c["deserialize"] + c["retrieve"] for c in cyc.values() if len(c) == 2]
print("%d,%.3f" % (len(sums), statistics.median(sums)))
PY
}
got=$("$csvt" get "$rs/restore.csv" n,median files=1000)
want=$(restore_py "$sw" 1000)
check "aggregate --restore: the median of each cycle's deserialize + retrieve, as Python sums them" \
	"$([ -n "$want" ] && [ "$got" = "$want" ] && echo 0 || echo 1)" "got '$got', want '$want'"
sum_of=$("$csvt" get "$tmp/sweep-agg.csv" median files=1000 phase=deserialize)+$("$csvt" get "$tmp/sweep-agg.csv" median files=1000 phase=retrieve)
check "aggregate --restore: not the sum of the two phases' medians" \
	"$(awk -v m="${got#*,}" -v s="$sum_of" 'BEGIN { split(s, a, "+"); exit !(m != sprintf("%.3f", a[1] + a[2])) }'; echo $?)" "median $got, medians $sum_of"
x=$("$csvt" get "$rs/restore.csv" x_blocks,x_from files=1000)
xa=$("$csvt" get "$tmp/sweep-agg.csv" x_blocks,x_from files=1000 phase=deserialize)
check "aggregate --restore: one row per point of agg.csv, its x_blocks and x_from" \
	"$([ "$(($(wc -l < "$rs/restore.csv") - 1))" = "$("$csvt" get "$tmp/sweep-agg.csv" files phase=deserialize | wc -l)" ] &&
	   [ "$x" = "$xa" ] && echo 0 || echo 1)" "x '$x', agg.csv '$xa'"
# a cycle whose retrieve failed has no restore time: left out
"$csvt" set "$sw" status fail files=8000 cycle=2 phase=retrieve > "$rs/cut.csv"
"$la" "$rs/cut.csv" > "$rs/cut-agg.csv"
got=$("$la" --restore "$rs/cut.csv" "$rs/cut-agg.csv" | "$csvt" get /dev/stdin n,median files=8000)
want=$(restore_py "$rs/cut.csv" 8000)
check "aggregate --restore: a cycle missing one of the two phases is left out" \
	"$([ "${got%%,*}" = 2 ] && [ "$got" = "$want" ] && echo 0 || echo 1)" "got '$got', want '$want'"

# --matrix: the transitions between kernels; a metrics.csv without the
# cross-kernel columns (a single-kernel sweep's) is one line, exit 3
out=$("$la" --matrix "$aa1" 2>&1)
rc=$?
check "aggregate --matrix: a metrics.csv without from_kernel refused in one line, exit 3" \
	"$([ $rc = 3 ] && [ "$out" = "luo-aggregate: $aa1: no column from_kernel" ] && echo 0 || echo 1)" "status $rc: $out"

# --matrix on the transitions of real cross-kernel runs: 7.2.12 <-> 7.3.4
# carried, 7.3.4 into three variants declined as designed and one that
# corrupts (tests/fixtures/matrix-cross-kernels); Python groups the
# cycles of metrics.csv again and takes their medians
mxf="$fx/matrix-cross-kernels"
mx="$tmp/matrix"
mkdir -p "$mx"
"$la" --matrix "$mxf/metrics.csv" "$mxf"/cross-* > "$mx/matrix.csv" 2> "$mx/err"
rc=$?
check "aggregate --matrix: a real cross-kernel metrics.csv, exit 0, nothing on stderr" \
	"$([ $rc = 0 ] && [ ! -s "$mx/err" ] && echo 0 || echo 1)" "status $rc: $(cat "$mx/err")"
matrix_py() { # matrix_py METRICS: each pair's numbers as Python finds them
	/usr/bin/python3 - "$1" <<'PY'
import csv, statistics, sys
cyc = {}
rank = {"fail": 0, "incomplete": 1, "pass": 2}
for r in csv.DictReader(open(sys.argv[1], newline="")):
    c = cyc.setdefault((r["run_id"], r["cycle"]), {"k": None, "st": 2,
                        "msg": "", "out": "", "exp": "", "ph": {}})
    if r["from_kernel"] and r["to_kernel"] and not c["k"]:
        c["k"] = (r["from_kernel"], r["to_kernel"])
    c["out"] = c["out"] or r["outcome"]
    c["exp"] = c["exp"] or r["expected"]
    c["st"] = min(c["st"], rank[r["status"]])
    if r["phase"] == "status":
        c["msg"] = c["msg"] or r["message"]
    if r["status"] == "pass" and r["value"]:
        c["ph"][r["phase"]] = float(r["value"])
pairs = {}
for c in cyc.values():
    pairs.setdefault(c["k"], []).append(c)
med = lambda v: "%.3f" % statistics.median(v) if v else ""
for (a, b), cs in sorted(pairs.items()):
    bad = [c for c in cs if c["st"] < 2]
    said = [c["msg"] for c in bad or cs if c["msg"]]
    print("|".join([a, b, str(len(cs)), "fail" if bad else "pass",
                    "/".join(sorted({c["out"] for c in cs})),
                    "/".join(sorted({c["exp"] for c in cs})),
                    med([c["ph"]["blackout"] for c in cs if "blackout" in c["ph"]]),
                    med([c["ph"]["deserialize"] + c["ph"]["retrieve"] for c in cs
                         if "deserialize" in c["ph"] and "retrieve" in c["ph"]]),
                    said[0] if said else ""]))
PY
}
got=$(/usr/bin/python3 -c 'import csv, sys
for r in sorted(csv.DictReader(open(sys.argv[1], newline="")), key=lambda r: (r["from_kernel"], r["to_kernel"])):
    print("|".join(r[k] for k in ("from_kernel", "to_kernel", "cycles", "verdict", "outcome", "expected", "blackout_median", "restore_median", "message")))' "$mx/matrix.csv")
want=$(matrix_py "$mxf/metrics.csv")
check "aggregate --matrix: one row per kernel pair; cycles, verdict, outcome, expected, blackout and restore medians and message as Python finds them" \
	"$([ -n "$want" ] && [ "$got" = "$want" ] && echo 0 || echo 1)" "$(diff <(echo "$got") <(echo "$want") | head -n 4)"
got=$("$csvt" get "$mx/matrix.csv" from_kernel,to_kernel,from_order,to_order | tr '\n' ' ')
check "aggregate --matrix: rows in the kernels' order, the kernel tables' first" \
	"$([ "$got" = "7.2.12,7.3.4,0,1 7.3.4,7.2.12,1,0 7.3.4,7.3.4-kho-v5,1,2 7.3.4,7.3.4-luo-v6,1,3 7.3.4,7.3.4-memfd-layout,1,4 7.3.4,7.3.4-memfd-v3,1,5 " ] && echo 0 || echo 1)" "$got"
got=$("$csvt" get "$mx/matrix.csv" verdict,outcome,expected,message to_kernel=7.3.4-memfd-layout)
check "aggregate --matrix: the corrupting transition fails, carried-corrupt against carried, with its cycle's message" \
	"$([[ "$got" == 'fail,carried-corrupt,carried,cycle 1 (7.3.4 -> 7.3.4-memfd-layout): expected carried, got carried-corrupt: # FAIL state: '* ]] && echo 0 || echo 1)" "$got"
got=$("$csvt" get "$mx/matrix.csv" runs,cycles,verdict,outcome,workload from_kernel=7.2.12 to_kernel=7.3.4)
check "aggregate --matrix: 7.2.12 -> 7.3.4 is 2 cycles of one run, carried, what ran from run.txt" \
	"$([ "$got" = "1,2,pass,carried,stress-files" ] && echo 0 || echo 1)" "$got"
# a cycle that names no kernel (as a run that never reached one) is
# placed by its run's kernel table, and left out without it
"$csvt" set "$mxf/metrics.csv" from_kernel "" run_id=cross-luo-v6 |
	"$csvt" set /dev/stdin to_kernel "" run_id=cross-luo-v6 > "$mx/blank.csv"
"$la" --matrix "$mx/blank.csv" "$mxf"/cross-* > "$mx/placed.csv" 2>/dev/null
check "aggregate --matrix: a cycle without its kernels is placed by its run.txt's table" \
	"$(cmp -s "$mx/placed.csv" "$mx/matrix.csv"; echo $?)"
out=$("$la" --matrix "$mx/blank.csv" 2>&1 > "$mx/unplaced.csv")
check "aggregate --matrix: without the run's table it is left out, and said so" \
	"$([ "$(grep -c luo-v6 "$mx/unplaced.csv")" = 0 ] && [ "$(wc -l < "$mx/unplaced.csv")" = 6 ] &&
	   [ "$out" = "luo-aggregate: $mx/blank.csv: 1 cycles name no kernel and have no run.txt kernel table: left out" ] && echo 0 || echo 1)" "$out"
# columns found by name: the same input with its columns reversed
/usr/bin/python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
csv.writer(sys.stdout, lineterminator="\n").writerows(r[::-1] for r in rows)' "$mxf/metrics.csv" > "$mx/reversed.csv"
"$la" --matrix "$mx/reversed.csv" "$mxf"/cross-* > "$mx/reversed-matrix.csv"
check "aggregate --matrix: columns read by name, in any order" \
	"$(cmp -s "$mx/reversed-matrix.csv" "$mx/matrix.csv"; echo $?)"
# the report draws it: the Transitions grid on the first page, report.json's transitions
cp "$mxf/metrics.csv" "$mxf/abi-diff.txt" "$mx/"
"$la" "$mx/metrics.csv" > "$mx/agg.csv"
"$la" --restore "$mx/metrics.csv" "$mx/agg.csv" > "$mx/restore.csv"
"$la" --fit "$mx/agg.csv" > "$mx/fits.csv"
"$top/plots/report.py" "$mx" >/dev/null 2>&1
check "report.py builds over a matrix" "$?"
got=$(/usr/bin/python3 -c 'import csv, json, sys
t = json.load(open(sys.argv[1] + "/report.json"))["transitions"]
rows = list(csv.DictReader(open(sys.argv[1] + "/matrix.csv", newline="")))
cells = [c[0]["to_kernel"] if c else "-" for g in t["grid"] for c in g["cells"]]
print(t["pairs"] == rows, len(t["failed"]), " ".join(t["from"]), "|", " ".join(cells), "|", len(t["abi_diff"]))' "$mx" 2>&1)
check "report: report.json's transitions are matrix.csv's rows, a from x to grid, abi-diff.txt's lines" \
	"$([ "$got" = "True 1 7.2.12 7.3.4 | - 7.3.4 - - - - 7.2.12 - 7.3.4-kho-v5 7.3.4-luo-v6 7.3.4-memfd-layout 7.3.4-memfd-v3 | 4" ] && echo 0 || echo 1)" "$got"
got=$(/usr/bin/python3 -c 'import sys
html = open(sys.argv[1]).read()
print(html.index("<h2>Transitions</h2>") < html.index("<h2>Freeze and restore</h2>"),
      "FAIL: 5 points, 1 failed; 6 transitions between kernels, 1 failed" in html,
      "layout changed, compatible string kept: struct memfd_luo_ser" in html)' "$mx/report.html" 2>&1)
check "report: the Transitions section on the first page, the verdict counting them, the static check's lines" \
	"$([ "$got" = "True True True" ] && echo 0 || echo 1)" "$got"
got=$(/usr/bin/python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["transitions"])' "$tmp/rep-plain/report.json" 2>&1)
check "report: a single-kernel run has no transitions" "$([ "$got" = None ] && echo 0 || echo 1)" "$got"

# --matrix on a real `make matrix` of one release at three page sizes
# (tests/fixtures/matrix-arm64-pages): the entries (metrics.csv's) tell
# the kernels apart, the controls are rows of their own, and a run that
# left no row is a failed transition, not one that never ran
mpf="$fx/matrix-arm64-pages"
mp="$tmp/matrix-pages"
mkdir -p "$mp"
"$lc" -o "$mp/metrics.csv" "$mpf"/[0-9]* 2>/dev/null
check "luo-collect over the matrix's 21 runs: a row for each" \
	"$([ "$("$csvt" get "$mp/metrics.csv" run_id | sort -u | wc -l)" = 21 ] && echo 0 || echo 1)"
"$la" --matrix "$mp/metrics.csv" "$mpf"/[0-9]* > "$mp/matrix.csv" 2> "$mp/err"
rc=$?
check "aggregate --matrix: a real matrix, exit 0, nothing on stderr" \
	"$([ $rc = 0 ] && [ ! -s "$mp/err" ] && echo 0 || echo 1)" "status $rc: $(cat "$mp/err")"
got=$(/usr/bin/python3 -c 'import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
print(len(rows), len({(r["from_entry"], r["to_entry"]) for r in rows}),
      len({r["from_kernel"] for r in rows}), sum(int(r["runs"]) for r in rows))' "$mp/matrix.csv")
check "aggregate --matrix: 21 runs in 21 rows, 9 pairs of 3 kernels of one release" \
	"$([ "$got" = "21 9 1 21" ] && echo 0 || echo 1)" "rows, pairs, releases, runs: $got"
got=$("$csvt" get "$mp/matrix.csv" from_order,to_order,workload,kernel_args from_entry=7.3 to_entry=7.3@qemu-arm64-16k | tr '\n' ' ')
check "aggregate --matrix: a pair's workload run first, then its controls" \
	"$([ "$got" = "0,1,stress-files, 0,1,luo-kexec, 0,1,luo-kexec,kho=off liveupdate=off " ] && echo 0 || echo 1)" "$got"
got=$("$csvt" get "$mp/matrix.csv" cycles,verdict,message from_entry=7.3@qemu-arm64-16k to_entry=7.3 workload=stress-files)
check "aggregate --matrix: a run that failed before its first metric line fails its transition with its status row's message" \
	"$([ "$got" = "1,fail,cycle 1 (7.3.4 [7.3@qemu-arm64-16k] -> 7.3.4 [7.3]): # FAIL kexec_file_load /boot/kernel.1 /run/luo-stress/initrd.cpio: Cannot assign requested address" ] && echo 0 || echo 1)" "$got"
# every run's row: the verdict luo-collect gives the run (each run is
# its own row here: one pair, one workload or control each)
got=$(for r in "$mpf"/[0-9]*; do
	v=$("$lc" --verdict "$r" 2>/dev/null)
	w=$(sed -n 's/^workload=//p' "$r/run.txt")
	k=$(sed -n 's/^kernel_args=//p' "$r/run.txt")
	mapfile -t e < <(sed -n 's/^kernel\.[01]\.entry=//p' "$r/run.txt")
	m=$("$csvt" get "$mp/matrix.csv" verdict from_entry="${e[0]}" \
		to_entry="${e[1]:-${e[0]}}" workload="$w" kernel_args="$k")
	[ "${v%%:*}" = "$m" ] || echo "$(basename "$r"): $v, matrix $m"
done)
check "aggregate --matrix: each run's transition has the run's verdict (a failure outside its cycles too)" \
	"$([ -z "$got" ] && echo 0 || echo 1)" "$got"
/usr/bin/python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
run = rows[0].index("run_id")
csv.writer(sys.stdout, lineterminator="\n").writerows(r for r in rows if r[run] != "1-0")' "$mp/metrics.csv" > "$mp/silent.csv"
got=$("$la" --matrix "$mp/silent.csv" "$mpf"/[0-9]* 2>/dev/null |
	"$csvt" get /dev/stdin cycles,verdict,message from_entry=7.3@qemu-arm64-16k to_entry=7.3 workload=stress-files)
check "aggregate --matrix: a run without a row in metrics.csv fails its planned transition" \
	"$([ "$got" = "1,fail,run 1-0: no row in $mp/silent.csv (its result.txt says why)" ] && echo 0 || echo 1)" "$got"
"$la" --matrix "$mp/metrics.csv" > "$mp/bare.csv" 2>/dev/null
got=$("$csvt" get "$mp/bare.csv" from_entry,to_entry | sort -u | wc -l)
check "aggregate --matrix: without the RUN-DIRs metrics.csv's entries still tell the 9 pairs apart" \
	"$([ "$got" = 9 ] && echo 0 || echo 1)" "$got pairs"
"$csvt" set "$mp/metrics.csv" from_entry "" | "$csvt" set /dev/stdin to_entry "" > "$mp/no-entries.csv"
"$la" --matrix "$mp/no-entries.csv" > "$mp/bare.csv" 2>/dev/null
got=$("$csvt" get "$mp/bare.csv" from_kernel,to_kernel,from_entry,to_entry | sort -u | tr '\n' ' ')
check "aggregate --matrix: a metrics.csv without entries, and no RUN-DIRs: one release is one kernel" \
	"$([ "$got" = "7.3.4,7.3.4,, " ] && echo 0 || echo 1)" "$got"
cp "$mpf/abi-diff.txt" "$mp/"
"$la" "$mp/metrics.csv" > "$mp/agg.csv" 2>/dev/null
"$la" --restore "$mp/metrics.csv" "$mp/agg.csv" > "$mp/restore.csv" 2>/dev/null
"$la" --fit "$mp/agg.csv" > "$mp/fits.csv" 2>/dev/null
"$top/plots/report.py" "$mp" > "$mp/report.out" 2>&1
rc=$?
got=$(/usr/bin/python3 -c 'import json, sys
t = json.load(open(sys.argv[1]))["transitions"]
print(" | ".join(t["from"]))' "$mp/report.json" 2>&1)
check "report: a matrix whose passed cycles have no blocks draws (its charts left out), the kernels named by release and entry" \
	"$([ $rc = 0 ] && [ "$got" = "7.3.4 [7.3] | 7.3.4 [7.3@qemu-arm64-16k] | 7.3.4 [7.3@qemu-arm64-64k]" ] && echo 0 || echo 1)" "status $rc: $got $(tail -n 1 "$mp/report.out")"

# --- post-run.sh verdicts ---
d=$(copy qemu-x86_64-pass pass)
"$post" "$d" >/dev/null 2>&1
check "passing run passes" "$?"
check "passing run: result PASS" "$(grep -qx PASS "$d/result.txt"; echo $?)"
check "passing run: 3 verify results in ktap.txt" \
	"$([ "$(grep -c '^ok 2 verify$' "$d/ktap.txt")" = 3 ] && echo 0 || echo 1)"
check "passing run: no kernel lines in ktap.txt" "$(grep -q '^\[' "$d/ktap.txt" && echo 1 || echo 0)"

d=$(copy qemu-x86_64-selfcheck selfcheck)
"$post" "$d" >/dev/null 2>&1
check "corrupted run fails" "$([ $? = 1 ] && echo 0 || echo 1)"
check "corrupted run names the location" \
	"$(grep -q 'FAIL data: cycle=2 session=luo-stress-files-1 token=0 page=2 offset=117 ' "$d/result.txt"; echo $?)" \
	"$(cat "$d/result.txt")"

d=$(copy qemu-x86_64-killed killed)
"$post" "$d" >/dev/null 2>&1
check "killed guest fails" "$([ $? = 1 ] && echo 0 || echo 1)"
check "killed guest: reason given" \
	"$(grep -q '^FAIL: cycle [0-9]*: guest died in [a-z_]* (.*terminating on signal 15' "$d/result.txt"; echo $?)" \
	"$(cat "$d/result.txt")"

d=$(copy qemu-x86_64-pass truncated)
head -n "$half" "$fx/qemu-x86_64-pass/serial.log" > "$d/serial.log"
"$post" "$d" >/dev/null 2>&1
check "truncated log fails as incomplete" \
	"$([ $? = 1 ] && grep -q '^FAIL: cycle [0-9]*: guest died in ' "$d/result.txt" && echo 0 || echo 1)"

d=$(copy qemu-x86_64-pass warning)
sed -i '300s/$/\n1795609980.000000 [    1.000000] WARNING: CPU: 0 PID: 1 at kernel\/liveupdate\/luo_file.c:1 test/' "$d/serial.log"
"$post" "$d" >/dev/null 2>&1
check "kernel WARNING fails the run with its line" \
	"$([ $? = 1 ] && grep -q 'kernel warning in [a-z_]*: WARNING: CPU: 0 PID: 1 at kernel/liveupdate' "$d/result.txt" && echo 0 || echo 1)" \
	"$(cat "$d/result.txt")"

d=$(copy qemu-x86_64-pass empty)
: > "$d/serial.log"
"$post" "$d" >/dev/null 2>&1
check "empty log is an error" "$([ $? = 1 ] && echo 0 || echo 1)"

# --- sweep.sh: options a LAVA sweep cannot honour are refused up front ---
for opt in PROFILE=1 HANDOVER_SAMPLE=1; do
	out=$(env LAVA=1 "$opt" "$top/scripts/sweep.sh" 2>&1)
	rc=$?
	check "sweep: LAVA=1 with $opt refused in one line, exit 1" \
		"$([ $rc = 1 ] && [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && [[ "$out" == "sweep.sh: error: ${opt%=1}=1 is for QEMU sweeps"* ]] && echo 0 || echo 1)" "$out"
done

echo "collect: $pass passed, $fail failed"
[ "$fail" = 0 ]
