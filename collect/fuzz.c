// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: arbitrary bytes, split into lines, through the log
 * parser and its flush. Build with `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lava.h"
#include "parse.h"

static void sink_row(void *ctx, const struct collect_cycle *c,
		     const struct collect_row *r, const char *status)
{
	(void)ctx;
	/* touch what a real sink reads */
	if (strlen(r->phase) + strlen(r->labels) + strlen(status) +
	    strlen(c->msg) == (size_t)-1)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct collect c;
	struct collect_sink sink = { .row = sink_row };
	const char *p = (const char *)data, *nl;
	size_t left = size;

	parse_init(&c, &sink);
	while (left) {
		nl = memchr(p, '\n', left);
		size_t n = nl ? (size_t)(nl - p) + 1 : left;

		/* both input kinds share the parser: feed each line to both */
		parse_serial_line(&c, p, n);
		lava_line(&c, p, n);
		p += n;
		left -= n;
	}
	parse_finish(&c);
	return 0;
}
