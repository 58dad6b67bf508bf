// SPDX-License-Identifier: GPL-2.0
/*
 * memfd kinds and per-file specs (see memfd_kind.h).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "memfd_kind.h"
#include "util.h"

static const char *const kind_names[KIND_COUNT] = {
	[KIND_PLAIN] = "plain",
	[KIND_EMPTY] = "empty",
	[KIND_UNALIGNED] = "unaligned",
	[KIND_SPARSE] = "sparse",
	[KIND_LARGE] = "large",
	[KIND_SEALED] = "sealed",
};

const char *kind_name(enum memfd_kind k)
{
	return k < KIND_COUNT ? kind_names[k] : "unknown";
}

int kinds_parse(const char *list, uint32_t *mask)
{
	const char *p = list, *end;
	size_t len, k;

	*mask = 0;
	if (!strcmp(list, "all")) {
		*mask = KIND_MASK_ALL;
		return 0;
	}
	for (;;) {
		end = strchr(p, ',');
		len = end ? (size_t)(end - p) : strlen(p);
		for (k = 0; k < KIND_COUNT; k++)
			if (strlen(kind_names[k]) == len &&
			    !strncmp(kind_names[k], p, len))
				break;
		if (!len || k == KIND_COUNT)
			return -1;
		*mask |= 1u << k;
		if (!end)
			return 0;
		p = end + 1;
	}
}

void kinds_format(uint32_t mask, char *buf, size_t size)
{
	names_format(mask, kind_names, KIND_COUNT, ",", buf, size);
}

enum memfd_kind kind_of(uint32_t mask, uint64_t token)
{
	unsigned int n = __builtin_popcount(mask), pick, k;

	if (!n)
		return KIND_PLAIN;
	pick = token % n;
	for (k = 0; k < KIND_COUNT; k++) {
		if (!(mask & (1u << k)))
			continue;
		if (!pick--)
			break;
	}
	return k;
}

void memfd_spec_of(enum memfd_kind k, uint64_t pages, uint64_t large_mb,
		   size_t page_size, struct memfd_spec *s)
{
	s->kind = k;
	/* memfds are created without MFD_ALLOW_SEALING: F_SEAL_SEAL is set */
	s->seals = F_SEAL_SEAL;
	switch (k) {
	case KIND_EMPTY:
		s->size = 0;
		break;
	case KIND_UNALIGNED:
		s->size = pages * page_size + page_size / 2 + 3;
		break;
	case KIND_SPARSE:
		s->size = (pages < 2 ? 2 : pages) * page_size;
		break;
	case KIND_LARGE:
		/* a page past the MiBs: large folios and a base page in one */
		s->size = (large_mb << 20) + page_size;
		break;
	case KIND_SEALED:
		s->size = pages * page_size;
		s->seals = F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW |
			   F_SEAL_WRITE;
		break;
	default:
		s->size = pages * page_size;
		break;
	}
	s->pages = (s->size + page_size - 1) / page_size;
}

int spec_page_is_hole(const struct memfd_spec *s, uint64_t pg)
{
	return s->kind == KIND_SPARSE && (pg & 1);
}
