#!/usr/bin/env bash
# Host tests of the cross-kernel tooling that need no kernel build: the
# static ABI check (scripts/abi-diff.py) on the cached 7.2 and 7.3
# sources and on copies of 7.3's ABI headers with this folder's patches
# (and a few more changes made here), and the one-line errors of
# scripts/kernels.sh for KERNELS entries it must refuse.
# Ends with "kernels: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
# shellcheck source=tests/check.sh
. "$top/tests/check.sh"
abi="$top/scripts/abi-diff.py"
s72="$LUO_CACHE/src/linux-source-7.2"
s73="$LUO_CACHE/src/linux-source-7.3"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for s in "$s72" "$s73"; do
	[ -f "$s/Makefile" ] || { echo "kernels: no kernel source at $s (make deps)" >&2; exit 1; }
done

# abi_tree NAME PATCH...: a copy of 7.3's ABI headers (and the uapi
# header they include) with the patches applied; prints its path
abi_tree() {
	local d="$tmp/$1" p
	shift
	mkdir -p "$d/include/linux/kho" "$d/include/uapi/linux"
	cp -r "$s73/include/linux/kho/abi" "$d/include/linux/kho/"
	cp "$s73/include/uapi/linux/liveupdate.h" "$d/include/uapi/linux/"
	for p in "$@"; do
		patch -s -d "$d" -p1 < "$p" || return 1
	done
	echo "$d"
}

# expect NAME WANT-RC WANT-OUTPUT ABI-DIFF-ARGS...: the whole output and
# the exit status of abi-diff.py
expect() {
	local name=$1 rc=$2 want=$3 got grc
	shift 3
	got=$("$abi" "$@" 2>&1)
	grc=$?
	check "$name" "$([ "$grc" = "$rc" ] && [ "$got" = "$want" ] && echo 0 || echo 1)" \
		"exit $grc (want $rc), output:"$'\n'"$got"$'\n'"want:"$'\n'"$want"
}

# --- the real pair: 7.2.12 and 7.3.4 ---
expect "7.2 vs 7.3: the radix tree's enum reworked, KHO_FDT_COMPATIBLE kept, no layout changed" 0 \
	'definitions changed, compatible string kept: enum kho_radix_consts: KHO_ORDER_0_LOG2 removed, KHO_RADIX_KEY_WIDTH added, KHO_TREE_MAX_DEPTH changed (kexec_handover.h: KHO_FDT_COMPATIBLE "kho-v4" in both)' \
	"$s72" "$s73"
expect "7.3 vs itself: no differences" 0 "no differences in include/linux/kho/abi" "$s73" "$s73"

# --- the variants of tests/kernels ---
lay=$(abi_tree layout "$top/tests/kernels/memfd-layout.patch")
expect "memfd-layout.patch: struct memfd_luo_ser changed, memfd-v2 kept" 1 \
	'layout changed, compatible string kept: struct memfd_luo_ser (memfd.h: MEMFD_LUO_FH_COMPATIBLE "memfd-v2" in both)' \
	"$s73" "$lay"
v3=$(abi_tree v3 "$top/tests/kernels/memfd-v3.patch")
expect "memfd-v3.patch: the compatible string changed, nothing else" 0 \
	'compatible string changed: memfd.h: MEMFD_LUO_FH_COMPATIBLE "memfd-v2" -> "memfd-v3"' \
	"$s73" "$v3"
both=$(abi_tree both "$top/tests/kernels/memfd-layout.patch" "$top/tests/kernels/memfd-v3.patch")
expect "both patches: a layout change the bumped string versions" 0 \
	'compatible string changed: memfd.h: MEMFD_LUO_FH_COMPATIBLE "memfd-v2" -> "memfd-v3"
layout changed, compatible string changed: struct memfd_luo_ser (memfd.h: MEMFD_LUO_FH_COMPATIBLE "memfd-v2" -> "memfd-v3")' \
	"$s73" "$both"
expect "the reverse of memfd-layout: also found" 1 \
	'layout changed, compatible string kept: struct memfd_luo_ser (memfd.h: MEMFD_LUO_FH_COMPATIBLE "memfd-v2" in both)' \
	"$lay" "$s73"

# --- layouts changed through what they use ---
vm=$(abi_tree vmalloc)
sed -i 's/unsigned short order;/unsigned int order;/' "$vm/include/linux/kho/abi/kexec_handover.h"
expect "struct kho_vmalloc changed: memfd_luo_ser, which embeds it, changed too" 1 \
	'layout changed, compatible string kept: struct kho_vmalloc (kexec_handover.h: KHO_FDT_COMPATIBLE "kho-v4" in both)
layout changed, compatible string kept: struct memfd_luo_ser, through struct kho_vmalloc (memfd.h: MEMFD_LUO_FH_COMPATIBLE "memfd-v2" in both)' \
	"$s73" "$vm"
un=$(abi_tree uapi)
sed -i 's/^#define LIVEUPDATE_SESSION_NAME_LENGTH .*/#define LIVEUPDATE_SESSION_NAME_LENGTH 32/' \
	"$un/include/uapi/linux/liveupdate.h"
expect "a uapi array size changed: luo_session_ser, through it" 1 \
	'layout changed, compatible string kept: struct luo_session_ser, through LIVEUPDATE_SESSION_NAME_LENGTH (luo.h: LUO_ABI_COMPATIBLE "luo-v5" in both)' \
	"$s73" "$un"
bl=$(abi_tree block)
sed -i 's/^\tu64 count;$/\tu32 count;/' "$bl/include/linux/kho/abi/block.h"
expect "block.h has no string of its own: the one its comment names" 1 \
	'layout changed, compatible string kept: struct kho_block_header_ser (block.h: KHO_FDT_COMPATIBLE "kho-v4" in both)' \
	"$s73" "$bl"
md=$(abi_tree meta)
sed -i 's/u32 kexec_count;/u64 kexec_count;/' "$md/include/linux/kho/abi/kexec_metadata.h"
expect "kexec_metadata.h: versioned by its _VERSION number" 1 \
	'layout changed, compatible string kept: struct kho_kexec_metadata (kexec_metadata.h: KHO_KEXEC_METADATA_VERSION 1 in both)' \
	"$s73" "$md"
cm=$(abi_tree comments)
sed -i 's/^\tu64 size;$/\tu64   size;   \/* moved: no *\//' "$cm/include/linux/kho/abi/memfd.h"
expect "comments and whitespace are no change" 0 "no differences in include/linux/kho/abi" "$s73" "$cm"

# --- three sources: each consecutive pair, the worst exit ---
out=$("$abi" "$s72" "$s73" "$lay" 2>&1)
rc=$?
check "three sources: two pairs, each named, exit 1 for the second" \
	"$([ "$rc" = 1 ] && [ "$(grep -c '^# ' <<<"$out")" = 2 ] &&
		grep -q "^# $s73 -> $lay\$" <<<"$out" && echo 0 || echo 1)" "exit $rc: $out"

# --- bad input: exit 3, one line ---
for args in "$s73" "$s73 $tmp"; do
	# shellcheck disable=SC2086 # the two cases' words
	out=$("$abi" $args 2>&1)
	rc=$?
	check "bad input ($args): exit 3 and one error line" \
		"$([ "$rc" = 3 ] && [ "$(wc -l <<<"$out")" = 1 ] &&
			[[ "$out" == "abi-diff.py: error: "* ]] && echo 0 || echo 1)" "exit $rc: $out"
done

# --- kernels.sh: the entries it refuses, before any build ---
printf -- '--- a/Makefile\n+++ b/Makefile\n@@ -1,1 +1,1 @@\n-no such line\n+x\n' > "$tmp/bad.patch"
lab=$(grep -l '^KIND=lab' "$top"/boards/*.board | head -n 1)
lab=$(basename "$lab" .board)
while IFS='|' read -r entry want; do
	out=$(BOARD=qemu-x86_64 KERNELS="$entry" LUO_ERRORS='' "$top/scripts/kernels.sh" 2>&1 >/dev/null)
	rc=$?
	check "kernels.sh refuses '$entry' in one line" \
		"$([ "$rc" = 1 ] && [ "$(wc -l <<<"$out")" = 1 ] &&
			[[ "$out" == "kernels.sh: error: $entry: "*"$want"* ]] && echo 0 || echo 1)" "exit $rc: $out"
done <<EOF
no-such-thing|unknown entry
7.3@qemu-arm64|qemu-arm64 is arm64, the run's board qemu-x86_64 is x86_64
7.3@$lab|is a lab board
7.3@nosuch|unknown board 'nosuch'
7.3+$tmp/none.patch|no such file
7.3+$tmp/bad.patch|does not apply to $s73: Hunk #1 FAILED
$tmp/bad.patch+$tmp/bad.patch|the base of BASE+PATCH is a version X.Y or a kernel tree
$tmp/bad.patch|has no embedded config (CONFIG_IKCONFIG)
$tmp/bad.patch:$tmp/none.config|config $tmp/none.config: no such file
EOF
out=$(BOARD=qemu-x86_64 KERNELS="$tmp/bad.patch 7.3" LUO_ERRORS="$tmp/errors" "$top/scripts/kernels.sh" 2>/dev/null)
check "a refused entry: no table on stdout, its line in LUO_ERRORS" \
	"$([ -z "$out" ] && [ "$(cat "$tmp/errors")" = "kernels.sh: $tmp/bad.patch: KERNEL=$tmp/bad.patch has no embedded config (CONFIG_IKCONFIG); give its .config as KCONFIG=FILE (KERNELS: IMAGE:CONFIG)" ] &&
		echo 0 || echo 1)" "stdout '$out', errors '$(cat "$tmp/errors" 2>/dev/null)'"

echo "kernels: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
