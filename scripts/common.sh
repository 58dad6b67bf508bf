# shellcheck shell=bash disable=SC2034
# Shared shell helpers for luo-stress scripts: cache location, messages.

LUO_CACHE=${LUO_STRESS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/luo-stress}
KVER_PKG=${KVER_PKG:-linux-source-7.3}
KSUITE=${KSUITE:-trixie-backports}

# wire_load: the wire format (stress/include/wire.h) as WIRE_* variables,
# from build/host/wire.sh (luo-collect --wire), built when needed;
# LUO_WIRE_FILE names that file.
wire_load() {
	local top
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	LUO_WIRE_FILE="$top/build/host/wire.sh"
	make -s -C "$top/collect" wire >&2 || die "building luo-collect --wire failed"
	# shellcheck source=/dev/null # generated
	. "$LUO_WIRE_FILE"
}

# check_workload NAME: die unless NAME is a stress workload (the one
# list: luo-workload --list)
check_workload() {
	local list top
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	list=$("$top/scripts/workload.sh" --list) || die "luo-workload --list failed"
	grep -q -x -F -e "$1" <<<"$list" ||
		die "WORKLOAD must be $(paste -s -d '|' <<<"$list" | sed 's/|/ or /g'), not '$1'"
}

say() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
# The progress of a list of runs (sweep.sh, matrix.sh, compare.sh):
# progress_init once; progress_skip WHAT N TOTAL ID RESULT for one done
# before; progress_next WHAT N TOTAL LABEL before one runs ("WHAT
# N/TOTAL LABEL, elapsed, ETA" from the runs so far), progress_done
# after it.
progress_init() {
	prog_ran=0 prog_spent=0 prog_t0=0
	prog_start=$(date +%s)
}
progress_skip() { say "$1 $2/$3 $4: done before ($5), skipped"; }
progress_next() {
	local eta="?"
	[ "$prog_ran" -gt 0 ] && eta="$((prog_spent * ($3 - $2 + 1) / prog_ran))s"
	say "$1 $2/$3 $4, elapsed $(($(date +%s) - prog_start))s, ETA $eta"
	prog_t0=$(date +%s)
}
progress_done() {
	prog_ran=$((prog_ran + 1))
	prog_spent=$((prog_spent + $(date +%s) - prog_t0))
}
# runs_not_passed DIR...: how many of the run directories have no
# result.txt saying PASS
runs_not_passed() {
	local d n=0
	for d in "$@"; do
		grep -qx PASS "$d/result.txt" 2>/dev/null || n=$((n + 1))
	done
	echo "$n"
}
# die MESSAGE: the one-line error, also appended to $LUO_ERRORS when a
# caller (the QEMU runner) collects errors for its runner-error.txt;
# exits DIE_STATUS (1 unless the script sets it: a comparison's bad
# input has a code of its own, 3, apart from its regression's 1).
die() {
	say "error: $*"
	[ -z "${LUO_ERRORS:-}" ] || printf '%s: %s\n' "${0##*/}" "$*" >> "$LUO_ERRORS"
	exit "${DIE_STATUS:-1}"
}
# The shared step after a run (boards/post-run.sh; its results directory
# is $out), when luo-collect itself cannot decide: fail REASON writes
# "FAIL: REASON" into result.txt, says it, exits 1.
fail() {
	# shellcheck disable=SC2154 # the caller's results directory
	echo "FAIL: $*" > "$out/result.txt"
	say "FAIL: $*"
	exit 1
}
# verdict_on_exit: whatever stops the script early leaves a verdict behind
verdict_on_exit() {
	trap '[ -f "$out/result.txt" ] || echo "FAIL: ${0##*/} stopped before a verdict (exit $?)" > "$out/result.txt"' EXIT
}

# kernel_facts KDIR BOARD: run.txt lines naming the kernel of a build
# directory from scripts/kernel.sh.
kernel_facts() {
	echo "kernel=$1/Image"
	echo "kernel_version=$(basename "$1" | sed "s/^$2-//; s/-[0-9a-f]*$//")"
	echo "config_sha256=$(sha256sum "$1/.config" 2>/dev/null | cut -c1-16)"
}

# private_apt DIR SUITE [ARCH]: set APT_OPTS so that apt-get works from a
# private sources list and lists directory in DIR, for SUITE (and ARCH),
# on the mirror this machine is configured with (found at run time, never
# written down); the system's apt configuration stays untouched.
private_apt() {
	local dir=$1 suite=$2 arch=${3:-} uri
	# shellcheck disable=SC2016 # apt's own $(FIELD) syntax
	uri=$(apt-get indextargets --format '$(REPO_URI) $(SUITE)' |
		awk '$2 !~ /security/ { print $1; exit }')
	[ -n "$uri" ] || die "no Debian mirror found in apt's configuration"
	mkdir -p "$dir/lists/partial" "$dir/archives/partial"
	printf 'deb %s%s %s main\n' "${arch:+[arch=$arch] }" "$uri" "$suite" \
		> "$dir/sources.list"
	APT_OPTS=(-o "Dir::Etc::SourceList=$dir/sources.list"
		-o "Dir::Etc::SourceParts=-"
		-o "Dir::State::Lists=$dir/lists"
		-o "Dir::Cache::Archives=$dir/archives"
		-o "APT::Get::List-Cleanup=0")
	if [ -n "$arch" ]; then
		APT_OPTS+=(-o "APT::Architecture=$arch" -o "APT::Architectures::=$arch"
			-o "Dir::State::Status=/dev/null")
	fi
	if [ "$(id -u)" -eq 0 ]; then
		APT_OPTS+=(-o "APT::Sandbox::User=root")
	fi
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
