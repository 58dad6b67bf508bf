#!/usr/bin/env bash
# make lava-lab-boards: every lab board's device dictionary
# (boards/lava/<board>.jinja2, extending LAVA's own device-type template)
# on the local lab's server, as far as this goes without the hardware:
# the device type is added, the board becomes a Retired device (never
# scheduled) named luo-<board>, the server renders its dictionary and
# checks it (`lava-server manage devices check`), then renders it with our
# generated job's context as the scheduler would and checks the job and
# the device with the server's own validators (lab-render.py), and last
# the dispatcher validates the job against that device (`lava-run
# --validate`: the pipeline is built, URLs are probed, no board is
# touched). Prints per board what passed and the LAB: values a lab must
# fill in. Ends with "lava-lab-boards: N passed, N failed".
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/board.sh
. "$top/scripts/board.sh"
# shellcheck source=lava-jobs/lab-common.sh
. "$top/lava-jobs/lab-common.sh"

lab_env || die "no local lab (make lava-lab)"
dicts=/etc/lava-server/dispatcher-config/devices
out="$LOGS/boards"
rm -rf "$out"
mkdir -p "$out"
# stand-ins for the lab kernel, ramdisk and DTB: the dispatcher's validation
# only checks that each URL answers
adir="$ARTIFACTS/lab-boards"
mkdir -p "$adir"
for f in Image ramdisk.cpio board.dtb; do echo "stand-in for validation" > "$adir/$f"; done
url="$ARTIFACT_URL/lab-boards"
printf 'dispatcher_ip: 127.0.0.1\n' > "$out/dispatcher.yaml"
# a lab's dispatcher serves tftp boards with tftpd-hpa; the validation only
# reads where its directory is, so it gets a private /etc/default saying
# so (mount namespace) instead of a TFTP server listening on this machine
etc_default="$out/etc-default"
mkdir -p "$etc_default" "$out/tftp"
cp -a /etc/default/. "$etc_default/"
printf 'TFTP_DIRECTORY="%s"\n' "$out/tftp" > "$etc_default/tftpd-hpa"
# likewise it only looks for in.tftpd in PATH: a stand-in that never runs
mkdir -p "$out/bin"
printf '#!/bin/sh\necho "in.tftpd: stand-in for lava-run --validate" >&2\nexit 1\n' > "$out/bin/in.tftpd"
chmod +x "$out/bin/in.tftpd"
# check NAME STATUS [DETAIL]: "ok - NAME" or "not ok - NAME: DETAIL", counted
# shellcheck source=tests/check.sh
. "$top/tests/check.sh"
for bf in "$top"/boards/lab-*.board; do
	b=$(basename "$bf" .board)
	(load_board "$b") || { check "$b" 1 "board file"; continue; }
	load_board "$b"
	t=$BOARD_LAVA_DEVICE_TYPE
	dict="$top/boards/lava/$b.jinja2"
	dev="luo-$b"
	[ -f "$dict" ] || { check "$b" 1 "no device dictionary boards/lava/$b.jinja2"; continue; }
	grep -q "{% extends '$t.jinja2' %}" "$dict" ||
		{ check "$b" 1 "boards/lava/$b.jinja2 does not extend $t.jinja2 (LAVA_DEVICE_TYPE)"; continue; }
	[ -f "/usr/share/lava-server/device-types/$t.jinja2" ] ||
		{ check "$b" 1 "lava-server has no device type $t"; continue; }
	install -o lavaserver -g lavaserver -m 644 "$dict" "$dicts/$dev.jinja2"
	lab_device_add "$dev" "$t" "luo-stress $b: rendering check only"
	lava-server manage devices update --health RETIRED "$dev" >/dev/null
	if ! chk=$(lava-server manage devices check "$dev" 2>&1); then
		check "$b" 1 "the server does not accept $t: $(sed -n 's/^  -> //p' <<<"$chk" | tr '\n' ' ')"
		continue
	fi
	fill=$(sed -n "s/.*{% set \([a-z_]*\) = .*/\1/p" "$dict" | tr '\n' ' ')
	check "$b: renders on lava-server as $t; a lab fills in: $fill" 0
	"$top/lava-jobs/generate.py" --validate --board "$b" --workload stress-files \
		--args "--cycles 2" --kernel-url "$url/Image" --ramdisk-url "$url/ramdisk.cpio" \
		--dtb-url "$url/board.dtb" --out "$out/$b-job.yaml" 2>"$out/$b-generate.err" ||
		{ check "$b" 1 "generate.py: $(tail -n 1 "$out/$b-generate.err")"; continue; }
	r=$(RENDER_JOB="$out/$b-job.yaml" RENDER_DEVICE=$dev RENDER_OUT="$out/$b-device.yaml" \
		lava-server manage shell < "$top/lava-jobs/lab-render.py" 2>&1 | tail -n 1)
	if [ "$r" != ok ]; then
		check "$b" 1 "server check of job and rendered device: ${r#error: }"
		continue
	fi
	check "$b: our job and the device rendered with its context pass the server's checks" 0
	# shellcheck disable=SC2016 # the inner shell expands them
	if unshare -m sh -c 'mount --bind "$1" /etc/default && shift && exec "$@"' sh "$etc_default" \
		env PATH="$out/bin:$PATH" lava-run --validate --job-id 1 --output-dir "$out/$b-validate" --device "$out/$b-device.yaml" \
		--dispatcher "$out/dispatcher.yaml" "$out/$b-job.yaml" > "$out/$b-validate.log" 2>&1; then
		check "$b: lava-run --validate builds and validates the job's pipeline on this device" 0
	else
		why=$(grep -o '"error_msg": "[^"]*"' "$out/$b-validate.log" | tail -n 1 | cut -d'"' -f4)
		check "$b" 1 "lava-run --validate: ${why:-see $out/$b-validate.log}"
	fi
done
echo "lava-lab-boards: $pass passed, $fail failed"
[ "$fail" = 0 ]
