#!/usr/bin/env bash
# A small real kernel history for make bisect's tests: the cached 7.3.4
# source as a git tree (a hard-link copy: git writes each file it
# changes anew, so the cache's source stays as it is), then commits, in
# order: a harmless one, one that changes only a header LUO includes,
# one that does not build, the fix of the build, one that slows
# PRESERVE_FD several-fold (it spins twice its own time on the kernel's
# clock), a harmless one, one that breaks preservation (memfd retrieve
# restores a file one byte short: cause data, the first file checked,
# the run's own state, one byte short), and two harmless ones.
# Prints the tree; its tags: good and bad the ends, breaks the commit a
# broken bisect names; slows the commit a slower bisect names, between
# good and slowed.
# Usage: history.sh [DIR]   (default $LUO_CACHE/bisect-history/linux)
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=scripts/common.sh
. "$top/scripts/common.sh"
src="$LUO_CACHE/src/$KVER_PKG"
tree=${1:-$LUO_CACHE/bisect-history/linux}
[ -f "$src/Makefile" ] || die "no kernel source at $src (run 'make deps')"
# made once: the tags say it is whole (slows: this history, not an
# earlier one without the slowing commit)
if git -C "$tree" rev-parse -q --verify refs/tags/bad >/dev/null 2>&1 &&
	git -C "$tree" rev-parse -q --verify refs/tags/slows >/dev/null 2>&1; then
	echo "$tree"
	exit 0
fi
rm -rf "$tree"
mkdir -p "$(dirname "$tree")"
say "copying $src to $tree (hard links) and committing it"
cp -al "$src" "$tree"
g() { git -C "$tree" -c user.name=luo-stress -c user.email=luo-stress@localhost "$@"; }
g init -q
# -f: the Debian source's .gitignore ignores everything at its top
g add -A -f
g commit -q -m "linux 7.3.4"
g tag good
# edit FILE PYTHON-EXPR MESSAGE: s = the file's text, rewritten anew
edit() {
	python3 - "$tree/$1" "$2" <<'PY'
import os, sys
path, expr = sys.argv[1], sys.argv[2]
s = open(path).read()
new = eval(expr, {"s": s})
assert new != s, path
os.unlink(path)		# a file of its own, not the cache's hard link
open(path, "w").write(new)
PY
	g commit -q -a -m "$3"
}
edit README 's + "\nA harmless line.\n"' "README: a harmless line"
edit include/linux/liveupdate.h 's.replace("#include <linux/types.h>", "#include <linux/types.h>\n/* a comment in a header LUO includes */", 1)' \
	"liveupdate.h: a comment (a header LUO includes)"
edit kernel/liveupdate/luo_core.c 's + "\nint luo_stress_does_not_build = ;\n"' "luo_core: a line that does not build"
edit kernel/liveupdate/luo_core.c 's.replace("\nint luo_stress_does_not_build = ;\n", "")' "luo_core: the build fixed"
edit kernel/liveupdate/luo_session.c 's.replace("#include <linux/io.h>\n", "#include <linux/io.h>\n#include <linux/ktime.h>\n", 1).replace(
	"\tstruct liveupdate_session_preserve_fd *argp = ucmd->cmd;\n\tint err;\n\n\tguard(mutex)(&session->mutex);\n\terr = luo_preserve_file(&session->file_set, argp->token, argp->fd);\n\tif (err)\n\t\treturn err;\n",
	"\tstruct liveupdate_session_preserve_fd *argp = ucmd->cmd;\n\tu64 t0 = ktime_get_ns(), until;\n\tint err;\n\n\tguard(mutex)(&session->mutex);\n\terr = luo_preserve_file(&session->file_set, argp->token, argp->fd);\n\tif (err)\n\t\treturn err;\n\tuntil = ktime_get_ns();\n\tuntil += 2 * (until - t0);\n\twhile (ktime_get_ns() < until)\n\t\tcpu_relax();\n", 1)' \
	"luo_session: PRESERVE_FD spins twice its own time (a phase several-fold slower)"
g tag slows
edit README 's + "\nA harmless line after the slowing one.\n"' "README: a harmless line after the slowing one"
g tag slowed
edit mm/memfd_luo.c 's.replace("i_size_write(file_inode(file), ser->size);", "i_size_write(file_inode(file), ser->size - 1);", 1)' \
	"memfd_luo: retrieve restores a file one byte short"
g tag breaks
for i in 1 2; do
	edit README "s + \"\\nAnother harmless line ($i).\\n\"" "README: another harmless line ($i)"
done
g tag bad
echo "$tree"
