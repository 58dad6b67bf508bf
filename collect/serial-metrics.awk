# Metric lines of one QEMU run, from its host-timestamped serial log
# ("<epoch seconds> <line>"): the workload's own "# metric:" lines, plus
#   freeze   printk time from the "luo-stress: kexec cycle=N" marker to
#            "Starting new kernel" (method=printk_marker), an upper bound
#            of LUO's freeze inside reboot(),
#   blackout host time from the workload's "# kexec: cycle N" line to
#            init's first line in the next kernel (method=host_serial);
#            both are written by user space straight to the console, while
#            printk lines reach it late (console printing is deferred).
# Derived lines carry the labels of the same cycle's workload metrics.

function printk_ts(text) {
	if (match(text, /^\[ *[0-9]+\.[0-9]+\]/))
		return substr(text, 2, RLENGTH - 2) + 0
	return -1
}

function ms(sec) {
	return sprintf("%.3f", sec * 1000)
}

{
	host = $1 + 0
	text = substr($0, length($1) + 2)
}

text ~ /^# metric: / {
	if (text !~ /^# metric: cycle=[0-9]+ phase=[a-z_]+ value=[0-9]+\.[0-9]+ unit=[a-z]+ method=[a-z_]+ sessions=[0-9]+ .* file_blocks=-?[0-9]+$/) {
		printf "serial-metrics: line %d: malformed metric line skipped\n", NR > "/dev/stderr"
		next
	}
	print text
	c = cyc_of(text)
	if (match(text, / sessions=.*/))
		labels[c] = substr(text, RSTART)
	next
}

function cyc_of(t,    m) {
	if (match(t, /cycle=[0-9]+/))
		return substr(t, RSTART + 6, RLENGTH - 6) + 0
	return -1
}

# The workload's console line just before reboot(): printed by the task
# itself, so its host time is not delayed like printk console output.
text ~ /^# kexec: cycle [0-9]+ / {
	split(text, w, " ")
	kexec_host[w[4] + 0] = host
	next
}

text ~ /luo-stress: kexec cycle=/ {
	c = substr(text, index(text, "cycle=") + 6) + 0
	kexec_pk[c] = printk_ts(text)
	pending = c
	next
}

text ~ /Starting new kernel/ && pending {
	start_pk[pending] = printk_ts(text)
	next
}

text ~ /^luo-stress-init: start/ {
	if (pending) {
		init_host[pending] = host
		cycles[++n] = pending
		pending = 0
	}
	next
}

END {
	for (i = 1; i <= n; i++) {
		c = cycles[i]
		l = (c in labels) ? labels[c] : ""
		if (kexec_pk[c] >= 0 && (c in start_pk) && start_pk[c] >= 0)
			printf "# metric: cycle=%d phase=freeze value=%s unit=ms method=printk_marker%s\n",
			       c, ms(start_pk[c] - kexec_pk[c]), l
		if (c in kexec_host)
			printf "# metric: cycle=%d phase=blackout value=%s unit=ms method=host_serial%s\n",
		       c, ms(init_host[c] - kexec_host[c]), l
	}
}
