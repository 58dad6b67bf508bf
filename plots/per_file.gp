# Preserve cost per file against files per session: flat if preserve is
# linear, rising if it is not.
# gnuplot -e "agg='agg.csv'; out='x.svg'; term='svg'; series='...'" per_file.gp
load 'style.gp'
set title 'preserve cost per file'
set xlabel 'files per session'
set ylabel 'preserve time per file (ms, median)'
plot for [s in series] agg \
	using (match(s) && strcol('phase') eq 'preserve' ? column('files') : NaN):(column('median') / (column('sessions') * column('files'))) \
	with linespoints title s
