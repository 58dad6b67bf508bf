// SPDX-License-Identifier: GPL-2.0
/*
 * LUO userspace API contract, first kernel, no kexec: each case asserts
 * the exact errno the 7.3 source returns (kernel/liveupdate/luo_core.c,
 * luo_session.c, luo_file.c, mm/memfd_luo.c, mm/shmem.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/liveupdate.h>

#include "kselftest_harness.h"

#include "boot.h"
#include "luo_dev.h"

/* memfd with @len bytes written */
static int new_memfd(size_t len)
{
	char buf[64] = "luo-api-test";
	int fd = memfd_create("luo-api-test", 0);

	if (len > sizeof(buf))
		len = sizeof(buf);
	if (fd >= 0 && len && write(fd, buf, len) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

FIXTURE(luo) {
	int dev;
	int s1;
	int s2;
};

FIXTURE_SETUP(luo)
{
	self->dev = luo_open();
	if (self->dev == -ENOENT)
		SKIP(return, "%s missing: kernel without LUO", LUO_DEVICE);
	ASSERT_LE(0, self->dev);
	self->s1 = luo_create_session(self->dev, "api-one");
	ASSERT_LE(0, self->s1);
	self->s2 = luo_create_session(self->dev, "api-two");
	ASSERT_LE(0, self->s2);
}

FIXTURE_TEARDOWN(luo)
{
	close(self->s2);
	close(self->s1);
	close(self->dev);
}

TEST_F(luo, second_open_is_busy)
{
	ASSERT_EQ(-EBUSY, luo_open());
}

TEST_F(luo, open_again_after_close)
{
	int fd;

	close(self->dev);
	fd = luo_open();
	ASSERT_LE(0, fd);
	self->dev = fd;
}

TEST_F(luo, duplicate_session_name)
{
	ASSERT_EQ(-EEXIST, luo_create_session(self->dev, "api-one"));
}

TEST_F(luo, duplicate_name_survives_device_reopen)
{
	close(self->dev);
	self->dev = luo_open();
	ASSERT_LE(0, self->dev);
	ASSERT_EQ(-EEXIST, luo_create_session(self->dev, "api-one"));
}

TEST_F(luo, longest_name_is_accepted)
{
	char name[LIVEUPDATE_SESSION_NAME_LENGTH];
	int fd;

	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = 0;
	fd = luo_create_session(self->dev, name);
	ASSERT_LE(0, fd);
	close(fd);
}

TEST_F(luo, name_without_nul_is_invalid)
{
	struct liveupdate_ioctl_create_session arg = { .size = sizeof(arg) };

	memset(arg.name, 'n', sizeof(arg.name));
	ASSERT_EQ(-1, ioctl(self->dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &arg));
	ASSERT_EQ(EINVAL, errno);
}

TEST_F(luo, empty_name_is_invalid)
{
	ASSERT_EQ(-EINVAL, luo_create_session(self->dev, ""));
}

TEST_F(luo, struct_size_too_small)
{
	struct liveupdate_ioctl_create_session arg = { .size = sizeof(arg) - 1 };

	snprintf((char *)arg.name, sizeof(arg.name), "api-small");
	ASSERT_EQ(-1, ioctl(self->dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &arg));
	ASSERT_EQ(EINVAL, errno);
}

TEST_F(luo, struct_size_bigger_with_nonzero_tail)
{
	struct {
		struct liveupdate_ioctl_create_session arg;
		__u64 tail;
	} big = { .arg.size = sizeof(big), .tail = 1 };

	snprintf((char *)big.arg.name, sizeof(big.arg.name), "api-big");
	ASSERT_EQ(-1, ioctl(self->dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &big));
	ASSERT_EQ(E2BIG, errno);
	big.tail = 0;
	ASSERT_EQ(0, ioctl(self->dev, LIVEUPDATE_IOCTL_CREATE_SESSION, &big));
	close(big.arg.fd);
}

TEST_F(luo, unknown_device_ioctl)
{
	ASSERT_EQ(-1, ioctl(self->dev, _IO(LIVEUPDATE_IOCTL_TYPE, 0x05), 0));
	ASSERT_EQ(EINVAL, errno);
}

TEST_F(luo, unknown_session_ioctl)
{
	ASSERT_EQ(-1, ioctl(self->s1, _IO(LIVEUPDATE_IOCTL_TYPE, 0x50), 0));
	ASSERT_EQ(EINVAL, errno);
}

TEST_F(luo, device_command_on_session_fd)
{
	struct liveupdate_ioctl_create_session arg = { .size = sizeof(arg) };

	snprintf((char *)arg.name, sizeof(arg.name), "api-wrong-fd");
	ASSERT_EQ(-1, ioctl(self->s1, LIVEUPDATE_IOCTL_CREATE_SESSION, &arg));
	ASSERT_EQ(EINVAL, errno);
}

TEST_F(luo, session_fd_is_cloexec)
{
	ASSERT_TRUE(fcntl(self->s1, F_GETFD) & FD_CLOEXEC);
}

TEST_F(luo, get_name_of_outgoing_session)
{
	struct liveupdate_session_get_name arg = { .size = sizeof(arg) };

	ASSERT_EQ(0, ioctl(self->s1, LIVEUPDATE_SESSION_GET_NAME, &arg));
	ASSERT_STREQ("api-one", (char *)arg.name);
	arg.reserved = 1;
	ASSERT_EQ(-1, ioctl(self->s1, LIVEUPDATE_SESSION_GET_NAME, &arg));
	ASSERT_EQ(EINVAL, errno);
}

TEST_F(luo, duplicate_token)
{
	int a = new_memfd(1), b = new_memfd(1);

	ASSERT_EQ(0, luo_preserve_fd(self->s1, a, 7));
	ASSERT_EQ(-EEXIST, luo_preserve_fd(self->s1, b, 7));
	/* tokens are per session */
	ASSERT_EQ(0, luo_preserve_fd(self->s2, b, 7));
}

TEST_F(luo, same_memfd_twice_in_one_session)
{
	int a = new_memfd(1);

	ASSERT_EQ(0, luo_preserve_fd(self->s1, a, 1));
	ASSERT_EQ(-EBUSY, luo_preserve_fd(self->s1, a, 2));
	ASSERT_EQ(-EBUSY, luo_preserve_fd(self->s1, dup(a), 3));
}

TEST_F(luo, same_memfd_in_two_sessions)
{
	int a = new_memfd(1);

	ASSERT_EQ(0, luo_preserve_fd(self->s1, a, 1));
	ASSERT_EQ(-EBUSY, luo_preserve_fd(self->s2, a, 1));
}

TEST_F(luo, bad_fd)
{
	int a = new_memfd(1);

	ASSERT_EQ(-EBADF, luo_preserve_fd(self->s1, -1, 1));
	close(a);
	ASSERT_EQ(-EBADF, luo_preserve_fd(self->s1, a, 2));
}

TEST_F(luo, pipe_is_not_preservable)
{
	int p[2];

	ASSERT_EQ(0, pipe(p));
	ASSERT_EQ(-ENOENT, luo_preserve_fd(self->s1, p[0], 1));
}

TEST_F(luo, socket_is_not_preservable)
{
	int sv[2];

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
	ASSERT_EQ(-ENOENT, luo_preserve_fd(self->s1, sv[0], 1));
}

TEST_F(luo, linked_file_is_not_preservable)
{
	char path[] = "/run/luo-api-test-XXXXXX";
	int fd = mkstemp(path);

	if (fd < 0)
		SKIP(return, "no writable /run");
	ASSERT_EQ(-ENOENT, luo_preserve_fd(self->s1, fd, 1));
	unlink(path);
}

TEST_F(luo, dev_null_and_luo_fds_are_not_preservable)
{
	int fd = open("/dev/null", O_RDWR);

	ASSERT_LE(0, fd);
	ASSERT_EQ(-ENOENT, luo_preserve_fd(self->s1, fd, 1));
	ASSERT_EQ(-ENOENT, luo_preserve_fd(self->s1, self->s2, 2));
	ASSERT_EQ(-ENOENT, luo_preserve_fd(self->s1, self->dev, 3));
}

TEST_F(luo, retrieve_unknown_session)
{
	ASSERT_EQ(-ENOENT, luo_retrieve_session(self->dev, "api-unknown"));
	/* outgoing sessions are not retrievable in the same kernel */
	ASSERT_EQ(-ENOENT, luo_retrieve_session(self->dev, "api-one"));
}

TEST_F(luo, retrieve_fd_from_outgoing_session)
{
	int a = new_memfd(1);

	ASSERT_EQ(0, luo_preserve_fd(self->s1, a, 5));
	ASSERT_EQ(-EINVAL, luo_retrieve_fd(self->s1, 5));
}

TEST_F(luo, finish_outgoing_session)
{
	ASSERT_EQ(-EINVAL, luo_session_finish(self->s1));
}

TEST_F(luo, preserved_memfd_is_frozen)
{
	int a = new_memfd(64);
	char c = 'x';

	ASSERT_EQ(0, luo_preserve_fd(self->s1, a, 1));
	ASSERT_EQ(-1, ftruncate(a, 8192));
	ASSERT_EQ(EPERM, errno);
	ASSERT_EQ(-1, fallocate(a, 0, 0, 8192));
	ASSERT_EQ(EPERM, errno);
	/* writes inside the size still land (the folios are pinned) */
	ASSERT_EQ(1, pwrite(a, &c, 1, 0));
	/* same size truncate is allowed */
	ASSERT_EQ(0, ftruncate(a, 64));
}

TEST_F(luo, preserved_empty_memfd_cannot_grow)
{
	int a = new_memfd(0);
	char c = 'x';

	ASSERT_EQ(0, luo_preserve_fd(self->s1, a, 1));
	ASSERT_EQ(-1, pwrite(a, &c, 1, 0));
	ASSERT_EQ(EPERM, errno);
}

TEST_F(luo, closing_session_unpreserves)
{
	int a = new_memfd(64);

	ASSERT_EQ(0, luo_preserve_fd(self->s1, a, 1));
	close(self->s1);
	/* the name, the token and the memfd are free again */
	self->s1 = luo_create_session(self->dev, "api-one");
	ASSERT_LE(0, self->s1);
	ASSERT_EQ(0, ftruncate(a, 8192));
	ASSERT_EQ(0, luo_preserve_fd(self->s1, a, 1));
}

TEST_F(luo, memfd_stays_preserved_after_its_fd_is_closed)
{
	int a = new_memfd(1), b;

	ASSERT_EQ(0, luo_preserve_fd(self->s1, a, 1));
	b = dup(a);
	close(a);
	ASSERT_EQ(-EBUSY, luo_preserve_fd(self->s2, b, 1));
}

/*
 * The harness's main, with the WIRE_KERNEL line first: the KTAP header
 * printed here, KSFT_TAP_LEVEL tells the harness it has been.
 */
int main(int argc, char **argv)
{
	ksft_print_header();
	boot_print_kernel();
	setenv("KSFT_TAP_LEVEL", "1", 1);
	return test_harness_run(argc, argv);
}
