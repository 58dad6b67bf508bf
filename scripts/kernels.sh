#!/usr/bin/env bash
# The kernels of a run: parses KERNELS (the kernels a run's kexecs move
# between, in order), gets or builds each through scripts/kernel.sh and
# prints the kernel table on stdout (run.txt keys: kernels=N, then
# kernel.I.entry, release, dir, board, page_size, luo, memfd, kho for
# each); progress on stderr.
#
# KERNELS entries (README.md, "Kernels"):
#   X.Y            Debian's linux-source-X.Y (fetched by deps.sh)
#   DIR            a kernel tree (as KSRC)
#   FILE[:CONFIG]  a prebuilt image, its config embedded or given
#   BASE+PATCH     BASE (X.Y or DIR) with the -p1 PATCH, release -NAME
#   ...@BOARD      any of them built with a QEMU board's config fragments
# Unset KERNELS: the one kernel of KSRC/KERNEL/KCONFIG, as kernel.sh
# builds it. BOARD is the run's board (default qemu-x86_64).
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/common.sh
. "$here/common.sh"
# shellcheck source=scripts/board.sh
. "$here/board.sh"

run_board=${BOARD:-qemu-x86_64}
load_board "$run_board"
run_arch=$BOARD_ARCH
boards_dir=$(dirname "$BOARD_FILE")

# quoted ENTRY CMD...: run CMD (deps.sh, kernel.sh), its stdout ours and
# its progress passed on; its error comes back as our one line naming
# ENTRY
quoted() {
	local entry=$1 err rc msg
	shift
	err=$(mktemp)
	{
		if LUO_ERRORS='' "$@" 2>&1 1>&3 3>&- |
			awk -v f="$err" '/: error: / { sub(/^[^:]*: error: /, ""); print > f; next }
				{ print > "/dev/stderr"; fflush("/dev/stderr") }'; then
			rc=0
		else
			rc=${PIPESTATUS[0]}
		fi
	} 3>&1
	msg=$(tail -n 1 "$err")
	rm -f "$err"
	[ "$rc" -eq 0 ] || die "$entry: ${msg:-${1##*/} failed (exit $rc)}"
}

# abi_from_source SRC: luo memfd kho, the compatible strings of the
# source's ABI headers ("unknown" for one it does not define)
abi_from_source() {
	local d=$1/include/linux/kho/abi f name v out=""
	for f in luo:LUO_ABI_COMPATIBLE memfd:MEMFD_LUO_FH_COMPATIBLE \
		kexec_handover:KHO_FDT_COMPATIBLE; do
		name=${f#*:}
		v=$(sed -n "s/^#define[[:space:]]*${name}[[:space:]]*\"\([^\"]*\)\".*/\1/p" \
			"$d/${f%%:*}.h" 2>/dev/null || true)
		v=${v%%$'\n'*}
		out="$out ${v:-unknown}"
	done
	echo "${out# }"
}

# abi_from_strings VMLINUX: luo memfd kho from the strings of a kernel
# image (one string of each kind, else "unknown")
abi_from_strings() {
	local s k v out=""
	s=$(strings -a "$1" | grep -E '^(luo|memfd|kho)-v[0-9]+$' | sort -u)
	for k in luo memfd kho; do
		v=$(grep "^$k-" <<<"$s" || true)
		[ "$(wc -l <<<"$v")" = 1 ] && [ -n "$v" ] || v=unknown
		out="$out $v"
	done
	echo "${out# }"
}

# image_facts KDIR: "release luo memfd kho" of a prebuilt image (kept in
# KDIR/luo-facts): from its vmlinux, decompressed with the source's
# scripts/extract-vmlinux when it is not one
image_facts() {
	local kdir=$1 vm tmp ksrc rel
	if [ ! -f "$kdir/luo-facts" ]; then
		vm=$kdir/Image
		tmp=$(mktemp)
		ksrc=$LUO_CACHE/src/$KVER_PKG
		if ! readelf -h "$vm" >/dev/null 2>&1 &&
			"$ksrc/scripts/extract-vmlinux" "$vm" > "$tmp" 2>/dev/null; then
			vm=$tmp
		fi
		[ -n "${WIRE_LINUX_VERSION:-}" ] || wire_load
		rel=$(strings -a "$vm" | awk -v p="$WIRE_LINUX_VERSION" \
			'index($0, p) == 1 && r == "" { r = $3 } END { print r }')
		echo "${rel:-unknown} $(abi_from_strings "$vm")" > "$kdir/luo-facts"
		rm -f "$tmp"
	fi
	cat "$kdir/luo-facts"
}

# release KDIR: the release a kernel build reports, kbuild's own record
# of the last build (the LOCALVERSION of a variant included)
release() {
	if [ -f "$1/include/config/kernel.release" ]; then
		cat "$1/include/config/kernel.release"
	else
		make -s -C "$1" kernelrelease
	fi
}

# kernel ENTRY: builds (or finds) the kernel of one KERNELS entry; sets
# kdir, kboard and kimage (1: a prebuilt image)
kernel() {
	local entry=$1 e=$1 base patch="" file cfg="" vars=()
	kboard=$run_board
	kimage=0
	if [[ "$e" == *@* && "${e##*@}" != */* ]]; then
		kboard=${e##*@}
		e=${e%@*}
		[ -f "$boards_dir/$kboard.board" ] ||
			die "$entry: unknown board '$kboard' (boards: $(board_names "$boards_dir"))"
		load_board "$kboard"
		[ "$BOARD_KIND" = qemu ] ||
			die "$entry: $kboard is a lab board; @BOARD takes a QEMU board of the run's arch"
		[ "$BOARD_ARCH" = "$run_arch" ] ||
			die "$entry: $kboard is $BOARD_ARCH, the run's board $run_board is $run_arch"
	fi
	base=$e
	if [[ "$e" == *+* && ! -e "$e" ]]; then
		base=${e%%+*}
		patch=${e#*+}
		[ -f "$patch" ] || die "$entry: patch $patch: no such file"
		vars+=(PATCH="$(realpath "$patch")")
	fi
	if [[ "$base" =~ ^[0-9]+\.[0-9]+$ ]]; then
		[ -n "${fetched[$base]:-}" ] ||
			quoted "$entry" env KVER_PKG="linux-source-$base" "$here/deps.sh"
		fetched[$base]=1
		vars+=(KVER_PKG="linux-source-$base")
	elif [ -d "$base" ]; then
		[ -f "$base/Makefile" ] || die "$entry: $base is no kernel tree (no Makefile)"
		vars+=(KSRC="$(cd "$base" && pwd -P)")
	elif [ -n "$patch" ]; then
		die "$entry: the base of BASE+PATCH is a version X.Y or a kernel tree, not '$base'"
	else
		file=$base
		if [ ! -f "$file" ] && [[ "$file" == *:* ]]; then
			cfg=${file##*:}
			file=${file%:*}
		fi
		[ -f "$file" ] ||
			die "$entry: unknown entry (KERNELS takes X.Y, a kernel tree, an image FILE[:CONFIG], BASE+PATCH, each with an optional @BOARD)"
		[ -z "$cfg" ] || [ -f "$cfg" ] || die "$entry: config $cfg: no such file"
		vars+=(KERNEL="$(realpath "$file")" ${cfg:+KCONFIG="$(realpath "$cfg")"})
		kimage=1
	fi
	kdir=$(quoted "$entry" env -u KSRC -u KERNEL -u KCONFIG -u PATCH \
		BOARD="$kboard" "${vars[@]}" "$here/kernel.sh")
}

entries=()
declare -A fetched=()	# the versions deps.sh has fetched
if [ -n "${KERNELS:-}" ]; then
	read -r -a entries <<<"$KERNELS"
	[ "${#entries[@]}" -gt 0 ] || die "KERNELS='$KERNELS' names no kernel"
fi

table=("kernels=$(( ${#entries[@]} > 0 ? ${#entries[@]} : 1 ))")
srcs=()
i=0
for entry in "${entries[@]:-}"; do
	if [ "${#entries[@]}" -eq 0 ]; then
		# today's one kernel, kernel.sh's own errors and all
		entry=${KERNEL:+$KERNEL${KCONFIG:+:$KCONFIG}}
		entry=${entry:-${KSRC:-${KVER_PKG#linux-source-}}}
		kdir=$("$here/kernel.sh") || exit 1
		kboard=$run_board
		kimage=$([ -n "${KERNEL:-}" ] && echo 1 || echo 0)
	else
		kernel "$entry"
	fi
	load_board "$kboard"
	# a build's source is its kbuild link (an image's names only the
	# source its UAPI headers came from)
	ksrc=$(readlink -f "$kdir/source" 2>/dev/null || true)
	if [ "$kimage" = 0 ] && [ -f "$ksrc/Makefile" ]; then
		rel=$(release "$kdir")
		read -r luo memfd kho < <(abi_from_source "$ksrc")
		[ "$luo $memfd $kho" != "unknown unknown unknown" ] ||
			read -r luo memfd kho < <(abi_from_strings "$kdir/vmlinux")
	else
		ksrc=""
		read -r rel luo memfd kho < <(image_facts "$kdir")
	fi
	srcs+=("$ksrc")
	say "kernel $i: $entry: $rel ($luo $memfd $kho, $kboard) in $kdir"
	table+=("kernel.$i.entry=$entry" "kernel.$i.release=$rel" "kernel.$i.dir=$kdir"
		"kernel.$i.board=$kboard" "kernel.$i.page_size=$BOARD_PAGE_SIZE"
		"kernel.$i.luo=$luo" "kernel.$i.memfd=$memfd" "kernel.$i.kho=$kho")
	i=$((i + 1))
done

# The programs are built against kernel 0's UAPI headers: every other
# kernel must have the same /dev/liveupdate interface.
uapi=include/uapi/linux/liveupdate.h
for ((i = 1; i < ${#srcs[@]}; i++)); do
	if [ -z "${srcs[0]}" ] || [ -z "${srcs[i]}" ]; then
		say "kernel $i: an image without its source: its $uapi is taken to be kernel 0's"
	elif ! cmp -s "${srcs[0]}/$uapi" "${srcs[i]}/$uapi"; then
		die "kernels 0 (${entries[0]}) and $i (${entries[i]}) differ in $uapi: the programs, built against kernel 0's, may not run on kernel $i"
	fi
done
printf '%s\n' "${table[@]}"
