// SPDX-License-Identifier: GPL-2.0
/*
 * The preserve side of a cycle (see run.h): per session, create it,
 * build its memfds, plant the self-check's corruption, preserve them and
 * measure their coverage as the kernel holds them; every phase timed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kselftest.h"

#include "luo_dev.h"
#include "preserve.h"
#include "run.h"
#include "wire.h"

/* How much shmem is in huge pages: shows whether large memfds got THP. */
static void print_shmem_huge(void)
{
	char line[128];
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, "ShmemHugePages:", 15) ||
		    !strncmp(line, "Shmem:", 6))
			ksft_print_msg("meminfo %s", line);
	fclose(f);
}

/* Is session @s the one whose file the self-check corrupts this cycle? */
static int selfcheck_session(const struct run *r, uint64_t s)
{
	return r->corrupt && s == r->cor.session;
}

/*
 * Self-check, after preserve: flip one byte of the target file's first
 * page, which LUO holds preserved, through the fd still open.
 */
static int corrupt_preserved(struct run *r, const char *name)
{
	int fd = r->fds[r->cor.token];
	uint64_t off = r->cor.offset;
	uint8_t b;

	if (r->st.cfg.corrupt_kind != CORRUPT_DATA)
		return 0;
	if (pread(fd, &b, 1, off) != 1)
		goto err;
	b ^= 0x5a;
	if (pwrite(fd, &b, 1, off) != 1)
		goto err;
	ksft_print_msg("selfcheck: corrupted kind=data cycle=%llu session=%s token=%llu page=0 offset=%llu\n",
		       (unsigned long long)r->st.cycle, name,
		       (unsigned long long)r->cor.token,
		       (unsigned long long)off);
	return 0;
err:
	ksft_print_msg(WIRE_FAIL_MSG "selfcheck: could not corrupt: %s\n",
		       strerror(errno));
	return -1;
}

/* Build file @t of session @s (@name) into r->fds[t]; 0 or -1 (said). */
int preserve_build_one(struct run *r, uint64_t s, const char *name,
		       uint64_t t, struct memfd_spec *spec)
{
	struct file_id id;

	run_id_of(r, s, name, t, &id);
	r->fds[t] = memfd_build(&id, spec, r->page_size, r->page);
	if (r->fds[t] >= 0)
		return 0;
	ksft_print_msg(WIRE_FAIL_MSG "populate: cycle=%llu session=%s token=%llu kind=%s: %s\n",
		       (unsigned long long)r->st.cycle, name,
		       (unsigned long long)t, kind_name(spec->kind),
		       strerror(-r->fds[t]));
	return -1;
}

/*
 * Create and fill the memfds of session @s into r->fds. The self-check's
 * target is built unlike its spec when its corruption is made at build
 * time (another size, seal set, or data in a hole) for the next kernel
 * to catch; a data corruption waits for corrupt_preserved(), a missing
 * file is left out by preserve_files(). Returns 1 when the target was
 * built corrupted, 0, or -1 after a FAIL line.
 */
static int build_files(struct run *r, uint64_t s, const char *name)
{
	const struct stress_config *c = &r->st.cfg;
	struct memfd_spec spec;
	int corrupted = 0;
	uint64_t t;

	for (t = 0; t < c->files; t++) {
		run_progress(r, "populate", s, t);
		run_spec_of(r, t, &spec);
		if (selfcheck_session(r, s) && t == r->cor.token)
			corrupted = plan_corrupt_spec(c, r->page_size, &spec);
		if (preserve_build_one(r, s, name, t, &spec)) {
			while (t--)
				close(r->fds[t]);
			return -1;
		}
	}
	return corrupted;
}

/* Preserve every memfd of session @s. */
static int preserve_files(struct run *r, uint64_t s, const char *name)
{
	uint64_t t;
	int ret;

	for (t = 0; t < r->st.cfg.files; t++) {
		run_progress(r, "preserve", s, t);
		if (selfcheck_session(r, s) && t == r->cor.token &&
		    r->st.cfg.corrupt_kind == CORRUPT_MISSING) {
			ksft_print_msg("selfcheck: corrupted kind=missing cycle=%llu session=%s token=%llu\n",
				       (unsigned long long)r->st.cycle, name,
				       (unsigned long long)t);
			continue;	/* left out: the next kernel misses it */
		}
		ret = luo_preserve_fd(r->session_fds[s], r->fds[t], t);
		if (ret) {
			ksft_print_msg(WIRE_FAIL_MSG "preserve: cycle=%llu session=%s token=%llu: %s\n",
				       (unsigned long long)r->st.cycle, name,
				       (unsigned long long)t, strerror(-ret));
			return -1;
		}
	}
	return 0;
}

/* Coverage of file @t of the session being built, by @how. */
static void measure(struct run *r, uint64_t t,
		    int (*how)(struct coverage *, enum memfd_kind, int))
{
	if (how(&r->cov, kind_of(r->st.cfg.kinds, t), r->fds[t])) {
		ksft_print_msg(WIRE_COVERAGE_MSG "unavailable: %s\n", r->cov.why);
		coverage_close(&r->cov);
	}
}

/* One session of the next set: create, populate, preserve, timed. */
static int preserve_session(struct run *r, uint64_t s)
{
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	uint64_t t, t0, *ns = r->st.phase_ns;
	int ret;

	r->w->session_name(name, sizeof(name), s);
	run_profile_mark(r, PHASE_COUNT);
	t0 = now_ns();
	r->session_fds[s] = luo_create_session(r->luo_fd, name);
	ns[PHASE_CREATE] += now_ns() - t0;
	run_profile_mark(r, PHASE_CREATE);
	if (r->session_fds[s] < 0) {
		ksft_print_msg(WIRE_FAIL_MSG "create: cycle=%llu session=%s: %s\n",
			       (unsigned long long)r->st.cycle, name,
			       strerror(-r->session_fds[s]));
		return -1;
	}
	t0 = now_ns();
	ret = build_files(r, s, name);
	ns[PHASE_POPULATE] += now_ns() - t0;
	run_profile_mark(r, PHASE_POPULATE);
	if (ret < 0)
		return -1;
	if (ret)
		ksft_print_msg("selfcheck: corrupted kind=%s cycle=%llu session=%s token=%llu\n",
			       corrupt_kind_name(r->st.cfg.corrupt_kind),
			       (unsigned long long)r->st.cycle, name,
			       (unsigned long long)r->cor.token);
	/* the files as handed to LUO (untimed) */
	for (t = 0; r->cov.ready && t < r->st.cfg.files; t++)
		measure(r, t, coverage_given);
	run_profile_mark(r, PHASE_COUNT);
	t0 = now_ns();
	ret = preserve_files(r, s, name);
	ns[PHASE_PRESERVE] += now_ns() - t0;
	run_profile_mark(r, PHASE_PRESERVE);
	if (!ret && selfcheck_session(r, s))
		ret = corrupt_preserved(r, name);
	/* their folios as LUO holds them (untimed) */
	for (t = 0; !ret && r->cov.ready && t < r->st.cfg.files; t++)
		measure(r, t, coverage_preserved);
	/* LUO holds its own reference to every preserved file */
	for (t = 0; t < r->st.cfg.files; t++)
		close(r->fds[t]);
	return ret;
}

/* Create, populate and preserve the set for the next kexec. */
int preserve_cycle(struct run *r)
{
	const struct stress_config *c = &r->st.cfg;
	uint64_t s;

	r->corrupt = c->corrupt_cycle == r->st.cycle &&
		     c->corrupt_kind != CORRUPT_STATE;
	if (r->corrupt && plan_corruption(c, r->page_size, &r->cor)) {
		ksft_print_msg(WIRE_FAIL_MSG "selfcheck: no file of a kind that --corrupt-kind %s can change\n",
			       corrupt_kind_name(c->corrupt_kind));
		return -1;
	}
	for (s = 0; s < c->sessions; s++)
		if (preserve_session(r, s))
			return -1;
	if (c->kinds & (1u << KIND_LARGE))
		print_shmem_huge();
	if (r->cov.ready) {
		coverage_print(&r->cov, r->st.cycle);
		r->st.shapes |= r->cov.shapes;
		r->st.shapes_measured = 1;
	}
	return 0;
}
