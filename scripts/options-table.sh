#!/usr/bin/env bash
# The README's option tables, generated from the programs' own --help
# (luo-workload runs the same option tables on the host), so no default
# is written twice. Make variables are those the Makefile maps to an
# option ("--name $(VAR)").
# Usage: options-table.sh            print the tables
#        options-table.sh --check F  exit 1 when F's tables differ
#        options-table.sh --write F  rewrite F's tables in place
# The tables sit in F between "<!-- options:begin -->" and
# "<!-- options:end -->".
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"

# help PROGRAM: its --help as "name arg default meaning" lines, fields
# separated by \037 (a tab would collapse the empty ones)
help() {
	"$top/scripts/workload.sh" "$1" --help | awk '
	function flush() {
		if (name == "" || name == "help") return
		def = ""
		if (match(text, / \(([^()]*, )?default [^()]*\)$/)) {
			p = substr(text, RSTART + 2, RLENGTH - 3)
			sub(/.*default /, "", p)
			def = p
			text = substr(text, 1, RSTART - 1)
		}
		printf "%s\037%s\037%s\037%s\n", name, arg, def, text
	}
	/^  --/ {
		flush()
		name = $1; sub(/^--/, "", name)
		arg = ($2 ~ /^[A-Z]+$/) ? $2 : ""
		text = $0; sub(/^  --[a-z-]+( [A-Z]+)? +/, "", text)
		next
	}
	/^                    / && name != "" { t = $0; sub(/^ +/, "", t); text = text " " t; next }
	END { flush() }'
}

# the make variable of option NAME, from the Makefile's "--NAME $(VAR)"
vars=$(grep -o -E -- '--[a-z-]+ \$\([A-Z_]+\)' "$top/Makefile" |
	sed -E 's/^--([a-z-]+) \$\(([A-Z_]+)\)$/\1 \2/' | sort -u)
var_of() { awk -v n="$1" '$1 == n { print $2; exit }' <<<"$vars"; }

# program_table PROGRAM: the table of one program's options
program_table() {
	local opts name arg def text v
	opts=$(help "$1")
	echo "| variable | option | default | meaning |"
	echo "|---|---|---|---|"
	while IFS=$'\037' read -r name arg def text; do
		v=$(var_of "$name")
		# shellcheck disable=SC2016 # markdown backquotes, not a command
		printf '| %s | `--%s%s` | %s | %s |\n' "${v:+\`$v\`}" "$name" \
			"${arg:+ $arg}" "${def:+\`$def\`}" "$text"
	done <<<"$opts"
}

table() {
	local files sessions name arg def text v s
	files=$(help stress-files)
	sessions=$(help stress-sessions)
	echo "Workload options: \`make stress-files\` and \`make stress-sessions\` pass"
	echo "these; each program's defaults are its own (\`--help\`)."
	echo
	echo "| variable | option | stress-files | stress-sessions | meaning |"
	echo "|---|---|---|---|---|"
	while IFS=$'\037' read -r name arg def text; do
		v=$(var_of "$name")
		s=$(awk -F'\037' -v n="$name" '$1 == n { print $3 }' <<<"$sessions")
		# shellcheck disable=SC2016 # markdown backquotes, not a command
		printf '| %s | `--%s%s` | %s | %s | %s |\n' "${v:+\`$v\`}" "$name" \
			"${arg:+ $arg}" "${def:+\`$def\`}" "${s:+\`$s\`}" "$text"
	done <<<"$files"
	echo
	echo "\`make limits\` (luo-limits):"
	echo
	program_table luo-limits
	echo
	echo "\`make kexec\` (luo-kexec):"
	echo
	program_table luo-kexec
}

# block FILE: the generated part of FILE
block() { sed -n '/^<!-- options:begin -->$/,/^<!-- options:end -->$/p' "$1" | sed '1d;$d'; }

case "${1:-}" in
"") table ;;
--check)
	[ -f "${2:-}" ] || die "usage: options-table.sh --check FILE"
	grep -q '^<!-- options:begin -->$' "$2" || die "$2 has no <!-- options:begin --> block"
	if ! diff <(block "$2") <(table) >/dev/null; then
		diff <(block "$2") <(table) >&2 || true
		die "$2: option tables differ from the programs' --help (run 'make readme')"
	fi ;;
--write)
	[ -f "${2:-}" ] || die "usage: options-table.sh --write FILE"
	new=$(table)
	awk -v new="$new" '
		/^<!-- options:begin -->$/ { print; print new; skip = 1; next }
		/^<!-- options:end -->$/ { skip = 0 }
		!skip' "$2" > "$2.tmp"
	mv "$2.tmp" "$2" ;;
*) die "usage: options-table.sh [--check FILE | --write FILE]" ;;
esac
