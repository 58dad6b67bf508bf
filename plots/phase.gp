# One phase against serialization block count: median with min/max bars,
# one series per board and page size.
# gnuplot -e "agg='agg.csv'; out='x.svg'; term='svg'; phase='preserve'; series='qemu-x86_64/4096 ...'" phase.gp
load 'style.gp'
set title sprintf('%s time against serialization blocks', phase)
set xlabel 'serialization blocks (sessions + files)'
set ylabel sprintf('%s (ms, median, min-max over cycles)', phase)
plot for [s in series] agg skip 1 \
	using (match(s) && strcol(3) eq phase ? $7 : NaN):9:10:11 \
	with yerrorlines title s
