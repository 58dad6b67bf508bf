#!/usr/bin/env bash
# Build the ramdisk a luo-stress LAVA job deploys (uncompressed cpio.newc):
# our init as /init (it packs the running root, LAVA's overlay included,
# into WIRE_GUEST_NEXT_INITRD for the next kexec, then hands over to
# busybox init for LAVA's shell), busybox-static, kexec-tools with its
# libraries, the stress workloads (luo-workload --list), /bin/luo-lava-stage
# and /bin/luo-lava-cmdline (the next kernel's command line) with the
# wire format beside them (/bin/luo-wire.sh: build/host/wire.sh), and the
# kernel at WIRE_GUEST_KERNEL (stress/include/wire.h); with several
# kernel builds (a job of a kernel sequence, generate.py --kernels) each
# as WIRE_GUEST_KERNEL.I in the order given, the programs built against
# the first's headers. busybox and kexec-tools come from this machine's
# packages, or for another architecture from scripts/sysroot.sh.
# Usage: mkramdisk.sh BOARD KERNEL-DIR... OUT.cpio   (as root: mknod)
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
# shellcheck source=scripts/board.sh
. "$top/scripts/board.sh"

[ $# -ge 3 ] || die "usage: mkramdisk.sh BOARD KERNEL-DIR... OUT.cpio"
load_board "$1"
shift
kdirs=("${@:1:$#-1}")
out=${!#}
for kdir in "${kdirs[@]}"; do
	[ -f "$kdir/Image" ] || die "no kernel image $kdir/Image (KERNEL-DIR: a build of scripts/kernel.sh)"
done
kdir=${kdirs[0]}
[ "$(id -u)" -eq 0 ] || die "must run as root (mknod /dev/console)"
hostbb=/bin/busybox
ldd "$hostbb" >/dev/null 2>&1 && die "$hostbb is not static (apt-get install busybox-static)"
if [ "$BOARD_ARCH" = "$(uname -m)" ]; then
	sysroot=""
	busybox=$hostbb
	kexec=/sbin/kexec
	[ -x "$kexec" ] || die "no $kexec (apt-get install kexec-tools)"
else
	sysroot=$("$top/scripts/sysroot.sh" "$BOARD_ARCH")
	busybox=$sysroot/bin/busybox
	kexec=$sysroot/sbin/kexec
fi

bdir=$(build_programs "$kdir") || exit 1
# the guest paths of stress/include/wire.h, as WIRE_*
wire_load
workloads=$("$top/scripts/workload.sh" --list) || die "luo-workload --list failed"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,run,tmp,root} \
	"$root${WIRE_GUEST_KERNEL%/*}"
chmod 1777 "$root/tmp"
mknod -m 600 "$root/dev/console" c 5 1
install -m 755 "$busybox" "$root/bin/busybox"
while read -r applet; do
	[ -e "$root/$applet" ] || [ -L "$root/$applet" ] && continue
	mkdir -p "$root/$(dirname "$applet")"
	ln -s /bin/busybox "$root/$applet"
done < <("$hostbb" --list-full)	# same Debian release: same applets
rm -f "$root/sbin/init"
ln -s /bin/busybox "$root/sbin/init"
install -m 755 "$kexec" "$root/sbin/kexec"
# kexec's loader and the libraries it needs, recursively, read with readelf
# (works for any architecture) from this machine's or the foreign root
multiarch=$([ "$BOARD_ARCH" = arm64 ] && echo aarch64-linux-gnu || echo x86_64-linux-gnu)
copy_libs() {
	local elf=$1 lib dir
	while read -r lib; do
		[ -e "$root/lib/$multiarch/$lib" ] && continue
		for dir in "$sysroot/lib/$multiarch" "$sysroot/usr/lib/$multiarch"; do
			[ -e "$dir/$lib" ] || continue
			mkdir -p "$root/lib/$multiarch"
			cp -L "$dir/$lib" "$root/lib/$multiarch/$lib"
			copy_libs "$dir/$lib"
			continue 2
		done
		die "library $lib of $elf not found"
	done < <(readelf -d "$elf" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p')
}
copy_libs "$kexec"
interp=$(readelf -l "$kexec" | sed -n 's/.*program interpreter: \(.*\)\]/\1/p')
if [ -n "$interp" ]; then
	mkdir -p "$root$(dirname "$interp")"
	cp -L "$sysroot$interp" "$root$interp"
fi
install -m 755 "$bdir/init" "$root/init"
for p in $workloads; do
	install -m 755 "$bdir/$p" "$root/bin/$p"
done
install -m 755 "$top/lava-jobs/luo-lava-stage.sh" "$root/bin/luo-lava-stage"
install -m 755 "$top/lava-jobs/luo-lava-cmdline.sh" "$root/bin/luo-lava-cmdline"
install -m 644 "$LUO_WIRE_FILE" "$root/bin/luo-wire.sh"
if [ ${#kdirs[@]} -eq 1 ]; then
	install -m 644 "$kdir/Image" "$root$WIRE_GUEST_KERNEL"
else
	for i in "${!kdirs[@]}"; do
		install -m 644 "${kdirs[$i]}/Image" "$root$WIRE_GUEST_KERNEL.$i"
	done
fi
console=${BOARD_CONSOLE%%,*}
cat > "$root/etc/inittab" <<INITTAB
$console::respawn:-/bin/sh
::shutdown:/bin/sync
INITTAB
cat > "$root/etc/profile" <<'PROFILE'
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
export HOME=/root
export PS1='root@luo-stress:\w# '
cd /root 2>/dev/null || cd /
PROFILE
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
mkdir -p "$(dirname "$out")"
(cd "$root" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) > "$out"
say "ramdisk $out ($(($(stat -c %s "$out") / 1048576)) MiB)"
