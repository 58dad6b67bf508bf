# shellcheck shell=bash
# The host test scripts' one way to count results: check NAME STATUS
# [DETAIL] prints "ok - NAME" when STATUS is 0, else "not ok - NAME:
# DETAIL", and counts both in $pass and $fail.
pass=0
fail=0

check() {
	if [ "$2" = 0 ]; then
		echo "ok - $1"
		pass=$((pass + 1))
	else
		echo "not ok - $1${3:+: $3}"
		fail=$((fail + 1))
	fi
}
