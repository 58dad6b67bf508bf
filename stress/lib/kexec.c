// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel log markers, kexec_file_load() of the next kernel and the kexec
 * reboot itself (see kexec.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kexec.h"
#include "wire.h"

void kmsg_marker(const char *msg)
{
	char buf[256];
	int fd;

	snprintf(buf, sizeof(buf), WIRE_KMSG_TAG "%s", msg);
	fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (write(fd, buf, strlen(buf)) < 0)
		perror("write /dev/kmsg");
	close(fd);
}

static int read_cmdline(char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	if (n && buf[n - 1] == '\n')
		buf[n - 1] = 0;
	return 0;
}

int kexec_load_next(const char *kernel, const char *initrd)
{
	char cmdline[4096];
	int kfd, ifd, ret;

	ret = read_cmdline(cmdline, sizeof(cmdline));
	if (ret)
		return ret;
	kfd = open(kernel, O_RDONLY | O_CLOEXEC);
	if (kfd < 0)
		return -errno;
	ifd = open(initrd, O_RDONLY | O_CLOEXEC);
	if (ifd < 0) {
		ret = -errno;
		close(kfd);
		return ret;
	}
	ret = syscall(SYS_kexec_file_load, kfd, ifd, strlen(cmdline) + 1,
		      cmdline, 0UL) < 0 ? -errno : 0;
	close(ifd);
	close(kfd);
	return ret;
}

int kexec_reboot(void)
{
	sync();
	reboot(RB_KEXEC);
	return -errno;
}
