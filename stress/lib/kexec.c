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

#include "cmdline.h"
#include "kexec.h"
#include "opts.h"
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

/* kexec_file_load() of @kernel and @initrd with @cmdline. */
static int load(const char *kernel, const char *initrd, const char *cmdline)
{
	int kfd, ifd, ret;

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

int kexec_load_next(const char *kernels, const char *initrd, uint64_t cycle)
{
	char running[CMDLINE_LEN], cmdline[CMDLINE_LEN];
	char image[OPT_PATHS_LEN];
	int ret;

	ret = opt_paths_pick(kernels, cycle, image, sizeof(image));
	if (ret) {
		printf(WIRE_FAIL "kexec_file_load: no image %llu in '%s': %s\n",
		       (unsigned long long)cycle, kernels, strerror(-ret));
		return ret;
	}
	ret = cmdline_read(running, sizeof(running));
	if (!ret)
		ret = cmdline_set_cycle(running, cycle, cmdline,
					sizeof(cmdline));
	if (!ret)
		ret = load(image, initrd, cmdline);
	if (ret)
		printf(WIRE_FAIL "kexec_file_load %s %s: %s\n", image, initrd,
		       strerror(-ret));
	else
		printf(WIRE_MSG "cycle %llu: kexec_file_load %s %s\n",
		       (unsigned long long)cycle, image, initrd);
	return ret;
}

void kexec_announce(uint64_t cycle, uint64_t cycles, const char *note)
{
	char msg[64];

	printf(WIRE_KEXEC "%llu of %llu%s\n", (unsigned long long)cycle,
	       (unsigned long long)cycles, note);
	fflush(stdout);
	snprintf(msg, sizeof(msg), WIRE_MARKER_MSG "%llu",
		 (unsigned long long)cycle);
	kmsg_marker(msg);
}

int kexec_reboot(void)
{
	int ret;

	sync();
	reboot(RB_KEXEC);
	ret = -errno;
	printf(WIRE_FAIL "reboot(RB_KEXEC): %s\n", strerror(-ret));
	return ret;
}
