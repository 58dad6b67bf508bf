/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a cycle actually preserved, from the kernel's own view of each
 * memfd: its folios (/proc/self/pagemap and /proc/kpageflags, read as
 * root), size, seals and holes (SEEK_DATA/SEEK_HOLE), never our spec.
 * Size, seals and holes are read as the file is handed to LUO: LUO 7.3
 * fills every hole when it pins the folios at preserve
 * (memfd_pin_folios() allocates each index), so after preserve a sparse
 * file has none. Folios are read after preserve, as LUO holds them.
 * Counted per memfd kind; the shapes seen are carried across the run so
 * the last kernel can say which shape the workload asked for and never
 * got.
 */
#ifndef LUO_STRESS_COVERAGE_H
#define LUO_STRESS_COVERAGE_H

#include <stddef.h>
#include <stdint.h>

#include "memfd_kind.h"

/* Shapes of preserved state a run can cover. */
enum shape {
	SHAPE_SMALL_FOLIOS,	/* a file of several base-page folios */
	SHAPE_LARGE_FOLIO,	/* a file with a folio above order 0 */
	SHAPE_PMD_FOLIO,	/* a file with a PMD-size folio */
	SHAPE_MIXED,		/* a file of large and base-page folios */
	SHAPE_UNALIGNED,	/* a size that is not page aligned */
	SHAPE_HOLE,		/* a hole before the end of the file */
	SHAPE_SEALED,		/* seals beyond F_SEAL_SEAL */
	SHAPE_MULTI_BLOCK,	/* a session of more files than a block holds */
	SHAPE_COUNT,
};

/* "name name ..." of the shapes in @mask, into @buf. */
void shapes_format(uint32_t mask, char *buf, size_t size);

struct kind_coverage {
	uint64_t files;
	uint64_t bytes;
	uint64_t one_folio;	/* files of exactly one folio */
	uint64_t multi_folio;	/* files of several folios */
	uint64_t large_folio;	/* files with a folio above order 0 */
	uint64_t mixed;		/* ... and a base-page folio too */
	uint32_t orders;	/* folio orders seen, bit per order */
	uint64_t sealed;
	uint64_t unaligned;
	uint64_t holes;		/* hole ranges before EOF, all files */
};

struct coverage {
	int ready;
	char why[160];		/* when not ready */
	int pagemap, kpageflags;
	size_t page_size;
	unsigned int pmd_order;
	uint32_t shapes;	/* seen this cycle */
	struct kind_coverage kind[KIND_COUNT];
};

/* Open the kernel's views. Returns 0, or -1 with cv->why set. */
int coverage_open(struct coverage *cv, size_t page_size);
void coverage_close(struct coverage *cv);

/*
 * Measure memfd @fd of kind @k as handed to LUO (size, seals, holes),
 * before preserve. Returns 0, or -1 with cv->why set.
 */
int coverage_given(struct coverage *cv, enum memfd_kind k, int fd);

/* Measure its folios after preserve. Returns 0, or -1 with cv->why. */
int coverage_preserved(struct coverage *cv, enum memfd_kind k, int fd);

/* One "# coverage:" line per kind with files, and one for them all. */
void coverage_print(const struct coverage *cv, uint64_t cycle);

#endif
