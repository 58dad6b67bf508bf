// SPDX-License-Identifier: GPL-2.0
/*
 * stress-files: many sessions, each with many preserved memfds, through
 * many kexec cycles; every byte verified after every kexec.
 */
#include <stdio.h>

#include "workload.h"

static void files_session_name(char *buf, size_t size, uint64_t index)
{
	snprintf(buf, size, "luo-stress-files-%llu", (unsigned long long)index);
}

int main(int argc, char **argv)
{
	static const struct workload w = {
		.name = "stress-files",
		.session_name = files_session_name,
	};

	return workload_main(&w, argc, argv);
}
