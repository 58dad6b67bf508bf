// SPDX-License-Identifier: GPL-2.0
/*
 * State session save and load (see state.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "luo_dev.h"
#include "state.h"

int state_save(int luo_fd, const struct stress_state *st)
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
	close(mfd);
	if (ret)
		goto err;
	return sfd;
err:
	close(sfd);
	return ret;
}

int state_load(int luo_fd, struct stress_state *st)
{
	struct stat sb;
	int sfd, mfd, ret;

	sfd = luo_retrieve_session(luo_fd, STATE_SESSION);
	if (sfd < 0)
		return sfd;
	mfd = luo_retrieve_fd(sfd, STATE_TOKEN);
	if (mfd < 0) {
		ret = mfd;
		goto out;
	}
	ret = -EBADMSG;
	if (fstat(mfd, &sb) == 0 && sb.st_size == sizeof(*st) &&
	    pread(mfd, st, sizeof(*st), 0) == sizeof(*st) &&
	    st->magic == STATE_MAGIC && st->version == STATE_VERSION &&
	    st->size == sizeof(*st))
		ret = 0;
	close(mfd);
	if (!ret)
		ret = luo_session_finish(sfd);
out:
	close(sfd);
	return ret;
}
