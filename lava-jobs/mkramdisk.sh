#!/usr/bin/env bash
# Build the ramdisk a luo-stress LAVA job deploys (uncompressed cpio.newc):
# our init as /init (it packs the running root, LAVA's overlay included,
# into /run/luo-stress/initrd.cpio for the next kexec, then hands over to
# busybox init for LAVA's shell), busybox-static, kexec-tools with its
# libraries, the stress programs, /bin/luo-lava-stage and the kernel at
# /boot/kernel. The board must be of this machine's architecture (the
# busybox and kexec-tools come from this machine's packages).
# Usage: mkramdisk.sh BOARD KERNEL-DIR OUT.cpio   (as root: mknod)
set -euo pipefail
trap 'echo "${0##*/}: internal error at line $LINENO" >&2' ERR
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
# shellcheck source=scripts/board.sh
. "$top/scripts/board.sh"

[ $# -eq 3 ] || die "usage: mkramdisk.sh BOARD KERNEL-DIR OUT.cpio"
load_board "$1"
kdir=$2
out=$3
[ "$(id -u)" -eq 0 ] || die "must run as root (mknod /dev/console)"
host=$(uname -m)
[ "$BOARD_ARCH" = "$host" ] ||
	die "$BOARD_NAME is $BOARD_ARCH: its ramdisk needs $BOARD_ARCH busybox-static and kexec-tools, this machine has $host's (give RAMDISK_URL of one you built)"
busybox=/bin/busybox
ldd "$busybox" >/dev/null 2>&1 && die "$busybox is not static (apt-get install busybox-static)"
[ -x /sbin/kexec ] || die "no /sbin/kexec (apt-get install kexec-tools)"

bdir="$top/build/$BOARD_NAME"
ksrc=$(readlink -f "$kdir/source" 2>/dev/null || true)
[ -f "$ksrc/Makefile" ] || ksrc=${KSRC:-$LUO_CACHE/src/$KVER_PKG}
make -s -C "$top/stress" O="$bdir" KHDR="$kdir/usr/include" KSRC="$ksrc" \
	CROSS_COMPILE="$BOARD_CROSS_COMPILE" || die "building the stress programs failed"

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,run,tmp,root,boot}
chmod 1777 "$root/tmp"
mknod -m 600 "$root/dev/console" c 5 1
install -m 755 "$busybox" "$root/bin/busybox"
while read -r applet; do
	[ -e "$root/$applet" ] || [ -L "$root/$applet" ] && continue
	mkdir -p "$root/$(dirname "$applet")"
	ln -s /bin/busybox "$root/$applet"
done < <("$busybox" --list-full)
rm -f "$root/sbin/init"
ln -s /bin/busybox "$root/sbin/init"
install -m 755 /sbin/kexec "$root/sbin/kexec"
while read -r lib; do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done < <(ldd /sbin/kexec | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }')
install -m 755 "$bdir/init" "$root/init"
for p in stress-files stress-sessions; do
	install -m 755 "$bdir/$p" "$root/bin/$p"
done
install -m 755 "$top/lava-jobs/luo-lava-stage.sh" "$root/bin/luo-lava-stage"
install -m 644 "$kdir/Image" "$root/boot/kernel"
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
