#!/usr/bin/env bash
# make bisect's refusals (scripts/bisect.sh), each a one-line error and
# exit 3 before any build, on a small git tree of its own; and the
# user's tree as it was after them. In make unit: no kernel is built.
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=tests/check.sh
. "$top/tests/check.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
t="$tmp/tree"
mkdir -p "$t"
g() { git -C "$t" -c user.name=t -c user.email=t@t "$@"; }
g init -q
echo a > "$t/a"
g add a && g commit -q -m one && g tag one
echo b > "$t/a"
g commit -q -a -m two && g tag two
g checkout -q -b side one
echo c > "$t/c"
g add c && g commit -q -m side && g tag side
g checkout -q master
before=$(g rev-parse HEAD; g status --porcelain; g stash list; g worktree list; g for-each-ref)

# refused CHECK WANT ENV...: bisect.sh with ENV exits 3 with one line
# holding WANT
refused() {
	local name=$1 want=$2 out rc
	shift 2
	out=$(env -u KSRC -u GOOD -u BAD -u MODE -u PHASE -u CAUSE -u RATIO -u ALPHA -u PAIRS -u MAX_PAIRS -u DEBUG "$@" LUO_CACHE="$tmp/cache" \
		"$top/scripts/bisect.sh" 2>&1)
	rc=$?
	check "refused: $name" "$([ "$rc" = 3 ] && [ "$(wc -l <<<"$out")" = 1 ] &&
		[[ "$out" == *"$want"* ]] && echo 0 || echo 1)" "exit $rc: $out"
}
refused "no KSRC" "KSRC: give the kernel git tree" GOOD=one BAD=two
refused "a tree that is not git" "is not a git tree" KSRC="$tmp" GOOD=one BAD=two
refused "no GOOD" "GOOD and BAD: give both" KSRC="$t" BAD=two
refused "GOOD that does not exist" "GOOD=nope: no such revision" KSRC="$t" GOOD=nope BAD=two
refused "BAD that does not exist" "BAD=nope: no such revision" KSRC="$t" GOOD=one BAD=nope
refused "GOOD not an ancestor of BAD" "is not an ancestor of BAD" KSRC="$t" GOOD=side BAD=two
refused "GOOD the same as BAD" "are the same commit" KSRC="$t" GOOD=two BAD=two
refused "slower without a phase" "MODE=slower needs PHASE" KSRC="$t" GOOD=one BAD=two MODE=slower
refused "an unknown mode" "MODE=fast: takes broken or slower" KSRC="$t" GOOD=one BAD=two MODE=fast
refused "slower by a ratio not above 1" "RATIO=0.9: the ratio beyond which" KSRC="$t" GOOD=one BAD=two MODE=slower PHASE=preserve RATIO=0.9
refused "an error rate not a number" "ALPHA=x: each decision" KSRC="$t" GOOD=one BAD=two MODE=slower PHASE=preserve ALPHA=x
refused "more pairs a look than at most" "MAX_PAIRS=1: the most pairs" KSRC="$t" GOOD=one BAD=two MODE=slower PHASE=preserve PAIRS=2 MAX_PAIRS=1
refused "a cause for a slower bisect" "CAUSE=data: a cause is what MODE=broken judges by" KSRC="$t" GOOD=one BAD=two MODE=slower PHASE=preserve CAUSE=data
refused "a phase for a broken bisect" "PHASE=preserve: a phase is what MODE=slower measures" KSRC="$t" GOOD=one BAD=two PHASE=preserve
refused "the checking kernel" "DEBUG=1: make bisect builds the tree" KSRC="$t" GOOD=one BAD=two DEBUG=1
out=$(env -u PAIRS -u MAX_PAIRS -u RATIO -u ALPHA -u CAUSE -u DEBUG LUO_CACHE="$tmp/cache" KSRC="$t" GOOD=one BAD=two MODE=slower PHASE=preserve \
	"$top/scripts/bisect.sh" --workers 4 2>&1)
rc=$?
check "refused: an option the slower comparisons do not take" "$([ "$rc" = 3 ] && [ "$(wc -l <<<"$out")" = 1 ] &&
	[[ "$out" == *"'--workers' is not one of the options"* ]] && echo 0 || echo 1)" "exit $rc: $out"
after=$(g rev-parse HEAD; g status --porcelain; g stash list; g worktree list; g for-each-ref)
check "the user's tree as it was: HEAD, status, stash, worktrees, refs" \
	"$([ "$before" = "$after" ] && echo 0 || echo 1)" "$after"
[ ! -e "$tmp/cache/bisect" ]
check "nothing cloned before the refusals" "$?" "$(ls "$tmp/cache" 2>/dev/null)"
echo "bisect: $pass passed, $fail failed"
[ "$fail" = 0 ]
