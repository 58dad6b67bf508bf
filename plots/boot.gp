# New-kernel boot against the number of preserved pages: boot to init
# (guest clock) and blackout (host clock, kexec call to next init).
# gnuplot -e "agg='agg.csv'; out='x.svg'; term='svg'; series='...'" boot.gp
load 'style.gp'
set title 'new kernel boot against preserved pages'
set xlabel 'preserved pages (sessions x files x pages)'
set ylabel 'ms (median, min-max over cycles)'
pages(x) = column('sessions') * column('files') * column('pages')
plot for [s in series] agg \
	using (match(s) && strcol('phase') eq 'boot_to_init' ? pages(0) : NaN):(column('median')):(column('min')):(column('max')) \
	with yerrorlines title s.' boot_to_init', \
     for [s in series] agg \
	using (match(s) && strcol('phase') eq 'blackout' ? pages(0) : NaN):(column('median')):(column('min')):(column('max')) \
	with yerrorlines dt 2 title s.' blackout'
