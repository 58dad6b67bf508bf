// SPDX-License-Identifier: GPL-2.0
/*
 * kmemleak scans (see kmemleak.h). kmemleak reports no object younger
 * than its minimum age (5 s, mm/kmemleak.c MSECS_MIN_AGE), so a scan
 * waits that long after the calls it is to judge, and none its scan
 * has not seen unchanged once before, so it scans twice.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kselftest.h"

#include "kmemleak.h"
#include "util.h"
#include "wire.h"

#define KMEMLEAK	"/sys/kernel/debug/kmemleak"
/* kmemleak's minimum age, and a second to spare */
#define MIN_AGE_S	6

int kmemleak_available(void)
{
	return !access(KMEMLEAK, R_OK | W_OK);
}

/* Leaks in the report (@print: printed too, line by line) */
static int report(uint64_t cycle, int print)
{
	char line[512];
	int leaks = 0;
	FILE *f = fopen(KMEMLEAK, "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = 0;
		leaks += !strncmp(line, "unreferenced object", 19);
		if (print)
			ksft_print_msg(WIRE_KMEMLEAK_MSG "cycle=%llu | %s\n",
				       (unsigned long long)cycle, line);
	}
	fclose(f);
	return leaks;
}

int kmemleak_scan(uint64_t cycle, const char *when)
{
	int leaks, ret;

	sleep(MIN_AGE_S);
	/*
	 * twice: a scan reports an object only when its checksum is the
	 * one the scan before it saw (mm/kmemleak.c update_checksum()),
	 * so a leak's first scan only notes it
	 */
	ret = write_file(KMEMLEAK, "scan", 0);
	if (!ret)
		ret = write_file(KMEMLEAK, "scan", 0);
	leaks = ret ? -1 : report(cycle, 0);
	if (leaks < 0) {
		ksft_print_msg(WIRE_KMEMLEAK_MSG "cycle=%llu scan=%s unavailable: %s\n",
			       (unsigned long long)cycle, when,
			       strerror(ret ? -ret : errno));
		return -1;
	}
	/* the header that counts the leaks, then the report */
	ksft_print_msg(WIRE_KMEMLEAK_MSG "cycle=%llu scan=%s leaks=%d\n",
		       (unsigned long long)cycle, when, leaks);
	if (leaks)
		report(cycle, 1);
	write_file(KMEMLEAK, "clear", 0);
	return leaks;
}
