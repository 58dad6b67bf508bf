# Shared look of every luo-stress chart: terminal from `term` (svg or
# png), fixed series colours, log-log axes. Loaded by chart.gp.
# size 'small' for a chart of the grid, otherwise a full-width one
if (!exists('size')) size = 'large'
if (term eq 'png') {
	if (size eq 'small') { set terminal pngcairo size 460,330 noenhanced font 'sans,8' } \
	else { set terminal pngcairo size 900,560 noenhanced font 'sans,10' }
} else {
	if (size eq 'small') { set terminal svg size 460,330 dynamic noenhanced font 'sans,8' } \
	else { set terminal svg size 900,560 dynamic noenhanced font 'sans,10' }
}
set output out
set datafile separator comma
# the first row names the columns: scripts read them by name, column("x")
set datafile columnheaders
set key top left box opaque
set grid xtics ytics mxtics mytics lc rgb '#dddddd'
set logscale xy
set linetype 1 lc rgb '#1b9e77' lw 2 pt 7
set linetype 2 lc rgb '#d95f02' lw 2 pt 5
set linetype 3 lc rgb '#7570b3' lw 2 pt 9
set linetype 4 lc rgb '#e7298a' lw 2 pt 11
set linetype 5 lc rgb '#66a61e' lw 2 pt 13
set linetype 6 lc rgb '#e6ab02' lw 2 pt 15
