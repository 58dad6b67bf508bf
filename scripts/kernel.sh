#!/usr/bin/env bash
# Build (or reuse from the cache) the LUO kernel for a board.
# Prints the path of a directory holding: kernel image (Image), .config and
# usr/include (UAPI headers from headers_install). The cache key covers the
# source version, the board's arch and its config fragments, so a second
# run with the same inputs does not rebuild.
#
# Environment: BOARD (default qemu-x86_64), KSRC (kernel tree, default the
# cached linux-source), KERNEL (prebuilt image; its config must be given
# as KCONFIG or be extractable with CONFIG_IKCONFIG), KSEED (with KSRC, a
# git tree: a build of its HEAD's source elsewhere, where its first build
# starts, below), PATCH (a -p1 patch: the variant of that source, below),
# DEBUG=1 (the checking kernel:
# the board's fragments and debug.config).
#
# A variant (PATCH=dir/NAME.patch): its source is a hard-link copy of the
# source (cp -al; GNU patch writes each file it changes anew, so the
# source stays as it was) in $LUO_CACHE/src/variant-<hash>, patched; its
# build a copy of the source's own build (built first when missing),
# rebuilt with LOCALVERSION=-NAME. kbuild's commands name the source and
# build directories by their absolute paths, so make runs in a private
# mount namespace with the variant's directories mounted over the
# source's: only what the patch (and the release string) touches is
# rebuilt. Without one (not root) the variant is built in full. Its cache
# key adds the patch's sha256; the variant of a tree (KSRC) is that tree
# as it was when the variant was first made. Rebuild a variant only
# through this script.
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/common.sh
. "$here/common.sh"
# shellcheck source=scripts/board.sh
. "$here/board.sh"

load_board "${BOARD:-qemu-x86_64}"
src=${KSRC:-$LUO_CACHE/src/$KVER_PKG}
# a seeded tree (below): the tree, where make sees $src
tree=""
[ -f "$src/Makefile" ] || die "no kernel source at $src (run 'make deps' or set KSRC)"

fragments=()
for f in $BOARD_CONFIGS; do
	[ -f "$BOARD_CONFIG_DIR/$f" ] || die "$BOARD_FILE: config fragment $f not found"
	fragments+=("$BOARD_CONFIG_DIR/$f")
done
# DEBUG=1: the checking kernel, the board's fragments and debug.config
debug=""
if [ "${DEBUG:-0}" = 1 ]; then
	fragments+=("$BOARD_CONFIG_DIR/debug.config")
	debug=-debug
elif [ "${DEBUG:-0}" != 0 ]; then
	die "DEBUG=$DEBUG: takes 0 or 1"
fi

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

# kmake ARGS: make in the build directory $obj (what make sees; $out,
# where the files are, is the same directory but for a variant's
# namespace), through the command prefix $kns and with the extra
# arguments $klv when set
kns=()
klv=()
kcc=()
kmake() {
	"${kns[@]}" make -s -C "$src" O="$obj" ARCH="$BOARD_KARCH" \
		CROSS_COMPILE="$BOARD_CROSS_COMPILE" -j"$(nproc)" "${kcc[@]}" "${klv[@]}" "$@"
}

# build: configure $out when it has no .config, build the image and
# install the UAPI headers; says how long it took
build() {
	local start last pid
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
	say "building $BOARD_NAME kernel ($srcver${klv[*]:+, ${klv[*]}}), a few minutes on first run"
	start=$(date +%s)
	touch "$out/.luo-build-start"
	kmake "$(basename "$BOARD_KIMAGE")" >"$out/build.log" 2>&1 &
	pid=$!
	# a line every 30 s, so a long first build shows it is alive
	last=$start
	while kill -0 "$pid" 2>/dev/null; do
		sleep 2
		if [ $(( $(date +%s) - last )) -ge 30 ]; then
			last=$(date +%s)
			say "building: $(find "$out" -name '*.o' -newer "$out/.luo-build-start" | wc -l) objects compiled, $((last - start)) s"
		fi
	done
	# (a seeded tree's errors name its files, not the paths make saw)
	wait "$pid" ||
		{ tail -n 20 "$out/build.log" | sed "s|$src/|${tree:-$src}/|g" >&2; die "kernel build failed (log: $out/build.log)"; }
	kmake headers_install INSTALL_HDR_PATH="$obj/usr" >/dev/null
	say "kernel built in $(( $(date +%s) - start )) s, $(find "$out" -name '*.o' -newer "$out/.luo-build-start" | wc -l) objects compiled"
	rm -f "$out/.luo-build-start"
	touch "$out/done"
}

# Bump when the way a kernel is configured or built changes.
BUILD_RECIPE=2
srcver=$(make -s -C "$src" kernelversion 2>/dev/null | tail -n 1)
key=$( { echo "$BUILD_RECIPE $src $srcver $BOARD_ARCH $BOARD_PAGE_SIZE${BOARD_BASE_CONFIG:+ $BOARD_BASE_CONFIG}"; cat "${fragments[@]}"; } |
	sha256sum | cut -c1-12)
out="$LUO_CACHE/build/$BOARD_NAME-$srcver$debug-$key"
obj=$out

# A prebuilt kernel: check its config, take UAPI headers from the source.
if [ -n "${KERNEL:-}" ]; then
	[ -z "${PATCH:-}" ] || die "PATCH=$PATCH patches a source, not the prebuilt KERNEL=$KERNEL"
	[ -f "$KERNEL" ] || die "KERNEL=$KERNEL: no such file"
	cfg=${KCONFIG:-}
	tmpcfg=$(mktemp)
	if [ -z "$cfg" ]; then
		"$src/scripts/extract-ikconfig" "$KERNEL" > "$tmpcfg" 2>/dev/null ||
			{ rm -f "$tmpcfg"; die "KERNEL=$KERNEL has no embedded config (CONFIG_IKCONFIG); give its .config as KCONFIG=FILE (KERNELS: IMAGE:CONFIG)"; }
		cfg=$tmpcfg
	fi
	[ -f "$cfg" ] || die "KCONFIG=$cfg: no such file"
	check_config "$cfg"
	ukey=$(cat "$KERNEL" "$cfg" | sha256sum | cut -c1-12)
	out="$LUO_CACHE/user-kernel/$BOARD_NAME-$ukey"
	obj=$out
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

# patched_files: the files $PATCH changes, one a line ("+++ b/<path>")
patched_files() {
	sed -n 's|^+++ [^/]*/\([^[:space:]]*\).*|\1|p' "$PATCH"
}

# variant_source: $vsrc, the source with $PATCH applied, made once
variant_source() {
	local tmp f why
	[ -f "$vsrc/.luo-variant" ] && return 0
	why=$(patch -d "$src" -p1 -f -N --dry-run -i "$PATCH" </dev/null 2>&1) ||
		die "$PATCH does not apply to $src: $(grep -m 1 -E 'FAILED|Reversed|can.t find|No file|malformed' <<<"$why" || echo "${why%%$'\n'*}")"
	tmp="$vsrc.tmp"
	rm -rf "$tmp"
	say "variant source: $src with $(basename "$PATCH") in $vsrc"
	cp -al "$src" "$tmp"
	patch -d "$tmp" -p1 -f -N -s --no-backup-if-mismatch -i "$PATCH" </dev/null >/dev/null ||
		{ rm -rf "$tmp"; die "$PATCH does not apply to $src"; }
	# a file the patch changed must be a file of its own by now
	while read -r f; do
		if [ ! -e "$src/$f" ] || [ ! -e "$tmp/$f" ]; then continue; fi
		[ "$(stat -c %i "$src/$f")" != "$(stat -c %i "$tmp/$f")" ] ||
			die "patching $tmp/$f kept its hard link: $src/$f is changed too (fetch that source again)"
	done < <(patched_files)
	echo "$psum $PATCH" > "$tmp/.luo-variant"
	mv "$tmp" "$vsrc"
}

# The checking kernel is a variant: debug.patch (the abort path's test
# hook) on the debug build, and PATCH, when given, on top of it, as one
# patch of PATCH's name (LUO_DEBUG_BASE: the debug build itself, the
# variant's base)
if [ -n "$debug" ] && [ -z "${LUO_DEBUG_BASE:-}" ]; then
	[ -z "${PATCH:-}" ] || [ -f "$PATCH" ] || die "PATCH=$PATCH: no such file"
	dpatch=$BOARD_CONFIG_DIR/debug.patch
	if [ -n "${PATCH:-}" ]; then
		mkdir -p "$LUO_CACHE/patches"
		cpatch="$LUO_CACHE/patches/$(cat "$dpatch" "$PATCH" | sha256sum | cut -c1-12)/$(basename "$PATCH")"
		mkdir -p "$(dirname "$cpatch")"
		cat "$dpatch" "$PATCH" > "$cpatch"
		PATCH=$cpatch
	else
		PATCH=$dpatch
	fi
fi
if [ -n "${PATCH:-}" ]; then
	[ -f "$PATCH" ] || die "PATCH=$PATCH: no such file"
	PATCH=$(realpath "$PATCH")
	pname=$(basename "$PATCH" .patch)
	[[ "$pname" =~ ^[A-Za-z0-9._-]+$ ]] ||
		die "PATCH=$PATCH: its name goes into the release; use letters, digits, '.', '_' and '-'"
	psum=$(sha256sum < "$PATCH" | cut -d' ' -f1)
	vsrc="$LUO_CACHE/src/variant-$(echo "$src $srcver $psum" | sha256sum | cut -c1-12)"
	vout="$LUO_CACHE/build/$BOARD_NAME-$srcver-$pname-$(echo "$key $psum $pname" | sha256sum | cut -c1-12)"
	if [ ! -f "$vout/done" ]; then
		variant_source
		if [ ! -f "$out/done" ]; then
			say "building the variant's base first: $src"
			PATCH='' LUO_DEBUG_BASE=1 "$0" >/dev/null || exit 1
		fi
		klv=(LOCALVERSION="-$pname")
		rm -rf "$vout"
		# the files the patch changed, newer than every object of the
		# base: a base built after the variant's source was made (another
		# board's variant of the same source) would keep their old objects
		while read -r f; do
			[ ! -e "$vsrc/$f" ] || touch "$vsrc/$f"
		done < <(patched_files)
		if unshare -m -- mount --bind "$vsrc" "$src" 2>/dev/null; then
			say "variant $pname: incremental build in a copy of $out"
			cp -a "$out" "$vout"
			rm -f "$vout/done" "$vout/build.log"
			# shellcheck disable=SC2016 # the inner shell's arguments
			kns=(unshare -m -- sh -c 'mount --bind "$1" "$2" &&
				mount --bind "$3" "$4" && shift 4 && exec "$@"' sh
				"$vsrc" "$src" "$vout" "$out")
		else
			say "variant $pname: no private mount namespace (needs root and unshare), building it in full"
			src=$vsrc
			obj=$vout
		fi
		out=$vout
		build
		# the source the variant was built from (kbuild's link names the
		# base, the path make saw)
		ln -sfn "$vsrc" "$out/source"
	fi
	ln -sf "$BOARD_KIMAGE" "$vout/Image"
	echo "$vout"
	exit 0
fi

# seed_tree: $out, the first build of the tree $src, started from a copy
# of KSEED, when KSEED's source is the tree's HEAD file for file
seed_tree() {
	local seen idx t differs
	{ [ -f "$KSEED/done" ] && [ -f "$KSEED/.config" ]; } ||
		die "KSEED=$KSEED: not a finished build of scripts/kernel.sh"
	seen=$(readlink -f "$KSEED/source" 2>/dev/null || true)
	{ [ -n "$seen" ] && [ -f "$seen/Makefile" ]; } ||
		die "KSEED=$KSEED: its source link names no kernel source"
	if ! unshare -m -- true 2>/dev/null; then
		say "KSEED: no private mount namespace (needs root and unshare), building $src in full"
		return 0
	fi
	git -C "$src" rev-parse -q --verify HEAD >/dev/null 2>&1 ||
		die "KSEED: $src is not a git checkout (a seed is checked against its HEAD)"
	[ -z "$(git -C "$src" status --porcelain --untracked-files=no)" ] ||
		die "KSEED: $src has local changes (a seed is checked against its HEAD)"
	say "KSEED: checking that $seen is $src's HEAD, file for file"
	# a private index: the tree's own stays as it is
	idx=$(mktemp)
	differs=0
	GIT_INDEX_FILE=$idx git -C "$src" read-tree HEAD
	GIT_INDEX_FILE=$idx git -C "$src" --work-tree="$seen" update-index -q --refresh >/dev/null || differs=1
	[ "$differs" = 1 ] || GIT_INDEX_FILE=$idx git -C "$src" --work-tree="$seen" diff-files --quiet || differs=1
	[ "$differs" = 1 ] || [ -z "$(GIT_INDEX_FILE=$idx git -C "$src" --work-tree="$seen" ls-files --others | head -n 1)" ] || differs=1
	rm -f "$idx"
	if [ "$differs" = 1 ]; then
		say "KSEED: $seen is not $src's HEAD, building $src in full"
		mkdir -p "$out"
		echo "$seen $KSEED" > "$out/.luo-seed-differs"
		return 0
	fi
	say "KSEED: $out starts as a copy of $KSEED: only what differs from its source is built"
	rm -rf "$out"
	cp -a "$KSEED" "$out"
	rm -f "$out/done" "$out/build.log"
	# the tree's files older than every object of the copy
	t=$(($(stat -c %Y "$KSEED/.config") - 1))
	git -C "$src" ls-files -z | (cd "$src" && xargs -0 touch -h -d "@$t")
	echo "$seen $KSEED" > "$out/.luo-seed"
}

# A tree seeded (KSEED=DIR, make bisect's clone): DIR is a build of this
# script of the tree's very source elsewhere. The tree's build (made
# anew, unless seeded before or found to differ) starts from a copy of
# DIR, the tree's files dated before its objects;
# that build and every later one of the tree run make in a private
# mount namespace with the tree and its build mounted over DIR's source
# and DIR (the paths kbuild recorded), so only what differs is rebuilt.
if [ -n "${KSRC:-}" ] && [ -n "${KSEED:-}" ] && [ ! -f "$out/.luo-seed" ] &&
	[ ! -f "$out/.luo-seed-differs" ]; then
	seed_tree
fi
if [ -f "$out/.luo-seed" ]; then
	read -r seen_src seen_obj < "$out/.luo-seed"
	{ [ -f "$seen_src/Makefile" ] && [ -d "$seen_obj" ]; } ||
		die "$out was seeded from $seen_obj ($seen_src), which is gone: remove $out to build $src in full"
	# shellcheck disable=SC2016 # the inner shell's arguments
	kns=(unshare -m -- sh -c 'mount --bind "$1" "$2" &&
		mount --bind "$3" "$4" && shift 4 && exec "$@"' sh
		"$src" "$seen_src" "$out" "$seen_obj")
	tree=$src
	src=$seen_src
	obj=$seen_obj
fi
# A tree's build goes through ccache when it is installed, decided when
# its build directory is made (.luo-ccache): the compiler is part of
# every command kbuild records, so a change of it rebuilds everything.
# A seeded build keeps its seed's compiler.
if [ -n "${KSRC:-}" ] && [ ! -f "$out/.config" ] && command -v ccache >/dev/null; then
	mkdir -p "$out"
	touch "$out/.luo-ccache"
fi
[ ! -f "$out/.luo-ccache" ] || kcc=(CC="ccache ${BOARD_CROSS_COMPILE}gcc")
if [ -n "${KSRC:-}" ] || [ ! -f "$out/done" ]; then
	build
fi
ln -sf "$BOARD_KIMAGE" "$out/Image"
echo "$out"
