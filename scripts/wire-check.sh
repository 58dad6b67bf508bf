#!/usr/bin/env bash
# The wire format has one owner, stress/include/wire.h: every line
# prefix, guest path and kprobe event name it defines (luo-collect
# --wire) must be spelled nowhere else in the code. Lists each file that
# spells one, and exits 1 if any does (make lint). WIRE_WORDS, too
# common to look for, are left out; docs/ and tests/ may quote them.
# Usage: wire-check.sh
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
wire_load
bad=0
while IFS= read -r line; do
	name=${line%%=*}
	case " $WIRE_WORDS WIRE_WORDS " in *" $name "*) continue ;; esac
	value=${!name}
	if hits=$(git -C "$top" grep --untracked -n -F -e "$value" -- stress collect boards scripts lava-jobs plots \
		':!stress/include/wire.h'); then
		printf 'wire-check: %s (%s) spelled outside wire.h:\n%s\n' "$name" "$value" "$hits" >&2
		bad=1
	fi
done < "$LUO_WIRE_FILE"
[ "$bad" = 0 ] || die "use the definitions of stress/include/wire.h (build/host/wire.sh)"
