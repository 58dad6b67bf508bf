// SPDX-License-Identifier: GPL-2.0
/*
 * shmem THP policy per cycle (see thp.h).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "thp.h"
#include "util.h"

#define THP_DIR "/sys/kernel/mm/transparent_hugepage"

const char *const thp_policy_names[THP_COUNT + 1] = {
	[THP_CYCLE] = "cycle",
	[THP_NEVER] = "never",
	[THP_WITHIN_SIZE] = "within_size",
	[THP_ALWAYS] = "always",
	[THP_KERNEL] = "kernel",
};

enum thp_policy thp_policy_of(uint32_t opt, uint64_t cycle)
{
	if (opt != THP_CYCLE)
		return opt;
	return cycle % 2 ? THP_WITHIN_SIZE : THP_NEVER;
}

int thp_some_large(uint32_t opt, uint64_t cycles)
{
	return opt == THP_WITHIN_SIZE || opt == THP_ALWAYS ||
	       (opt == THP_CYCLE && cycles >= 1);
}

int thp_some_small(uint32_t opt, uint64_t cycles)
{
	return opt == THP_NEVER || (opt == THP_CYCLE && cycles >= 2);
}

/* Write @value to sysfs file @path; on failure the reason in @why. */
static int write_sysfs(const char *path, const char *value, char *why,
		       size_t size)
{
	int err = write_file(path, value, 0);

	if (err)
		snprintf(why, size, "%s: %s", path, strerror(-err));
	return err ? -1 : 0;
}

int thp_apply(enum thp_policy p, char *why, size_t size)
{
	char path[PATH_MAX];
	const char *each;
	struct dirent *d;
	DIR *dir;
	int ret;

	if (p == THP_KERNEL)
		return 0;
	if (write_sysfs(THP_DIR "/shmem_enabled", thp_policy_names[p], why,
			size))
		return -1;
	/* every folio size follows the top level, or none is allowed */
	each = p == THP_NEVER ? "never" : "inherit";
	dir = opendir(THP_DIR);
	if (!dir) {
		snprintf(why, size, "%s: %s", THP_DIR, strerror(errno));
		return -1;
	}
	ret = 0;
	while (!ret && (d = readdir(dir))) {
		if (strncmp(d->d_name, "hugepages-", 10))
			continue;
		snprintf(path, sizeof(path), THP_DIR "/%s/shmem_enabled",
			 d->d_name);
		if (!access(path, F_OK))
			ret = write_sysfs(path, each, why, size);
	}
	closedir(dir);
	return ret;
}

uint64_t thp_pmd_size(void)
{
	unsigned long long v = 0;
	FILE *f = fopen(THP_DIR "/hpage_pmd_size", "r");

	if (f) {
		if (fscanf(f, "%llu", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}
