#!/usr/bin/env bash
# Every output the post-processing makes from the fixtures, into one
# directory: luo-collect in each mode on every run fixture, post-run.sh's
# summary.txt and result.txt (and the files it writes beside them),
# luo-aggregate's stats, fits, SQUAD, comparisons and sensitivity on the
# sweep fixtures, and the report's report.json. A refactoring that keeps
# behaviour keeps this directory byte-identical:
#   git stash; tests/collect/snapshot.sh /tmp/before; git stash pop
#   tests/collect/snapshot.sh /tmp/after; diff -r /tmp/before /tmp/after
# Usage: snapshot.sh OUT-DIR
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
fx="$top/tests/fixtures"
[ $# -eq 1 ] || { echo "usage: snapshot.sh OUT-DIR" >&2; exit 3; }
out=$1
mkdir -p "$out" || exit 3
make -s -C "$top/collect" all >/dev/null || exit 1
lc="$top/build/host/luo-collect"
la="$top/build/host/luo-aggregate"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# run FILE CMD...: CMD's stdout, stderr and status into FILE{,.err,.rc}
run() {
	local f=$1
	shift
	"$@" > "$f" 2> "$f.err"
	echo $? > "$f.rc"
}

for d in "$fx"/*/; do
	d=${d%/}
	n=$(basename "$d")
	# a run: its log, or only the runner's reason (tests/fixtures/README.md)
	[ -f "$d/serial.log" ] || [ -f "$d/lava.log" ] || [ -f "$d/runner-error.txt" ] ||
		[ -f "$d/result.txt" ] || continue
	o="$out/$n"
	mkdir -p "$o"
	run "$o/csv" "$lc" "$d"
	for m in lines verdict coverage profile marks checks; do
		run "$o/$m" "$lc" "--$m" "$d"
	done
	# post-run.sh on a copy of a QEMU run, as the runner calls it
	if [ -f "$d/serial.log" ]; then
		rm -rf "$tmp/run"
		cp -r "$d" "$tmp/run"
		run "$o/post-run" "$top/boards/post-run.sh" "$tmp/run"
		for f in summary.txt result.txt ktap.txt ktap-run.txt metrics.txt \
			metrics.csv coverage.csv checks.csv; do
			[ ! -f "$tmp/run/$f" ] || cp "$tmp/run/$f" "$o/post-run.$f"
		done
	fi
done

aa1="$fx/sweep-aa-1/metrics.csv"
aa2="$fx/sweep-aa-2/metrics.csv"
slow="$fx/sweep-slow-preserve/metrics.csv"
o="$out/aggregate"
mkdir -p "$o"
for s in aa-1 aa-2 slow-preserve; do
	m="$fx/sweep-$s/metrics.csv"
	run "$o/$s.agg" "$la" "$m"
	run "$o/$s.fit" "$la" --fit "$o/$s.agg"
	run "$o/$s.squad" "$la" --squad "$m"
done
run "$o/compare-aa" "$la" --compare "$aa1" "$aa2"
run "$o/compare-slow" "$la" --compare "$aa1" "$slow"
run "$o/cycles-for" "$la" --cycles-for 0.25 "$aa1" "$aa2"
run "$o/cycles-for-1" "$la" --cycles-for 0.5 "$aa1"
run "$o/simulate" "$la" --simulate 0.25 200 "$aa1" "$aa2"

# the report over a sweep made of the run fixtures, and a comparison
o="$out/report"
mkdir -p "$o"
for s in base new; do
	mkdir -p "$tmp/$s"
	for r in qemu-x86_64-pass qemu-x86_64-kprobes qemu-x86_64-profile; do
		cp -r "$fx/$r" "$tmp/$s/$r"
	done
done
run "$o/report-sh" "$top/plots/report.sh" --compare "$tmp/base" "$tmp/new"
for f in report.json agg.csv fits.csv squad.json compare.csv metrics.csv; do
	[ ! -f "$tmp/new/$f" ] || cp "$tmp/new/$f" "$o/$f"
done
# report.json's own creation time is not the data
if [ -f "$o/report.json" ]; then
	python3 - "$o/report.json" <<'EOF'
import json, sys
p = sys.argv[1]
r = json.load(open(p))
def scrub(v):
    if isinstance(v, dict):
        return {k: ("-" if k in ("generated", "created", "date") else scrub(x))
                for k, x in v.items()}
    if isinstance(v, list):
        return [scrub(x) for x in v]
    return v
json.dump(scrub(r), open(p, "w"), indent=1, sort_keys=True)
EOF
fi
# paths of this machine's temporary directory and checkout are not the data
grep -rl -e "$tmp" -e "$top" "$out" 2>/dev/null | while read -r f; do
	sed -i "s|$tmp|TMP|g; s|$top|TOP|g" "$f"
done
echo "snapshot: $out"
