// SPDX-License-Identifier: GPL-2.0
/*
 * The restore side of a cycle (see run.h): per session, retrieve it and
 * its memfds, verify every byte, size, seal and hole against the spec,
 * and finish it; every phase timed, every failure named.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kselftest.h"

#include "luo_dev.h"
#include "restore.h"
#include "run.h"
#include "wire.h"

/* FAIL lines of mismatching files printed at most, per cycle */
#define MAX_MISMATCH_REPORTS 16

/* Retrieve, verify and finish the previous kernel's sessions. */
struct restore_result restore_cycle(struct run *r)
{
	const struct stress_config *c = &r->st.cfg;
	struct restore_result res = { 0 };
	uint64_t s, t, t0, *ns = res.ns;
	int ret, sfd, bad_retrieve = 0, bad_verify = 0, bad_finish = 0;
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	struct memfd_spec spec;
	struct file_id id;

	for (s = 0; s < c->sessions; s++) {
		r->w->session_name(name, sizeof(name), s);
		run_profile_mark(r, PHASE_COUNT);
		t0 = now_ns();
		sfd = luo_retrieve_session(r->luo_fd, name);
		if (sfd < 0) {
			ksft_print_msg(WIRE_FAIL_MSG "retrieve: cycle=%llu session=%s: %s\n",
				       (unsigned long long)r->st.cycle, name,
				       strerror(-sfd));
			bad_retrieve++;
			continue;
		}
		for (t = 0; t < c->files; t++) {
			run_progress(r, "retrieve", s, t);
			r->fds[t] = luo_retrieve_fd(sfd, t);
			if (r->fds[t] < 0) {
				ksft_print_msg(WIRE_FAIL_MSG "retrieve: cycle=%llu session=%s token=%llu: %s\n",
					       (unsigned long long)r->st.cycle,
					       name, (unsigned long long)t,
					       strerror(-r->fds[t]));
				bad_retrieve++;
			}
		}
		ns[PHASE_RETRIEVE] += now_ns() - t0;
		run_profile_mark(r, PHASE_RETRIEVE);

		t0 = now_ns();
		for (t = 0; t < c->files; t++) {
			run_progress(r, "verify", s, t);
			if (r->fds[t] < 0)
				continue;
			run_id_of(r, s, name, t, &id);
			run_spec_of(r, t, &spec);
			if (memfd_verify(&id, &spec, r->page_size, r->page,
					 r->fds[t],
					 bad_verify < MAX_MISMATCH_REPORTS))
				bad_verify++;
			close(r->fds[t]);
		}
		ns[PHASE_VERIFY] += now_ns() - t0;
		run_profile_mark(r, PHASE_VERIFY);

		t0 = now_ns();
		ret = luo_session_finish(sfd);
		ns[PHASE_FINISH] += now_ns() - t0;
		run_profile_mark(r, PHASE_FINISH);
		if (ret) {
			ksft_print_msg(WIRE_FAIL_MSG "finish: cycle=%llu session=%s: %s\n",
				       (unsigned long long)r->st.cycle, name,
				       strerror(-ret));
			bad_finish++;
		}
		close(sfd);
	}
	if (bad_verify)
		ksft_print_msg("verify: %d of %llu files differ\n", bad_verify,
			       (unsigned long long)(c->sessions * c->files));
	res.bad_retrieve = bad_retrieve;
	res.bad_verify = bad_verify;
	res.bad_finish = bad_finish;
	return res;
}
