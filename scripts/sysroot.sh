#!/usr/bin/env bash
# A foreign-architecture root with busybox-static, kexec-tools and their
# libraries, from this machine's Debian release (private apt lists, as
# deps.sh does for the kernel source), for ramdisks of lab boards of
# another architecture. Prints its path; fetched once into the cache.
# Usage: sysroot.sh ARCH (a Debian architecture, e.g. arm64)
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/common.sh"
[ $# -eq 1 ] || die "usage: sysroot.sh ARCH"
arch=$1
[[ "$arch" =~ ^[a-z0-9]+$ ]] || die "bad architecture '$arch'"
root="$LUO_CACHE/sysroot-$arch"
if [ ! -f "$root.done" ]; then
	suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
	[ -n "$suite" ] || die "cannot tell this machine's Debian release"
	apt_dir="$LUO_CACHE/apt-$arch"
	private_apt "$apt_dir" "$suite" "$arch"
	say "fetching busybox-static and kexec-tools for $arch ($suite)"
	apt-get "${APT_OPTS[@]}" update -qq
	rm -rf "$root"
	mkdir -p "$root"
	# kexec-tools and the libraries it needs (for arm64 that includes
	# Xen's), as apt resolves them
	libs=$(apt-cache "${APT_OPTS[@]}" depends --recurse --no-recommends \
		--no-suggests --no-conflicts --no-breaks --no-replaces \
		--no-enhances --no-pre-depends "kexec-tools:$arch" |
		grep -E '^(lib|zlib)' | sort -u | sed "s/\$/:$arch/")
	# shellcheck disable=SC2086 # one word per package
	(cd "$apt_dir/archives" && apt-get "${APT_OPTS[@]}" download \
		"busybox-static:$arch" "kexec-tools:$arch" $libs >/dev/null 2>&1) ||
		die "downloading $arch packages failed"
	for deb in "$apt_dir"/archives/*_"$arch".deb "$apt_dir"/archives/*_all.deb; do
		[ -f "$deb" ] || continue
		dpkg -x "$deb" "$root"
	done
	if [ ! -x "$root/bin/busybox" ] || [ ! -x "$root/sbin/kexec" ]; then
		die "$arch packages lack busybox or kexec"
	fi
	touch "$root.done"
fi
echo "$root"
