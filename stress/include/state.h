/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state session: one preserved memfd that carries the run config, the
 * cycle number, the previous cycle's phase times and the shapes covered
 * so far across each kexec. It is checked like the workload's own files:
 * a damaged state names the field, what it should be and what it was.
 */
#ifndef LUO_STRESS_STATE_H
#define LUO_STRESS_STATE_H

#include <stdint.h>

#include "config.h"
#include "metrics.h"

#define STATE_SESSION	"luo-stress-state"
#define STATE_TOKEN	1
#define STATE_MAGIC	0x53455254534f554cULL	/* "LUOSTRES" */
#define STATE_VERSION	5

struct stress_state {
	uint64_t magic;
	uint32_t version;
	uint32_t size;
	struct stress_config cfg;
	uint64_t cycle;		/* the kexec this state crosses, from 1 */
	uint64_t kexec_real_ns;	/* CLOCK_REALTIME at the kexec call */
	uint64_t phase_ns[PHASE_COUNT];	/* this cycle's times so far */
	uint32_t shapes;	/* coverage seen in the cycles so far */
	uint32_t shapes_measured;	/* 1 once coverage could be read */
	int64_t allocated_blocks[2];	/* kernel: session, file; -1 none */
	uint64_t faults_injected;	/* --faults: the run's injections so far */
};

#define STATE_DAMAGE_MAX 8

/* What was wrong with a state that came back. */
struct state_damage {
	const char *field;	/* "size", "magic", "version", "struct size" */
	uint64_t expected;
	uint64_t found;
};

/*
 * Preserve @st in a new state session. On success returns the session fd,
 * which must stay open until the kexec, and the memfd in @memfd (the
 * caller closes it); -errno on failure.
 */
int state_save(int luo_fd, const struct stress_state *st, int *memfd);

/*
 * Retrieve and check the state of the previous kernel into @st and finish
 * its session. Returns 0; -ENOENT when there is no state (first boot);
 * -EBADMSG when it came back damaged, with up to @max of its faults in
 * @damage and their number in @ndamage; another -errno when a LUO call
 * failed.
 */
int state_load(int luo_fd, struct stress_state *st,
	       struct state_damage *damage, int max, int *ndamage);

#endif
