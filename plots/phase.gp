# One phase against serialization block count: median with min/max bars,
# one series per board and page size.
# The x axis is the kernel's own count where the run measured it, else
# the block model's (xblocks in style.gp); xsource says which.
# gnuplot -e "agg='agg.csv'; out='x.svg'; term='svg'; phase='preserve'; series='qemu-x86_64/4096 ...'; xsource='counted by the kernel'" phase.gp
load 'style.gp'
set title sprintf('%s time against serialization blocks', phase)
set xlabel sprintf('serialization blocks (sessions + files), %s', xsource)
set ylabel sprintf('%s (ms, median, min-max over cycles)', phase)
plot for [s in series] agg \
	using (match(s) && strcol('phase') eq phase ? xblocks(0) : NaN):(column('median')):(column('min')):(column('max')) \
	with yerrorlines title s
