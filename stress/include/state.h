/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The state session: one preserved memfd that carries the run config, the
 * cycle number and the previous cycle's phase times across each kexec.
 */
#ifndef LUO_STRESS_STATE_H
#define LUO_STRESS_STATE_H

#include <stdint.h>

#include "config.h"
#include "metrics.h"

#define STATE_SESSION	"luo-stress-state"
#define STATE_TOKEN	1
#define STATE_MAGIC	0x53455254534f554cULL	/* "LUOSTRES" */
#define STATE_VERSION	1

struct stress_state {
	uint64_t magic;
	uint32_t version;
	uint32_t size;
	struct stress_config cfg;
	uint64_t cycle;		/* the kexec this state crosses, from 1 */
	uint64_t kexec_real_ns;	/* CLOCK_REALTIME at the kexec call */
	uint64_t phase_ns[PHASE_COUNT];	/* this cycle's times so far */
};

/*
 * Preserve @st in a new state session. On success returns the session fd,
 * which must stay open until the kexec; -errno on failure.
 */
int state_save(int luo_fd, const struct stress_state *st);

/*
 * Retrieve and check the state of the previous kernel into @st and finish
 * its session. Returns 0, -ENOENT when there is no state (first boot),
 * -EBADMSG when it is not ours, or another -errno.
 */
int state_load(int luo_fd, struct stress_state *st);

#endif
