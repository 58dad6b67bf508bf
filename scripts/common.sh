# shellcheck shell=bash disable=SC2034
# Shared shell helpers for luo-stress scripts: cache location, messages.

LUO_CACHE=${LUO_STRESS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/luo-stress}
KVER_PKG=${KVER_PKG:-linux-source-7.3}
KSUITE=${KSUITE:-trixie-backports}

say() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { say "error: $*"; exit 1; }

# kernel_facts KDIR BOARD: run.txt lines naming the kernel of a build
# directory from scripts/kernel.sh.
kernel_facts() {
	echo "kernel=$1/Image"
	echo "kernel_version=$(basename "$1" | sed "s/^$2-//; s/-[0-9a-f]*$//")"
	echo "config_sha256=$(sha256sum "$1/.config" 2>/dev/null | cut -c1-16)"
}

# as_root CMD...: run CMD as root, through sudo when we are not root.
as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		"$@"
	elif command -v sudo >/dev/null 2>&1; then
		sudo "$@"
	else
		die "need root to run '$*' (no sudo found)"
	fi
}
