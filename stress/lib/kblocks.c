// SPDX-License-Identifier: GPL-2.0
/*
 * Serialization blocks counted by the kernel (see kblocks.h).
 */
#include <stdio.h>
#include <string.h>

#include "kblocks.h"
#include "ktrace.h"
#include "util.h"

#define GROUP "luo_stress"

/*
 * Fields of struct kho_block_set (include/linux/kho_block.h, 7.3, 64-bit):
 * list_head blocks; long nblocks; u64 head_pa; size_t entry_size;
 * u64 count_per_block; bool incoming. A kernel that moves them shows
 * entry sizes that are neither of its ABI's, and counting stops there.
 */
#define SET_NBLOCKS	"+16"
#define SET_ENTRY_SIZE	"+32"
#define SET_INCOMING	"+48"
#define SET_FIELDS(arg) \
	"nblocks=" SET_NBLOCKS "(" arg "):s64 esize=" SET_ENTRY_SIZE "(" arg \
	"):u64 incoming=" SET_INCOMING "(" arg "):u8"

static const struct {
	const char *def;
	const char *trigger;
} probes[] = {
	/* a block joins a set: grown (outgoing) or restored (incoming) */
	{ "p:" GROUP "/block_add kho_block_add " SET_FIELDS("$arg1"),
	  "hist:keys=esize,incoming:vals=hitcount" },
	/* the last block of a set is freed */
	{ "p:" GROUP "/block_shrink kho_block_set_shrink_one " SET_FIELDS("$arg1"),
	  "hist:keys=esize,incoming:vals=hitcount" },
	/* every block of a set is freed */
	{ "p:" GROUP "/set_destroy kho_block_set_destroy " SET_FIELDS("$arg1"),
	  "hist:keys=esize,incoming:vals=hitcount,nblocks" },
	/* a set is walked: serialized (outgoing) or deserialized (incoming) */
	{ "p:" GROUP "/set_walk kho_block_set_it_init " SET_FIELDS("$arg2"),
	  "hist:keys=esize,incoming:vals=hitcount,nblocks" },
};

int kblocks_setup(struct kblocks *kb, const struct luo_abi *abi)
{
	char why[160];
	size_t i;

	memset(kb, 0, sizeof(*kb));
	kb->abi = abi;
	if (!abi) {
		snprintf(kb->why, sizeof(kb->why), "the block model lacks this ABI");
		return -1;
	}
	if (ktrace_mount(why, sizeof(why))) {
		snprintf(kb->why, sizeof(kb->why), "%s", why);
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(probes); i++) {
		if (ktrace_hist_probe(probes[i].def, probes[i].trigger, why,
				      sizeof(why))) {
			snprintf(kb->why, sizeof(kb->why), "%s", why);
			return -1;
		}
	}
	kb->ready = 1;
	return 0;
}

/*
 * Add @field (hitcount when NULL) of the rows of @event whose incoming
 * flag is @incoming into @c, by entry size. Returns 0 or -1 with why.
 */
static int sum(struct kblocks *kb, const char *event, const char *field,
	       int incoming, int sign, struct kblock_count *c)
{
	struct hist_row rows[16];
	int64_t es, v;
	int n, i;

	n = ktrace_hist_read(GROUP, event, rows, ARRAY_SIZE(rows), kb->why,
			     sizeof(kb->why));
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (hist_field(&rows[i], "incoming", -1) != incoming)
			continue;
		es = hist_field(&rows[i], "esize", -1);
		v = field ? hist_field(&rows[i], field, 0) : rows[i].hitcount;
		if (es == (int64_t)kb->abi->session_entry) {
			c->session_blocks += sign * v;
		} else if (es == (int64_t)kb->abi->file_entry) {
			c->file_blocks += sign * v;
		} else {
			snprintf(kb->why, sizeof(kb->why),
				 "a block set of entry size %lld, neither %zu (session) nor %zu (file): the kernel's struct kho_block_set is not the one we read",
				 (long long)es, kb->abi->session_entry,
				 kb->abi->file_entry);
			return -1;
		}
	}
	return 0;
}

int kblocks_allocated(struct kblocks *kb, struct kblock_count *c)
{
	*c = (struct kblock_count){ 0 };
	if (!kb->ready)
		return -1;
	return sum(kb, "block_add", NULL, 0, 1, c) ||
	       sum(kb, "block_shrink", NULL, 0, -1, c) ||
	       sum(kb, "set_destroy", "nblocks", 0, -1, c) ? -1 : 0;
}

int kblocks_restored(struct kblocks *kb, struct kblock_count *c)
{
	*c = (struct kblock_count){ 0 };
	if (!kb->ready)
		return -1;
	return sum(kb, "set_walk", "nblocks", 1, 1, c);
}
