// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of memfd kinds and of building and verifying one memfd to
 * its spec, on the host's own memfds: every kind verifies clean, and a
 * changed byte, size, seal or hole is reported as that.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "memfd_file.h"
#include "memfd_kind.h"

#define PAGE 4096

static unsigned char page[PAGE];

static const struct file_id id = {
	.seed = 3, .cycle = 2, .session = 1, .name = "s1", .token = 7,
};

/* verify with the FAIL line captured in @line */
static int verify_capture(const struct memfd_spec *spec, int fd, char *line,
			  size_t size)
{
	FILE *f = tmpfile();
	int saved = dup(1), ret;

	fflush(stdout);
	dup2(fileno(f), 1);
	ret = memfd_verify(&id, spec, PAGE, page, fd, 1);
	fflush(stdout);
	dup2(saved, 1);
	close(saved);
	rewind(f);
	line[0] = 0;
	if (!fgets(line, size, f))
		line[0] = 0;
	fclose(f);
	return ret;
}

TEST(kinds_parse_and_turns)
{
	char line[64];
	uint32_t m;

	ASSERT_EQ(0, kinds_parse("plain,empty,sealed", &m));
	ASSERT_EQ(KIND_PLAIN, kind_of(m, 0));
	ASSERT_EQ(KIND_EMPTY, kind_of(m, 1));
	ASSERT_EQ(KIND_SEALED, kind_of(m, 2));
	ASSERT_EQ(KIND_PLAIN, kind_of(m, 3));
	ASSERT_EQ(-1, kinds_parse("plainx", &m));
	ASSERT_EQ(0, kinds_parse("sealed,plain", &m));
	kinds_format(m, line, sizeof(line));
	ASSERT_STREQ("plain,sealed", line);
	ASSERT_EQ(0, kinds_parse("all", &m));
	ASSERT_EQ(KIND_MASK_ALL, m);
}

TEST(spec_sizes)
{
	struct memfd_spec s;

	memfd_spec_of(KIND_PLAIN, 3, 4, PAGE, &s);
	ASSERT_EQ(3 * PAGE, s.size);
	memfd_spec_of(KIND_EMPTY, 3, 4, PAGE, &s);
	ASSERT_EQ(0, s.size);
	ASSERT_EQ(0, s.pages);
	memfd_spec_of(KIND_UNALIGNED, 1, 4, PAGE, &s);
	ASSERT_NE(0, s.size % PAGE);
	ASSERT_EQ(2, s.pages);
	memfd_spec_of(KIND_SPARSE, 1, 4, PAGE, &s);
	ASSERT_EQ(2, s.pages);
	ASSERT_TRUE(spec_page_is_hole(&s, 1));
	ASSERT_FALSE(spec_page_is_hole(&s, 0));
	memfd_spec_of(KIND_LARGE, 1, 4, PAGE, &s);
	ASSERT_EQ((4 << 20) + PAGE, s.size);	/* a base page past the MiBs */
	memfd_spec_of(KIND_SEALED, 1, 4, PAGE, &s);
	ASSERT_TRUE(s.seals & F_SEAL_WRITE);
}

TEST(every_kind_builds_and_verifies)
{
	struct memfd_spec s;
	char line[256];
	int k, fd;

	for (k = 0; k < KIND_COUNT; k++) {
		memfd_spec_of(k, 3, 1, PAGE, &s);
		fd = memfd_build(&id, &s, PAGE, page);
		ASSERT_LE(0, fd);
		ASSERT_EQ(0, verify_capture(&s, fd, line, sizeof(line)));
		ASSERT_STREQ("", line);
		close(fd);
	}
}

TEST(changed_byte_is_located)
{
	struct memfd_spec s;
	char line[256];
	uint8_t b;
	int fd;

	memfd_spec_of(KIND_UNALIGNED, 2, 1, PAGE, &s);
	fd = memfd_build(&id, &s, PAGE, page);
	ASSERT_LE(0, fd);
	ASSERT_EQ(1, pread(fd, &b, 1, 2 * PAGE + 5));
	b ^= 1;
	ASSERT_EQ(1, pwrite(fd, &b, 1, 2 * PAGE + 5));
	ASSERT_EQ(-1, verify_capture(&s, fd, line, sizeof(line)));
	ASSERT_NE(NULL, strstr(line, "# FAIL data: cycle=2 session=s1 token=7 page=2 offset=5 "));
	close(fd);
}

TEST(changed_size_seal_hole_are_caught)
{
	struct memfd_spec s, built;
	char line[256];
	int fd;

	memfd_spec_of(KIND_PLAIN, 2, 1, PAGE, &s);
	built = s;
	built.size++;
	fd = memfd_build(&id, &built, PAGE, page);
	ASSERT_EQ(-1, verify_capture(&s, fd, line, sizeof(line)));
	ASSERT_NE(NULL, strstr(line, "# FAIL size: cycle=2 session=s1 token=7 size=8193 expected=8192"));
	close(fd);

	built = s;
	built.seals ^= F_SEAL_GROW;
	fd = memfd_build(&id, &built, PAGE, page);
	ASSERT_EQ(-1, verify_capture(&s, fd, line, sizeof(line)));
	ASSERT_NE(NULL, strstr(line, "# FAIL seals: cycle=2 session=s1 token=7 "));
	close(fd);

	memfd_spec_of(KIND_SPARSE, 4, 1, PAGE, &s);
	built = s;
	built.kind = KIND_PLAIN;
	fd = memfd_build(&id, &built, PAGE, page);
	ASSERT_EQ(-1, verify_capture(&s, fd, line, sizeof(line)));
	ASSERT_NE(NULL, strstr(line, "# FAIL hole: cycle=2 session=s1 token=7 page=1 offset=0 expected=0x00"));
	close(fd);
}

TEST(other_identity_fails)
{
	struct file_id other = id;
	struct memfd_spec s;
	int fd;

	memfd_spec_of(KIND_PLAIN, 1, 1, PAGE, &s);
	fd = memfd_build(&id, &s, PAGE, page);
	other.cycle++;
	ASSERT_EQ(-1, memfd_verify(&other, &s, PAGE, page, fd, 0));
	close(fd);
}

TEST_HARNESS_MAIN
