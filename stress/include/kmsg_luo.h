/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel itself said about LUO and KHO: its warnings and errors
 * from the start of /dev/kmsg (kmsg_luo.c), so a program that cannot use
 * /dev/liveupdate quotes the kernel's reason instead of guessing one.
 * A line counts when the kernel logged it (not a user's write) at
 * warning level or worse, its text starting with "luo:", "KHO:",
 * "liveupdate" or "memfd_luo" (the prefixes of kernel/liveupdate/ and
 * mm/memfd_luo.c).
 */
#ifndef LUO_STRESS_KMSG_LUO_H
#define LUO_STRESS_KMSG_LUO_H

#include <stddef.h>

/* as much of one kernel line as is quoted */
#define KMSG_LUO_LEN 256

struct kmsg_luo {
	char line[2][KMSG_LUO_LEN];	/* the last two lines, line n % 2 */
	int n;				/* lines kept so far */
};

/*
 * One /dev/kmsg record @rec ("PRIO,SEQ,USEC,FLAGS;text\n", then
 * " KEY=value" lines): keep its text when it is a LUO/KHO warning.
 * Returns 1 when kept, else 0.
 */
int kmsg_luo_add(struct kmsg_luo *k, const char *rec);

/*
 * The lines kept into @buf: the last, or the last two joined by " | ",
 * double quotes made single (the line is quoted in double quotes);
 * "" when none.
 */
void kmsg_luo_format(const struct kmsg_luo *k, char *buf, size_t size);

/*
 * Every record in /dev/kmsg so far, read without waiting, kept and
 * formatted into @buf as above. Returns the lines kept, or -errno when
 * /dev/kmsg cannot be read (@buf "").
 */
int kmsg_luo_read(char *buf, size_t size);

#endif
