// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/liveupdate ioctl wrappers (see luo_dev.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/liveupdate.h>

#include "luo_dev.h"

int luo_open(void)
{
	int fd = open(LUO_DEVICE, O_RDWR);

	return fd < 0 ? -errno : fd;
}

static int session_ioctl(int luo_fd, unsigned long cmd, const char *name)
{
	struct liveupdate_ioctl_create_session arg;

	/* create and retrieve share one layout */
	memset(&arg, 0, sizeof(arg));
	arg.size = sizeof(arg);
	if (strlen(name) >= sizeof(arg.name))
		return -ENAMETOOLONG;
	memcpy(arg.name, name, strlen(name));
	if (ioctl(luo_fd, cmd, &arg) < 0)
		return -errno;
	return arg.fd;
}

int luo_create_session(int luo_fd, const char *name)
{
	return session_ioctl(luo_fd, LIVEUPDATE_IOCTL_CREATE_SESSION, name);
}

int luo_retrieve_session(int luo_fd, const char *name)
{
	return session_ioctl(luo_fd, LIVEUPDATE_IOCTL_RETRIEVE_SESSION, name);
}

int luo_preserve_fd(int session_fd, int fd, uint64_t token)
{
	struct liveupdate_session_preserve_fd arg = {
		.size = sizeof(arg),
		.fd = fd,
		.token = token,
	};

	return ioctl(session_fd, LIVEUPDATE_SESSION_PRESERVE_FD, &arg) < 0 ?
	       -errno : 0;
}

int luo_retrieve_fd(int session_fd, uint64_t token)
{
	struct liveupdate_session_retrieve_fd arg = {
		.size = sizeof(arg),
		.token = token,
	};

	if (ioctl(session_fd, LIVEUPDATE_SESSION_RETRIEVE_FD, &arg) < 0)
		return -errno;
	return arg.fd;
}

int luo_session_finish(int session_fd)
{
	struct liveupdate_session_finish arg = { .size = sizeof(arg) };

	return ioctl(session_fd, LIVEUPDATE_SESSION_FINISH, &arg) < 0 ?
	       -errno : 0;
}
