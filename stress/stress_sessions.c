// SPDX-License-Identifier: GPL-2.0
/*
 * stress-sessions: many sessions (10,000 and more) with a few memfds
 * each, through many kexec cycles. Session names use the full name length
 * LUO allows (LIVEUPDATE_SESSION_NAME_LENGTH - 1 characters).
 */
#include <stdio.h>
#include <string.h>
#include <linux/liveupdate.h>

#include "workload.h"

static void sessions_session_name(char *buf, size_t size, uint64_t index)
{
	static const char fill[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	size_t len = LIVEUPDATE_SESSION_NAME_LENGTH - 1, n, i;

	if (size <= len)
		len = size - 1;
	/* unique prefix, then characters that vary with the index */
	n = snprintf(buf, size, "luo-stress-sessions-%012llu-",
		     (unsigned long long)index);
	for (i = n; i < len; i++)
		buf[i] = fill[(index + i) % (sizeof(fill) - 1)];
	buf[len] = 0;
}

int main(int argc, char **argv)
{
	static const struct workload w = {
		.name = "stress-sessions",
		.session_name = sessions_session_name,
	};

	return workload_main(&w, argc, argv);
}
