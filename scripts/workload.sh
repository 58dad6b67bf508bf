#!/usr/bin/env bash
# The resolved workload of a command line: builds luo-workload for the
# host when needed (the stress programs' own option parsers and the
# guest memory formula, stress/luo_workload.c) and runs it. Its output,
# errors and exit status are the tool's: "name=value" lines, or the same
# one-line error the board would print.
# Usage: workload.sh [--page-size N] [--board-mib N] [--guest-mib N]
#                    [--fit-host] PROGRAM [program options...]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
make -s -C "$top/stress" host O="$top/build/host" \
	KSRC="${KSRC:-$LUO_CACHE/src/$KVER_PKG}" >&2 ||
	die "building luo-workload failed"
exec "$top/build/host/luo-workload" "$@"
