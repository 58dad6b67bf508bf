#!/usr/bin/env bash
# Build (or reuse from the cache) the LUO kernel for a board.
# Prints the path of a directory holding: kernel image (Image), .config and
# usr/include (UAPI headers from headers_install). The cache key covers the
# source version, the board's arch and its config fragments, so a second
# run with the same inputs does not rebuild.
#
# Environment: BOARD (default qemu-x86_64), KSRC (kernel tree, default the
# cached linux-source), KERNEL (prebuilt image; its config must be given
# as KCONFIG or be extractable with CONFIG_IKCONFIG).
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/common.sh
. "$here/common.sh"
# shellcheck source=scripts/board.sh
. "$here/board.sh"

load_board "${BOARD:-qemu-x86_64}"
src=${KSRC:-$LUO_CACHE/src/$KVER_PKG}
[ -f "$src/Makefile" ] || die "no kernel source at $src (run 'make deps' or set KSRC)"

fragments=()
for f in $BOARD_CONFIGS; do
	[ -f "$BOARD_CONFIG_DIR/$f" ] || die "$BOARD_FILE: config fragment $f not found"
	fragments+=("$BOARD_CONFIG_DIR/$f")
done

# check_config CONFIGFILE: every option our required fragments set must be
# set; a fragment whose first line is "# luo-stress: optional" only adds
# measurements, and the run says when they are missing.
check_config() {
	local cfg=$1 opt f
	for f in "${fragments[@]}"; do
		[ "$(head -n 1 "$f")" = "# luo-stress: optional" ] && continue
		while read -r opt; do
			grep -qx "$opt" "$cfg" ||
				die "kernel config $cfg lacks required option ${opt%%=*} (want $opt)"
		done < <(grep -E '^CONFIG_[A-Z0-9_]+=' "$f")
	done
}

kmake() {
	make -s -C "$src" O="$out" ARCH="$BOARD_KARCH" \
		CROSS_COMPILE="$BOARD_CROSS_COMPILE" -j"$(nproc)" "$@"
}

# Bump when the way a kernel is configured or built changes.
BUILD_RECIPE=2
srcver=$(make -s -C "$src" kernelversion 2>/dev/null | tail -n 1)
key=$( { echo "$BUILD_RECIPE $src $srcver $BOARD_ARCH $BOARD_PAGE_SIZE${BOARD_BASE_CONFIG:+ $BOARD_BASE_CONFIG}"; cat "${fragments[@]}"; } |
	sha256sum | cut -c1-12)
out="$LUO_CACHE/build/$BOARD_NAME-$srcver-$key"

# A prebuilt kernel: check its config, take UAPI headers from the source.
if [ -n "${KERNEL:-}" ]; then
	[ -f "$KERNEL" ] || die "KERNEL=$KERNEL: no such file"
	cfg=${KCONFIG:-}
	tmpcfg=$(mktemp)
	if [ -z "$cfg" ]; then
		"$src/scripts/extract-ikconfig" "$KERNEL" > "$tmpcfg" 2>/dev/null ||
			{ rm -f "$tmpcfg"; die "KERNEL=$KERNEL has no embedded config; pass KCONFIG=/path/to/.config"; }
		cfg=$tmpcfg
	fi
	[ -f "$cfg" ] || die "KCONFIG=$cfg: no such file"
	check_config "$cfg"
	ukey=$(cat "$KERNEL" "$cfg" | sha256sum | cut -c1-12)
	out="$LUO_CACHE/user-kernel/$BOARD_NAME-$ukey"
	mkdir -p "$out"
	cp "$KERNEL" "$out/Image"
	cp "$cfg" "$out/.config"
	rm -f "$tmpcfg"
	if [ ! -f "$out/done" ]; then
		kmake olddefconfig >/dev/null
		kmake headers_install INSTALL_HDR_PATH="$out/usr" >/dev/null
		touch "$out/done"
	fi
	echo "$out"
	exit 0
fi

if [ -n "${KSRC:-}" ] || [ ! -f "$out/done" ]; then
	mkdir -p "$out"
	if [ ! -f "$out/.config" ]; then
		say "configuring $BOARD_NAME kernel ($srcver) in $out"
		# QEMU boards, like upstream's liveupdate vmtest: the fragments
		# on Kconfig defaults, a small kernel that builds in minutes.
		# Lab boards start from BASE_CONFIG (defconfig) for their drivers.
		if [ -n "$BOARD_BASE_CONFIG" ]; then
			kmake "$BOARD_BASE_CONFIG" >/dev/null
			cat "${fragments[@]}" >> "$out/.config"
		else
			cat "${fragments[@]}" > "$out/.config"
		fi
		kmake olddefconfig >/dev/null
		check_config "$out/.config"
	fi
	say "building $BOARD_NAME kernel ($srcver), a few minutes on first run"
	start=$(date +%s)
	kmake "$(basename "$BOARD_KIMAGE")" >"$out/build.log" 2>&1 &
	pid=$!
	# a line every 30 s, so a long first build shows it is alive
	last=$start
	while kill -0 "$pid" 2>/dev/null; do
		sleep 2
		if [ $(( $(date +%s) - last )) -ge 30 ]; then
			last=$(date +%s)
			say "building: $(find "$out" -name '*.o' | wc -l) objects compiled, $((last - start)) s"
		fi
	done
	wait "$pid" ||
		{ tail -n 20 "$out/build.log" >&2; die "kernel build failed (log: $out/build.log)"; }
	kmake headers_install INSTALL_HDR_PATH="$out/usr" >/dev/null
	say "kernel built in $(( $(date +%s) - start )) s"
	touch "$out/done"
fi
ln -sf "$BOARD_KIMAGE" "$out/Image"
echo "$out"
