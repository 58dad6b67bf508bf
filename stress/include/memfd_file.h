/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Build one memfd to its spec before preserve, and verify one retrieved
 * memfd against its spec after kexec: size, seals, holes, every byte.
 * A failure prints one WIRE_FAIL "<what>:" line naming cycle, session,
 * token, page and offset.
 */
#ifndef LUO_STRESS_MEMFD_FILE_H
#define LUO_STRESS_MEMFD_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "memfd_kind.h"

struct file_id {
	uint64_t seed;
	uint64_t cycle;
	uint64_t session;	/* index */
	const char *name;	/* session name */
	uint64_t token;
};

/*
 * Create a memfd laid out as @spec, content from @id. @page is page_size
 * bytes of scratch. Returns the fd or -errno.
 */
int memfd_build(const struct file_id *id, const struct memfd_spec *spec,
		size_t page_size, unsigned char *page);

/*
 * Check a retrieved memfd against @spec. Returns 0, or -1 after printing
 * what differs (when @report is set).
 */
int memfd_verify(const struct file_id *id, const struct memfd_spec *spec,
		 size_t page_size, unsigned char *page, int fd, int report);

#endif
