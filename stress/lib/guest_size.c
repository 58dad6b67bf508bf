// SPDX-License-Identifier: GPL-2.0
/*
 * The guest memory formula (see guest_size.h). Its constants were set by
 * runs of this project that passed at the sizes they give (1 session x
 * 100,000 files, 10,000 sessions, 2 x 20,000 files; TCG x86_64, 7.3):
 * they are generous bounds, not measured minimums.
 */
#include "guest_size.h"

#define MIB (1ULL << 20)

/*
 * The kernel and everything that does not grow with the workload: the
 * kernel image and its memmap, KHO's scratch area (the kernel reserves
 * twice what memblock holds at boot), the unpacked initramfs with the
 * next kernel's image in it, and the packed copy init writes to /run for
 * the next kexec.
 */
#define KERNEL_MIB		768

/*
 * Copies of the preserved data at the peak of a cycle: the previous
 * kernel's set, held until each session is retrieved, verified and
 * finished; the new set being populated and preserved; and one more as
 * headroom for fragmentation (large memfds want 2 MiB folios).
 */
#define DATA_COPIES		3

/*
 * Per memfd: inode, dentry, file, shmem and LUO file state (16 KiB),
 * and a page: memfd_luo's serialized header, which kho_alloc_preserve()
 * rounds up to a whole page (64 KiB with 64K pages; an OOM of a 64K-page
 * guest at 16,000 files showed it).
 */
#define FILE_OBJECT_BYTES	(16 << 10)

/* Per session: LUO's session state and its fd (8 KiB). */
#define SESSION_OBJECT_BYTES	(8 << 10)

/*
 * Per worker process: its copy of the agent's memory, a page of scratch,
 * its stack and page tables (8 MiB, a generous bound).
 */
#define WORKER_MIB		8

/*
 * A checking kernel: KASAN's shadow is an eighth of memory, its
 * quarantine up to a 32nd, its redzones and kmemleak's metadata grow
 * every slab object: half as much again as the rest, and 256 MiB for
 * the larger kernel and lockdep's tables.
 */
#define CHECKING_NUM		1
#define CHECKING_DEN		2
#define CHECKING_FIXED_MIB	256

static uint64_t mib_up(uint64_t bytes)
{
	return (bytes + MIB - 1) / MIB;
}

void guest_size(const struct guest_load *load, uint64_t board_mib,
		struct guest_size *g)
{
	uint64_t sum;

	g->kernel_mib = board_mib > KERNEL_MIB ? board_mib : KERNEL_MIB;
	/* plus a page per file with data: partial pages, metadata rounding */
	g->data_mib = mib_up(load->data_bytes +
			     load->data_files * load->page_size);
	g->data_copies = DATA_COPIES;
	g->file_objects_mib = mib_up(load->files *
				     (FILE_OBJECT_BYTES + load->page_size));
	g->session_objects_mib = mib_up(load->sessions * SESSION_OBJECT_BYTES);
	g->board_mib = board_mib;
	sum = g->kernel_mib + g->data_copies * g->data_mib +
	      g->file_objects_mib + g->session_objects_mib;
	g->workers_mib = load->workers * WORKER_MIB;
	sum += g->workers_mib;
	g->checking_mib = load->checking ?
		sum * CHECKING_NUM / CHECKING_DEN + CHECKING_FIXED_MIB : 0;
	g->total_mib = sum + g->checking_mib;
}

void guest_size_print(const struct guest_size *g, FILE *f)
{
	fprintf(f, "guest_mib=%llu\n"
		"guest_kernel_mib=%llu\n"
		"guest_data_mib=%llu\n"
		"guest_data_copies=%llu\n"
		"guest_file_objects_mib=%llu\n"
		"guest_session_objects_mib=%llu\n"
		"guest_board_mib=%llu\n"
		"guest_workers_mib=%llu\n"
		"guest_checking_mib=%llu\n",
		(unsigned long long)g->total_mib,
		(unsigned long long)g->kernel_mib,
		(unsigned long long)g->data_mib,
		(unsigned long long)g->data_copies,
		(unsigned long long)g->file_objects_mib,
		(unsigned long long)g->session_objects_mib,
		(unsigned long long)g->board_mib,
		(unsigned long long)g->workers_mib,
		(unsigned long long)g->checking_mib);
}
