// SPDX-License-Identifier: GPL-2.0
/*
 * Small helpers shared by the stress library (see util.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

int write_file(const char *path, const char *text, int append)
{
	int fd = open(path, O_WRONLY | (append ? O_APPEND : O_TRUNC));
	ssize_t n;
	int err = 0;

	if (fd < 0)
		return -errno;
	n = write(fd, text, strlen(text));
	if (n != (ssize_t)strlen(text))
		err = n < 0 ? -errno : -EIO;
	close(fd);
	return err;
}

void names_format(uint32_t mask, const char *const *names, int count,
		  const char *sep, char *buf, size_t size)
{
	size_t n = 0;
	int i;

	buf[0] = 0;
	for (i = 0; i < count && n < size; i++)
		if (mask & (1u << i))
			n += snprintf(buf + n, size - n, "%s%s", n ? sep : "",
				      names[i]);
}
