// SPDX-License-Identifier: GPL-2.0
/*
 * One memfd: build to spec, verify against spec (see memfd_file.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "content.h"
#include "memfd_file.h"
#include "wire.h"

static uint64_t page_seed(const struct file_id *id, uint64_t pg)
{
	struct content_key k = {
		.seed = id->seed,
		.cycle = id->cycle,
		.session = id->session,
		.token = id->token,
	};

	return content_page_seed(&k, pg);
}

/* Bytes of page @pg that lie inside the file. */
static size_t page_len(const struct memfd_spec *spec, size_t page_size,
		       uint64_t pg)
{
	uint64_t off = pg * page_size;

	if (off >= spec->size)
		return 0;
	return spec->size - off < page_size ? spec->size - off : page_size;
}

int memfd_build(const struct file_id *id, const struct memfd_spec *spec,
		size_t page_size, unsigned char *page)
{
	/* F_SEAL_SEAL alone is what a memfd without MFD_ALLOW_SEALING has */
	int sealing = spec->seals != F_SEAL_SEAL;
	size_t len;
	uint64_t pg;
	int fd, err;

	fd = memfd_create("luo-stress", sealing ? MFD_ALLOW_SEALING : 0);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, spec->size) < 0)
		goto err;
	for (pg = 0; pg < spec->pages; pg++) {
		if (spec_page_is_hole(spec, pg))
			continue;
		len = page_len(spec, page_size, pg);
		content_fill(page, len, page_seed(id, pg));
		if (pwrite(fd, page, len, pg * page_size) != (ssize_t)len)
			goto err;
	}
	if (sealing && fcntl(fd, F_ADD_SEALS, spec->seals) < 0)
		goto err;
	return fd;
err:
	err = errno ? -errno : -EIO;
	close(fd);
	return err;
}

/* Start a WIRE_FAIL "<what>:" line with the file's identity. */
static void fail_prefix(const char *what, const struct file_id *id)
{
	printf(WIRE_FAIL "%s: cycle=%llu session=%s token=%llu", what,
	       (unsigned long long)id->cycle, id->name,
	       (unsigned long long)id->token);
}

static long first_nonzero(const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i])
			return (long)i;
	return -1;
}

int memfd_verify(const struct file_id *id, const struct memfd_spec *spec,
		 size_t page_size, unsigned char *page, int fd, int report)
{
	uint8_t want, got;
	struct stat sb;
	uint64_t pg;
	size_t len;
	int seals;
	long off;

	if (fstat(fd, &sb) < 0 || (uint64_t)sb.st_size != spec->size) {
		if (report) {
			fail_prefix("size", id);
			printf(" size=%lld expected=%llu\n",
			       (long long)sb.st_size,
			       (unsigned long long)spec->size);
		}
		return -1;
	}
	seals = fcntl(fd, F_GET_SEALS);
	if (seals != spec->seals) {
		if (report) {
			fail_prefix("seals", id);
			printf(" seals=0x%x expected=0x%x\n", seals,
			       spec->seals);
		}
		return -1;
	}
	for (pg = 0; pg < spec->pages; pg++) {
		len = page_len(spec, page_size, pg);
		if (pread(fd, page, len, pg * page_size) != (ssize_t)len) {
			if (report) {
				fail_prefix("read", id);
				printf(" page=%llu: %s\n",
				       (unsigned long long)pg, strerror(errno));
			}
			return -1;
		}
		if (spec_page_is_hole(spec, pg)) {
			off = first_nonzero(page, len);
			if (off < 0)
				continue;
			if (report) {
				fail_prefix("hole", id);
				printf(" page=%llu offset=%ld expected=0x00 found=0x%02x\n",
				       (unsigned long long)pg, off, page[off]);
			}
			return -1;
		}
		off = content_check(page, len, page_seed(id, pg), &want, &got);
		if (off < 0)
			continue;
		if (report) {
			fail_prefix("data", id);
			printf(" page=%llu offset=%ld expected=0x%02x found=0x%02x\n",
			       (unsigned long long)pg, off, want, got);
		}
		return -1;
	}
	return 0;
}
