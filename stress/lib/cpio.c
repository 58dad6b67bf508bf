// SPDX-License-Identifier: GPL-2.0
/*
 * Minimal newc cpio writer: packs the running initramfs so that every
 * kexec can hand the next kernel the same root, cycle after cycle.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "cpio.h"

struct cpio_out {
	FILE *f;
	unsigned long ino;
	int err;
};

static void pad4(struct cpio_out *o)
{
	static const char zeros[4];
	long pos = ftell(o->f);

	if (pos < 0) {
		o->err = -EIO;
		return;
	}
	if (pos % 4)
		fwrite(zeros, 1, 4 - pos % 4, o->f);
}

static void put_header(struct cpio_out *o, const char *name, mode_t mode,
		       unsigned long size, unsigned int rmaj, unsigned int rmin)
{
	fprintf(o->f,
		"070701%08lX%08X%08X%08X%08X%08X%08lX%08X%08X%08X%08X%08zX%08X",
		++o->ino, (unsigned int)mode, 0, 0, 1, 0, size, 0, 0, rmaj,
		rmin, strlen(name) + 1, 0);
	fwrite(name, 1, strlen(name) + 1, o->f);
	pad4(o);
}

static void put_file(struct cpio_out *o, const char *name, const char *path,
		     const struct stat *st)
{
	char buf[65536];
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0) {
		o->err = -errno;
		return;
	}
	put_header(o, name, st->st_mode, st->st_size, 0, 0);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, o->f);
	if (n < 0)
		o->err = -errno;
	close(fd);
	pad4(o);
}

static void put_symlink(struct cpio_out *o, const char *name,
			const char *path, const struct stat *st)
{
	char target[PATH_MAX];
	ssize_t n = readlink(path, target, sizeof(target) - 1);

	if (n < 0) {
		o->err = -errno;
		return;
	}
	put_header(o, name, st->st_mode, n, 0, 0);
	fwrite(target, 1, n, o->f);
	pad4(o);
}

static int skipped(const char *rel, const char *const *skip)
{
	for (; skip && *skip; skip++)
		if (!strcmp(rel, *skip))
			return 1;
	return 0;
}

static void walk(struct cpio_out *o, const char *root, const char *rel,
		 const char *const *skip)
{
	char path[PATH_MAX], child[PATH_MAX];
	struct dirent *de;
	struct stat st;
	DIR *d;

	if (snprintf(path, sizeof(path), "%s/%s", root, rel) >=
	    (int)sizeof(path)) {
		o->err = -ENAMETOOLONG;
		return;
	}
	d = opendir(path);
	if (!d) {
		o->err = -errno;
		return;
	}
	while (!o->err && (de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (snprintf(child, sizeof(child), "%s%s%s", rel,
			     *rel ? "/" : "", de->d_name) >= (int)sizeof(child) ||
		    snprintf(path, sizeof(path), "%s/%s", root, child) >=
		    (int)sizeof(path)) {
			o->err = -ENAMETOOLONG;
			break;
		}
		if (lstat(path, &st) < 0) {
			o->err = -errno;
			break;
		}
		if (S_ISDIR(st.st_mode)) {
			put_header(o, child, st.st_mode, 0, 0, 0);
			if (!skipped(child, skip))
				walk(o, root, child, skip);
		} else if (S_ISREG(st.st_mode)) {
			put_file(o, child, path, &st);
		} else if (S_ISLNK(st.st_mode)) {
			put_symlink(o, child, path, &st);
		}
		/* sockets, fifos and device nodes are not carried over */
	}
	closedir(d);
}

int cpio_pack_tree(const char *root, const char *out,
		   const char *const *skip)
{
	struct cpio_out o = { 0 };

	o.f = fopen(out, "w");
	if (!o.f)
		return -errno;
	walk(&o, root, "", skip);
	/* the kernel opens /dev/console before running /init */
	put_header(&o, "dev/console", S_IFCHR | 0600, 0, 5, 1);
	put_header(&o, "TRAILER!!!", 0, 0, 0, 0);
	if (ferror(o.f) && !o.err)
		o.err = -EIO;
	if (fclose(o.f) && !o.err)
		o.err = -errno;
	return o.err;
}
