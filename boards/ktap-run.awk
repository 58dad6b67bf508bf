# One KTAP document for a whole run, from ktap.txt (each kernel of the
# run prints its own kselftest document): one subtest per kernel, its
# results, skips and failures as that kernel printed them, indented as
# KTAP v1 nests them, so a KTAP parser (kunit.py parse) reads every
# cycle. A kernel fails when a result of its failed or its document
# ends before its totals line (it died); all skipped, it skips.
# Usage: awk -v name=WORKLOAD -v totals_line="$WIRE_TOTALS" -f ktap-run.awk ktap.txt ktap.txt
FNR == NR { if (/^(TAP|KTAP) version /) n++; next }
FNR == 1 {
	print "KTAP version 1"
	printf "# luo-stress %s: one subtest per kernel of the run\n", name
	print "1.." n
}
function close_doc() {
	if (!k) return
	if (!totals) { bad = 1; print "  # kernel_" k ": its output ends before its totals" }
	if (bad)
		print "not ok " k " kernel_" k
	else if (results && skipped == results)
		print "ok " k " kernel_" k " # SKIP every test of this kernel skipped"
	else
		print "ok " k " kernel_" k
}
/^(TAP|KTAP) version / {
	close_doc()
	k++; bad = 0; totals = 0; results = 0; skipped = 0
	print "  KTAP version 1"
	print "  # Subtest: kernel_" k
	next
}
!k { next }
/^(ok|not ok) / { results++; if (/^not ok /) bad = 1; if (/ # SKIP/) skipped++ }
index($0, totals_line) == 1 { totals = 1; if (!/ fail:0 /) bad = 1 }
{ print "  " $0 }
END { close_doc() }
