// SPDX-License-Identifier: GPL-2.0
/*
 * The cycle engine (see workload.h). One kernel's stage:
 *   print which kernel it is, open /dev/liveupdate, load the state session
 *   (none in the first kernel) and say what came of it (WIRE_HANDOVER: a
 *   kernel after a kexec that gives no state back fails its cycle),
 *   retrieve + verify + finish the previous kernel's sessions (restore.c),
 *   create + populate + preserve the next set (preserve.c), check the
 *   kernel's block counts and the run's coverage, save state, kexec.
 * Output is KTAP with "# metric:" lines; every failure names its session,
 * token, page and offset.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "kselftest.h"

#include "agent.h"
#include "blocks.h"
#include "boot.h"
#include "checks.h"
#include "control.h"
#include "coverage.h"
#include "faults.h"
#include "freeze_abort.h"
#include "kexec.h"
#include "kblocks.h"
#include "kmemleak.h"
#include "kmsg_luo.h"
#include "kprofile.h"
#include "ktap.h"
#include "luo_dev.h"
#include "memfd_file.h"
#include "metrics.h"
#include "plan.h"
#include "preserve.h"
#include "progress.h"
#include "restore.h"
#include "run.h"
#include "state.h"
#include "thp.h"
#include "wire.h"
#include "workload.h"

#ifndef LUO_ABI
#define LUO_ABI "unknown"
#endif

static const char *const test_names[T_COUNT] = {
	"retrieve", "verify", "finish", "blocks_restored", "preserve",
	"kexec_load", "blocks_allocated", "coverage",
};

/* Result of one test: 0 pass, 1 fail, -1 skip (with @why). */
static void run_report(enum test_id t, int result, const char *why)
{
	if (result < 0)
		ktap_test_skip(test_names[t], "%s", why);
	else if (result == 0)
		ksft_test_result_pass("%s\n", test_names[t]);
	else
		ksft_test_result_fail("%s\n", test_names[t]);
}

/* Tests @from to @to, in their order, skipped for the same @why. */
static void run_skip(enum test_id from, enum test_id to, const char *why)
{
	enum test_id t;

	for (t = from; t <= to; t++)
		run_report(t, -1, why);
}

static void set_labels(struct run *r, uint64_t cycle)
{
	const struct stress_config *c = &r->st.cfg;

	r->labels.cycle = cycle;
	r->labels.sessions = c->sessions;
	r->labels.files = c->files;
	r->labels.pages = c->pages;
	r->labels.page_size = r->page_size;
	r->labels.abi = LUO_ABI;
	r->labels.blocks = -1;
	r->labels.session_blocks = -1;
	r->labels.file_blocks = -1;
	r->labels.kernel_blocks = -1;
	r->labels.kernel_session_blocks = -1;
	r->labels.kernel_file_blocks = -1;
	r->labels.profile = c->profile;
	r->labels.workers = c->workers;
	r->labels.churn = c->churn;
	r->labels.faults = fault_mode_name(c->faults);
	if (r->model_ok) {
		r->labels.session_blocks = r->model.session_blocks;
		r->labels.file_blocks = r->model.file_blocks;
		r->labels.blocks = r->model.total;
	}
}

/* Say once why metric lines carry blocks=-1, if they do. */
static void report_block_model(const struct run *r)
{
	if (!r->kb.abi)
		ksft_print_msg(WIRE_BLOCKS_MSG "the block model lacks ABI %s: blocks=-1\n",
			       LUO_ABI);
	else if (!r->model_ok)
		ksft_print_msg(WIRE_BLOCKS_MSG "model error: page size %lu leaves no room for an entry of ABI %s: blocks=-1\n",
			       r->page_size, LUO_ABI);
}

/* Check the kernel's count of @side against the model; label metrics. */
static enum check blocks_check(struct run *r, const char *side,
			       const struct kblock_count *carried)
{
	struct kblock_count k;
	int got;

	if (!r->model_ok)
		return CHECK_SKIP;	/* report_block_model() said why */
	/*
	 * kho_block_add's probe counts at entry, and an injected fault can
	 * fail it after: the kernel's count of allocated blocks holds only
	 * without faults (the next kernel's count of restored ones always)
	 */
	if (r->st.cfg.faults && strcmp(side, "restored")) {
		ksft_print_msg(WIRE_BLOCKS_MSG "cycle=%llu side=%s not counted: with --faults the probe at kho_block_add's entry counts adds that an injected fault fails; the next kernel counts what it restored\n",
			       (unsigned long long)r->st.cycle, side);
		return CHECK_SKIP;
	}
	got = !strcmp(side, "restored") ? !kblocks_restored(&r->kb, &k) :
	      !kblocks_allocated(&r->kb, &k);
	if (got) {
		r->labels.kernel_session_blocks = k.session_blocks;
		r->labels.kernel_file_blocks = k.file_blocks;
		r->labels.kernel_blocks = k.session_blocks + k.file_blocks;
	}
	return check_blocks(side, r->st.cycle, &r->kb, got ? &k : NULL,
			    &r->model, carried);
}

/* The KTAP results and metrics of restore_cycle()'s @res. */
static void report_restore(struct run *r, struct restore_result res)
{
	run_report(T_RETRIEVE, !!res.bad_retrieve, NULL);
	run_report(T_VERIFY, res.bad_retrieve ? -1 : !!res.bad_verify,
		   "retrieve failed");
	run_report(T_FINISH, !!res.bad_finish, NULL);
	metric_print(&r->labels, PHASE_RETRIEVE, res.ns[PHASE_RETRIEVE], "user");
	metric_print(&r->labels, PHASE_VERIFY, res.ns[PHASE_VERIFY], "user");
	metric_print(&r->labels, PHASE_FINISH, res.ns[PHASE_FINISH], "user");
}

/* A check's verdict as the KTAP result of test @t. */
static void report_check(enum test_id t, enum check c, const char *why)
{
	run_report(t, c == CHECK_SKIP ? -1 : c == CHECK_FAIL, why);
}

/*
 * Descriptors beyond a cycle's sessions and one session's memfds: stdio,
 * /dev/liveupdate, the state session and its memfd, the previous
 * kernel's session being retrieved, and libc's own.
 */
#define FD_HEADROOM 256

static int raise_nofile(const struct stress_config *c)
{
	struct rlimit rl;
	rlim_t want = c->sessions + c->files + FD_HEADROOM;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		return -1;
	if (rl.rlim_cur >= want)
		return 0;
	rl.rlim_cur = want;
	if (rl.rlim_max < want)
		rl.rlim_max = want;
	if (setrlimit(RLIMIT_NOFILE, &rl)) {
		ksft_print_msg("cannot raise RLIMIT_NOFILE to %llu: %s\n",
			       (unsigned long long)want, strerror(errno));
		return -1;
	}
	return 0;
}

static void print_summary(const struct run *r, uint64_t cycle)
{
	const struct metric_labels *l = &r->labels;
	char mix[64];

	kinds_format(r->st.cfg.kinds, mix, sizeof(mix));
	ksft_print_msg("%s: cycle %llu of %llu, sessions=%llu files=%llu pages=%llu mix=%s page_size=%lu abi=%s blocks=%ld seed=%llu\n",
		       r->w->name, (unsigned long long)cycle,
		       (unsigned long long)r->st.cfg.cycles,
		       (unsigned long long)l->sessions,
		       (unsigned long long)l->files,
		       (unsigned long long)l->pages, mix, l->page_size,
		       l->abi, l->blocks, (unsigned long long)r->st.cfg.seed);
}

/* Print the preserve-side times the previous kernel carried over. */
static void print_carried(const struct run *r)
{
	const uint64_t *ns = r->st.phase_ns;

	ksft_print_msg("cycle %llu preserve side: create=%llu.%03llums populate=%llu.%03llums preserve=%llu.%03llums kexec_load=%llu.%03llums\n",
		       (unsigned long long)r->st.cycle,
		       (unsigned long long)(ns[PHASE_CREATE] / 1000000),
		       (unsigned long long)(ns[PHASE_CREATE] / 1000 % 1000),
		       (unsigned long long)(ns[PHASE_POPULATE] / 1000000),
		       (unsigned long long)(ns[PHASE_POPULATE] / 1000 % 1000),
		       (unsigned long long)(ns[PHASE_PRESERVE] / 1000000),
		       (unsigned long long)(ns[PHASE_PRESERVE] / 1000 % 1000),
		       (unsigned long long)(ns[PHASE_KEXEC_LOAD] / 1000000),
		       (unsigned long long)(ns[PHASE_KEXEC_LOAD] / 1000 % 1000));
	/* wall clock of the kexec call: a guest RTC may be coarse after it */
	ksft_print_msg("cycle %llu kexec call at realtime %llu.%06llu\n",
		       (unsigned long long)r->st.cycle,
		       (unsigned long long)(r->st.kexec_real_ns / 1000000000ULL),
		       (unsigned long long)(r->st.kexec_real_ns / 1000 % 1000000));
}

/*
 * --hold: a child in its own session keeps every session fd open (closing
 * one would unpreserve it) and waits for the caller's kexec, e.g. LAVA's
 * kexec boot action; this process returns and reports.
 */
static void hold_sessions(struct run *r)
{
	pid_t pid = fork();
	int null;

	if (pid < 0) {
		ksft_print_msg(WIRE_FAIL_MSG "fork of the session holder: %s\n",
			       strerror(errno));
		ksft_inc_fail_cnt();
		return;
	}
	if (pid > 0) {
		ksft_print_msg("holder pid %d keeps the sessions until kexec\n",
			       pid);
		return;
	}
	setsid();
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
	}
	close(r->luo_fd);
	for (;;)
		pause();
}

/*
 * The machine control of this cycle, before its first LUO call: the
 * same work every cycle, timed apart from the phases it precedes.
 */
static void run_control(struct run *r)
{
	const char *why = NULL;

	r->st.phase_ns[PHASE_CONTROL] = control_run(&why);
	run_profile_mark(r, PHASE_COUNT);	/* not profiled */
	if (why)
		ksft_print_msg("control: cycle=%llu not timed: %s\n",
			       (unsigned long long)r->st.cycle, why);
}

/* --faults: the kernel's knobs, in every kernel; the run ends without */
static void setup_faults(const struct stress_config *c)
{
	char why[200];

	if (!c->faults || !faults_setup(c, why, sizeof(why)))
		return;
	ksft_print_msg(WIRE_FAIL_MSG "faults: --faults %s: %s\n",
		       fault_mode_name(c->faults), why);
	ksft_exit_fail_msg("fault injection unavailable\n");
}

/* The shmem THP policy of this cycle, set before its memfds are made. */
static void apply_thp(const struct run *r)
{
	enum thp_policy p = thp_policy_of(r->st.cfg.shmem_thp, r->st.cycle);
	char why[160];

	if (p == THP_KERNEL)
		return;
	if (thp_apply(p, why, sizeof(why)))
		ksft_print_msg("thp: cycle=%llu cannot set shmem policy %s: %s\n",
			       (unsigned long long)r->st.cycle,
			       thp_policy_names[p], why);
	else
		ksft_print_msg("thp: cycle=%llu shmem policy=%s\n",
			       (unsigned long long)r->st.cycle,
			       thp_policy_names[p]);
}

/*
 * Self-check of our own state: flip a byte of the state session's magic
 * after it is preserved; the next kernel must name the field.
 */
static void corrupt_state(struct run *r, int memfd)
{
	uint8_t b;

	if (pread(memfd, &b, 1, 0) != 1)
		return;
	b ^= 0x5a;
	if (pwrite(memfd, &b, 1, 0) == 1)
		ksft_print_msg("selfcheck: corrupted kind=state cycle=%llu session=%s token=%d field=magic\n",
			       (unsigned long long)r->st.cycle, STATE_SESSION,
			       STATE_TOKEN);
}

/*
 * Save the state, then count the blocks the kernel allocated, the state
 * session's own included, and write the count into the saved state (its
 * pages are preserved; rewriting them in place is carried over). Returns
 * 0, or -1 when the state could not be saved.
 */
static int save_state(struct run *r)
{
	const struct stress_config *c = &r->st.cfg;
	enum check blocks;
	int ret, memfd;

	r->st.kexec_real_ns = clock_ns(CLOCK_REALTIME);
	/* the state session fd stays open (leaked on purpose) until kexec */
	ret = state_save(r->luo_fd, &r->st, &memfd);
	if (ret < 0) {
		ksft_print_msg(WIRE_FAIL_MSG "state session: %s\n", strerror(-ret));
		return -1;
	}
	blocks = blocks_check(r, "allocated", NULL);
	report_check(T_BLOCKS_ALLOCATED, blocks, "blocks: model only");
	r->st.allocated_blocks[0] = r->labels.kernel_session_blocks;
	r->st.allocated_blocks[1] = r->labels.kernel_file_blocks;
	if (pwrite(memfd, &r->st, sizeof(r->st), 0) != sizeof(r->st))
		ksft_print_msg(WIRE_FAIL_MSG "state session: rewriting it: %s\n",
			       strerror(errno));
	if (c->corrupt_cycle == r->st.cycle && c->corrupt_kind == CORRUPT_STATE)
		corrupt_state(r, memfd);
	close(memfd);
	return 0;
}

/*
 * Build the next set, load the next kernel, save state and kexec. Returns
 * only on failure, or with --hold once the holder runs.
 */
static void next_cycle(struct run *r)
{
	enum phase p;
	uint64_t t0;
	int ret;

	r->st.cycle++;
	set_labels(r, r->st.cycle);
	memset(r->st.phase_ns, 0, sizeof(r->st.phase_ns));
	run_control(r);
	apply_thp(r);
	if (agent_used(&r->st.cfg)) {
		ksft_print_msg(WIRE_COVERAGE_MSG "unavailable: measured only when one process preserves in order (no --workers, --churn or --faults)\n");
		ret = agent_preserve_cycle(r);
	} else {
		if (coverage_open(&r->cov, r->page_size))
			ksft_print_msg(WIRE_COVERAGE_MSG "unavailable: %s\n",
				       r->cov.why);
		ret = preserve_cycle(r);
		coverage_close(&r->cov);
	}
	run_report(T_PRESERVE, !!ret, NULL);
	if (ret) {
		run_skip(T_KEXEC_LOAD, T_BLOCKS_ALLOCATED, "preserve failed");
		return;
	}
	/* an error path of preserve leaks here, in the kernel it ran in */
	if (kmemleak_available())
		kmemleak_scan(r->st.cycle, "after-preserve");
	if (r->st.cfg.hold) {
		run_report(T_KEXEC_LOAD, -1, "--hold: the caller loads and runs kexec");
	} else {
		run_profile_mark(r, PHASE_COUNT);
		t0 = now_ns();
		ret = kexec_load_next(r->st.cfg.kexec.kernel,
				      r->st.cfg.kexec.initrd, r->st.cycle);
		r->st.phase_ns[PHASE_KEXEC_LOAD] = now_ns() - t0;
		run_profile_mark(r, PHASE_KEXEC_LOAD);
		run_report(T_KEXEC_LOAD, !!ret, NULL);
		if (ret) {
			run_report(T_BLOCKS_ALLOCATED, -1, "kexec_load failed");
			return;
		}
	}
	if (save_state(r))
		return;
	if (r->kp)
		kprofile_report(r->kp, r->st.cycle - 1, r->st.cycle);
	/* the preserve side's times, labelled with the kernel's blocks */
	for (p = PHASE_CREATE; p <= PHASE_KEXEC_LOAD; p++)
		if (p != PHASE_KEXEC_LOAD || !r->st.cfg.hold)
			metric_print(&r->labels, p, r->st.phase_ns[p], "user");
	if (r->st.phase_ns[PHASE_CONTROL])
		metric_print(&r->labels, PHASE_CONTROL,
			     r->st.phase_ns[PHASE_CONTROL], "user");
	if (ksft_get_fail_cnt())
		return;		/* blocks differ from the model: no kexec */
	if (r->st.cfg.abort && freeze_abort(r->luo_fd, r->st.cycle)) {
		ksft_inc_fail_cnt();
		return;
	}
	ksft_print_cnts();
	kexec_announce(r->st.cycle, r->st.cfg.cycles, r->st.cfg.hold ?
		       ", sessions held for the caller's kexec" : "");
	if (r->st.cfg.hold) {
		hold_sessions(r);
		return;
	}
	kexec_reboot();
	ksft_inc_fail_cnt();
}

/* The state came back damaged: say where, and that data went unchecked. */
static void report_damaged_state(const struct state_damage *d, int n)
{
	int i;

	for (i = 0; i < n && i < STATE_DAMAGE_MAX; i++)
		ksft_print_msg(WIRE_FAIL_MSG "state: session=%s token=%d field=%s expected=0x%llx found=0x%llx\n",
			       STATE_SESSION, STATE_TOKEN, d[i].field,
			       (unsigned long long)d[i].expected,
			       (unsigned long long)d[i].found);
	ksft_print_msg("unchecked: the workload's data of this cycle could not be checked: the state session that describes it came back damaged (%d fields wrong)\n",
		       n);
	run_report(T_RETRIEVE, 1, NULL);
	run_report(T_VERIFY, -1, "the state session came back damaged: the workload's data could not be checked");
	run_skip(T_FINISH, T_BLOCKS_RESTORED,
		 "the state session came back damaged");
}

/*
 * The run-wide coverage check, once every cycle has preserved: in the
 * last kernel, with the multi-block shape from the kernel's count.
 */
static void final_coverage(struct run *r)
{
	const struct luo_abi *abi = r->kb.abi;
	const struct stress_config *c = &r->st.cfg;
	uint64_t fpb = abi ? entries_per_block(abi, r->page_size,
					       abi->file_entry) : 0;
	uint32_t seen = r->st.shapes;
	long fb = r->labels.kernel_file_blocks;
	char why[96];

	/* file blocks beyond one per session (and the state's one) */
	if (fb < 0)
		fb = r->labels.file_blocks;
	if (fb > 0 && (uint64_t)fb - 1 > c->sessions)
		seen |= 1u << SHAPE_MULTI_BLOCK;
	report_check(T_COVERAGE, check_coverage(c, r->page_size, fpb, seen,
						r->st.shapes_measured, why,
						sizeof(why)), why);
}

/* --profile: start the function profiler, or say why there is none */
static void start_profile(struct run *r)
{
	r->kp = calloc(1, sizeof(*r->kp));
	if (!r->kp) {
		snprintf(r->why_no_profile, sizeof(r->why_no_profile),
			 "out of memory");
	} else if (kprofile_start(r->kp)) {
		snprintf(r->why_no_profile, sizeof(r->why_no_profile), "%s",
			 r->kp->why);
		free(r->kp);
		r->kp = NULL;
	}
}

/*
 * CLOCK_BOOTTIME when init started: from init's environment, or the file
 * init leaves for workloads another shell starts (LAVA).
 */
static uint64_t init_boot_ns(void)
{
	const char *v = getenv("LUO_STRESS_INIT_NS");
	unsigned long long ns = 0;
	FILE *f;

	if (v)
		return strtoull(v, NULL, 10);
	f = fopen(WIRE_GUEST_INIT_NS, "r");
	if (f) {
		if (fscanf(f, "%llu", &ns) != 1)
			ns = 0;
		fclose(f);
	}
	return ns;
}

/* The kernel's handover line: @outcome, then @err and @said if given. */
static void print_handover(uint64_t cycle, const char *outcome, int err,
			   const char *said)
{
	const char *name = err ? strerrorname_np(err) : NULL;
	char e[48] = "";

	if (err)
		snprintf(e, sizeof(e), " errno=%s", name ? name : "unknown");
	ksft_print_msg(WIRE_HANDOVER_MSG "cycle=%llu outcome=%s%s%s%s%s\n",
		       (unsigned long long)cycle, outcome, e,
		       said && *said ? " kernel=\"" : "", said ? said : "",
		       said && *said ? "\"" : "");
}

/*
 * No state came back to this kernel: its cycle fails with a WIRE_FAIL
 * WIRE_HANDOVER_MSG line, every test reported (the output stays a whole
 * KTAP document), and the program ends.
 */
static __noreturn __printf(1, 2) void lost_state(const char *fmt, ...)
{
	va_list args;

	ksft_set_plan(T_COUNT);
	printf(WIRE_FAIL WIRE_HANDOVER_MSG);
	va_start(args, fmt);
	vprintf(fmt, args);
	va_end(args);
	putchar('\n');
	run_report(T_RETRIEVE, 1, NULL);
	run_skip(T_VERIFY, T_BLOCKS_RESTORED, "no state came back");
	run_skip(T_PRESERVE, T_COVERAGE, "cycle failed");
	ksft_exit_fail();
}

/*
 * The first open of /dev/liveupdate failed with @err in the kernel of
 * kexec @boot: after a kexec the cycle fails (the kernel refused the
 * handover); in the first kernel there is nothing to test: skip. Either
 * way the kernel's own LUO/KHO lines say why, where it logged any.
 */
static __noreturn void open_failed(uint64_t boot, int err)
{
	char said[2 * KMSG_LUO_LEN + 4];

	kmsg_luo_read(said, sizeof(said));
	if (!boot && *said)
		ksft_exit_skip("cannot open %s: %s; the kernel said: %s\n",
			       LUO_DEVICE, strerror(err), said);
	if (!boot)
		ksft_exit_skip("cannot open %s: %s (kernel without LUO or liveupdate=on missing?)\n",
			       LUO_DEVICE, strerror(err));
	print_handover(boot, "refused", err, said);
	lost_state("cycle %llu: cannot open %s: %s; the kernel said: %s",
		   (unsigned long long)boot, LUO_DEVICE, strerror(err),
		   *said ? said : "nothing about LUO or KHO");
}

/*
 * What came of the state session in the kernel of kexec @boot (0: no
 * WIRE_CMDLINE_CYCLE, the first kernel), state_load()'s @ret: the
 * handover line, and the end of the program where none came back.
 */
static void handover(const struct run *r, uint64_t boot, int ret)
{
	char said[2 * KMSG_LUO_LEN + 4];

	if (!ret || ret == -EBADMSG) {
		if (boot || !ret)
			print_handover(boot ? boot : r->st.cycle, "carried", 0,
				       NULL);
		if (!ret && boot && boot != r->st.cycle)
			ksft_print_msg("cycle %llu by the command line, %llu by the state that came back\n",
				       (unsigned long long)boot,
				       (unsigned long long)r->st.cycle);
		return;
	}
	if (ret == -ENOENT && !boot)
		return;		/* the first kernel */
	kmsg_luo_read(said, sizeof(said));
	if (ret == -ENOENT) {
		print_handover(boot, "no-state", 0, said);
		lost_state("cycle %llu: no state came back: the kernel holds no LUO state from the previous kernel%s%s",
			   (unsigned long long)boot,
			   *said ? "; the kernel said: " : "", said);
	}
	if (boot)
		print_handover(boot, "refused", -ret, said);
	lost_state("cycle %llu: state session %s: LUO refused it: %s%s%s",
		   (unsigned long long)boot, STATE_SESSION, strerror(-ret),
		   *said ? "; the kernel said: " : "", said);
}

int workload_main(const struct workload *w, int argc, char **argv)
{
	struct state_damage damage[STATE_DAMAGE_MAX];
	struct run r = { .w = w };
	struct kblock_count carried;
	uint64_t t0, open_ns, init_ns, boot;
	int ret, ndamage;

	/* options are checked in every kernel; after a kexec the state wins */
	ret = config_parse(&r.st.cfg, w->name, argc, argv);
	if (ret)
		return ret > 0 ? KSFT_PASS : KSFT_FAIL;
	ksft_print_header();
	boot = boot_print_kernel();
	r.page_size = sysconf(_SC_PAGESIZE);
	init_ns = init_boot_ns();
	/* before the first open, which deserializes what the kernel restored */
	kblocks_setup(&r.kb, luo_abi_find(LUO_ABI));
	if (r.st.cfg.profile)
		start_profile(&r);
	t0 = now_ns();
	r.luo_fd = luo_open();
	open_ns = now_ns() - t0;
	run_profile_mark(&r, PHASE_LUO_OPEN);
	if (r.luo_fd < 0)
		open_failed(boot, -r.luo_fd);
	ret = state_load(r.luo_fd, &r.st, damage, STATE_DAMAGE_MAX, &ndamage);
	handover(&r, boot, ret);
	if (ret == -ENOENT) {
		r.st.magic = STATE_MAGIC;
		r.st.version = STATE_VERSION;
		r.st.size = sizeof(r.st);
		r.st.allocated_blocks[0] = r.st.allocated_blocks[1] = -1;
	} else if (ret == -EBADMSG) {
		ksft_set_plan(T_COUNT);
		report_damaged_state(damage, ndamage);
		ksft_exit_fail();
	}
	ksft_set_plan(T_COUNT);
	progress_init(&r.progress, now_ns);
	/* the blocks of a cycle by the model, for the config the run keeps */
	r.model_ok = r.kb.abi && !plan_blocks(&r.st.cfg, r.page_size,
					      r.kb.abi, &r.model);
	set_labels(&r, r.st.cycle);
	print_summary(&r, r.st.cycle);
	report_block_model(&r);
	if (r.st.cfg.profile && !r.kp)
		ksft_print_msg(WIRE_PROFILE_MSG "unavailable: %s\n", r.why_no_profile);
	r.page = malloc(r.page_size);
	r.session_fds = calloc(r.st.cfg.sessions, sizeof(int));
	r.fds = calloc(r.st.cfg.files + 1, sizeof(int));
	if (!r.page || !r.session_fds || !r.fds)
		ksft_exit_fail_msg("out of memory for %llu sessions x %llu files\n",
				   (unsigned long long)r.st.cfg.sessions,
				   (unsigned long long)r.st.cfg.files);
	if (raise_nofile(&r.st.cfg))
		ksft_exit_fail_msg("too few file descriptors\n");
	setup_faults(&r.st.cfg);

	if (r.st.cycle) {
		print_carried(&r);
		carried = (struct kblock_count){ r.st.allocated_blocks[0],
						 r.st.allocated_blocks[1] };
		report_check(T_BLOCKS_RESTORED,
			     blocks_check(&r, "restored", &carried),
			     "blocks: model only");
		if (init_ns)
			metric_print(&r.labels, PHASE_BOOT_TO_INIT, init_ns,
				     "clock_boottime");
		metric_print(&r.labels, PHASE_LUO_OPEN, open_ns, "user");
		report_restore(&r, agent_used(&r.st.cfg) ?
			       agent_restore_cycle(&r) : restore_cycle(&r));
		if (kmemleak_available())
			kmemleak_scan(r.st.cycle, "after-finish");
	} else {
		run_skip(T_RETRIEVE, T_BLOCKS_RESTORED, "first kernel");
	}
	if (ksft_get_fail_cnt()) {
		run_skip(T_PRESERVE, T_COVERAGE, "cycle failed");
	} else if (r.st.cycle >= r.st.cfg.cycles) {
		run_skip(T_PRESERVE, T_BLOCKS_ALLOCATED, "last cycle");
		if (r.kp)
			kprofile_report(r.kp, r.st.cycle, r.st.cycle + 1);
		final_coverage(&r);
		if (r.st.cfg.faults && !r.st.faults_injected) {
			ksft_print_msg(WIRE_FAIL_MSG "faults: --faults %s injected no fault in %llu cycles: the run proved nothing about LUO's error paths\n",
				       fault_mode_name(r.st.cfg.faults),
				       (unsigned long long)r.st.cfg.cycles);
			ksft_inc_fail_cnt();
		}
		if (kmemleak_available())
			kmemleak_scan(r.st.cycle, "end");
		if (!ksft_get_fail_cnt())
			ksft_print_msg("%s" WIRE_ALL_MSG "%llu" WIRE_CYCLES_PASSED "\n", w->name,
				       (unsigned long long)r.st.cfg.cycles);
	} else {
		run_report(T_COVERAGE, -1, "checked after the last cycle");
		next_cycle(&r);
	}
	ksft_finished();
}
