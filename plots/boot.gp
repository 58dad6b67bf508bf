# New-kernel boot against the number of preserved pages: boot to init
# (guest clock) and blackout (host clock, kexec call to next init).
# gnuplot -e "agg='agg.csv'; out='x.svg'; term='svg'; series='...'" boot.gp
load 'style.gp'
set title 'new kernel boot against preserved pages'
set xlabel 'preserved pages (sessions x files x pages)'
set ylabel 'ms (median, min-max over cycles)'
plot for [s in series] agg skip 1 \
	using (match(s) && strcol(3) eq 'boot_to_init' ? $4 * $5 * $6 : NaN):9:10:11 \
	with yerrorlines title s.' boot_to_init', \
     for [s in series] agg skip 1 \
	using (match(s) && strcol(3) eq 'blackout' ? $4 * $5 * $6 : NaN):9:10:11 \
	with yerrorlines dt 2 title s.' blackout'
