// SPDX-License-Identifier: GPL-2.0
/*
 * Coverage from the kernel's view of each preserved memfd (see
 * coverage.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "coverage.h"
#include "kselftest.h"
#include "thp.h"
#include "util.h"
#include "wire.h"

/* include/uapi/linux/kernel-page-flags.h */
#define KPF_COMPOUND_HEAD	15
#define KPF_COMPOUND_TAIL	16
/* /proc/self/pagemap: bit 63 present, bits 0-54 the page frame */
#define PM_PRESENT		(1ULL << 63)
#define PM_PFN_MASK		((1ULL << 55) - 1)
#define BATCH			512	/* pages read per pagemap call */

static const char *const shape_names[SHAPE_COUNT] = {
	[SHAPE_SMALL_FOLIOS] = "small_folios",
	[SHAPE_LARGE_FOLIO] = "large_folio",
	[SHAPE_PMD_FOLIO] = "pmd_folio",
	[SHAPE_MIXED] = "mixed_folios",
	[SHAPE_UNALIGNED] = "unaligned",
	[SHAPE_HOLE] = "hole",
	[SHAPE_SEALED] = "sealed",
	[SHAPE_MULTI_BLOCK] = "multi_block",
};

void shapes_format(uint32_t mask, char *buf, size_t size)
{
	names_format(mask, shape_names, SHAPE_COUNT, " ", buf, size);
}

int coverage_open(struct coverage *cv, size_t page_size)
{
	uint64_t pmd = thp_pmd_size();

	memset(cv, 0, sizeof(*cv));
	cv->page_size = page_size;
	/* without THP the kernel has no PMD folio to give */
	while (pmd > page_size && (page_size << ++cv->pmd_order) < pmd)
		;
	cv->pagemap = open("/proc/self/pagemap", O_RDONLY);
	cv->kpageflags = open("/proc/kpageflags", O_RDONLY);
	if (cv->pagemap < 0 || cv->kpageflags < 0) {
		snprintf(cv->why, sizeof(cv->why), "%s: %s",
			 cv->pagemap < 0 ? "/proc/self/pagemap" : "/proc/kpageflags",
			 strerror(errno));
		coverage_close(cv);
		return -1;
	}
	cv->ready = 1;
	return 0;
}

void coverage_close(struct coverage *cv)
{
	if (cv->pagemap >= 0)
		close(cv->pagemap);
	if (cv->kpageflags >= 0)
		close(cv->kpageflags);
	cv->pagemap = cv->kpageflags = -1;
	cv->ready = 0;
}

/* Folios of one file as the walk finds them. */
struct folios {
	uint64_t count;		/* folios */
	uint64_t small, large;	/* order 0, above */
	uint32_t orders;
	uint64_t run;		/* pages of the folio being walked */
};

static void end_folio(struct folios *f)
{
	unsigned int order = 0;

	if (!f->run)
		return;
	while ((1ULL << order) < f->run)
		order++;
	f->count++;
	f->orders |= 1u << (order < 31 ? order : 31);
	if (order)
		f->large++;
	else
		f->small++;
	f->run = 0;
}

/*
 * Walk the folios of data range [off, end) of @fd: map it, fault it in
 * for reading (holes stay holes: they are not in the range), and read
 * each page's frame from pagemap and its flags from kpageflags.
 */
static int walk_range(struct coverage *cv, int fd, uint64_t off,
		      uint64_t end, struct folios *f)
{
	uint64_t pm[BATCH], flags[BATCH], len = end - off, i, j, n, done;
	char *map;

	map = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, off);
	if (map == MAP_FAILED)
		return -errno;
	if (madvise(map, len, MADV_POPULATE_READ)) {
		munmap(map, len);
		return -errno;
	}
	for (done = 0; done < len / cv->page_size; done += n) {
		n = len / cv->page_size - done;
		if (n > BATCH)
			n = BATCH;
		if (pread(cv->pagemap, pm, n * 8,
			  ((uintptr_t)map / cv->page_size + done) * 8) !=
		    (ssize_t)(n * 8))
			goto err;
		for (i = 0; i < n; i++) {
			if (!(pm[i] & PM_PRESENT) || !(pm[i] & PM_PFN_MASK)) {
				errno = EPERM;	/* frames hidden: not root */
				goto err;
			}
			pm[i] &= PM_PFN_MASK;
		}
		/* the flags of each run of consecutive frames in one read */
		for (i = 0; i < n; i = j) {
			for (j = i + 1; j < n && pm[j] == pm[j - 1] + 1; j++)
				;
			if (pread(cv->kpageflags, &flags[i], (j - i) * 8,
				  pm[i] * 8) != (ssize_t)((j - i) * 8))
				goto err;
		}
		for (i = 0; i < n; i++) {
			if (!(flags[i] & (1ULL << KPF_COMPOUND_TAIL)))
				end_folio(f);	/* a head or a base page */
			f->run++;
		}
	}
	munmap(map, len);
	return 0;
err:
	munmap(map, len);
	return errno ? -errno : -EIO;
}

int coverage_given(struct coverage *cv, enum memfd_kind k, int fd)
{
	struct kind_coverage *kc = &cv->kind[k];
	off_t data, off = 0;
	uint64_t holes = 0;
	struct stat st;
	int seals;

	if (!cv->ready)
		return -1;
	seals = fstat(fd, &st) ? -1 : fcntl(fd, F_GET_SEALS);
	if (seals < 0) {
		snprintf(cv->why, sizeof(cv->why), "fstat/F_GET_SEALS: %s",
			 strerror(errno));
		return -1;
	}
	kc->files++;
	kc->bytes += st.st_size;
	while (off < st.st_size) {
		data = lseek(fd, off, SEEK_DATA);
		if (data < 0 || data >= st.st_size) {
			holes++;	/* a hole to the end */
			break;
		}
		if (data > off)
			holes++;
		off = lseek(fd, data, SEEK_HOLE);
		if (off < 0)
			break;
	}
	kc->holes += holes;
	if (holes)
		cv->shapes |= 1u << SHAPE_HOLE;
	if (seals & ~F_SEAL_SEAL) {
		kc->sealed++;
		cv->shapes |= 1u << SHAPE_SEALED;
	}
	if (st.st_size % cv->page_size) {
		kc->unaligned++;
		cv->shapes |= 1u << SHAPE_UNALIGNED;
	}
	return 0;
}

int coverage_preserved(struct coverage *cv, enum memfd_kind k, int fd)
{
	struct kind_coverage *kc = &cv->kind[k];
	struct folios f = { 0 };
	off_t data, hole, off = 0;
	struct stat st;
	int err;

	if (!cv->ready)
		return -1;
	if (fstat(fd, &st)) {
		snprintf(cv->why, sizeof(cv->why), "fstat: %s", strerror(errno));
		return -1;
	}
	while (off < st.st_size) {
		data = lseek(fd, off, SEEK_DATA);
		if (data < 0 || data >= st.st_size)
			break;
		hole = lseek(fd, data, SEEK_HOLE);
		if (hole < 0)
			hole = st.st_size;
		/* whole pages: the last one may hold the unaligned end */
		hole = (hole + cv->page_size - 1) / cv->page_size * cv->page_size;
		err = walk_range(cv, fd, data, hole, &f);
		if (err) {
			snprintf(cv->why, sizeof(cv->why), "folios of a %s memfd: %s",
				 kind_name(k), strerror(-err));
			return -1;
		}
		off = hole;
	}
	end_folio(&f);
	kc->orders |= f.orders;
	if (f.count == 1)
		kc->one_folio++;
	if (f.count > 1)
		kc->multi_folio++;
	if (f.large)
		kc->large_folio++;
	if (f.large && f.small)
		kc->mixed++;
	if (f.small > 1 && !f.large)
		cv->shapes |= 1u << SHAPE_SMALL_FOLIOS;
	if (f.large)
		cv->shapes |= 1u << SHAPE_LARGE_FOLIO;
	if (cv->pmd_order && (f.orders >> cv->pmd_order))
		cv->shapes |= 1u << SHAPE_PMD_FOLIO;
	if (f.large && f.small)
		cv->shapes |= 1u << SHAPE_MIXED;
	return 0;
}

static void print_kind(const struct kind_coverage *kc, const char *kind,
		       uint64_t cycle)
{
	char orders[96];
	size_t n = 0;
	int o;

	orders[0] = 0;
	for (o = 0; o < 32 && n < sizeof(orders); o++)
		if (kc->orders & (1u << o))
			n += snprintf(orders + n, sizeof(orders) - n, "%s%d",
				      n ? "/" : "", o);
	ksft_print_msg(WIRE_COVERAGE_MSG "cycle=%llu kind=%s files=%llu bytes=%llu one_folio=%llu multi_folio=%llu large_folio=%llu mixed=%llu orders=%s sealed=%llu unaligned=%llu holes=%llu\n",
		       (unsigned long long)cycle, kind,
		       (unsigned long long)kc->files,
		       (unsigned long long)kc->bytes,
		       (unsigned long long)kc->one_folio,
		       (unsigned long long)kc->multi_folio,
		       (unsigned long long)kc->large_folio,
		       (unsigned long long)kc->mixed, n ? orders : "none",
		       (unsigned long long)kc->sealed,
		       (unsigned long long)kc->unaligned,
		       (unsigned long long)kc->holes);
}

void coverage_print(const struct coverage *cv, uint64_t cycle)
{
	struct kind_coverage all = { 0 };
	int k;

	for (k = 0; k < KIND_COUNT; k++) {
		const struct kind_coverage *kc = &cv->kind[k];

		if (!kc->files)
			continue;
		print_kind(kc, kind_name(k), cycle);
		all.files += kc->files;
		all.bytes += kc->bytes;
		all.one_folio += kc->one_folio;
		all.multi_folio += kc->multi_folio;
		all.large_folio += kc->large_folio;
		all.mixed += kc->mixed;
		all.orders |= kc->orders;
		all.sealed += kc->sealed;
		all.unaligned += kc->unaligned;
		all.holes += kc->holes;
	}
	print_kind(&all, "all", cycle);
}
