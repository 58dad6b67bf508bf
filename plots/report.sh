#!/usr/bin/env bash
# Release scale report: charts and tables of one run or sweep directory
# into DIR/report.html, self-contained (SVG inline, no external files).
# With BASE given, NEW is compared with BASE phase by phase and points
# slower beyond the cycle-to-cycle noise are flagged.
# Usage: report.sh DIR | report.sh --compare BASE-DIR NEW-DIR
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
bin="$top/build/host"

base=""
if [ "${1:-}" = --compare ]; then
	[ $# -eq 3 ] || die "usage: report.sh --compare BASE-DIR NEW-DIR"
	base=$2
	shift 2
fi
[ $# -eq 1 ] || die "usage: report.sh DIR | report.sh --compare BASE-DIR NEW-DIR"
dir=${1%/}
[ -d "$dir" ] || die "no results directory $dir"

# metrics.csv of DIR: a sweep keeps one; a single run is collected here.
metrics() {
	local d=$1 runs=()
	if [ -f "$d/serial.log" ] || [ -f "$d/lava.log" ]; then
		runs=("$d")
	else
		for r in "$d"/*/; do
			[ -f "$r/serial.log" ] || [ -f "$r/lava.log" ] && runs+=("${r%/}")
		done
	fi
	[ ${#runs[@]} -gt 0 ] || die "$d holds no run (no serial.log or lava.log)"
	"$bin/luo-collect" -o "$d/metrics.csv" "${runs[@]}" || [ $? -lt 3 ] ||
		die "collecting $d failed"
}
metrics "$dir"
# aggregate sorted by phase, series and blocks: each series' points are
# then adjacent rows, so gnuplot joins them into one line
sorted_agg() {
	"$bin/luo-aggregate" "$1" | { read -r h; echo "$h"; sort -t, -k3,3 -k1,1 -k2,2n -k7,7n; }
}
sorted_agg "$dir/metrics.csv" > "$dir/agg.csv"
"$bin/luo-aggregate" --fit "$dir/agg.csv" > "$dir/fits.csv"
"$bin/luo-aggregate" --squad "$dir/metrics.csv" > "$dir/squad.json"
if [ -n "$base" ]; then
	[ -d "$base" ] || die "no results directory $base"
	metrics "$base"
	sorted_agg "$base/metrics.csv" > "$base/agg.csv"
	"$bin/luo-aggregate" --compare "$base/agg.csv" "$dir/agg.csv" > "$dir/compare.csv"
fi
[ "$(wc -l < "$dir/agg.csv")" -gt 1 ] || die "no passed cycle with metrics in $dir"

series=$(awk -F, 'NR > 1 { s[$1 "/" $2] = 1 } END { for (k in s) printf "%s ", k }' "$dir/agg.csv")
phases=$(awk -F, 'NR > 1 && !s[$3]++ { printf "%s ", $3 }' "$dir/agg.csv")
charts="$dir/charts"
mkdir -p "$charts"
plot() { # plot SCRIPT NAME [extra -e]
	local script=$1 name=$2 t
	shift 2
	for t in svg png; do
		gnuplot -e "set loadpath '$here'" \
			-e "agg='$dir/agg.csv'; out='$charts/$name.$t'; term='$t'; series='$series'" \
			"$@" "$here/$script" 2>>"$charts/gnuplot.log" ||
			die "gnuplot $script failed (see $charts/gnuplot.log)"
	done
}
: > "$charts/gnuplot.log"
for p in $phases; do
	plot phase.gp "phase-$p" -e "phase='$p'"
done
plot per_file.gp per-file
plot boot.gp boot

# --- HTML ---
esc() { sed 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g'; }
table() { # table CSV [highlight-column value]: CSV as an HTML table
	awk -F, -v hc="${2:-0}" -v hv="${3:-}" '
	NR == 1 { printf "<table><tr>"; for (i = 1; i <= NF; i++) printf "<th>%s</th>", $i; print "</tr>"; next }
	{ cls = (hc && $hc == hv) ? " class=\"flag\"" : ""
	  printf "<tr%s>", cls; for (i = 1; i <= NF; i++) printf "<td>%s</td>", $i; print "</tr>" }
	END { print "</table>" }' "$1"
}
run_txt=$(find "$dir" -maxdepth 2 -name run.txt | head -n 1)
field() { sed -n "s/^$1=//p" "$run_txt" 2>/dev/null | head -n 1; }
html="$dir/report.html"
{
	cat <<HTML
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>luo-stress report: $(basename "$dir" | esc)</title>
<style>
body { font-family: sans-serif; margin: 2em; max-width: 1000px; }
table { border-collapse: collapse; margin: 1em 0; font-size: 90%; }
td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: right; }
th { background: #eee; } tr.flag td { background: #fdd; }
.fail { color: #b00; font-weight: bold; } .pass { color: #070; }
figure { margin: 1em 0; } svg { max-width: 100%; height: auto; }
</style></head><body>
<h1>luo-stress scale report</h1>
<p>Results: <code>$(basename "$dir" | esc)</code>, generated $(date -u +%Y-%m-%dT%H:%MZ).</p>
<table>
<tr><th>kernel</th><td>$(field kernel_version | esc)</td></tr>
<tr><th>config sha256</th><td>$(field config_sha256 | esc)</td></tr>
<tr><th>boards / page size</th><td>$(echo "$series" | esc)</td></tr>
<tr><th>LUO ABI</th><td>$(awk -F, 'NR > 1 && $11 != "" { print $11; exit }' "$dir/metrics.csv" | esc)</td></tr>
<tr><th>accelerator</th><td>$(field accel | esc)</td></tr>
</table>
<h2>Pass or fail per point and cycle</h2>
HTML
	awk -F, 'NR > 1 { k = $1 "," $5; if (!(k in st) || $18 != "pass") st[k] = $18; if ($19 != "") msg[k] = $19 }
		END { print "run,cycle,status,message"; for (k in st) print k "," st[k] "," msg[k] }' \
		"$dir/metrics.csv" | { read -r h; echo "$h"; sort -t, -k1,1 -k2,2n; } > "$dir/status.csv"
	table "$dir/status.csv" 3 fail
	echo "<h2>Growth exponent per phase</h2>"
	echo "<p>Slope of log(median time) on log(blocks) over the points of each series, and R<sup>2</sup> of that fit: 1 is linear growth, 2 quadratic.</p>"
	table "$dir/fits.csv"
	if [ -n "$base" ]; then
		echo "<h2>Compared with $(basename "$base" | esc)</h2>"
		echo "<p>ratio = new median / base median; noise = largest (max-min)/median across cycles in either run. <b>slower</b>: ratio above 1 + noise and every new cycle slower than every base cycle.</p>"
		table "$dir/compare.csv" 12 slower
	fi
	echo "<h2>Charts</h2>"
	for f in "$charts"/phase-*.svg "$charts/per-file.svg" "$charts/boot.svg"; do
		echo "<figure>"
		sed '/^<?xml/d; /^<!DOCTYPE/,/>$/d' "$f"
		echo "</figure>"
	done
	echo "<h2>Data behind the charts</h2><details><summary>aggregate (median, min, max per point)</summary>"
	table "$dir/agg.csv"
	echo "</details><p>Every number above comes from <code>metrics.csv</code> ($(($(wc -l < "$dir/metrics.csv") - 1)) rows) beside this report.</p>"
	echo "</body></html>"
} > "$html"
say "report: $html"
