#!/usr/bin/env bash
# make bisect: from "this kernel breaks" to the commit that did it. Drives
# `git bisect` between GOOD and BAD of the user's kernel tree KSRC in a
# clone of its own in the cache ($LUO_CACHE/bisect/<tree>/, `git clone
# --shared --no-checkout`: the user's checkout, branch, index, refs and
# worktrees are never touched); each step builds that clone incrementally
# in one object directory (scripts/kernel.sh, the board's config
# fragments), runs the workload on it (boards/run-qemu.sh) and judges
# the run from luo-collect's cause:
#   good  every cycle passed
#   bad   a cycle failed by a cause of the kernel's (CAUSE: only that one)
#   skip  the build failed, or the run failed in our own setup (cause
#         infrastructure: a bad option, the initramfs, QEMU), or by
#         another cause than CAUSE
# GOOD is run first and must pass, BAD must fail; the first bad commit is
# confirmed by one more run of it and of its parent. The record, in
# results/bisect-<id>/: params.txt, steps.csv (a row a step: the commit,
# its verdict, the evidence, build and run seconds), bisect.log (`git
# bisect log`), report.txt (to paste into a reply on the list),
# summary.json and its one page, summary.html (plots/bisect_page.py). An interrupted bisect resumes from its record
# (`git bisect replay`).
#
# Environment: KSRC (a kernel git tree), GOOD, BAD (revisions), MODE
# (broken; "slower" is not built yet), CAUSE, BISECT (id, default
# bisect-<good>-<bad>), BOARD, WORKLOAD (stress-files); the workload's
# options follow as arguments (the Makefile's WORKLOAD_ARGS).
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
case $mode in
broken) ;;
slower)
	[ -n "${PHASE:-}" ] || die "MODE=slower needs PHASE (the phase that got slower, e.g. PHASE=preserve)"
	die "MODE=slower: not built yet; MODE=broken bisects a failing run" ;;
*) die "MODE=$mode: takes broken or slower" ;;
esac
check_workload "$workload"

id=${BISECT:-bisect-${good:0:8}-${bad:0:8}}
[[ "$id" =~ ^[A-Za-z0-9._-]+$ ]] || die "BISECT=$id: use letters, digits, '.', '_' and '-'"
rec="$top/results/$id"
params="ksrc=$ksrc
good=$good
bad=$bad
mode=$mode
cause=$cause_wanted
board=${BOARD:-qemu-x86_64}
workload=$workload
args=$*"
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
if [ ! -d "$clone/.git" ]; then
	say "cloning $ksrc into $clone (shared objects, the user's tree untouched)"
	rm -rf "$clone"
	mkdir -p "$(dirname "$clone")"
	git clone -q --shared --no-checkout "$ksrc" "$clone"
	git -C "$clone" checkout -q --detach "$good"
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
# judge LABEL: build and run HEAD of the clone into $verdict, $evidence
judge() {
	local label=$1 commit run t0 got c msg kdir
	shift
	commit=$(git -C "$clone" rev-parse HEAD)
	run="$id-$label-${commit:0:12}"
	t0=$(date +%s)
	# the build's progress on the terminal too: a first build takes minutes
	if ! kdir=$(KSRC=$clone "$top/scripts/kernel.sh" 2> >(tee "$rec/build-${commit:0:12}.log" >&2)); then
		bsecs=$(($(date +%s) - t0))
		verdict=skip
		evidence="the build failed: $(grep -m 1 -E 'error:|Error [0-9]' "$rec/build-${commit:0:12}.log" || tail -n 1 "$rec/build-${commit:0:12}.log")"
		return
	fi
	bsecs=$(($(date +%s) - t0))
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

# --- the ends: GOOD must pass, BAD must fail ---
for end in good bad; do
	[ -z "$(done_before "$end")" ] || continue
	git -C "$clone" checkout -q --detach "$([ "$end" = good ] && echo "$good" || echo "$bad")"
	judge "$end" "$@"
	record "$end"
	if [ "$end" = good ] && [ "$verdict" != good ]; then
		echo "FAIL: GOOD=$GOOD (${good:0:12}) does not pass: $verdict, $evidence" > "$rec/result.txt"
		rm -f "$clone/.luo-bisect"
		DIE_STATUS=1 die "GOOD=$GOOD does not pass ($verdict: $evidence): nothing to bisect"
	fi
	if [ "$end" = bad ] && [ "$verdict" != bad ]; then
		echo "FAIL: BAD=$BAD (${bad:0:12}) does not fail: $verdict, $evidence" > "$rec/result.txt"
		rm -f "$clone/.luo-bisect"
		DIE_STATUS=1 die "BAD=$BAD does not fail ($verdict: $evidence): nothing to bisect"
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
	out=$(git -C "$clone" bisect "$verdict" 2>&1 || true)
	git -C "$clone" bisect log > "$rec/bisect.log"
	if grep -q "is the first bad commit" <<<"$out"; then
		first=$(awk '/is the first bad commit/ { print $1; exit }' <<<"$out")
	elif grep -q "There are only 'skip'ped commits left" <<<"$out"; then
		echo "FAIL: only skipped commits are left: $(grep -A 20 "only 'skip'ped" <<<"$out" | grep -E '^[0-9a-f]{40}' | paste -s -d ' ')" > "$rec/result.txt"
		git -C "$clone" bisect reset >/dev/null 2>&1 || true
		rm -f "$clone/.luo-bisect"
		DIE_STATUS=1 die "the first bad commit is among skipped commits only: see $rec/steps.csv"
	fi
done

# --- confirmed: the first bad commit once more, and its parent ---
git -C "$clone" bisect reset >/dev/null 2>&1 || true
for c in "$first" "$first^"; do
	label=confirm-$([ "$c" = "$first" ] && echo bad || echo parent)
	[ -z "$(done_before "$label")" ] || continue
	git -C "$clone" checkout -q --detach "$c"
	judge "$label" "$@"
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
	echo "symptom ($workload $*, $(sed -n 's/^board=//p' "$rec/params.txt")): $ev"
	echo "confirmed: $first: $vb, its parent $(git -C "$ksrc" rev-parse "$first^"): $vp"
	echo
	echo "reproduce: in the kernel tree, git checkout $first; then in luo-stress:"
	echo "    KSRC=<the tree> boards/run-qemu.sh $workload $*"
	echo "bisected by luo-stress (make bisect): $(($(wc -l < "$rec/steps.csv") - 1)) runs, record in results/$id"
} > "$rec/report.txt"
python3 - "$rec" "$id" "$first" "$subject" "$vb" "$vp" <<'EOF'
import csv, json, sys
rec, rid, first, subject, vb, vp = sys.argv[1:]
steps = list(csv.DictReader(open(rec + "/steps.csv", encoding="utf-8")))
json.dump({"id": rid, "first_bad": first, "subject": subject,
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
