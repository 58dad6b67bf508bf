#!/usr/bin/env bash
# Install the Debian packages luo-stress needs and fetch the LUO kernel
# source (linux-source-7.3 from trixie-backports, another version with
# KVER_PKG=linux-source-X.Y) into the cache, without
# touching the system's apt configuration. Idempotent: does nothing when
# everything is already present. `deps.sh lava` adds what a local LAVA
# dispatcher run needs.
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/common.sh"

PKGS="build-essential flex bison bc libelf-dev libssl-dev cpio rsync
xz-utils qemu-system-x86 qemu-system-arm gcc-aarch64-linux-gnu
libc6-dev-arm64-cross kexec-tools gnuplot-nox shellcheck clang
libclang-rt-14-dev lava-common python3-jinja2 python3-yaml"
# `deps.sh lava`: also what a local LAVA dispatcher run needs;
# `deps.sh lava-lab`: and the lab's database and artifact server (make lava-lab);
# `deps.sh lava-server`: the server, whose install migrates its database, so
# PostgreSQL must be running first (lava-jobs/lab-up.sh starts it)
LAVA_PKGS="lava-dispatcher lavacli busybox-static"
LAB_PKGS="$LAVA_PKGS postgresql iproute2 u-boot-tools telnet"
case "${1:-}" in
lava) PKGS="$PKGS $LAVA_PKGS" ;;
lava-lab) PKGS="$PKGS $LAB_PKGS" ;;
lava-server) PKGS="$PKGS $LAB_PKGS lava-server" ;;
'') ;;
*) die "unknown package set '$1' (lava, lava-lab, lava-server)" ;;
esac

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	say "installing Debian packages:$missing"
	mkdir -p "$LUO_CACHE"
	log="$LUO_CACHE/apt-install.log"
	# shellcheck disable=SC2086
	if ! { as_root apt-get update -qq &&
		as_root env DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $missing; } \
		>"$log" 2>&1; then
		tail -n 15 "$log" >&2
		die "installing Debian packages failed (log: $log)"
	fi
fi

# Kernel source: a user tree (KSRC) needs nothing fetched.
if [ -n "${KSRC:-}" ]; then
	[ -f "$KSRC/Makefile" ] || die "KSRC=$KSRC is not a kernel tree"
	exit 0
fi
srcdir="$LUO_CACHE/src"
stamp="$srcdir/$KVER_PKG.done"
[ -f "$stamp" ] && exit 0

mkdir -p "$srcdir"
apt_dir="$srcdir/apt"
private_apt "$apt_dir" "$KSUITE"
aopts=("${APT_OPTS[@]}")
apt-get "${aopts[@]}" update -qq
if ! apt-cache "${aopts[@]}" show "$KVER_PKG" >/dev/null 2>&1; then
	there=$(apt-cache "${aopts[@]}" pkgnames linux-source- 2>/dev/null | sort -V | tr '\n' ' ')
	die "$KVER_PKG is not in $KSUITE${there:+ (there: ${there% })}"
fi
say "fetching $KVER_PKG from $KSUITE"
(cd "$apt_dir" && apt-get "${aopts[@]}" download "$KVER_PKG")
debs=("$apt_dir"/"${KVER_PKG}"_*.deb)
deb=${debs[0]}
[ -f "$deb" ] || die "download of $KVER_PKG failed"
rm -rf "$srcdir/pkg"
dpkg -x "$deb" "$srcdir/pkg"
tarballs=("$srcdir"/pkg/usr/src/"$KVER_PKG".tar.*)
tarball=${tarballs[0]}
[ -f "$tarball" ] || die "$deb holds no $KVER_PKG tarball"
say "unpacking $(basename "$tarball")"
rm -rf "${srcdir:?}/$KVER_PKG"
tar -C "$srcdir" -xf "$tarball"
rm -rf "$srcdir/pkg" "$deb"
[ -f "$srcdir/$KVER_PKG/Makefile" ] || die "unpacked source has no Makefile"
touch "$stamp"
say "kernel source ready in $srcdir/$KVER_PKG"
