// SPDX-License-Identifier: GPL-2.0
/*
 * The verdict of a run (see verdict.h). In order: the runner's own
 * reason (runner-error.txt) fails it; an empty serial log says how QEMU
 * ended; a failed or incomplete log is the parser's reason, a dead guest
 * with QEMU's exit status and last error line (a hang with the
 * watchdog's, which the parser names) or LAVA's job health; a log that
 * passed still fails when the watchdog stopped it, when LAVA did not
 * pass the job, or when the workload never said it completed: stress-*
 * programs print WIRE_ALL_MSG ... WIRE_CYCLES_PASSED, the others a WIRE_TOTALS line
 * with nothing failed and something passed or skipped; a run that ended
 * in a decline its kernels design is complete without either.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "text.h"
#include "verdict.h"
#include "wire.h"

/* programs whose name starts so run cycles (config.c's workloads) */
#define VERDICT_CYCLING_PROGRAM	"stress-"

/* The files of a results directory the verdict reads, and their keys. */
#define WATCHDOG_TXT	"watchdog.txt"	/* no_progress_s=N, last_line=... */
#define QEMU_RC		"qemu.rc"
#define QEMU_STDERR	"qemu.stderr"
#define LAVA_JOB_TXT	"lava-job.txt"	/* lava_job= device= health= ... */

#define LINE_MAX_	1024
#define STDERR_LAST	120	/* of QEMU's last error line, for a dead guest */
#define STDERR_FIRST	300	/* of QEMU's errors, for an empty log */

/* WIRE_MSG "<program>" WIRE_ALL_MSG "N" WIRE_CYCLES_PASSED */
static int cycles_passed(const char *t)
{
	const char *p = text_after(t, WIRE_MSG);
	size_t n;

	while (p && (p = strstr(p, WIRE_ALL_MSG))) {
		p += strlen(WIRE_ALL_MSG);
		n = strspn(p, "0123456789");
		if (n && text_after(p + n, WIRE_CYCLES_PASSED))
			return 1;
	}
	return 0;
}

/* The count @key of a WIRE_TOTALS line ("pass:3 fail:0 ..."), or -1. */
static long totals_get(const char *s, const char *key)
{
	size_t klen = strlen(key), n;
	const char *p = s;
	long v;

	while ((p = strstr(p, key))) {
		if ((p == s || p[-1] == ' ') && p[klen] == ':') {
			p += klen + 1;
			n = strcspn(p, " ");
			return n && !text_parse_long(p, p + n, &v) && v >= 0 ? v : -1;
		}
		p += klen;
	}
	return -1;
}

void verdict_text(struct verdict_log *v, const char *text)
{
	static const char *const counts[] = {
		"pass", "fail", "xfail", "xpass", "skip", "error",
	};
	const char *t = text_after(text, WIRE_TOTALS);
	size_t i;

	if (!t) {
		if (cycles_passed(text))
			v->cycles_passed = 1;
		return;
	}
	for (i = 0; i < ARRAY_SIZE(counts); i++)
		if (totals_get(t, counts[i]) < 0)
			break;
	if (i == ARRAY_SIZE(counts) && !totals_get(t, "fail") &&
	    !totals_get(t, "error"))
		v->totals_clean = 1;
	if (!totals_get(t, "pass") && !totals_get(t, "skip"))
		v->totals_empty = 1;
}

static FILE *open_in(const char *dir, const char *file)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return fopen(path, "r");
}

/*
 * The first line of @dir/@file without its newline ("" when empty), cut
 * to @size; 0, or -1 when there is no such file.
 */
static int first_line(const char *dir, const char *file, char *line,
		      size_t size)
{
	FILE *f = open_in(dir, file);

	if (!f)
		return -1;
	if (!fgets(line, size, f))
		line[0] = 0;
	fclose(f);
	line[strcspn(line, "\n")] = 0;
	return 0;
}

/*
 * The value of @key in the key=value file @dir/@file into @out: keys
 * are space-separated on a line or, with @rest, start a line and take
 * the rest of it (a message). 0, or -1 when the file or key is missing.
 */
static int file_key(const char *dir, const char *file, const char *key,
		    int rest, char *out, size_t size)
{
	char line[LINE_MAX_];
	const char *v;
	FILE *f = open_in(dir, file);
	int ret = -1;

	if (!f)
		return -1;
	while (ret && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		v = text_after(line, key);
		if (rest && v && *v == '=') {
			snprintf(out, size, "%s", v + 1);
			ret = 0;
		} else if (!rest && !text_kv_get(line, key, out, size)) {
			ret = 0;
		}
	}
	fclose(f);
	return ret;
}

static int has_file(const char *dir, const char *file)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return !stat(path, &st);
}

long verdict_watchdog_s(const char *dir)
{
	char v[32];
	long s;

	if (file_key(dir, WATCHDOG_TXT, "no_progress_s", 0, v, sizeof(v)) ||
	    text_parse_long(v, NULL, &s))
		return 0;
	return s;
}

int verdict_runner_error(const char *dir, char *msg, size_t size)
{
	if (first_line(dir, VERDICT_RUNNER_ERROR, msg, size))
		return -1;
	if (!msg[0])
		snprintf(msg, size, "the runner failed without saying why");
	return 0;
}

/*
 * How QEMU ended: " (QEMU exit RC: ERR)", RC "?" when the runner left no
 * status; ERR the first @first bytes of its errors (lines joined), or
 * the first @last bytes of its last line.
 */
static void qemu_end(const char *dir, size_t first, size_t last, char *out,
		     size_t size)
{
	char rc[32] = "?", err[LINE_MAX_] = "", *line = NULL;
	size_t cap = 0, n;
	ssize_t len;
	FILE *f;

	if (first_line(dir, QEMU_RC, rc, sizeof(rc)))
		snprintf(rc, sizeof(rc), "?");
	f = open_in(dir, QEMU_STDERR);
	if (f && first) {
		n = fread(err, 1, first < sizeof(err) ? first : sizeof(err) - 1, f);
		err[n] = 0;
		while (n && err[n - 1] == '\n')
			err[--n] = 0;
		for (n = 0; err[n]; n++)
			if (err[n] == '\n')
				err[n] = ' ';
	} else if (f) {
		while ((len = getline(&line, &cap, f)) > 0) {
			if (line[len - 1] == '\n')
				line[--len] = 0;
			n = (size_t)len < last ? (size_t)len : last;
			memcpy(err, line, n);
			err[n] = 0;
		}
		free(line);
	}
	if (f)
		fclose(f);
	snprintf(out, size, " (QEMU exit %s%s%s)", rc, err[0] ? ": " : "", err);
}

/*
 * LAVA's word on the job of @dir (lava-job.txt), into @out: "LAVA job N
 * HEALTH, F failed results[: ERROR]". Returns 1 when LAVA passed it
 * (health Complete, no failed result), 0 when not, -1 when there is no
 * lava-job.txt.
 */
static int lava_job(const char *dir, char *out, size_t size)
{
	char job[32], health[32], failed[32], err[LINE_MAX_];
	int has_failed;

	if (!has_file(dir, LAVA_JOB_TXT))
		return -1;
	if (file_key(dir, LAVA_JOB_TXT, "lava_job", 0, job, sizeof(job)))
		snprintf(job, sizeof(job), "?");
	if (file_key(dir, LAVA_JOB_TXT, "health", 0, health, sizeof(health)))
		snprintf(health, sizeof(health), "Unknown");
	has_failed = !file_key(dir, LAVA_JOB_TXT, "failed_results", 0, failed,
			       sizeof(failed));
	if (file_key(dir, LAVA_JOB_TXT, "error", 1, err, sizeof(err)))
		err[0] = 0;
	snprintf(out, size, "LAVA job %s %s%s%s%s%s%s", job, health,
		 has_failed ? ", " : "", has_failed ? failed : "",
		 has_failed ? " failed results" : "", err[0] ? ": " : "", err);
	return !strcmp(health, "Complete") &&
		(!has_failed || !strcmp(failed, "0"));
}

/*
 * How a run whose log ends too soon ended, into @end: QEMU's exit and
 * errors, or LAVA's word; "" for a hang (the parser named it, and for
 * how long) or when there is nothing to say.
 */
static void how_it_ended(const char *dir, int lava, char *end, size_t size)
{
	char job[LINE_MAX_];

	end[0] = 0;
	if (has_file(dir, WATCHDOG_TXT))
		return;
	if (!lava)
		qemu_end(dir, 0, STDERR_LAST, end, size);
	else if (lava_job(dir, job, sizeof(job)) >= 0)
		snprintf(end, size, " (%s)", job);
}

/*
 * The workload of @dir (run.txt) said it completed: 0, or 1 with the
 * reason in @why.
 */
static int completed(const char *dir, const struct verdict_log *log,
		     char *why, size_t size)
{
	if (!log->run_txt) {
		snprintf(why, size, "no run.txt in %s", dir);
		return 1;
	}
	/* the kernel declined the state as designed: nothing more to run */
	if (log->declined)
		return 0;
	if (text_after(log->workload, VERDICT_CYCLING_PROGRAM)) {
		if (log->cycles_passed)
			return 0;
		snprintf(why, size, "workload exited 0 without completing its cycles");
		return 1;
	}
	if (log->totals_clean && !log->totals_empty)
		return 0;
	snprintf(why, size, "workload exited 0 without a passed or skipped test");
	return 1;
}

int verdict_decide(const char *dir, int lava, int status, const char *msg,
		   const struct verdict_log *log, char *why, size_t size)
{
	char end[LINE_MAX_ + 64], line[LINE_MAX_];

	why[0] = 0;
	if (!verdict_runner_error(dir, line, sizeof(line))) {
		snprintf(why, size, "%s", line);
		return 1;
	}
	if (!lava && log->empty) {
		qemu_end(dir, STDERR_FIRST, 0, end, sizeof(end));
		snprintf(why, size, "empty serial log%s", end);
		return 2;
	}
	if (status) {
		end[0] = 0;
		if (status == 2)
			how_it_ended(dir, lava, end, sizeof(end));
		snprintf(why, size, "%s%s", msg, end);
		return status;
	}
	/* the log passed: the runner, LAVA and the workload have a say */
	if (has_file(dir, WATCHDOG_TXT)) {
		if (file_key(dir, WATCHDOG_TXT, "last_line", 1, line,
			     sizeof(line)))
			snprintf(line, sizeof(line), "?");
		snprintf(why, size, "watchdog: no progress for %lds (last line: %s)",
			 verdict_watchdog_s(dir), line);
		return 1;
	}
	if (lava && lava_job(dir, why, size) == 0)
		return 1;
	why[0] = 0;
	return completed(dir, log, why, size);
}
