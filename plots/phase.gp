# One phase against serialization block count: median with min/max bars,
# one series per board and page size.
# gnuplot -e "agg='agg.csv'; out='x.svg'; term='svg'; phase='preserve'; series='qemu-x86_64/4096 ...'" phase.gp
load 'style.gp'
set title sprintf('%s time against serialization blocks', phase)
set xlabel 'serialization blocks (sessions + files)'
set ylabel sprintf('%s (ms, median, min-max over cycles)', phase)
plot for [s in series] agg \
	using (match(s) && strcol('phase') eq phase ? column('blocks') : NaN):(column('median')):(column('min')):(column('max')) \
	with yerrorlines title s
