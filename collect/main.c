// SPDX-License-Identifier: GPL-2.0
/*
 * luo-collect command line: reads results directories (run.txt,
 * serial.log or lava.log, and for the verdict the runner's and LAVA's
 * own files: verdict.h) and writes one tidy CSV, the metric lines of a
 * run, its verdict, its summary table, its coverage CSV or the CSV of
 * its kernel checks. The columns of those CSVs are defined here and
 * nowhere else; every consumer reads them by name.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "csv.h"
#include "kernels.h"
#include "lava.h"
#include "parse.h"
#include "summary.h"
#include "text.h"
#include "verdict.h"
#include "wire.h"
#include "wire_sh.h"

#define VERDICT_MSG_MAX	1024	/* the parser's message, and how the run ended */

enum mode {
	MODE_CSV, MODE_LINES, MODE_VERDICT, MODE_COVERAGE, MODE_PROFILE,
	MODE_MARKS, MODE_SUMMARY, MODE_CHECKS,
};

struct run_info {
	char run_id[128];
	char board[64];
	char arch[16];
	char kernel[64];
	char started[32];	/* host time of the log's first line, or "" */
	FILE *out;
	enum mode mode;
	char first_msg[COLLECT_MSG_MAX];	/* first failed cycle's message */
	struct verdict_log said;	/* what the workload said of its end */
	struct summary *summary;	/* --summary: the run's table */
	long summary_cycle;		/* the last cycle it has the kernels of */
	struct kernels table;		/* run.txt's kernel table */
	const struct checks_known *known;	/* --known, or NULL */
	const char *known_path;
	long known_n;			/* the run's known reports */
	char known_first[COLLECT_MSG_MAX];	/* ... the first of them */
};

/*
 * The metric labels that become columns of the tidy CSV, then those of
 * a workload's variant (csv.h: csv_variant_cols).
 */
static const char *const csv_labels[] = {
	"sessions", "files", "pages", "page_size", "abi", "blocks",
	"session_blocks", "file_blocks", "kernel_blocks",
	"kernel_session_blocks", "kernel_file_blocks", "profile", NULL,
};

/* Label @i of the tidy CSV's, NULL past the last. */
static const char *csv_label(int i)
{
	int n = ARRAY_SIZE(csv_labels) - 1;

	return i < n ? csv_labels[i] :
		i - n < CSV_VARIANTS ? csv_variant_cols[i - n] : NULL;
}

/* The transition's columns of the tidy CSV, after the others. */
static const char *const transition_cols[] = {
	"from_kernel", "to_kernel", "kho_from", "direction", "outcome",
	"expected", "from_entry", "to_entry", NULL,
};

/* The keys of a "# coverage:" line that become coverage CSV columns. */
static const char *const coverage_cols[] = {
	"kind", "files", "bytes", "one_folio", "multi_folio", "large_folio",
	"mixed", "orders", "sealed", "unaligned", "holes", NULL,
};

/* The columns of --checks, after run_id, board and cycle. */
static const char *const checks_cols[] = {
	"kind", "name", "count", "detail", NULL,
};

/* The keys of a "# profile:" line that become profile CSV columns. */
static const char *const profile_cols[] = {
	"phase", "function", "hits", "total_us", NULL,
};

/* The record CSV of @mode: the kind of line it holds, or NULL. */
static const char *record_kind(enum mode mode)
{
	switch (mode) {
	case MODE_COVERAGE:
		return "coverage";
	case MODE_PROFILE:
		return "profile";
	case MODE_MARKS:
		return "marks";
	default:
		return NULL;
	}
}

/*
 * Column @i of the record CSV of @mode, NULL past the last. --marks has
 * the host times (epoch seconds) of each cycle's kexec: parse.h's
 * parse_host_marks.
 */
static const char *record_col(enum mode mode, int i)
{
	switch (mode) {
	case MODE_COVERAGE:
		return coverage_cols[i];
	case MODE_PROFILE:
		return profile_cols[i];
	case MODE_MARKS:
		return parse_host_marks[i].key;
	default:
		return NULL;
	}
}

/* Copy @src into @dst, cut to fit. */
static void set(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);

	memcpy(dst, src, n);
	dst[n] = 0;
}

/* CSV field (csv.c), then the separator or the row's end. */
static void csv_cell(FILE *f, const char *s, int last)
{
	csv_field(f, s);
	fputc(last ? '\n' : ',', f);
}

/*
 * Which kernel ran @phase of @cy (parse.h): its release into @kernel
 * (run.txt's kernel_version when the log never said), and with a kernel
 * table its LUO ABI into @abi ("" when the run has none).
 */
static void phase_kernel(const struct run_info *ri,
			 const struct collect_cycle *cy, const char *phase,
			 char *kernel, size_t ksize, char *abi, size_t asize)
{
	int entered = parse_phase_entered(cy, phase);
	const char *rel = entered ? cy->to_kernel : cy->from_kernel;
	/* cycle 0, a run's own row: kexec 1's kernels */
	long kexec = cy->cycle > 0 ? cy->cycle : 1;
	int i = kernels_index(&ri->table, entered ? kexec : kexec - 1);

	set(kernel, ksize, rel[0] ? rel : ri->kernel);
	set(abi, asize, i >= 0 ? ri->table.k[i].luo : "");
}

static void row_out(void *ctx, const struct collect_cycle *cy,
		    const struct collect_row *r, const char *status)
{
	struct run_info *ri = ctx;
	const char *const tv[] = {
		cy->from_kernel, cy->to_kernel, cy->kho_from,
		cy->direction ? cy->direction : "", cy->outcome ? cy->outcome : "",
		cy->expected ? cy->expected : "", cy->from_entry, cy->to_entry,
	};
	char v[64], cyc[24], kernel[COLLECT_RELEASE_MAX], abi[KERNELS_STR];
	char from[COLLECT_RELEASE_MAX + KERNELS_ENTRY + 4], to[sizeof(from)];
	int i, said = strcmp(status, "pass") || cy->declined;

	if (strcmp(status, "pass") && !ri->first_msg[0] && cy->msg[0])
		set(ri->first_msg, sizeof(ri->first_msg), cy->msg);
	if (ri->mode == MODE_SUMMARY && r->value[0])
		summary_metric(ri->summary, cy->cycle, r->phase, r->value);
	/* a cycle's kernels; a run's own row (cycle 0) is no cycle */
	if (ri->mode == MODE_SUMMARY && ri->table.n && cy->cycle > 0 &&
	    cy->cycle != ri->summary_cycle) {
		kernels_name(&ri->table, cy->from_kernel, cy->from_entry, from,
			     sizeof(from));
		kernels_name(&ri->table, cy->to_kernel, cy->to_entry, to,
			     sizeof(to));
		summary_kernels(ri->summary, cy->cycle, from, to, tv[3], tv[5],
				tv[4]);
		ri->summary_cycle = cy->cycle;
	}
	if (ri->mode != MODE_CSV && ri->mode != MODE_LINES)
		return;
	if (ri->mode == MODE_LINES) {
		if (r->value[0])
			fprintf(ri->out, WIRE_METRIC "cycle=%ld phase=%s value=%s unit=%s method=%s %s\n",
				cy->cycle, r->phase, r->value, r->unit,
				r->method, r->labels);
		return;
	}
	snprintf(cyc, sizeof(cyc), "%ld", cy->cycle);
	phase_kernel(ri, cy, r->phase, kernel, sizeof(kernel), abi,
		     sizeof(abi));
	csv_cell(ri->out, ri->run_id, 0);
	csv_cell(ri->out, ri->board, 0);
	csv_cell(ri->out, ri->arch, 0);
	csv_cell(ri->out, kernel, 0);
	csv_cell(ri->out, cyc, 0);
	csv_cell(ri->out, r->phase, 0);
	for (i = 0; csv_label(i); i++) {
		if (text_kv_get(r->labels, csv_label(i), v, sizeof(v)))
			v[0] = 0;
		/* with a kernel table, the ABI of the kernel that ran it */
		if (!strcmp(csv_label(i), "abi") && abi[0])
			set(v, sizeof(v), abi);
		csv_cell(ri->out, v, 0);
	}
	csv_cell(ri->out, r->value, 0);
	csv_cell(ri->out, r->unit, 0);
	csv_cell(ri->out, r->method, 0);
	csv_cell(ri->out, status, 0);
	csv_cell(ri->out, strcmp(status, "pass") ? cy->cause : "", 0);
	csv_cell(ri->out, said ? cy->msg : "", 0);
	for (i = 0; transition_cols[i]; i++)
		csv_cell(ri->out, tv[i], 0);
	csv_cell(ri->out, ri->started, 1);
}

static void record_out(void *ctx, const char *kind, long cycle,
		       const char *kv)
{
	struct run_info *ri = ctx;
	const char *want = record_kind(ri->mode), *name;
	char v[80], cyc[24];
	int i;

	if (ri->mode == MODE_SUMMARY && !strcmp(kind, "coverage"))
		summary_coverage(ri->summary, cycle, kv);
	if (!want || strcmp(kind, want))
		return;
	snprintf(cyc, sizeof(cyc), "%ld", cycle);
	csv_cell(ri->out, ri->run_id, 0);
	csv_cell(ri->out, ri->board, 0);
	csv_cell(ri->out, cyc, 0);
	for (i = 0; (name = record_col(ri->mode, i)); i++) {
		if (text_kv_get(kv, name, v, sizeof(v)))
			v[0] = 0;
		csv_cell(ri->out, v, !record_col(ri->mode, i + 1));
	}
}

/* An item of the kernel checks: a row of --checks; known ones counted. */
static void check_out(void *ctx, long cycle, const char *kind,
		      const char *name, long count, const char *detail)
{
	struct run_info *ri = ctx;
	char cyc[24], n[24];

	if (!strcmp(kind, "known") && !ri->known_n++)
		set(ri->known_first, sizeof(ri->known_first), detail);
	if (ri->mode != MODE_CHECKS)
		return;
	if (cycle >= 0)
		snprintf(cyc, sizeof(cyc), "%ld", cycle);
	else
		cyc[0] = 0;
	snprintf(n, sizeof(n), "%ld", count);
	csv_cell(ri->out, ri->run_id, 0);
	csv_cell(ri->out, ri->board, 0);
	csv_cell(ri->out, cyc, 0);
	csv_cell(ri->out, kind, 0);
	csv_cell(ri->out, name, 0);
	csv_cell(ri->out, n, 0);
	csv_cell(ri->out, detail, 1);
}

static void text_out(void *ctx, const char *text)
{
	struct run_info *ri = ctx;

	verdict_text(&ri->said, text);
	if (ri->mode == MODE_SUMMARY)
		summary_text(ri->summary, text);
}

/*
 * A run that never booted (no log) but left the runner's reason: its
 * own failed row (parse_run_status) with cause infrastructure and that
 * reason. Returns 1, -1 when the runner left no reason either, -2 when
 * out of memory (said).
 */
static int no_log(const char *dir, struct run_info *ri,
		  const struct collect_sink *sink)
{
	char msg[COLLECT_MSG_MAX];
	struct collect *c;

	if (verdict_runner_error(dir, msg, sizeof(msg)))
		return -1;
	c = malloc(sizeof(*c));
	if (!c) {
		fprintf(stderr, "luo-collect: out of memory\n");
		return -2;
	}
	parse_init(c, sink);
	if (ri->table.n)
		c->table = &ri->table;
	parse_run_status(c, "fail", "infrastructure", msg);
	free(c);
	if (ri->mode == MODE_VERDICT)
		fprintf(ri->out, "fail: %s\n", msg);
	return 1;
}

/*
 * run.txt of @dir, when it has one: board, arch and kernel version for
 * the rows, the kernel table of a cross-kernel run, and for the verdict
 * that it exists and its workload. Returns 0, or -1 on a bad table.
 */
static int read_run_txt(const char *dir, struct run_info *ri)
{
	const struct {
		const char *key;
		char *dst;
		size_t size;
	} keys[] = {
		{ "board=", ri->board, sizeof(ri->board) },
		{ "arch=", ri->arch, sizeof(ri->arch) },
		{ "kernel_version=", ri->kernel, sizeof(ri->kernel) },
		{ "workload=", ri->said.workload, sizeof(ri->said.workload) },
	};
	char path[4096], line[512], err[768];
	const char *v;
	size_t i;
	int ret = 0;
	FILE *f;

	kernels_init(&ri->table);
	snprintf(path, sizeof(path), "%s/run.txt", dir);
	f = fopen(path, "r");
	if (!f)
		return 0;
	ri->said.run_txt = 1;
	while (!ret && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		for (i = 0; i < ARRAY_SIZE(keys); i++) {
			v = text_after(line, keys[i].key);
			if (v)
				set(keys[i].dst, keys[i].size, v);
		}
		ret = kernels_line(&ri->table, line, err, sizeof(err)) < 0;
	}
	fclose(f);
	if (!ret)
		ret = kernels_check(&ri->table, err, sizeof(err)) < 0;
	if (ret)
		fprintf(stderr, "luo-collect: %s: %s\n", dir, err);
	return ret ? -1 : 0;
}

/* Parse one results directory. Returns the run status or -1 on error. */
/*
 * The run's start on the host's clock: the timestamp of the serial log's
 * first line (comparisons pair runs by their order in time).
 */
static void log_started(struct run_info *ri, const char *line)
{
	const char *end = line + strcspn(line, " ");
	double t;

	if (!text_parse_double(line, end, &t) && t > 0)
		snprintf(ri->started, sizeof(ri->started), "%.3f", t);
}

static int collect_dir(const char *dir, struct run_info *ri)
{
	struct collect_sink sink = {
		.row = row_out, .record = record_out, .text = text_out,
		.check = check_out, .ctx = ri,
	};
	char path[4096], buf[COLLECT_LINE_MAX], why[VERDICT_MSG_MAX];
	const char *base;
	struct collect *c;
	size_t len;
	int ret, cut = 0, lava = 0;
	FILE *f;

	/* run id: the directory's last component, trailing slashes aside */
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	base = dir + len;
	while (base > dir && base[-1] != '/')
		base--;
	memset(ri->board, 0, sizeof(ri->board));
	memset(ri->arch, 0, sizeof(ri->arch));
	memset(ri->kernel, 0, sizeof(ri->kernel));
	set(ri->run_id, dir + len - base + 1 < (long)sizeof(ri->run_id) ?
	    (size_t)(dir + len - base + 1) : sizeof(ri->run_id), base);
	memset(&ri->said, 0, sizeof(ri->said));
	if (read_run_txt(dir, ri))
		return -1;
	ri->first_msg[0] = 0;
	ri->summary_cycle = 0;
	ri->started[0] = 0;
	ri->known_n = 0;

	/* a QEMU run leaves serial.log, a LAVA run lava.log */
	snprintf(path, sizeof(path), "%s/serial.log", dir);
	f = fopen(path, "r");
	if (!f) {
		snprintf(path, sizeof(path), "%s/lava.log", dir);
		f = fopen(path, "r");
		lava = 1;
	}
	if (!f) {
		ret = no_log(dir, ri, &sink);
		if (ret == -1)
			fprintf(stderr, "luo-collect: %s: no serial.log, lava.log or %s\n",
				dir, VERDICT_RUNNER_ERROR);
		return ret < 0 ? -1 : ret;
	}
	c = malloc(sizeof(*c));
	if (!c) {
		fclose(f);
		fprintf(stderr, "luo-collect: out of memory\n");
		return -1;
	}
	parse_init(c, &sink);
	if (ri->table.n)
		c->table = &ri->table;
	c->known = ri->known;
	if (ri->mode == MODE_SUMMARY) {
		ri->summary = summary_new();
		if (!ri->summary) {
			fclose(f);
			free(c);
			fprintf(stderr, "luo-collect: out of memory\n");
			return -1;
		}
	}
	c->watchdog_s = verdict_watchdog_s(dir);
	/* fixed buffer: a line longer than it is cut, the rest skipped */
	while (fgets(buf, sizeof(buf), f)) {
		len = strlen(buf);
		if (cut) {
			cut = len && buf[len - 1] != '\n';
			continue;
		}
		cut = len && buf[len - 1] != '\n' && !feof(f);
		if (!lava && !c->lines)
			log_started(ri, buf);
		if (lava)
			lava_line(c, buf, len);
		else
			parse_serial_line(c, buf, len);
	}
	fclose(f);
	ret = parse_finish(c);
	if (c->malformed)
		fprintf(stderr, "luo-collect: %s: %ld malformed lines skipped\n",
			path, c->malformed);
	if (!c->lines)
		fprintf(stderr, "luo-collect: %s: empty log\n", path);
	if (ret == 2)
		fprintf(stderr, "luo-collect: %s: incomplete run\n", path);
	if (ri->known_n)
		fprintf(stderr, "luo-collect: %s: %ld known kernel report%s (%s), not failures: %s%s\n",
			path, ri->known_n, ri->known_n == 1 ? "" : "s",
			ri->known_path, ri->known_first,
			ri->known_n > 1 ? " ..." : "");
	if (ri->mode == MODE_VERDICT) {
		ri->said.empty = !c->lines;
		ri->said.declined = c->declined;
		ret = verdict_decide(dir, lava, ret,
				     ri->first_msg[0] ? ri->first_msg :
				     c->final_msg[0] ? c->final_msg :
				     COLLECT_NO_END,
				     &ri->said, why, sizeof(why));
		fprintf(ri->out, "%s%s%s\n",
			ret == 0 ? "pass" : ret == 1 ? "fail" : "incomplete",
			ret ? ": " : "", why);
	}
	if (ri->mode == MODE_SUMMARY) {
		summary_print(ri->summary, ri->out);
		summary_free(ri->summary);
		ri->summary = NULL;
	}
	free(c);
	return ret;
}

static void usage(void)
{
	printf("Usage: luo-collect [--lines|--verdict|--summary|--coverage|--profile|\n"
	       "                    --marks|--checks] [--known FILE] [--no-header]\n"
	       "                    [-o FILE] RESULTS-DIR...\n"
	       "       luo-collect --wire\n"
	       "Parse the serial logs of runs into one CSV (one row per run,\n"
	       "cycle and phase), with --lines into metric lines, with --verdict\n"
	       "into one line per run: pass, fail: <why> or incomplete: <why>,\n"
	       "with --summary into the per-cycle table of summary.txt,\n"
	       "with --coverage into a CSV of the coverage lines (run, cycle, kind),\n"
	       "with --profile into a CSV of the profile lines (run, cycle, phase),\n"
	       "with --marks into the host times of each cycle's kexec,\n"
	       "with --checks into a CSV of the kernel's checks (run, cycle, kind:\n"
	       "the checkers that ran, their reports, kmemleak scans, faults\n"
	       "injected and the sites they reached, the test FLBs).\n"
	       "--known FILE: kernel reports whose first line is a line of FILE\n"
	       "(collect/known-reports.txt) are counted as known, not failures.\n"
	       "A results directory holds serial.log (a QEMU run) or lava.log\n"
	       "(a LAVA job), and run.txt. The verdict also reads the runner's\n"
	       "own reason: watchdog.txt (its watchdog stopped the guest),\n"
	       "qemu.rc and qemu.stderr (how QEMU ended), %s (it\n"
	       "failed before or around QEMU, with or without a log); and LAVA's:\n"
	       "lava-job.txt (the job's health and failed results). It never\n"
	       "reads result.txt, which is made from it (boards/post-run.sh).\n"
	       "--wire prints the wire format (stress/include/wire.h) as shell\n"
	       "NAME='value' lines.\n"
	       "Exit: 0 all runs passed, 1 a run failed, 2 a run is incomplete,\n"
	       "3 bad input.\n", VERDICT_RUNNER_ERROR);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "lines", no_argument, NULL, 'l' },
		{ "verdict", no_argument, NULL, 'v' },
		{ "coverage", no_argument, NULL, 'c' },
		{ "profile", no_argument, NULL, 'p' },
		{ "marks", no_argument, NULL, 'm' },
		{ "checks", no_argument, NULL, 'k' },
		{ "known", required_argument, NULL, 'K' },
		{ "summary", no_argument, NULL, 's' },
		{ "no-header", no_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "wire", no_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static struct checks_known known;
	struct run_info ri = { .out = stdout, .mode = MODE_CSV };
	char err[4200];
	const char *name;
	int header = 1, worst = 0, ret, c, i;

	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			ri.mode = MODE_LINES;
			break;
		case 'n':
			header = 0;
			break;
		case 'v':
			ri.mode = MODE_VERDICT;
			break;
		case 'c':
			ri.mode = MODE_COVERAGE;
			break;
		case 'p':
			ri.mode = MODE_PROFILE;
			break;
		case 'm':
			ri.mode = MODE_MARKS;
			break;
		case 's':
			ri.mode = MODE_SUMMARY;
			break;
		case 'k':
			ri.mode = MODE_CHECKS;
			break;
		case 'K':
			if (checks_known_load(&known, optarg, err, sizeof(err))) {
				fprintf(stderr, "luo-collect: %s\n", err);
				return 3;
			}
			ri.known = &known;
			ri.known_path = optarg;
			break;
		case 'o':
			ri.out = fopen(optarg, "w");
			if (!ri.out) {
				fprintf(stderr, "luo-collect: %s: %s\n", optarg,
					strerror(errno));
				return 3;
			}
			break;
		case 'h':
			usage();
			return 0;
		case 'w':
			wire_sh_print(stdout);
			return 0;
		default:
			fprintf(stderr, "luo-collect: bad option (see --help)\n");
			return 3;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "luo-collect: no results directory given (see --help)\n");
		return 3;
	}
	if (ri.mode == MODE_CSV && header) {
		fputs("run_id,board,arch,kernel,cycle,phase,", ri.out);
		for (i = 0; csv_label(i); i++)
			fprintf(ri.out, "%s,", csv_label(i));
		fputs("value,unit,method,status,cause,message", ri.out);
		for (i = 0; transition_cols[i]; i++)
			fprintf(ri.out, ",%s", transition_cols[i]);
		fputs(",started\n", ri.out);
	}
	if (ri.mode == MODE_CHECKS && header) {
		fputs("run_id,board,cycle", ri.out);
		for (i = 0; checks_cols[i]; i++)
			fprintf(ri.out, ",%s", checks_cols[i]);
		fputc('\n', ri.out);
	}
	if (record_kind(ri.mode) && header) {
		fputs("run_id,board,cycle", ri.out);
		for (i = 0; (name = record_col(ri.mode, i)); i++)
			fprintf(ri.out, ",%s", name);
		fputc('\n', ri.out);
	}
	for (i = optind; i < argc; i++) {
		ret = collect_dir(argv[i], &ri);
		if (ret < 0)
			return 3;
		if (ret == 1 || (ret == 2 && worst == 0))
			worst = ret;
	}
	if (fclose(ri.out)) {
		fprintf(stderr, "luo-collect: write failed: %s\n",
			strerror(errno));
		return 3;
	}
	return worst;
}
