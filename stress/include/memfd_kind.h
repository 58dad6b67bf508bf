/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kinds of preserved memfd (plain, empty, unaligned size, sparse with
 * holes, large, sealed) and the per-file spec derived from the run config
 * and the file's token, so the next kernel knows what each file must be.
 */
#ifndef LUO_STRESS_MEMFD_KIND_H
#define LUO_STRESS_MEMFD_KIND_H

#include <stddef.h>
#include <stdint.h>

enum memfd_kind {
	KIND_PLAIN,	/* --pages full pages of data */
	KIND_EMPTY,	/* size 0 */
	KIND_UNALIGNED,	/* data up to a size that is not page aligned */
	KIND_SPARSE,	/* odd pages are holes that must read back as 0 */
	KIND_LARGE,	/* --large-mb MiB and a page of data (THP where allowed) */
	KIND_SEALED,	/* plain data, sealed against shrink, grow, write */
	KIND_COUNT,
};

#define KIND_MASK_ALL ((1u << KIND_COUNT) - 1)

struct memfd_spec {
	enum memfd_kind kind;
	uint64_t size;		/* bytes */
	uint64_t pages;		/* pages covering size */
	int seals;		/* F_GET_SEALS after restore */
};

const char *kind_name(enum memfd_kind k);

/*
 * Parse a comma-separated list of kind names ("all" for every kind) into
 * a bit mask. Returns 0, or -1 on an unknown name.
 */
int kinds_parse(const char *list, uint32_t *mask);

/* Write the names of the kinds in @mask, comma-separated, to @buf. */
void kinds_format(uint32_t mask, char *buf, size_t size);

/* Kind of the file with @token: kinds in @mask taken in turn. */
enum memfd_kind kind_of(uint32_t mask, uint64_t token);

/* Size, pages and seals of a file of kind @k. */
void memfd_spec_of(enum memfd_kind k, uint64_t pages, uint64_t large_mb,
		   size_t page_size, struct memfd_spec *s);

/* Is page @pg of a file of this spec a hole? */
int spec_page_is_hole(const struct memfd_spec *s, uint64_t pg);

#endif
