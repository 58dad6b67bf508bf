// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's LUO and KHO warnings from /dev/kmsg (see kmsg_luo.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kmsg_luo.h"
#include "util.h"

/* syslog's LOG_WARNING: this level and the more urgent ones count */
#define KMSG_WARNING 4
/* one record's header and text: printk's longest line and then some */
#define KMSG_RECORD_LEN 8192

static const char *const luo_prefixes[] = {
	"luo:", "KHO:", "liveupdate", "memfd_luo",
};

int kmsg_luo_add(struct kmsg_luo *k, const char *rec)
{
	const char *text = strchr(rec, ';');
	unsigned long prio;
	size_t i, len;
	char *end;

	if (!text)
		return 0;
	text++;
	prio = strtoul(rec, &end, 10);
	/* facility 0 is the kernel's; a write to /dev/kmsg is a user's */
	if (end == rec || *end != ',' || prio >> 3 || (prio & 7) > KMSG_WARNING)
		return 0;
	for (i = 0; i < ARRAY_SIZE(luo_prefixes); i++)
		if (!strncmp(text, luo_prefixes[i], strlen(luo_prefixes[i])))
			break;
	if (i == ARRAY_SIZE(luo_prefixes))
		return 0;
	len = strcspn(text, "\n");
	if (len >= KMSG_LUO_LEN)
		len = KMSG_LUO_LEN - 1;
	memcpy(k->line[k->n % 2], text, len);
	k->line[k->n % 2][len] = 0;
	k->n++;
	return 1;
}

void kmsg_luo_format(const struct kmsg_luo *k, char *buf, size_t size)
{
	char *q;

	if (!size)
		return;
	if (k->n >= 2)
		snprintf(buf, size, "%s | %s", k->line[k->n % 2],
			 k->line[(k->n + 1) % 2]);
	else
		snprintf(buf, size, "%s", k->n ? k->line[0] : "");
	for (q = buf; (q = strchr(q, '"')); q++)
		*q = '\'';
}

int kmsg_luo_read(char *buf, size_t size)
{
	struct kmsg_luo k = { .n = 0 };
	static char rec[KMSG_RECORD_LEN];
	ssize_t n;
	int fd;

	if (size)
		buf[0] = 0;
	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && (errno == EPIPE || errno == EINTR))
			continue;	/* overwritten before we read it */
		if (n <= 0)
			break;		/* EAGAIN: no more records */
		rec[n] = 0;
		kmsg_luo_add(&k, rec);
	}
	close(fd);
	kmsg_luo_format(&k, buf, size);
	return k.n;
}
