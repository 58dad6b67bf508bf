// SPDX-License-Identifier: GPL-2.0
/*
 * State session save and load (see state.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "luo_dev.h"
#include "state.h"

int state_save(int luo_fd, const struct stress_state *st, int *memfd)
{
	int sfd, mfd, ret;

	sfd = luo_create_session(luo_fd, STATE_SESSION);
	if (sfd < 0)
		return sfd;
	mfd = memfd_create("luo-stress-state", 0);
	if (mfd < 0) {
		ret = -errno;
		goto err;
	}
	if (pwrite(mfd, st, sizeof(*st), 0) != sizeof(*st)) {
		ret = errno ? -errno : -EIO;
		close(mfd);
		goto err;
	}
	ret = luo_preserve_fd(sfd, mfd, STATE_TOKEN);
	if (ret) {
		close(mfd);
		goto err;
	}
	*memfd = mfd;
	return sfd;
err:
	close(sfd);
	return ret;
}

static void damaged(struct state_damage *d, int max, int *n,
		    const char *field, uint64_t expected, uint64_t found)
{
	if (*n < max)
		d[*n] = (struct state_damage){ field, expected, found };
	(*n)++;
}

int state_load(int luo_fd, struct stress_state *st,
	       struct state_damage *damage, int max, int *ndamage)
{
	struct stat sb;
	int sfd, mfd, ret;

	*ndamage = 0;
	sfd = luo_retrieve_session(luo_fd, STATE_SESSION);
	if (sfd < 0)
		return sfd;
	mfd = luo_retrieve_fd(sfd, STATE_TOKEN);
	if (mfd < 0) {
		ret = mfd;
		goto out;
	}
	memset(st, 0, sizeof(*st));
	if (fstat(mfd, &sb)) {
		ret = -errno;
		close(mfd);
		goto out;
	}
	if (sb.st_size != sizeof(*st))
		damaged(damage, max, ndamage, "size", sizeof(*st), sb.st_size);
	if (pread(mfd, st, sizeof(*st), 0) < (ssize_t)offsetof(typeof(*st), cfg))
		damaged(damage, max, ndamage, "readable bytes", sizeof(*st), 0);
	if (st->magic != STATE_MAGIC)
		damaged(damage, max, ndamage, "magic", STATE_MAGIC, st->magic);
	if (st->version != STATE_VERSION)
		damaged(damage, max, ndamage, "version", STATE_VERSION,
			st->version);
	if (st->size != sizeof(*st))
		damaged(damage, max, ndamage, "struct size", sizeof(*st),
			st->size);
	close(mfd);
	ret = *ndamage ? -EBADMSG : luo_session_finish(sfd);
out:
	close(sfd);
	return ret;
}
