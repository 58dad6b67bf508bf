// SPDX-License-Identifier: GPL-2.0
/*
 * Unit test of the initramfs packer: pack a tree, unpack it with GNU cpio
 * and compare; skipped directories stay empty, /dev/console is added.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kselftest_harness.h"

#include "cpio.h"

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
}

static int run(const char *cmd)
{
	return system(cmd);
}

TEST(pack_and_unpack)
{
	static const char *const skip[] = { "proc", NULL };
	char tmpl[] = "/tmp/cpio-test-XXXXXX", cmd[512], path[256];
	struct stat st;
	FILE *f;
	char *dir = mkdtemp(tmpl);
	char line[256];
	int found_console = 0;

	ASSERT_NE(NULL, dir);
	snprintf(cmd, sizeof(cmd),
		 "mkdir -p %s/in/bin %s/in/proc/x %s/in/etc/deep/er %s/out",
		 dir, dir, dir, dir);
	ASSERT_EQ(0, run(cmd));
	snprintf(path, sizeof(path), "%s/in/bin/prog", dir);
	put(path, "hello");
	chmod(path, 0755);
	snprintf(path, sizeof(path), "%s/in/etc/deep/er/odd", dir);
	put(path, "abc");	/* length not a multiple of 4 */
	snprintf(path, sizeof(path), "%s/in/proc/x/hidden", dir);
	put(path, "no");
	snprintf(path, sizeof(path), "%s/in/link", dir);
	ASSERT_EQ(0, symlink("bin/prog", path));

	snprintf(path, sizeof(path), "%s/root.cpio", dir);
	snprintf(cmd, sizeof(cmd), "%s/in", dir);
	ASSERT_EQ(0, cpio_pack_tree(cmd, path, skip));

	snprintf(cmd, sizeof(cmd),
		 "cd %s/out && cpio -t --quiet < ../root.cpio > ../list", dir);
	ASSERT_EQ(0, run(cmd));
	snprintf(path, sizeof(path), "%s/list", dir);
	f = fopen(path, "r");
	ASSERT_NE(NULL, f);
	while (fgets(line, sizeof(line), f)) {
		ASSERT_EQ(NULL, strstr(line, "hidden"));
		found_console |= !strcmp(line, "dev/console\n");
	}
	fclose(f);
	ASSERT_TRUE(found_console);

	snprintf(cmd, sizeof(cmd), "cd %s/out && cpio -id --quiet --nonmatching 'dev/console' < ../root.cpio",
		 dir);
	ASSERT_EQ(0, run(cmd));
	snprintf(cmd, sizeof(cmd), "cd %s/out && diff -r ../in/bin bin && diff -r ../in/etc etc",
		 dir);
	ASSERT_EQ(0, run(cmd));
	snprintf(cmd, sizeof(cmd), "cd %s/out && test -d proc && test ! -e proc/x && test \"$(readlink link)\" = bin/prog",
		 dir);
	ASSERT_EQ(0, run(cmd));
	snprintf(path, sizeof(path), "%s/out/bin/prog", dir);
	ASSERT_EQ(0, stat(path, &st));
	ASSERT_EQ(0755, st.st_mode & 0777);

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	run(cmd);
}

TEST(missing_root_fails)
{
	ASSERT_GT(0, cpio_pack_tree("/nonexistent-root", "/dev/null", NULL));
}

TEST_HARNESS_MAIN
