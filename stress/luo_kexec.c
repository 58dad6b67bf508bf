// SPDX-License-Identifier: GPL-2.0
/*
 * luo-kexec: the control run, kexecs and nothing else. No LUO call at
 * all: in every kernel it says which kernel it is, then kexecs into the
 * next kernel of --kernel, --cycles times, and passes in the last. The
 * kernel of each kexec knows its number from WIRE_CMDLINE_CYCLE on its
 * command line (no state is carried), and tests that it is one of the
 * run's. What a LUO workload's kexec between two kernels does to a
 * board, without LUO: run it with KHO on (nothing preserved) and with
 * KERNEL_ARGS="kho=off liveupdate=off".
 */
#include <stdio.h>

#include "kselftest.h"

#include "boot.h"
#include "kexec.h"
#include "kexec_config.h"
#include "ktap.h"
#include "wire.h"

enum { T_VERIFY, T_KEXEC_LOAD, T_COUNT };

/* The kernel of kexec @boot came up: 1 if it is one the run makes. */
static int check_kernel(const struct kexec_config *cfg, uint64_t boot)
{
	if (!boot) {
		ktap_test_skip(WIRE_VERIFY_TEST, "first kernel");
		return 1;
	}
	if (boot > cfg->cycles) {
		ksft_print_msg(WIRE_FAIL_MSG "verify: kernel of kexec %llu, past --cycles %llu\n",
			       (unsigned long long)boot,
			       (unsigned long long)cfg->cycles);
		ksft_test_result_fail(WIRE_VERIFY_TEST "\n");
		return 0;
	}
	ksft_print_msg("cycle %llu: the kernel of kexec %llu of %llu is up\n",
		       (unsigned long long)boot, (unsigned long long)boot,
		       (unsigned long long)cfg->cycles);
	ksft_test_result_pass(WIRE_VERIFY_TEST "\n");
	return 1;
}

int main(int argc, char **argv)
{
	struct kexec_config cfg;
	uint64_t boot, next;
	int ret;

	ret = kexec_config_parse(&cfg, argc, argv);
	if (ret)
		return ret > 0 ? KSFT_PASS : KSFT_FAIL;
	ksft_print_header();
	boot = boot_print_kernel();
	ksft_set_plan(T_COUNT);
	if (!check_kernel(&cfg, boot) || boot >= cfg.cycles) {
		ktap_test_skip("kexec_load", boot >= cfg.cycles ? "last cycle" :
			       "cycle failed");
		if (!ksft_get_fail_cnt())
			ksft_print_msg(KEXEC_CONFIG_NAME WIRE_ALL_MSG "%llu" WIRE_CYCLES_PASSED "\n",
				       (unsigned long long)cfg.cycles);
		ksft_finished();
	}
	next = boot + 1;
	ksft_print_msg(WIRE_PROGRESS_CYCLE_MSG "%llu: kexec\n",
		       (unsigned long long)next);
	ret = kexec_load_next(cfg.kexec.kernel, cfg.kexec.initrd, next);
	if (ret) {
		ksft_test_result_fail("kexec_load\n");
		ksft_exit_fail();
	}
	ksft_test_result_pass("kexec_load\n");
	ksft_print_cnts();
	kexec_announce(next, cfg.cycles, "");
	kexec_reboot();
	ksft_inc_fail_cnt();
	ksft_exit_fail();
}
