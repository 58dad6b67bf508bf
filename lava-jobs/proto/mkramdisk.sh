#!/bin/bash
# Build the luo-stress LAVA prototype ramdisk (uncompressed cpio.newc).
#
#   mkramdisk.sh [KERNEL] [OUTPUT]
#
# Contents:
#   - busybox-static (/bin/busybox + one symlink per applet)
#   - the host's /sbin/kexec (kexec-tools) + the shared libraries ldd lists
#     + the dynamic loader
#   - KERNEL copied to /boot/kernel (the image the kexec test action loads)
#   - /init: bumps /etc/luo-gen, repacks the whole running rootfs (including
#     the /lava-<job> overlay LAVA appended at deploy time) into
#     /boot/initrd.cpio, mounts proc/sys/dev, then execs busybox init,
#     which respawns a login shell on ttyS0 (PS1 'root@luo-stress# ').
#
# Needs root (mknod of /dev/console) and: busybox-static, kexec-tools, cpio.
set -euo pipefail

KERNEL=${1:-/root/.cache/luo-stress/build/qemu-x86_64-7.3.4-cc7257b7fb3d/arch/x86/boot/bzImage}
OUTPUT=${2:-/tmp/luo-stress-proto/ramdisk.cpio}
BUSYBOX=${BUSYBOX:-/bin/busybox}
KEXEC=${KEXEC:-/sbin/kexec}

die() { echo "mkramdisk: $*" >&2; exit 1; }

[[ $EUID -eq 0 ]] || die "must run as root (mknod /dev/console)"
[[ -r $KERNEL ]] || die "kernel not found: $KERNEL"
[[ -x $KEXEC ]] || die "kexec not found: $KEXEC (apt-get install kexec-tools)"
command -v cpio >/dev/null || die "cpio not found"
# The ramdisk has no libc for busybox: insist on the static build.
if ! file -L "$BUSYBOX" 2>/dev/null | grep -q 'statically linked'; then
    if ldd "$BUSYBOX" >/dev/null 2>&1; then
        die "$BUSYBOX is dynamically linked (apt-get install busybox-static)"
    fi
fi

ROOT=$(mktemp -d /tmp/luo-ramdisk.XXXXXX)
trap 'rm -rf "$ROOT"' EXIT

mkdir -p "$ROOT"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,root,boot,run,lib64}
chmod 1777 "$ROOT/tmp"
mknod -m 600 "$ROOT/dev/console" c 5 1
mknod -m 666 "$ROOT/dev/null" c 1 3

# busybox + applet symlinks (done at build time, not with --install at boot)
install -m 755 "$BUSYBOX" "$ROOT/bin/busybox"
while read -r applet; do
    [[ -e $ROOT/$applet || -L $ROOT/$applet ]] && continue
    mkdir -p "$ROOT/$(dirname "$applet")"
    ln -s /bin/busybox "$ROOT/$applet"
done < <("$BUSYBOX" --list-full)

# kexec + its shared libraries + the dynamic loader (ldd prints both forms:
# "libfoo.so => /path (addr)" and "/lib64/ld-linux-x86-64.so.2 (addr)")
install -m 755 "$KEXEC" "$ROOT/sbin/kexec"
while read -r lib; do
    mkdir -p "$ROOT$(dirname "$lib")"
    cp -L "$lib" "$ROOT$lib"
done < <(ldd "$KEXEC" | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\// {print $1}')

install -m 644 "$KERNEL" "$ROOT/boot/kernel"

cat > "$ROOT/etc/inittab" <<'EOF'
ttyS0::respawn:-/bin/sh
::shutdown:/bin/sync
EOF

cat > "$ROOT/etc/profile" <<'EOF'
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
export HOME=/root
export PS1='root@luo-stress# '
cd /root 2>/dev/null || cd /
EOF

echo 'root:x:0:0:root:/root:/bin/sh' > "$ROOT/etc/passwd"
echo 'root:x:0:' > "$ROOT/etc/group"

cat > "$ROOT/init" <<'EOF'
#!/bin/sh
# luo-stress prototype /init (PID 1, runs from the initramfs rootfs)
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
cd /
# kexec generation: 1 on the cold boot, +1 after every kexec
gen=$(cat /etc/luo-gen 2>/dev/null || echo 0)
gen=$((gen + 1))
echo "$gen" > /etc/luo-gen
# Repack the running rootfs (busybox, kexec, /boot/kernel and the LAVA
# overlay /lava-*) as the initrd for the next kexec. Done before proc/sys/dev
# are mounted so the rootfs /dev/console node is archived too.
find . -xdev ! -path ./boot/initrd.cpio ! -path ./boot/initrd.cpio.tmp \
    | cpio -o -H newc > /boot/initrd.cpio.tmp 2>/dev/null
mv /boot/initrd.cpio.tmp /boot/initrd.cpio
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo "luo-stress: generation $gen, initrd $(wc -c < /boot/initrd.cpio) bytes, cmdline: $(cat /proc/cmdline)"
exec /sbin/init
EOF
chmod 755 "$ROOT/init"

mkdir -p "$(dirname "$OUTPUT")"
(cd "$ROOT" && find . | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0) > "$OUTPUT.tmp"
mv "$OUTPUT.tmp" "$OUTPUT"
echo "mkramdisk: wrote $OUTPUT ($(stat -c %s "$OUTPUT") bytes)"
