# shellcheck shell=bash disable=SC2034
# Shared shell helpers for luo-stress scripts: cache location, messages.

LUO_CACHE=${LUO_STRESS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/luo-stress}
KVER_PKG=${KVER_PKG:-linux-source-7.3}
KSUITE=${KSUITE:-trixie-backports}

say() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { say "error: $*"; exit 1; }

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
