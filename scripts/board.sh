# shellcheck shell=bash disable=SC2034
# Board definition loader: parses boards/<name>.board (KEY=value lines,
# no shell code is executed) into BOARD_* variables, rejecting unknown keys
# and malformed lines with a one-line error.

BOARD_KEYS="KIND ARCH KARCH CROSS_COMPILE KIMAGE CONFIGS PAGE_SIZE QEMU
QEMU_MACHINE QEMU_CPU KVM_CPU CONSOLE SMP LAVA_DEVICE_TYPE LAVA_BOOT_METHOD
LAVA_BOOT_COMMANDS LAVA_KERNEL_TYPE DTB MEMORY_MB CMDLINE_EXTRA BASE_CONFIG
EARLYCON"
BOARD_REQUIRED="KIND ARCH KARCH KIMAGE CONFIGS PAGE_SIZE CONSOLE LAVA_DEVICE_TYPE"
BOARD_REQUIRED_qemu="QEMU QEMU_MACHINE"
BOARD_REQUIRED_lab="LAVA_BOOT_METHOD LAVA_BOOT_COMMANDS MEMORY_MB"

# board_names DIR: the board names defined in DIR, on one line.
board_names() {
	local f names=""
	for f in "$1"/*.board; do
		f=${f##*/}
		names="$names ${f%.board}"
	done
	echo "${names# }"
}

# load_board NAME: sets BOARD_NAME, BOARD_FILE and BOARD_<KEY> for every key.
load_board() {
	local name=$1 file key val n=0 line
	local dir
	dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../boards" && pwd)
	file="$dir/$name.board"
	[ -f "$file" ] || die "unknown board '$name' (boards: $(board_names "$dir"))"
	for key in $BOARD_KEYS; do
		eval "BOARD_$key="
	done
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		case "$line" in '' | '#'*) continue ;; esac
		[[ "$line" =~ ^([A-Z_][A-Z0-9_]*)=(.*)$ ]] ||
			die "$file:$n: expected KEY=value, got '$line'"
		key=${BASH_REMATCH[1]}
		val=${BASH_REMATCH[2]}
		case " $(echo "$BOARD_KEYS" | tr '\n' ' ') " in
		*" $key "*) ;;
		*) die "$file:$n: unknown key '$key'" ;;
		esac
		val=${val#\"}
		val=${val%\"}
		[[ "$val" =~ ^[A-Za-z0-9_./:,=%+\ -]*$ ]] ||
			die "$file:$n: bad characters in value of $key"
		printf -v "BOARD_$key" '%s' "$val"
	done < "$file"
	case "$BOARD_KIND" in
	qemu | lab) ;;
	*) die "$file: KIND must be qemu or lab" ;;
	esac
	val="BOARD_REQUIRED_$BOARD_KIND"
	for key in $BOARD_REQUIRED ${!val}; do
		val="BOARD_$key"
		[ -n "${!val}" ] || die "$file: missing required key $key"
	done
	case "$BOARD_ARCH" in
	x86_64 | arm64) ;;
	*) die "$file: ARCH must be x86_64 or arm64" ;;
	esac
	[[ "${BOARD_MEMORY_MB:-0}" =~ ^[0-9]+$ ]] || die "$file: MEMORY_MB must be a number"
	[[ "$BOARD_PAGE_SIZE" =~ ^(4096|16384|65536)$ ]] ||
		die "$file: PAGE_SIZE must be 4096, 16384 or 65536"
	[[ "${BOARD_SMP:-1}" =~ ^[0-9]+$ ]] || die "$file: SMP must be a number"
	BOARD_NAME=$name
	BOARD_FILE=$file
	BOARD_CONFIG_DIR="$dir/configs"
}

# board_cmdline: the kernel command line of the loaded board, for the
# QEMU runner and the LAVA generator alike. A QEMU board gets the whole
# line (nokaslr: the kernel runs at System.map's addresses, so the
# handover sampler can name them; the kprobe events that time LUO from
# the kernel, WIRE_KPROBE_EVENTS of stress/include/wire.h, which tp_printk
# prints to the console for luo-collect); a lab board the options
# appended to its device's own line (its console and boot loader are the
# lab's, and boot loaders do not keep the kprobe events' ';' separators).
# EARLYCON (QEMU boards) adds earlycon=: a kernel that dies before its
# console driver still prints, in the first kernel and after every kexec.
board_cmdline() {
	local common="printk.time=1 liveupdate=on"
	if [ "$BOARD_KIND" = qemu ]; then
		[ -n "${WIRE_KPROBE_EVENTS:-}" ] || wire_load
		echo "${BOARD_EARLYCON:+earlycon=$BOARD_EARLYCON }console=${BOARD_CONSOLE%%,*} $common panic=-1 nokaslr kprobe_event=$WIRE_KPROBE_EVENTS tp_printk"
	else
		echo "$common${BOARD_CMDLINE_EXTRA:+ $BOARD_CMDLINE_EXTRA}"
	fi
}

# build_programs KDIR: the stress programs and init of the loaded board,
# static, against the UAPI headers of the kernel build KDIR (from
# scripts/kernel.sh), into build/<board>/; prints that directory.
build_programs() {
	local kdir=$1 ksrc top bdir
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
	bdir="$top/build/$BOARD_NAME"
	ksrc=$(readlink -f "$kdir/source" 2>/dev/null || true)
	[ -f "$ksrc/Makefile" ] || ksrc=${KSRC:-$LUO_CACHE/src/$KVER_PKG}
	make -s -C "$top/stress" O="$bdir" KHDR="$kdir/usr/include" KSRC="$ksrc" \
		CROSS_COMPILE="$BOARD_CROSS_COMPILE" >&2 ||
		die "building the stress programs failed"
	echo "$bdir"
}
