// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: arbitrary bytes, split into lines, through the log
 * parser and its flush, with a kernel table of two kernels whose memfd
 * ABIs differ (declines expected) on every other input. Build with
 * `make fuzz`.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kernels.h"
#include "lava.h"
#include "parse.h"
#include "text.h"

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
	static const char *const table_lines[] = {
		"kernels=2", "kernel.0.release=7.3.4", "kernel.1.release=7.2.12",
		"kernel.0.page_size=4096", "kernel.1.page_size=4096",
		"kernel.0.luo=luo-v5", "kernel.1.luo=luo-v5",
		"kernel.0.kho=kho-v4", "kernel.1.kho=kho-v4",
		"kernel.0.memfd=memfd-v2", "kernel.1.memfd=memfd-v3",
	};
	static struct collect c;
	static struct kernels t;
	struct collect_sink sink = { .row = sink_row };
	const char *p = (const char *)data, *nl;
	size_t left = size, i;
	char err[256];

	kernels_init(&t);
	for (i = 0; i < ARRAY_SIZE(table_lines); i++)
		kernels_line(&t, table_lines[i], err, sizeof(err));
	parse_init(&c, &sink);
	if (size & 1)
		c.table = &t;
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
