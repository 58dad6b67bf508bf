// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel a program runs in: its cycle and its WIRE_KERNEL line (see
 * boot.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "boot.h"
#include "cmdline.h"
#include "wire.h"

uint64_t boot_cycle(void)
{
	char cmdline[CMDLINE_LEN];
	uint64_t cycle = 0;
	int ret;

	ret = cmdline_read(cmdline, sizeof(cmdline));
	if (ret) {
		printf(WIRE_MSG "/proc/cmdline: %s: taken as cycle 0\n",
		       strerror(-ret));
		return 0;
	}
	ret = cmdline_cycle(cmdline, &cycle);
	if (ret == -EINVAL)
		printf(WIRE_MSG "/proc/cmdline: %s without a number: taken as cycle 0\n",
		       WIRE_CMDLINE_CYCLE);
	return ret ? 0 : cycle;
}

uint64_t boot_print_kernel(void)
{
	uint64_t cycle = boot_cycle();
	struct utsname u;

	if (uname(&u)) {
		snprintf(u.release, sizeof(u.release), "unknown");
		snprintf(u.machine, sizeof(u.machine), "unknown");
	}
	printf(WIRE_KERNEL "cycle=%llu release=%s machine=%s page_size=%ld\n",
	       (unsigned long long)cycle, u.release, u.machine,
	       sysconf(_SC_PAGESIZE));
	fflush(stdout);
	return cycle;
}
