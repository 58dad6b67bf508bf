#!/usr/bin/env bash
# Print a board definition as one JSON object (keys lower-case, plus
# "name" and the board's kernel "cmdline"), for tools that are not shell,
# such as the LAVA job generator.
# Usage: board-json.sh BOARD
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/common.sh
. "$here/common.sh"
# shellcheck source=scripts/board.sh
. "$here/board.sh"
[ $# -eq 1 ] || die "usage: board-json.sh BOARD"
load_board "$1"
printf '{"name": "%s"' "$BOARD_NAME"
for key in $BOARD_KEYS; do
	val="BOARD_$key"
	printf ', "%s": "%s"' "${key,,}" "${!val}"
done
printf ', "cmdline": "%s"}\n' "$(board_cmdline)"
