// SPDX-License-Identifier: GPL-2.0
/*
 * luo-stress init: PID 1 of the test initramfs. Mounts the pseudo file
 * systems, marks its start in the kernel log, packs the initramfs for the
 * next kexec, runs the workload named in WIRE_GUEST_CMD and reboots
 * (which ends QEMU) when the workload exits; the workload itself kexecs
 * between cycles. In a LAVA ramdisk there is no cmd file: init hands over
 * to /sbin/init (busybox) for LAVA's shell, and LAVA drives the kexecs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cpio.h"
#include "kexec.h"
#include "metrics.h"
#include "wire.h"

#define CMD_FILE	WIRE_GUEST_CMD
#define NEXT_INITRD	WIRE_GUEST_NEXT_INITRD
#define INIT_NS_FILE	WIRE_GUEST_INIT_NS
#define MAX_ARGS	64

static void mount_fs(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) && errno != EBUSY)
		printf(WIRE_INIT_TAG "mount %s on %s: %s\n", type, dir,
		       strerror(errno));
}

static void halt(int rc)
{
	printf(WIRE_INIT_DONE "%d\n", rc);
	fflush(stdout);
	sync();
	/* the runner's QEMU has -no-reboot: a reboot ends it */
	reboot(RB_AUTOBOOT);
	exit(rc);
}

static void write_boot_ns(uint64_t ns)
{
	FILE *f = fopen(INIT_NS_FILE, "w");

	if (!f)
		return;
	fprintf(f, "%llu\n", (unsigned long long)ns);
	fclose(f);
}

/* Read the workload command line; returns argc, 0 on error. */
static int read_cmd(char *buf, size_t size, char **argv)
{
	int fd, argc = 0;
	ssize_t n;
	char *tok, *save;

	fd = open(CMD_FILE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	for (tok = strtok_r(buf, " \t\n", &save); tok && argc < MAX_ARGS;
	     tok = strtok_r(NULL, " \t\n", &save))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return argc;
}

int main(void)
{
	static const char *const skip[] = { "dev", "proc", "sys", "run",
					    NULL };
	char cmd[1024], env[64], *argv[MAX_ARGS + 1];
	char path_env[] = "PATH=/bin";
	char *envp[3];
	uint64_t boot_ns = clock_ns(CLOCK_BOOTTIME);
	int status, ret;
	pid_t pid;

	mount_fs("devtmpfs", "/dev", "devtmpfs");
	mount_fs("proc", "/proc", "proc");
	mount_fs("sysfs", "/sys", "sysfs");
	mount_fs("tmpfs", "/run", "tmpfs");
	mount_fs("debugfs", "/sys/kernel/debug", "debugfs");
	snprintf(env, sizeof(env), "init boottime_ns=%llu",
		 (unsigned long long)boot_ns);
	kmsg_marker(env);
	printf(WIRE_INIT_START "\n");

	mkdir(WIRE_GUEST_RUN, 0755);
	/* for workloads not started by us (LAVA's shell): when init began */
	write_boot_ns(boot_ns);
	ret = cpio_pack_tree("/", NEXT_INITRD, skip);
	if (ret) {
		printf(WIRE_INIT_TAG "packing %s: %s\n", NEXT_INITRD,
		       strerror(-ret));
		halt(1);
	}
	if (access(CMD_FILE, F_OK) && !access("/sbin/init", X_OK)) {
		fflush(stdout);
		execl("/sbin/init", "init", (char *)NULL);
		printf(WIRE_INIT_TAG "exec /sbin/init: %s\n", strerror(errno));
		halt(1);
	}
	if (!read_cmd(cmd, sizeof(cmd), argv)) {
		printf(WIRE_INIT_TAG "no workload in %s\n", CMD_FILE);
		halt(1);
	}
	envp[0] = env;
	envp[1] = path_env;
	envp[2] = NULL;
	snprintf(env, sizeof(env), "LUO_STRESS_INIT_NS=%llu",
		 (unsigned long long)boot_ns);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execve(argv[0], argv, envp);
		printf(WIRE_INIT_TAG "exec %s: %s\n", argv[0],
		       strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		halt(1);
	if (WIFSIGNALED(status)) {
		printf(WIRE_INIT_TAG "%s killed by signal %d\n", argv[0],
		       WTERMSIG(status));
		halt(128 + WTERMSIG(status));
	}
	halt(WEXITSTATUS(status));
	return 0;
}
