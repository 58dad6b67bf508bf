# shellcheck shell=bash
# The points of a sweep or a comparison from the environment, sourced by
# scripts/sweep.sh and scripts/compare.sh: exactly one of FILES and
# SESSIONS may hold several values, the points; the other options
# (SESSIONS or FILES, CYCLES, PAGES, MIX, SEED) are the same at every
# point and passed only when set, so the program keeps its defaults.
# Sets var (files or sessions), values (the points) and fixed (the
# options every point shares). Needs common.sh and board.sh.
read_points() {
	local -a files_v sessions_v
	read -r -a files_v <<<"${FILES:-}"
	read -r -a sessions_v <<<"${SESSIONS:-}"
	if [ "${#files_v[@]}" -gt 1 ] && [ "${#sessions_v[@]}" -gt 1 ]; then
		die "sweep FILES or SESSIONS, not both"
	elif [ "${#sessions_v[@]}" -gt 1 ]; then
		var=sessions
		values=("${sessions_v[@]}")
	else
		var=files
		[ "${#files_v[@]}" -gt 0 ] || die "give the points, e.g. FILES=\"1000 2000 4000\""
		values=("${files_v[@]}")
	fi
	fixed=()
	[ "$var" = files ] && [ -n "${SESSIONS:-}" ] && fixed+=(--sessions "$SESSIONS")
	[ "$var" = sessions ] && [ -n "${FILES:-}" ] && fixed+=(--files "$FILES")
	[ -n "${CYCLES:-}" ] && fixed+=(--cycles "$CYCLES")
	[ -n "${PAGES:-}" ] && fixed+=(--pages "$PAGES")
	[ -n "${MIX:-}" ] && fixed+=(--mix "$MIX")
	[ -n "${SEED:-}" ] && fixed+=(--seed "$SEED")
	return 0
}

# check_points WORKLOAD BOARD...: every point's options go through the
# program's own parser, and a local point's guest must fit this host,
# before the first point runs (a LAVA job, LAVA=1, checks its board's
# memory when it is generated)
check_points() {
	local workload=$1 b v err
	local -a check
	shift
	for b in "$@"; do
		load_board "$b"
		[ "$BOARD_KIND" = qemu ] || [ "${LAVA:-}" = 1 ] ||
			die "board $b is a lab board: sweep it through LAVA (LAVA=1)"
		check=(--page-size "$BOARD_PAGE_SIZE")
		if [ "$BOARD_KIND" = qemu ]; then
			check+=(--board-mib "${BOARD_MEMORY_MB:-0}")
			[ "${LAVA:-}" = 1 ] || check+=(--fit-host)
		fi
		for v in "${values[@]}"; do
			[[ "$v" =~ ^[0-9]+$ ]] || die "point '$v' of $var is not a number"
			# shellcheck disable=SC2154 # the caller's checkout
			err=$("$top/scripts/workload.sh" "${check[@]}" "$workload" \
				--"$var" "$v" "${fixed[@]}" 2>&1 >/dev/null) ||
				die "point $b $var=$v: ${err##*$'\n'}"
		done
	done
}
