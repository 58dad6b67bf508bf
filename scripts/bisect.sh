#!/usr/bin/env bash
# make bisect: from "this kernel breaks", or "is slower", to the commit
# that did it. Drives `git bisect` between GOOD and BAD of the user's
# kernel tree KSRC in a clone of its own in the cache
# ($LUO_CACHE/bisect/<tree>/, `git clone --shared --no-checkout`: the
# user's checkout, branch, index, refs and worktrees are never touched);
# each step builds that clone incrementally in one object directory
# (scripts/kernel.sh, the board's config fragments; ccache when
# installed), runs the workload on it and judges the run.
# MODE=broken (boards/run-qemu.sh, luo-collect's cause):
#   good  every cycle passed
#   bad   a cycle failed by a cause of the kernel's (CAUSE: only that one)
#   skip  the build failed, or the run failed in our own setup (cause
#         infrastructure: a bad option, the initramfs, QEMU), or by
#         another cause than CAUSE
# MODE=slower (scripts/compare.sh: the step's kernel interleaved with
# GOOD's, PAIRS pairs of runs at a time, up to MAX_PAIRS): PHASE's ratio
# (luo-aggregate --compare, its exact signed-rank interval, each tail
# ALPHA / looks where looks = MAX_PAIRS / PAIRS)
#   bad   the interval lies above RATIO
#   good  it lies below RATIO
#   more pairs otherwise; skip when still undecided at MAX_PAIRS, when
#         the build failed, or when the step's own runs fail
# so each decision is wrong with probability at most ALPHA (a union
# over the looks; docs/bisect.md), and a bisect of D decisions at most
# D x ALPHA.
# GOOD is run first and must pass, BAD must fail (be slower); the first
# bad commit is confirmed by one more run of it and of its parent
# (slower: one more comparison of it against its parent). The record,
# in results/bisect-<id>/: params.txt, steps.csv (a row a step: the
# commit, its verdict, the evidence, build and run seconds), bisect.log
# (`git bisect log`), report.txt (to paste into a reply on the list),
# summary.json and its one page, summary.html (plots/bisect_page.py);
# kernels/<commit>/ (slower: the images compared). An interrupted
# bisect resumes from its record (`git bisect replay`).
#
# Environment: KSRC (a kernel git tree), GOOD, BAD (revisions), MODE
# (broken or slower), CAUSE (broken), PHASE, METHOD, RATIO (default
# 1.5), ALPHA (default 0.01), PAIRS (default 2), MAX_PAIRS (default 8)
# (slower), BISECT (id, default bisect-<good>-<bad>), BOARD, WORKLOAD
# (stress-files), KSEED (a build of GOOD's very source elsewhere: the
# clone's first build starts from it, scripts/kernel.sh); the
# workload's options follow as arguments (the Makefile's WORKLOAD_ARGS;
# slower: those compare.sh takes, --files --sessions --cycles --pages
# --mix --seed, CYCLES default 5).
# Exit: 0 the first bad commit named, 1 the bisect stopped (GOOD failed,
# BAD passed, or every candidate skipped), 3 bad input.
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2; exit 3' ERR
DIE_STATUS=3
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"

workload=${WORKLOAD:-stress-files}
mode=${MODE:-broken}
cause_wanted=${CAUSE:-}

# --- refusals, before any build ---
[ -n "${KSRC:-}" ] || die "KSRC: give the kernel git tree to bisect (KSRC=~/src/linux)"
[ -d "$KSRC" ] || die "KSRC=$KSRC: no such directory"
git -C "$KSRC" rev-parse --git-dir >/dev/null 2>&1 || die "KSRC=$KSRC is not a git tree"
ksrc=$(cd "$KSRC" && git rev-parse --show-toplevel)
{ [ -n "${GOOD:-}" ] && [ -n "${BAD:-}" ]; } || die "GOOD and BAD: give both revisions (GOOD=v7.3 BAD=HEAD)"
good=$(git -C "$ksrc" rev-parse --verify -q "$GOOD^{commit}") || die "GOOD=$GOOD: no such revision in $ksrc"
bad=$(git -C "$ksrc" rev-parse --verify -q "$BAD^{commit}") || die "BAD=$BAD: no such revision in $ksrc"
[ "$good" != "$bad" ] || die "GOOD and BAD are the same commit ($good)"
git -C "$ksrc" merge-base --is-ancestor "$good" "$bad" ||
	die "GOOD=$GOOD is not an ancestor of BAD=$BAD"
board=${BOARD:-qemu-x86_64}
phase=${PHASE:-} method=${METHOD:-} ratio=${RATIO:-1.5} alpha=${ALPHA:-0.01}
pairs0=${PAIRS:-2} max_pairs=${MAX_PAIRS:-8}
# num VALUE NAME RULE: VALUE is a number and awk's RULE (on x) holds
num() {
	awk -v x="$1" "BEGIN { exit !(x ~ /^[0-9]+([.][0-9]+)?\$/ && ($3)) }" ||
		die "$2=$1: $4"
}
cmp_env=()
case $mode in
broken)
	[ -z "$phase" ] || die "PHASE=$phase: a phase is what MODE=slower measures; MODE=broken bisects a failing run"
	;;
slower)
	[ -n "$phase" ] || die "MODE=slower needs PHASE (the phase that got slower, e.g. PHASE=preserve)"
	[[ "$phase" =~ ^[a-z_]+$ ]] || die "PHASE=$phase: a phase's name, as in compare.csv (preserve, retrieve, ...)"
	[ -z "$cause_wanted" ] || die "CAUSE=$cause_wanted: a cause is what MODE=broken judges by; MODE=slower measures PHASE"
	num "$ratio" RATIO "x > 1" "the ratio beyond which a step is slower: a number above 1 (1.5: 50% slower)"
	num "$alpha" ALPHA "x > 0 && x < 0.5" "each decision's error: a number above 0 and below 0.5 (0.01)"
	num "$pairs0" PAIRS "x >= 1 && x == int(x)" "pairs of runs a look adds: a whole number from 1"
	num "$max_pairs" MAX_PAIRS "x >= $pairs0 && x == int(x)" "the most pairs of runs a step takes: a whole number from PAIRS ($pairs0)"
	# the workload's options, as compare.sh takes them (its environment)
	while [ $# -gt 0 ]; do
		case $1 in
		--files | --sessions | --cycles | --pages | --mix | --seed)
			[ $# -ge 2 ] || die "$1: give its value"
			o=${1#--}
			cmp_env+=("${o^^}=$2")
			shift 2 ;;
		*) die "MODE=slower: '$1' is not one of the options its comparisons take (--files --sessions --cycles --pages --mix --seed)" ;;
		esac
	done
	grep -q '^CYCLES=' < <(printf '%s\n' "${cmp_env[@]}") || cmp_env+=(CYCLES=5)
	;;
*) die "MODE=$mode: takes broken or slower" ;;
esac
check_workload "$workload"
# a checking kernel is a variant of a source, made once (scripts/kernel.sh)
[ "${DEBUG:-0}" = 0 ] || die "DEBUG=$DEBUG: make bisect builds the tree's own kernel, not the checking kernel (not built yet for a bisect)"

id=${BISECT:-bisect-${good:0:8}-${bad:0:8}}
[[ "$id" =~ ^[A-Za-z0-9._-]+$ ]] || die "BISECT=$id: use letters, digits, '.', '_' and '-'"
rec="$top/results/$id"
params="ksrc=$ksrc
good=$good
bad=$bad
mode=$mode
cause=$cause_wanted
board=$board
workload=$workload
args=$*"
[ "$mode" = broken ] || params="$params
phase=$phase
method=$method
ratio=$ratio
alpha=$alpha
pairs=$pairs0
max_pairs=$max_pairs
options=${cmp_env[*]}"
mkdir -p "$rec"
if [ -f "$rec/params.txt" ]; then
	[ "$(cat "$rec/params.txt")" = "$params" ] ||
		die "results/$id is the record of another bisect (params.txt differs); give another BISECT= or remove it"
	say "resuming $id from its record"
else
	echo "$params" > "$rec/params.txt"
	echo "step,commit,subject,verdict,evidence,build_s,run_s" > "$rec/steps.csv"
fi

# --- the clone, one per user tree ---
clone="$LUO_CACHE/bisect/$(echo "$ksrc" | sha256sum | cut -c1-12)"
# a clone whose commits are gone (the tree was made anew) is made anew
if [ -d "$clone/.git" ] && ! git -C "$clone" rev-parse -q --verify 'HEAD^{commit}' >/dev/null 2>&1; then
	say "$clone no longer finds its commits in $ksrc: cloning it anew"
	rm -rf "$clone"
fi
if [ ! -d "$clone/.git" ]; then
	say "cloning $ksrc into $clone (shared objects, the user's tree untouched)"
	rm -rf "$clone" "$clone.tmp"
	mkdir -p "$(dirname "$clone")"
	# made whole, then named: an interrupted clone is never taken for one
	git clone -q --shared --no-checkout "$ksrc" "$clone.tmp"
	git -C "$clone.tmp" checkout -q --detach "$good"
	mv "$clone.tmp" "$clone"
fi
owner=$(cat "$clone/.luo-bisect" 2>/dev/null || true)
if [ -n "$owner" ] && [ "$owner" != "$id" ]; then
	die "$clone is bisecting for $owner: finish or resume that one (BISECT=$owner), or remove $clone/.luo-bisect after 'git -C $clone bisect reset'"
fi
if [ -z "$owner" ] && [ -f "$clone/.git/BISECT_START" ]; then
	die "$clone has a bisect of unknown origin: run 'git -C $clone bisect reset' or remove $clone"
fi
[ -z "$(git -C "$clone" status --porcelain --untracked-files=no 2>/dev/null)" ] ||
	die "$clone has local changes: run 'git -C $clone reset --hard' or remove $clone"
echo "$id" > "$clone/.luo-bisect"

# --- one step: build and run the clone's HEAD, say its verdict ---
# the bisect steps of the record so far (the ends and confirmations are
# not steps)
step=$(grep -c '^step[0-9]' "$rec/steps.csv" || true)
verdict="" evidence="" bsecs=0 rsecs=0
# cause_of RUN-DIR: the cause of the run's first failed row (luo-collect's
# CSV, by column name), empty when it passed
cause_of() {
	python3 - "$1/metrics.csv" <<'EOF'
import csv, sys
try:
    rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
except OSError:
    print("infrastructure\tno metrics.csv")
    sys.exit(0)
for r in rows:
    if r.get("status") == "fail":
        print("%s\t%s" % (r.get("cause", ""), r.get("message", "")))
        break
EOF
}
# build_head: build HEAD of the clone into $kdir, $bsecs; a build that
# fails is a skip ($verdict, $evidence) and returns 1. Slower: the image
# and its config kept in $rec/kernels/<commit>/ (the next step's build
# replaces the object directory's), and a commit kept there not built
# again.
build_head() {
	local commit t0 log
	commit=$(git -C "$clone" rev-parse HEAD)
	log="$rec/build-${commit:0:12}.log"
	kdir="$rec/kernels/${commit:0:12}"
	if [ "$mode" = slower ] && [ -f "$kdir/done" ]; then
		bsecs=0
		return 0
	fi
	t0=$(date +%s)
	# the build's progress on the terminal too: a first build takes minutes
	if ! kdir=$(KSRC=$clone "$top/scripts/kernel.sh" 2> >(tee "$log" >&2)); then
		bsecs=$(($(date +%s) - t0))
		verdict=skip
		evidence="the build failed: $(grep -m 1 -E 'error:|Error [0-9]' "$log" || tail -n 1 "$log")"
		return 1
	fi
	bsecs=$(($(date +%s) - t0))
	if [ "$mode" = slower ]; then
		mkdir -p "$rec/kernels/${commit:0:12}"
		cp -L "$kdir/Image" "$rec/kernels/${commit:0:12}/Image"
		cp "$kdir/.config" "$rec/kernels/${commit:0:12}/config"
		kdir="$rec/kernels/${commit:0:12}"
		touch "$kdir/done"
	fi
}
# kept COMMIT: the kernels.sh entry of a kept kernel (IMAGE:CONFIG)
kept() { echo "$rec/kernels/${1:0:12}/Image:$rec/kernels/${1:0:12}/config"; }
# judge LABEL ARGS...: build HEAD of the clone and run it, into
# $verdict, $evidence (broken: its run with the workload's ARGS; slower:
# its comparison with the commit $vs, built before)
judge() {
	local label=$1 commit
	shift
	verdict="" evidence="" bsecs=0 rsecs=0
	commit=$(git -C "$clone" rev-parse HEAD)
	build_head || return 0
	if [ "$mode" = slower ]; then
		compare_with "$label" "$commit" "$vs"
	else
		run_broken "$label" "$commit" "$@"
	fi
}
# run_broken LABEL COMMIT ARGS...: one run of the image just built
run_broken() {
	local label=$1 commit=$2 run t0 got c msg
	shift 2
	run="$id-$label-${commit:0:12}"
	t0=$(date +%s)
	# the image just built, not built again by the runner
	KSRC=$clone KERNEL=$kdir/Image KCONFIG=$kdir/.config RUN_ID=$run \
		"$top/boards/run-qemu.sh" "$workload" "$@" \
		> "$rec/run-$label-${commit:0:12}.log" 2>&1 || true
	rsecs=$(($(date +%s) - t0))
	got=$(cause_of "$top/results/$run")
	c=${got%%$'\t'*}
	msg=${got#*$'\t'}
	if [ -z "$got" ]; then
		verdict=good
		evidence="passed (results/$run)"
	elif [ "$c" = infrastructure ]; then
		verdict=skip
		evidence="our setup failed, cause infrastructure: $msg"
	elif [ -n "$cause_wanted" ] && [ "$c" != "$cause_wanted" ]; then
		verdict=skip
		evidence="failed by cause $c, not $cause_wanted: $msg"
	else
		verdict=bad
		evidence="cause $c: $msg"
	fi
}
# side_failed DIR: the first cause of the kernel's among the runs of one
# side of a comparison ("cause: message"; a run our setup failed leaves
# its pair out and is not counted)
side_failed() {
	local r got
	for r in "$1"/*/; do
		[ -f "$r/run.txt" ] || continue
		got=$(cause_of "$r")
		if [ -z "$got" ] || [ "${got%%$'\t'*}" = infrastructure ]; then
			continue
		fi
		echo "cause ${got%%$'\t'*}: ${got#*$'\t'} (results/${r#"$top"/results/})"
		return
	done
}
# decide CSV TAIL: PHASE's row of a compare.csv (its intervals of
# confidence 1 - 2 TAIL) against RATIO: "bad|good|more<TAB>evidence";
# a phase not compared, or timed by several clocks without METHOD, is
# an error (its line on stdout, status 2)
decide() {
	python3 - "$1" "$phase" "$method" "$ratio" "$2" <<'EOF'
import csv, sys
path, phase, method, ratio, tail = sys.argv[1:]
ratio, tail = float(ratio), float(tail)
rows = [r for r in csv.DictReader(open(path, encoding="utf-8"))
        if r["sessions"] == "all" and r["verdict"] != "control"]
mine = [r for r in rows if r["phase"] == phase and method in ("", r["method"])]
if not mine:
    print("PHASE=%s%s is not among the phases compared: %s" % (
        phase, " METHOD=" + method if method else "",
        " ".join(sorted({r["phase"] for r in rows}))))
    sys.exit(2)
if len(mine) > 1:
    print("PHASE=%s is timed by several clocks (%s): give METHOD=" % (
        phase, " ".join(r["method"] for r in mine)))
    sys.exit(2)
r = mine[0]
try:
    est, lo, hi = float(r["ratio"]), float(r["ratio_lo"]), float(r["ratio_hi"])
except ValueError:
    est, lo, hi = float("nan"), 0.0, float("inf")
said = "%s %.3fx [%.3f, %.3f] (%.4g%% interval, %s paired cycles, p %s), threshold %g" % (
    phase, est, lo, hi, 100 * (1 - 2 * tail), r["pairs"], r["p_value"], ratio)
verdict = "bad" if lo > ratio else "good" if hi < ratio else "more"
print("%s\t%s" % (verdict, said))
EOF
}
# compare_with LABEL COMMIT VS: COMMIT's kernel (NEW) beside VS's (BASE)
# in scripts/compare.sh, PAIRS more pairs a look until PHASE's interval
# lies clear of RATIO or MAX_PAIRS are run
compare_with() {
	local label=$1 commit=$2 vs=$3 cmp d k p looks tail t0 row failed rc
	cmp="$id-$label-${commit:0:12}"
	d="$top/results/$cmp"
	looks=$((max_pairs / pairs0))
	tail=$(awk -v a="$alpha" -v l="$looks" 'BEGIN { printf "%.6g", a / l }')
	t0=$(date +%s)
	for ((k = 1; k <= looks; k++)); do
		p=$((k * pairs0))
		say "$label: ${commit:0:12} beside ${vs:0:12}, $p pairs of runs (look $k of $looks)"
		env "${cmp_env[@]}" BOARD="$board" WORKLOAD="$workload" COMPARE="$cmp" PAIRS="$p" \
			BASE_KERNEL="$(kept "$vs")" NEW_KERNEL="$(kept "$commit")" \
			"$top/scripts/compare.sh" >> "$rec/run-$label-${commit:0:12}.log" 2>&1 || true
		rsecs=$(($(date +%s) - t0))
		failed=$(side_failed "$d/base")
		if [ -n "$failed" ]; then
			verdict=base-failed
			evidence="${vs:0:12}, the base, failed beside it: $failed"
			return
		fi
		failed=$(side_failed "$d/new")
		if [ -n "$failed" ]; then
			verdict=skip
			evidence="its runs fail, so their time is not compared: $failed"
			return
		fi
		if [ ! -f "$d/base/metrics.csv" ] || [ ! -f "$d/new/metrics.csv" ]; then
			verdict=skip
			evidence="the comparison made no metrics (results/$cmp/logs)"
			return
		fi
		rc=0
		"$top/build/host/luo-aggregate" --compare "$d/base/metrics.csv" \
			"$d/new/metrics.csv" --tail "$tail" > "$d/bisect-compare.csv" \
			2> "$d/bisect-compare.err" || rc=$?
		case $rc in 0 | 1 | 4) ;; *) die "$label: luo-aggregate --compare failed on results/$cmp: $(tail -n 1 "$d/bisect-compare.err")" ;; esac
		row=$(decide "$d/bisect-compare.csv" "$tail") || die "$label: $row"
		verdict=${row%%$'\t'*}
		evidence="${row#*$'\t'} (results/$cmp)"
		[ "$verdict" = more ] || return 0
	done
	verdict=skip
	evidence="undecided after $max_pairs pairs: $evidence"
}
# record LABEL: one row of steps.csv for HEAD
record() {
	local commit subject
	commit=$(git -C "$clone" rev-parse HEAD)
	subject=$(git -C "$clone" log -1 --format=%s HEAD)
	python3 -c 'import csv, sys; csv.writer(sys.stdout, lineterminator="\n").writerow(sys.argv[1:])' \
		"$1" "$commit" "$subject" "$verdict" "$evidence" "$bsecs" "$rsecs" >> "$rec/steps.csv"
	say "$1: ${commit:0:12} $subject: $verdict ($evidence)"
}
# step_field LABEL COLUMN: that column of the last step of that label in
# steps.csv, by name (a subject may hold commas: CSV, not awk -F,)
step_field() {
	python3 - "$rec/steps.csv" "$1" "$2" <<'EOF'
import csv, sys
path, label, col = sys.argv[1:]
v = ""
for r in csv.DictReader(open(path, encoding="utf-8")):
    if r["step"] == label:
        v = r[col]
print(v)
EOF
}
# done_before LABEL: the verdict a step of that label already has
done_before() { step_field "$1" verdict; }

# stop LINE: the bisect ends without an answer, LINE its one line
stop() {
	echo "FAIL: $1" > "$rec/result.txt"
	git -C "$clone" bisect reset >/dev/null 2>&1 || true
	rm -f "$clone/.luo-bisect"
	DIE_STATUS=1 die "$1"
}
# the kernel each comparison runs beside (slower): GOOD's, its parent's
# when confirming
vs=$good
# --- the ends: GOOD must pass, BAD must fail (slower: be slower) ---
for end in good bad; do
	[ -z "$(done_before "$end")" ] || continue
	git -C "$clone" checkout -q --detach "$([ "$end" = good ] && echo "$good" || echo "$bad")"
	if [ "$mode" = slower ] && [ "$end" = good ]; then
		verdict="" evidence="" bsecs=0 rsecs=0
		! build_head || { verdict=good; evidence="built: the kernel every step runs beside (its runs are judged in each comparison)"; }
	else
		judge "$end" "$@"
	fi
	record "$end"
	[ "$verdict" != base-failed ] || stop "GOOD=$GOOD (${good:0:12}) does not pass: $evidence"
	if [ "$end" = good ] && [ "$verdict" != good ]; then
		stop "GOOD=$GOOD (${good:0:12}) does not pass ($verdict: $evidence): nothing to bisect"
	fi
	if [ "$end" = bad ] && [ "$verdict" != bad ]; then
		[ "$mode" = broken ] ||
			stop "BAD=$BAD (${bad:0:12}) is not slower than GOOD beyond $ratio ($verdict: $evidence): nothing to bisect"
		stop "BAD=$BAD (${bad:0:12}) does not fail ($verdict: $evidence): nothing to bisect"
	fi
done

# --- the bisect, replayed from the record when resumed ---
if [ -s "$rec/bisect.log" ]; then
	git -C "$clone" bisect reset >/dev/null 2>&1 || true
	git -C "$clone" bisect replay "$rec/bisect.log" > /dev/null
elif [ ! -f "$clone/.git/BISECT_START" ]; then
	git -C "$clone" bisect start "$bad" "$good" >/dev/null
fi
git -C "$clone" bisect log > "$rec/bisect.log"
n=$(git -C "$ksrc" rev-list --count "$good..$bad")
steps_about=$(awk -v n="$n" 'BEGIN { s = 0; while (2 ^ s < n) s++; print s }')
progress_init
first=""
while [ -z "$first" ]; do
	if grep -q "^# first bad commit:" "$rec/bisect.log"; then
		first=$(sed -n 's/^# first bad commit: \[\([0-9a-f]*\)\].*/\1/p' "$rec/bisect.log")
		break
	fi
	step=$((step + 1))
	progress_next step "$step" "$steps_about" "$(git -C "$clone" log -1 --format='%h %s' HEAD)"
	judge "step$step" "$@"
	record "step$step"
	progress_done
	[ "$verdict" != base-failed ] || stop "GOOD=$GOOD (${good:0:12}) does not pass: $evidence"
	out=$(git -C "$clone" bisect "$verdict" 2>&1 || true)
	git -C "$clone" bisect log > "$rec/bisect.log"
	if grep -q "is the first bad commit" <<<"$out"; then
		first=$(awk '/is the first bad commit/ { print $1; exit }' <<<"$out")
	elif grep -q "There are only 'skip'ped commits left" <<<"$out"; then
		stop "the first bad commit is among skipped commits only: $(grep -A 20 "only 'skip'ped" <<<"$out" | grep -E '^[0-9a-f]{40}' | cut -c1-12 | paste -s -d ' ') (see $rec/steps.csv)"
	fi
done

# --- confirmed: the first bad commit once more, and its parent ---
# (slower: its parent built, then the first bad commit beside it)
git -C "$clone" bisect reset >/dev/null 2>&1 || true
parent=$(git -C "$ksrc" rev-parse "$first^")
vs=$parent
for c in "$parent" "$first"; do
	label=confirm-$([ "$c" = "$first" ] && echo bad || echo parent)
	[ -z "$(done_before "$label")" ] || continue
	git -C "$clone" checkout -q --detach "$c"
	if [ "$mode" = slower ] && [ "$c" = "$parent" ]; then
		verdict="" evidence="" bsecs=0 rsecs=0
		! build_head || { verdict=good; evidence="built: the kernel the first bad commit runs beside"; }
	else
		judge "$label" "$@"
	fi
	record "$label"
done
vb=$(done_before confirm-bad)
vp=$(done_before confirm-parent)
subject=$(git -C "$ksrc" log -1 --format=%s "$first")
ev=$(step_field confirm-bad evidence)
{
	echo "first bad commit: $first"
	echo "    $subject"
	echo
	git -C "$ksrc" show --stat --format= "$first"
	echo
	if [ "$mode" = broken ]; then
		echo "symptom ($workload $*, $board): $ev"
		echo "confirmed: $first: $vb, its parent $parent: $vp"
		echo
		echo "reproduce: in the kernel tree, git checkout $first; then in luo-stress:"
		echo "    KSRC=<the tree> boards/run-qemu.sh $workload $*"
	else
		echo "symptom ($workload ${cmp_env[*]}, $board): $phase slower than in its parent $parent, beyond $ratio: $ev"
		echo "confirmed: $first beside its parent: $vb"
		echo
		echo "reproduce: in the kernel tree, two worktrees, at $parent and at $first; then in luo-stress:"
		echo "    ${cmp_env[*]} BASE_KERNEL=<the tree at the parent> NEW_KERNEL=<the tree at the commit> scripts/compare.sh"
	fi
	echo "bisected by luo-stress (make bisect, MODE=$mode): $(($(wc -l < "$rec/steps.csv") - 1)) judgments (steps.csv), record in results/$id"
} > "$rec/report.txt"
python3 - "$rec" "$id" "$first" "$subject" "$vb" "$vp" "$mode" <<'EOF'
import csv, json, sys
rec, rid, first, subject, vb, vp, mode = sys.argv[1:]
steps = list(csv.DictReader(open(rec + "/steps.csv", encoding="utf-8")))
json.dump({"id": rid, "mode": mode, "first_bad": first, "subject": subject,
           "confirmed": {"bad": vb, "parent": vp}, "steps": steps,
           "skips": sum(t["verdict"] == "skip" for t in steps),
           "report": open(rec + "/report.txt", encoding="utf-8").read(),
           "params": open(rec + "/params.txt", encoding="utf-8").read()},
          open(rec + "/summary.json", "w"), indent=1)
EOF
"$top/plots/bisect_page.py" "$rec"
rm -f "$clone/.luo-bisect"
if [ "$vb" = bad ] && [ "$vp" = good ]; then
	echo "PASS: first bad commit ${first:0:12} $subject" > "$rec/result.txt"
	say "first bad commit: ${first:0:12} $subject (confirmed), report in $rec/report.txt"
else
	echo "FAIL: first bad commit ${first:0:12} not confirmed: it $vb, its parent $vp" > "$rec/result.txt"
	DIE_STATUS=1 die "first bad commit ${first:0:12} not confirmed (it: $vb, its parent: $vp)"
fi
