/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The wire format, its one owner: every line the board programs print
 * that a reader on the host looks for, the guest paths both sides name,
 * and the kprobe events that time LUO from the kernel. stress/ prints
 * with these, collect/ parses with them; shell and Python read the same
 * definitions from `luo-collect --wire` (build/host/wire.sh, written by
 * `make -C collect`). scripts/wire-check.sh checks that no other file
 * spells them.
 */
#ifndef LUO_STRESS_WIRE_H
#define LUO_STRESS_WIRE_H

/* ksft_print_msg() starts each of its lines with this */
#define WIRE_MSG		"# "

/*
 * Lines of the workloads. A *_MSG is what the program hands to
 * ksft_print_msg(); the name without it is the line as it reads. (The ""
 * between two names keeps checkpatch from reading them as an expression.)
 */
#define WIRE_METRIC		"# metric: "	/* docs/metrics.md */
#define WIRE_KEXEC_MSG		"kexec: cycle "	/* "N of M", before reboot() */
#define WIRE_KEXEC		WIRE_MSG "" WIRE_KEXEC_MSG
#define WIRE_PROGRESS_MSG	"progress: "	/* any program: the watchdog's */
#define WIRE_PROGRESS		WIRE_MSG "" WIRE_PROGRESS_MSG
#define WIRE_PROGRESS_CYCLE_MSG	WIRE_PROGRESS_MSG "cycle "
#define WIRE_PROGRESS_CYCLE	WIRE_MSG "" WIRE_PROGRESS_CYCLE_MSG
#define WIRE_COVERAGE_MSG	"coverage: "
#define WIRE_COVERAGE		WIRE_MSG "" WIRE_COVERAGE_MSG
#define WIRE_COVERAGE_CYCLE	WIRE_COVERAGE "cycle="	/* one kind's */
#define WIRE_COVERAGE_RUN	WIRE_COVERAGE "run "	/* the run's */
#define WIRE_PROFILE_MSG	"profile: "
#define WIRE_PROFILE_CYCLE	WIRE_MSG "" WIRE_PROFILE_MSG "cycle="
#define WIRE_BLOCKS_MSG		"blocks: "
#define WIRE_BLOCKS		WIRE_MSG "" WIRE_BLOCKS_MSG
#define WIRE_FAIL_MSG		"FAIL "		/* "FAIL <what>: ..." */
#define WIRE_FAIL		WIRE_MSG "" WIRE_FAIL_MSG
#define WIRE_ERROR		"error: "	/* a program refusing its options */
/* "<program>: all N cycles passed", a cycling workload's last word */
#define WIRE_ALL_MSG		": all "
#define WIRE_CYCLES_PASSED	" cycles passed"
/* kselftest's closing line (kselftest.h), every other program's last word */
#define WIRE_TOTALS		WIRE_MSG "Totals: "
#define WIRE_VERIFY_TEST	"verify"	/* KTAP test proving a cycle */
/*
 * Every kernel of a run, first thing: "kernel: cycle=N release=R
 * machine=M page_size=P", N the kexec it came up from (0: the first
 * kernel), R its uname release.
 */
#define WIRE_KERNEL_MSG		"kernel: "
#define WIRE_KERNEL		WIRE_MSG "" WIRE_KERNEL_MSG
/*
 * What a kernel after a kexec made of the state handed over: "handover:
 * cycle=N outcome=O" with O carried (our state session came back),
 * no-state (the kernel holds no LUO state: none was carried) or refused
 * (the first open of /dev/liveupdate failed), then "errno=E" and
 * kernel="<its last LUO/KHO line>" where it has them.
 */
#define WIRE_HANDOVER_MSG	"handover: "
#define WIRE_HANDOVER		WIRE_MSG "" WIRE_HANDOVER_MSG

/*
 * The kernel checks (docs/metrics.md, "Kernel checks"):
 * "kmemleak: cycle=N scan=S leaks=K" after each scan (S after-preserve,
 * before the kexec; after-finish, after each cycle's finish; or end),
 * then the scan's report line by
 * line as "kmemleak: cycle=N | <line>";
 * "fault: cycle=N call=C mode=M nth=K result=R worker=W session=S
 * token=T" for each call a fault was injected into (R the errno name,
 * or ok for a call that succeeded all the same), and "faults: cycle=N
 * call=C injected=K failed=F errnos=E,... retried=R" for each call of a
 * cycle; "worker: cycle=N side=S worker=W sessions=K <phase>=<ms> ..."
 * the figures of one worker (the phase metric is the slowest worker's);
 * "churn: cycle=N closed=K created=K live=S" before the kexec; "abort:
 * cycle=N ..." what the failed freeze left.
 */
#define WIRE_KMEMLEAK_MSG	"kmemleak: "
#define WIRE_KMEMLEAK		WIRE_MSG "" WIRE_KMEMLEAK_MSG
#define WIRE_FAULT_MSG		"fault: "
#define WIRE_FAULT		WIRE_MSG "" WIRE_FAULT_MSG
#define WIRE_FAULTS_MSG		"faults: "
#define WIRE_FAULTS		WIRE_MSG "" WIRE_FAULTS_MSG
#define WIRE_WORKER_MSG		"worker: "
#define WIRE_WORKER		WIRE_MSG "" WIRE_WORKER_MSG
#define WIRE_CHURN_MSG		"churn: "
#define WIRE_CHURN		WIRE_MSG "" WIRE_CHURN_MSG
#define WIRE_ABORT_MSG		"abort: "
#define WIRE_ABORT		WIRE_MSG "" WIRE_ABORT_MSG

/* Lines in the kernel log: our /dev/kmsg markers, and the kernel's own. */
#define WIRE_KMSG_TAG		"luo-stress: "
#define WIRE_MARKER_MSG		"kexec cycle="	/* just before reboot() */
#define WIRE_MARKER		WIRE_KMSG_TAG "" WIRE_MARKER_MSG
#define WIRE_NEW_KERNEL		"Starting new kernel"	/* kexec_core's */
#define WIRE_LINUX_VERSION	"Linux version "	/* a kernel's release */
#define WIRE_KHO_EXEC_FROM	"KHO: exec from: "	/* "R (count N)" */
/* the kernel's line for each fault it injects (lib/fault-inject.c) */
#define WIRE_FAULT_INJECTION	"FAULT_INJECTION: forcing a failure"
/* lib/tests/liveupdate.c (CONFIG_LIVEUPDATE_TEST): its test FLBs */
#define WIRE_FLB_TEST		"liveupdate test: "
#define WIRE_FLB_PRESERVED	": preserve was triggered"
#define WIRE_FLB_FOUND		": found flb data from the previous boot"
#define WIRE_FLB_FINISHED	": finish was triggered"
/*
 * The kernel command line parameter that tells the kernel after kexec N
 * which one it is ("luo_stress.cycle=N"): kexec_load_next() sets it, and
 * a kernel that finds no state where N > 0 knows that state was lost.
 */
#define WIRE_CMDLINE_CYCLE	"luo_stress.cycle="

/* Lines of our init (PID 1 of every kernel). */
#define WIRE_INIT_TAG		"luo-stress-init: "
#define WIRE_INIT_START		WIRE_INIT_TAG "start"
#define WIRE_INIT_DONE		WIRE_INIT_TAG "done rc="

/* Paths in the guest. */
#define WIRE_GUEST_KERNEL	"/boot/kernel"	/* the image to kexec */
#define WIRE_GUEST_CMD		"/etc/luo-stress/cmd"	/* init's workload */
#define WIRE_GUEST_RUN		"/run/luo-stress"	/* init's and ours */
#define WIRE_GUEST_NEXT_INITRD	WIRE_GUEST_RUN "/initrd.cpio"
#define WIRE_GUEST_INIT_NS	WIRE_GUEST_RUN "/init_ns"

/*
 * Every definition above, by name, for `luo-collect --wire`: an
 * initialiser of an array of X(name).
 */
#define WIRE_DEFS(X) {							\
	X(WIRE_MSG), X(WIRE_METRIC), X(WIRE_KEXEC_MSG),			\
	X(WIRE_KEXEC), X(WIRE_PROGRESS_MSG), X(WIRE_PROGRESS),		\
	X(WIRE_PROGRESS_CYCLE_MSG), X(WIRE_PROGRESS_CYCLE),		\
	X(WIRE_COVERAGE_MSG), X(WIRE_COVERAGE),				\
	X(WIRE_COVERAGE_CYCLE), X(WIRE_COVERAGE_RUN),			\
	X(WIRE_PROFILE_MSG), X(WIRE_PROFILE_CYCLE),			\
	X(WIRE_BLOCKS_MSG), X(WIRE_BLOCKS), X(WIRE_FAIL_MSG),		\
	X(WIRE_FAIL), X(WIRE_ERROR), X(WIRE_ALL_MSG),			\
	X(WIRE_CYCLES_PASSED), X(WIRE_TOTALS), X(WIRE_VERIFY_TEST),	\
	X(WIRE_KERNEL_MSG), X(WIRE_KERNEL), X(WIRE_HANDOVER_MSG),	\
	X(WIRE_HANDOVER), X(WIRE_KMSG_TAG), X(WIRE_MARKER_MSG),		\
	X(WIRE_MARKER), X(WIRE_NEW_KERNEL), X(WIRE_LINUX_VERSION),	\
	X(WIRE_KHO_EXEC_FROM), X(WIRE_CMDLINE_CYCLE),			\
	X(WIRE_INIT_TAG), X(WIRE_INIT_START),				\
	X(WIRE_INIT_DONE), X(WIRE_GUEST_KERNEL), X(WIRE_GUEST_CMD),	\
	X(WIRE_GUEST_RUN), X(WIRE_GUEST_NEXT_INITRD),			\
	X(WIRE_GUEST_INIT_NS), X(WIRE_KMEMLEAK_MSG), X(WIRE_KMEMLEAK),	\
	X(WIRE_FAULT_MSG), X(WIRE_FAULT), X(WIRE_FAULTS_MSG),		\
	X(WIRE_FAULTS), X(WIRE_WORKER_MSG), X(WIRE_WORKER),		\
	X(WIRE_CHURN_MSG), X(WIRE_CHURN), X(WIRE_ABORT_MSG),		\
	X(WIRE_ABORT), X(WIRE_FAULT_INJECTION), X(WIRE_FLB_TEST),	\
	X(WIRE_FLB_PRESERVED), X(WIRE_FLB_FOUND), X(WIRE_FLB_FINISHED),	\
}

/*
 * Definitions that are also words of prose (a FAIL, "blocks: ", the
 * kernel's own message): scripts/wire-check.sh looks for the others
 * only, which no file but this one may spell.
 */
#define WIRE_WORDS(X) {							\
	X(WIRE_MSG), X(WIRE_ERROR), X(WIRE_VERIFY_TEST), X(WIRE_ALL_MSG),	\
	X(WIRE_FAIL_MSG), X(WIRE_BLOCKS_MSG), X(WIRE_PROGRESS_MSG),	\
	X(WIRE_COVERAGE_MSG), X(WIRE_PROFILE_MSG), X(WIRE_KMSG_TAG),	\
	X(WIRE_MARKER_MSG), X(WIRE_NEW_KERNEL), X(WIRE_KERNEL_MSG),	\
	X(WIRE_HANDOVER_MSG), X(WIRE_LINUX_VERSION),			\
	X(WIRE_KMEMLEAK_MSG), X(WIRE_FAULT_MSG), X(WIRE_FAULTS_MSG),	\
	X(WIRE_WORKER_MSG), X(WIRE_CHURN_MSG), X(WIRE_ABORT_MSG),	\
	X(WIRE_FAULT_INJECTION), X(WIRE_FLB_TEST),			\
}

/*
 * The kprobe events that time LUO from the kernel: its freeze inside
 * reboot() (liveupdate_reboot) and its deserialization on the first
 * open in the new kernel (luo_session_deserialize). The runner puts them
 * on the kernel command line (kprobe_event=, WIRE_KPROBE_EVENTS of
 * `luo-collect --wire`); tp_printk prints each hit to the console with
 * its printk timestamp, and luo-collect reads them by these names.
 */
#define WIRE_KPROBE_REBOOT_IN	"luo_reboot_in"
#define WIRE_KPROBE_REBOOT_OUT	"luo_reboot_out"
#define WIRE_KPROBE_DESER_IN	"luo_deser_in"
#define WIRE_KPROBE_DESER_OUT	"luo_deser_out"
#define WIRE_FN_REBOOT		"liveupdate_reboot"
#define WIRE_FN_DESER		"luo_session_deserialize"

/*
 * An initialiser of an array of X(event name, probe kind: p entry or r
 * return, kernel function).
 */
#define WIRE_KPROBES(X) {						\
	X(WIRE_KPROBE_REBOOT_IN, "p", WIRE_FN_REBOOT),			\
	X(WIRE_KPROBE_REBOOT_OUT, "r", WIRE_FN_REBOOT),			\
	X(WIRE_KPROBE_DESER_IN, "p", WIRE_FN_DESER),			\
	X(WIRE_KPROBE_DESER_OUT, "r", WIRE_FN_DESER),			\
}

#endif
