# One chart of the report, every number from two CSVs report.py writes:
#   data:  chart,series,run,x,median,min,max,flagged  (points, min-max bars)
#   lines: chart,series,kind,x,y  (kind fit: the fitted growth line;
#          n1, n2: O(n) and O(n^2) guide slopes through the first point)
# BASE is dashed with open points, NEW solid with filled points, so the
# two read apart without colour; a flagged point is ringed.
# gnuplot -e "data='c.csv'; lines='l.csv'; chart='preserve'; out='x.svg';
#   term='svg'; series='qemu-x86_64/4096'; runs='base new';
#   fitted='qemu-x86_64/4096'; title='...'; xlabel='...'; ylabel='...';
#   size='small'" chart.gp
# (series names hold no space)
load 'style.gp'
set title title
set xlabel xlabel
set ylabel ylabel
# growth runs bottom left to top right: the key goes where it does not
set key bottom right box opaque font ',8'

pick(r, s) = (strcol('chart') eq chart && strcol('run') eq r && strcol('series') eq s)
line(s, k) = (strcol('chart') eq chart && strcol('series') eq s && strcol('kind') eq k)
flag(x) = (strcol('chart') eq chart && column('flagged') == 1)
# a run not in this report has no key entry (an empty title has none)
label(r, s) = (strstrt(runs, r) == 0 ? '' : words(runs) > 1 ? s.' '.r : s)
# BASE's elements are empty in a report of one run: gnuplot skips them
plot for [s in series] data \
	using (pick('base', s) ? column('x') : NaN):(column('median')):(column('min')):(column('max')) \
	with yerrorlines dt 2 pt 6 title label('base', s), \
     for [s in series] data \
	using (pick('new', s) ? column('x') : NaN):(column('median')):(column('min')):(column('max')) \
	with yerrorlines dt 1 pt 7 title label('new', s), \
     data using (flag(0) ? column('x') : NaN):(column('median')) \
	with points pt 4 ps 2.5 lw 2 lc rgb '#cc0000' title (words(runs) > 1 ? 'flagged' : ''), \
     for [s in fitted] lines using (line(s, 'fit') ? column('x') : NaN):(column('y')) \
	with lines dt 1 lw 1 lc rgb '#444444' title s.' fit', \
     lines using (strcol('chart') eq chart && strcol('kind') eq 'n1' ? column('x') : NaN):(column('y')) \
	with lines dt 3 lw 1 lc rgb '#999999' title 'O(n)', \
     lines using (strcol('chart') eq chart && strcol('kind') eq 'n2' ? column('x') : NaN):(column('y')) \
	with lines dt 4 lw 1 lc rgb '#999999' title 'O(n^2)'
