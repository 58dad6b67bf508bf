// SPDX-License-Identifier: GPL-2.0
/*
 * The agent and its workers (see agent.h), as live update runs in
 * production: one process, the agent, holds /dev/liveupdate; it creates
 * and retrieves the sessions and hands each over a Unix socket
 * (SCM_RIGHTS) to the worker process that owns its memory. The workers
 * populate, preserve, retrieve, verify and finish concurrently and
 * send back their figures; a phase lasts as long as its slowest worker.
 * --churn closes a seeded share of the sessions before the kexec and
 * creates new ones in their place (preserves interleaved across
 * sessions); --faults injects allocation failures into the LUO calls
 * (faults.h). With no workers the agent does the workers' part itself.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kselftest.h"

#include "agent.h"
#include "blocks.h"
#include "churn.h"
#include "faults.h"
#include "luo_dev.h"
#include "preserve.h"
#include "wire.h"

/* A session handed to a worker; slot END ends the hand-over. */
struct handed {
	uint64_t slot;
	uint32_t gen;		/* 1: the replacement churn created */
};

#define END UINT64_MAX

/* What a worker sends back. */
struct worker_result {
	uint64_t ns[PHASE_COUNT];
	uint64_t sessions;
	uint64_t lost;		/* files whose retrieve failed as injected */
	int failed;		/* FAIL lines it printed */
	int bad_retrieve, bad_verify, bad_finish;
	struct fault_stats faults;
};

/* One side's workers: their sockets and pids. */
struct crew {
	int n;			/* 0: the agent works itself */
	int sock[64];
	pid_t pid[64];
};

static int send_session(int sock, struct handed h, int fd)
{
	char ctl[CMSG_SPACE(sizeof(int))] = { 0 };
	struct iovec iov = { &h, sizeof(h) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;

	if (fd >= 0) {
		m.msg_control = ctl;
		m.msg_controllen = sizeof(ctl);
		cm = CMSG_FIRSTHDR(&m);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	return sendmsg(sock, &m, 0) == sizeof(h) ? 0 : -errno;
}

/* The next session handed over, its fd in *@fd (-1 with END). */
static int recv_session(int sock, struct handed *h, int *fd)
{
	char ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { h, sizeof(*h) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = ctl, .msg_controllen = sizeof(ctl) };
	struct cmsghdr *cm;

	*fd = -1;
	if (recvmsg(sock, &m, 0) != sizeof(*h))
		return -1;
	cm = CMSG_FIRSTHDR(&m);
	if (cm && cm->cmsg_type == SCM_RIGHTS)
		memcpy(fd, CMSG_DATA(cm), sizeof(int));
	return h->slot == END || *fd >= 0 ? 0 : -1;
}

void agent_session_name(const struct run *r, uint64_t slot, uint32_t gen,
			char *buf, size_t size)
{
	size_t n;

	r->w->session_name(buf, size, slot);
	n = strlen(buf);
	if (gen && n + 3 < size)
		snprintf(buf + n, size - n, "-r%u", gen);
}

/* The content identity of a slot's session of generation @gen. */
static uint64_t content_slot(const struct run *r, uint64_t slot, uint32_t gen)
{
	return slot + gen * r->st.cfg.sessions;
}

uint32_t agent_gen(const struct run *r, uint64_t cycle, uint64_t slot)
{
	const struct stress_config *c = &r->st.cfg;
	uint64_t i, k = churn_count(c);

	for (i = 0; i < k; i++)
		if (r->order && r->order_cycle == cycle && r->order[i] == slot)
			return 1;
	return 0;
}

/* The calls fault_step() makes. */
struct call {
	int fd, fd2;
	uint64_t token;
	const char *name;
};

static int call_create(void *a)
{
	struct call *c = a;

	return luo_create_session(c->fd, c->name);
}

static int call_retrieve_session(void *a)
{
	struct call *c = a;

	return luo_retrieve_session(c->fd, c->name);
}

static int call_preserve(void *a)
{
	struct call *c = a;

	return luo_preserve_fd(c->fd, c->fd2, c->token);
}

static int call_retrieve(void *a)
{
	struct call *c = a;

	return luo_retrieve_fd(c->fd, c->token);
}

static int call_finish(void *a)
{
	struct call *c = a;

	return luo_session_finish(c->fd);
}

/* Does file @t start a new block of file entries? */
static int stepped_token(const struct run *r, uint64_t t)
{
	unsigned long fpb = r->kb.abi ?
		entries_per_block(r->kb.abi, r->page_size,
				  r->kb.abi->file_entry) : 0;

	return !t || (fpb && t % fpb == 0);
}

/* Build and preserve file @t of a session (fd @sfd, @name). */
static int fill_one(struct run *r, int worker, uint64_t cslot, int sfd,
		    const char *name, uint64_t t, struct worker_result *res)
{
	const struct stress_config *c = &r->st.cfg;
	struct fault_where w = { r->st.cycle, worker, name, (long long)t };
	struct call call = { sfd, -1, t, name };
	struct memfd_spec spec;
	uint64_t t0 = now_ns();
	int ret, injected;

	run_spec_of(r, t, &spec);
	ret = preserve_build_one(r, cslot, name, t, &spec);
	res->ns[PHASE_POPULATE] += now_ns() - t0;
	if (ret)
		return -1;
	call.fd2 = r->fds[t];
	/* a block grows only at its boundary: step that call afresh */
	if (t && stepped_token(r, t))
		fault_restart(FC_PRESERVE_FD);
	t0 = now_ns();
	ret = fault_step(c, FC_PRESERVE_FD, &w, &res->faults, &injected,
			 call_preserve, &call);
	res->ns[PHASE_PRESERVE] += now_ns() - t0;
	close(r->fds[t]);
	if (ret) {
		ksft_print_msg(WIRE_FAIL_MSG "preserve: cycle=%llu session=%s token=%llu: %s%s\n",
			       (unsigned long long)r->st.cycle, name,
			       (unsigned long long)t, strerror(-ret),
			       c->faults ? " (after its injected faults, with injection off)" : "");
		return -1;
	}
	return 0;
}

/*
 * A worker's preserve side: the sessions handed to it, built and
 * preserved session by session, or file by file across them (churn).
 */
static void work_preserve(struct run *r, int worker, const struct handed *h,
			  const int *sfd, size_t n, struct worker_result *res)
{
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	uint64_t t, files = r->st.cfg.files;
	size_t i;

	res->sessions = n;
	fault_restart(FC_PRESERVE_FD);
	if (r->st.cfg.churn) {
		for (t = 0; t < files && !res->failed; t++)
			for (i = 0; i < n && !res->failed; i++) {
				agent_session_name(r, h[i].slot, h[i].gen, name,
						   sizeof(name));
				res->failed += !!fill_one(r, worker,
					content_slot(r, h[i].slot, h[i].gen),
					sfd[i], name, t, res);
			}
		return;
	}
	for (i = 0; i < n && !res->failed; i++) {
		agent_session_name(r, h[i].slot, h[i].gen, name, sizeof(name));
		for (t = 0; t < files && !res->failed; t++) {
			run_progress(r, "preserve", h[i].slot, t);
			res->failed += !!fill_one(r, worker,
				content_slot(r, h[i].slot, h[i].gen), sfd[i],
				name, t, res);
		}
	}
}

/*
 * Retrieve file @t of a session. A retrieve caches its first error, so
 * a file whose retrieve failed as injected stays lost: its error must
 * come back the same when asked again, and the file is not verified.
 */
static int retrieve_one(struct run *r, int worker, int sfd, const char *name,
			uint64_t t, struct worker_result *res)
{
	struct fault_where w = { r->st.cycle, worker, name, (long long)t };
	struct call call = { sfd, -1, t, name };
	int fd, again, injected;

	fd = fault_step(&r->st.cfg, FC_RETRIEVE_FD, &w, &res->faults,
			&injected, call_retrieve, &call);
	if (fd >= 0 || !injected)
		return fd;
	again = luo_retrieve_fd(sfd, t);
	if (again != fd) {
		ksft_print_msg(WIRE_FAIL_MSG "retrieve: cycle=%llu session=%s token=%llu: failed with %s as injected, then returned %s when asked again (LUO caches a retrieve's first error)\n",
			       (unsigned long long)r->st.cycle, name,
			       (unsigned long long)t, strerrorname_np(-fd),
			       again >= 0 ? "a file" : strerrorname_np(-again));
		if (again >= 0)
			close(again);
		res->failed++;
	}
	res->lost++;
	return -EAGAIN;		/* lost as injected: not verified */
}

/* A worker's restore side: retrieve, verify and finish each session. */
static void work_restore(struct run *r, int worker, const struct handed *h,
			 const int *sfd, size_t n, struct worker_result *res)
{
	const struct stress_config *c = &r->st.cfg;
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	struct memfd_spec spec;
	struct file_id id;
	uint64_t t, t0;
	size_t i;
	int ret, injected;

	res->sessions = n;
	fault_restart(FC_RETRIEVE_FD);
	fault_restart(FC_FINISH);
	for (i = 0; i < n; i++) {
		struct fault_where w = { r->st.cycle, worker, name, -1 };
		struct call call = { sfd[i], -1, 0, name };
		uint64_t cs = content_slot(r, h[i].slot, h[i].gen);

		agent_session_name(r, h[i].slot, h[i].gen, name, sizeof(name));
		t0 = now_ns();
		for (t = 0; t < c->files; t++) {
			run_progress(r, "retrieve", h[i].slot, t);
			r->fds[t] = retrieve_one(r, worker, sfd[i], name, t,
						 res);
			if (r->fds[t] < 0 && r->fds[t] != -EAGAIN) {
				ksft_print_msg(WIRE_FAIL_MSG "retrieve: cycle=%llu session=%s token=%llu: %s\n",
					       (unsigned long long)r->st.cycle,
					       name, (unsigned long long)t,
					       strerror(-r->fds[t]));
				res->bad_retrieve++;
			}
		}
		res->ns[PHASE_RETRIEVE] += now_ns() - t0;
		t0 = now_ns();
		for (t = 0; t < c->files; t++) {
			if (r->fds[t] < 0)
				continue;
			run_id_of(r, cs, name, t, &id);
			run_spec_of(r, t, &spec);
			if (memfd_verify(&id, &spec, r->page_size, r->page,
					 r->fds[t], res->bad_verify < 16))
				res->bad_verify++;
			close(r->fds[t]);
		}
		res->ns[PHASE_VERIFY] += now_ns() - t0;
		t0 = now_ns();
		ret = fault_step(c, FC_FINISH, &w, &res->faults, &injected,
				 call_finish, &call);
		res->ns[PHASE_FINISH] += now_ns() - t0;
		if (ret) {
			ksft_print_msg(WIRE_FAIL_MSG "finish: cycle=%llu session=%s: %s\n",
				       (unsigned long long)r->st.cycle, name,
				       strerror(-ret));
			res->bad_finish++;
		}
		close(sfd[i]);
	}
}

/* The worker process: receive its sessions, work, send back, exit. */
static __noreturn void worker_main(struct run *r, int worker, int sock,
				   int restore)
{
	struct worker_result res = { 0 };
	/* every session, and the END that follows them */
	struct handed *h = calloc(r->st.cfg.sessions + 1, sizeof(*h));
	int *sfd = calloc(r->st.cfg.sessions + 1, sizeof(int));
	size_t n = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (;;) {
		if (!h || !sfd || n > r->st.cfg.sessions ||
		    recv_session(sock, &h[n], &sfd[n])) {
			ksft_print_msg(WIRE_FAIL_MSG "worker: cycle=%llu worker=%d: the hand-over failed: %s\n",
				       (unsigned long long)r->st.cycle, worker,
				       strerror(errno));
			res.failed++;
			break;
		}
		if (h[n].slot == END)
			break;
		n++;
	}
	if (!res.failed) {
		if (restore)
			work_restore(r, worker, h, sfd, n, &res);
		else
			work_preserve(r, worker, h, sfd, n, &res);
	}
	while (!restore && n--)
		close(sfd[n]);
	fflush(stdout);
	if (send(sock, &res, sizeof(res), 0) != sizeof(res))
		_exit(1);
	_exit(0);
}

/* Start @c->n workers for one side; the agent's descriptors closed. */
static int crew_start(struct run *r, struct crew *c, int restore)
{
	int i, j, sv[2];
	uint64_t s;

	c->n = r->st.cfg.workers;
	fflush(stdout);
	for (i = 0; i < c->n; i++) {
		if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv))
			return -errno;
		c->pid[i] = fork();
		if (c->pid[i] < 0)
			return -errno;
		if (!c->pid[i]) {
			/* a worker holds neither /dev/liveupdate nor others' */
			close(r->luo_fd);
			for (s = 0; s < r->st.cfg.sessions; s++)
				if (r->session_fds[s] >= 0)
					close(r->session_fds[s]);
			for (j = 0; j < i; j++)
				close(c->sock[j]);
			close(sv[0]);
			worker_main(r, i, sv[1], restore);
		}
		close(sv[1]);
		c->sock[i] = sv[0];
	}
	return 0;
}

/*
 * End the hand-over, gather the workers' figures into @sum (phases:
 * the slowest worker's), print each worker's line. Returns 0, or -1.
 */
static int crew_finish(struct run *r, struct crew *c, const char *side,
		       struct worker_result *sum)
{
	static const enum phase shown[] = {
		PHASE_POPULATE, PHASE_PRESERVE, PHASE_RETRIEVE, PHASE_VERIFY,
		PHASE_FINISH,
	};
	struct worker_result res;
	char figs[256];
	size_t k, n;
	int i, st, bad = 0;

	for (i = 0; i < c->n; i++) {
		memset(&res, 0, sizeof(res));
		if (send_session(c->sock[i], (struct handed){ END, 0 }, -1) ||
		    recv(c->sock[i], &res, sizeof(res), 0) != sizeof(res)) {
			ksft_print_msg(WIRE_FAIL_MSG "worker: cycle=%llu worker=%d: no figures came back\n",
				       (unsigned long long)r->st.cycle, i);
			res.failed = 1;
		}
		close(c->sock[i]);
		if (waitpid(c->pid[i], &st, 0) < 0 || !WIFEXITED(st) ||
		    WEXITSTATUS(st))
			res.failed = 1;
		n = 0;
		figs[0] = 0;
		for (k = 0; k < ARRAY_SIZE(shown) && n < sizeof(figs); k++)
			if (res.ns[shown[k]])
				n += snprintf(figs + n, sizeof(figs) - n,
					      " %s=%llu.%03llu",
					      phase_name(shown[k]),
					      (unsigned long long)(res.ns[shown[k]] / 1000000),
					      (unsigned long long)(res.ns[shown[k]] / 1000 % 1000));
		ksft_print_msg(WIRE_WORKER_MSG "cycle=%llu side=%s worker=%d sessions=%llu%s\n",
			       (unsigned long long)r->st.cycle, side, i,
			       (unsigned long long)res.sessions, figs);
		for (k = 0; k < PHASE_COUNT; k++)
			if (res.ns[k] > sum->ns[k])
				sum->ns[k] = res.ns[k];
		sum->sessions += res.sessions;
		sum->lost += res.lost;
		sum->failed += res.failed;
		sum->bad_retrieve += res.bad_retrieve;
		sum->bad_verify += res.bad_verify;
		sum->bad_finish += res.bad_finish;
		fault_stats_add(&sum->faults, &res.faults);
		bad |= res.failed;
	}
	return bad ? -1 : 0;
}

/*
 * One round of the preserve side: create the sessions of @slots (the
 * generation @gen of each), hand each to its worker as soon as it is
 * created (the agent works itself without workers). Adds the round's
 * times into @ns; returns 0 or -1.
 */
static int preserve_round(struct run *r, const uint64_t *slots, size_t n,
			  uint32_t gen, uint64_t *ns, struct fault_stats *fs)
{
	const struct stress_config *c = &r->st.cfg;
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	struct worker_result sum = { 0 };
	struct crew crew = { 0 };
	struct handed *h = NULL;
	int err = 0, ret, injected;
	uint64_t t0;
	size_t i;

	fault_restart(FC_CREATE_SESSION);
	if (c->workers && crew_start(r, &crew, 0)) {
		ksft_print_msg(WIRE_FAIL_MSG "worker: cycle=%llu: cannot start %llu workers: %s\n",
			       (unsigned long long)r->st.cycle,
			       (unsigned long long)c->workers, strerror(errno));
		return -1;
	}
	if (!c->workers) {
		h = calloc(n ? n : 1, sizeof(*h));
		if (!h) {
			ksft_print_msg(WIRE_FAIL_MSG "create: cycle=%llu: out of memory for %zu sessions\n",
				       (unsigned long long)r->st.cycle, n);
			return -1;
		}
	}
	for (i = 0; i < n; i++) {
		struct fault_where w = { r->st.cycle, -1, name, -1 };
		struct call call = { r->luo_fd, -1, 0, name };

		agent_session_name(r, slots[i], gen, name, sizeof(name));
		t0 = now_ns();
		/* a session block grows only at its boundary: step it afresh */
		if (i && r->kb.abi && slots[i] % entries_per_block(r->kb.abi,
				r->page_size, r->kb.abi->session_entry) == 0)
			fault_restart(FC_CREATE_SESSION);
		ret = fault_step(c, FC_CREATE_SESSION, &w, fs, &injected,
				 call_create, &call);
		ns[PHASE_CREATE] += now_ns() - t0;
		r->session_fds[slots[i]] = ret;
		if (ret < 0) {
			ksft_print_msg(WIRE_FAIL_MSG "create: cycle=%llu session=%s: %s\n",
				       (unsigned long long)r->st.cycle, name,
				       strerror(-ret));
			err = -1;
			break;
		}
		if (h)
			h[i] = (struct handed){ slots[i], gen };
		else if (send_session(crew.sock[i % crew.n],
				      (struct handed){ slots[i], gen }, ret))
			err = -1;
	}
	if (c->workers) {
		err |= crew_finish(r, &crew, "preserve", &sum);
	} else if (!err && h) {
		int *sfd = malloc((n ? n : 1) * sizeof(int));

		for (i = 0; sfd && i < n; i++)
			sfd[i] = r->session_fds[slots[i]];
		if (sfd)
			work_preserve(r, -1, h, sfd, n, &sum);
		err |= !sfd || sum.failed ? -1 : 0;
		free(sfd);
	}
	free(h);
	ns[PHASE_POPULATE] += sum.ns[PHASE_POPULATE];
	ns[PHASE_PRESERVE] += sum.ns[PHASE_PRESERVE];
	fault_stats_add(fs, &sum.faults);
	return err;
}

int agent_preserve_cycle(struct run *r)
{
	const struct stress_config *c = &r->st.cfg;
	uint64_t k = churn_count(c), s, t0, close_ns, *slots;
	struct fault_stats fs = { 0 };
	int ret;

	slots = malloc(c->sessions * sizeof(*slots));
	free(r->order);
	r->order = malloc(c->sessions * sizeof(*r->order));
	if (!slots || !r->order) {
		ksft_print_msg(WIRE_FAIL_MSG "create: cycle=%llu: out of memory for %llu sessions\n",
			       (unsigned long long)r->st.cycle,
			       (unsigned long long)c->sessions);
		free(slots);
		return -1;
	}
	r->order_cycle = r->st.cycle;
	for (s = 0; s < c->sessions; s++) {
		slots[s] = s;
		r->session_fds[s] = -1;
	}
	ret = preserve_round(r, slots, c->sessions, 0, r->st.phase_ns, &fs);
	if (!ret && k) {
		/* close k sessions in a seeded order, create k new ones */
		churn_order(c, r->st.cycle, r->order);
		t0 = now_ns();
		for (s = 0; s < k; s++) {
			close(r->session_fds[r->order[s]]);
			r->session_fds[r->order[s]] = -1;
		}
		close_ns = now_ns() - t0;
		ret = preserve_round(r, r->order, k, 1, r->st.phase_ns, &fs);
		ksft_print_msg(WIRE_CHURN_MSG "cycle=%llu closed=%llu created=%llu live=%llu close=%llu.%03llums\n",
			       (unsigned long long)r->st.cycle,
			       (unsigned long long)k, (unsigned long long)k,
			       (unsigned long long)c->sessions,
			       (unsigned long long)(close_ns / 1000000),
			       (unsigned long long)(close_ns / 1000 % 1000));
	}
	fault_stats_print(&fs, r->st.cycle);
	r->st.faults_injected += fault_stats_injected(&fs);
	free(slots);
	return ret || fs.bad ? -1 : 0;
}

/* Sessions closed before the kexec must not come back. */
static int check_closed(struct run *r)
{
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	uint64_t i, k = churn_count(&r->st.cfg);
	int fd, bad = 0;

	for (i = 0; i < k; i++) {
		agent_session_name(r, r->order[i], 0, name, sizeof(name));
		fd = luo_retrieve_session(r->luo_fd, name);
		if (fd == -ENOENT)
			continue;
		if (fd >= 0) {
			ksft_print_msg(WIRE_FAIL_MSG "retrieve: cycle=%llu session=%s: closed before the kexec, it came back\n",
				       (unsigned long long)r->st.cycle, name);
			close(fd);
		} else {
			ksft_print_msg(WIRE_FAIL_MSG "retrieve: cycle=%llu session=%s: closed before the kexec, its retrieve returned %s, not ENOENT\n",
				       (unsigned long long)r->st.cycle, name,
				       strerrorname_np(-fd));
		}
		bad++;
	}
	return bad;
}

struct restore_result agent_restore_cycle(struct run *r)
{
	const struct stress_config *c = &r->st.cfg;
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	struct restore_result out = { 0 };
	struct worker_result sum = { 0 };
	struct fault_stats fs = { 0 };
	struct crew crew = { 0 };
	struct handed *h = NULL;
	uint64_t s, t0, agent_ns = 0;
	int *sfd = NULL, fd, injected;
	size_t n = 0;

	free(r->order);
	r->order = malloc(c->sessions * sizeof(*r->order));
	if (!r->order) {
		out.bad_retrieve = 1;
		return out;
	}
	churn_order(c, r->st.cycle, r->order);
	r->order_cycle = r->st.cycle;
	for (s = 0; s < c->sessions; s++)
		r->session_fds[s] = -1;
	fault_restart(FC_RETRIEVE_SESSION);
	if (c->workers && crew_start(r, &crew, 1)) {
		ksft_print_msg(WIRE_FAIL_MSG "worker: cycle=%llu: cannot start %llu workers: %s\n",
			       (unsigned long long)r->st.cycle,
			       (unsigned long long)c->workers, strerror(errno));
		out.bad_retrieve = 1;
		return out;
	}
	if (!c->workers) {
		h = calloc(c->sessions, sizeof(*h));
		sfd = calloc(c->sessions, sizeof(*sfd));
		if (!h || !sfd) {
			ksft_print_msg(WIRE_FAIL_MSG "retrieve: cycle=%llu: out of memory for %llu sessions\n",
				       (unsigned long long)r->st.cycle,
				       (unsigned long long)c->sessions);
			free(h);
			free(sfd);
			out.bad_retrieve = 1;
			return out;
		}
	}
	for (s = 0; s < c->sessions; s++) {
		uint32_t gen = agent_gen(r, r->st.cycle, s);
		struct fault_where w = { r->st.cycle, -1, name, -1 };
		struct call call = { r->luo_fd, -1, 0, name };

		agent_session_name(r, s, gen, name, sizeof(name));
		t0 = now_ns();
		fd = fault_step(c, FC_RETRIEVE_SESSION, &w, &fs, &injected,
				call_retrieve_session, &call);
		agent_ns += now_ns() - t0;
		if (fd < 0) {
			ksft_print_msg(WIRE_FAIL_MSG "retrieve: cycle=%llu session=%s: %s\n",
				       (unsigned long long)r->st.cycle, name,
				       strerror(-fd));
			out.bad_retrieve++;
			continue;
		}
		if (h) {
			h[n] = (struct handed){ s, gen };
			sfd[n++] = fd;
		} else {
			if (send_session(crew.sock[s % crew.n],
					 (struct handed){ s, gen }, fd))
				out.bad_retrieve++;
			close(fd);
		}
	}
	if (c->workers) {
		if (crew_finish(r, &crew, "restore", &sum))
			out.bad_retrieve += !sum.bad_retrieve;
	} else {
		work_restore(r, -1, h, sfd, n, &sum);
	}
	free(h);
	free(sfd);
	out.bad_retrieve += sum.bad_retrieve + check_closed(r) +
			    (sum.failed && !c->workers);
	out.bad_verify = sum.bad_verify;
	out.bad_finish = sum.bad_finish;
	out.ns[PHASE_RETRIEVE] = agent_ns + sum.ns[PHASE_RETRIEVE];
	out.ns[PHASE_VERIFY] = sum.ns[PHASE_VERIFY];
	out.ns[PHASE_FINISH] = sum.ns[PHASE_FINISH];
	fault_stats_add(&fs, &sum.faults);
	fault_stats_print(&fs, r->st.cycle);
	if (sum.lost)
		ksft_print_msg(WIRE_FAULTS_MSG "cycle=%llu lost=%llu files whose retrieve failed as injected; every other file came back and was verified\n",
			       (unsigned long long)r->st.cycle,
			       (unsigned long long)sum.lost);
	r->st.faults_injected += fault_stats_injected(&fs);
	out.bad_retrieve += !!fs.bad;
	return out;
}
