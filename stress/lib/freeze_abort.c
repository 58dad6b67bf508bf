// SPDX-License-Identifier: GPL-2.0
/*
 * --abort (see freeze_abort.h): a kexec that fails in freeze. The
 * checking kernel's test hook (boards/configs/debug.patch) fails the
 * next file freeze through /sys/kernel/debug/fail_luo_freeze/; reboot()
 * must return that error with every session unfrozen: a new session
 * takes a preserved file and closes, then the real kexec follows and
 * the next kernel verifies everything as in any cycle.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/reboot.h>
#include <unistd.h>

#include "kselftest.h"

#include "freeze_abort.h"
#include "luo_dev.h"
#include "util.h"
#include "wire.h"

#define FAIL_FREEZE	"/sys/kernel/debug/fail_luo_freeze/"
#define PROBE_SESSION	"luo-stress-abort-probe"

static int arm(char *why, size_t size)
{
	static const char *const knobs[][2] = {
		{ "task-filter", "N" }, { "interval", "1" }, { "space", "0" },
		{ "verbose", "1" }, { "times", "1" }, { "probability", "100" },
	};
	char path[128];
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(knobs); i++) {
		snprintf(path, sizeof(path), FAIL_FREEZE "%s", knobs[i][0]);
		ret = write_file(path, knobs[i][1], 0);
		if (ret) {
			snprintf(why, size, "%s: %s (the checking kernel's fail_luo_freeze: DEBUG=1)",
				 path, strerror(-ret));
			return -1;
		}
	}
	return 0;
}

/* After the failed freeze: a session takes a file and goes again. */
static int usable(int luo_fd, char *why, size_t size)
{
	int sfd, fd, ret;

	sfd = luo_create_session(luo_fd, PROBE_SESSION);
	if (sfd < 0) {
		snprintf(why, size, "create of a new session: %s",
			 strerrorname_np(-sfd));
		return -1;
	}
	fd = memfd_create("luo-stress-abort", 0);
	ret = fd < 0 ? -errno : ftruncate(fd, 4096) ? -errno :
	      luo_preserve_fd(sfd, fd, 0);
	if (fd >= 0)
		close(fd);
	close(sfd);
	if (ret)
		snprintf(why, size, "preserve into a new session: %s",
			 strerrorname_np(-ret));
	return ret ? -1 : 0;
}

int freeze_abort(int luo_fd, uint64_t cycle)
{
	char why[200];
	int err;

	if (arm(why, sizeof(why))) {
		ksft_print_msg(WIRE_FAIL_MSG "abort: cycle=%llu cannot arm the failed freeze: %s\n",
			       (unsigned long long)cycle, why);
		return -1;
	}
	fflush(stdout);
	sync();
	reboot(RB_KEXEC);
	err = errno;
	/* its kernel lines are those of an injected fault */
	ksft_print_msg(WIRE_FAULT_MSG "cycle=%llu call=freeze mode=abort nth=0 result=%s worker=-1 session=- token=-1\n",
		       (unsigned long long)cycle, strerrorname_np(err));
	write_file(FAIL_FREEZE "probability", "0", 0);
	if (err != ENOMEM) {
		ksft_print_msg(WIRE_FAIL_MSG "abort: cycle=%llu reboot(RB_KEXEC) with a failed freeze returned %s, not ENOMEM as injected\n",
			       (unsigned long long)cycle, strerrorname_np(err));
		return -1;
	}
	if (usable(luo_fd, why, sizeof(why))) {
		ksft_print_msg(WIRE_FAIL_MSG "abort: cycle=%llu after the failed freeze the sessions are not usable: %s\n",
			       (unsigned long long)cycle, why);
		return -1;
	}
	ksft_print_msg(WIRE_ABORT_MSG "cycle=%llu freeze failed as injected: reboot returned ENOMEM; after it a new session took a preserved file and closed; the next kexec carries everything\n",
		       (unsigned long long)cycle);
	return 0;
}
