/* SPDX-License-Identifier: GPL-2.0 */
/*
 * --abort: one kexec of each cycle fails in freeze, on the checking
 * kernel's test hook, and the sessions must stay usable (freeze_abort.c).
 */
#ifndef LUO_STRESS_FREEZE_ABORT_H
#define LUO_STRESS_FREEZE_ABORT_H

#include <stdint.h>

/*
 * Fail the freeze of a reboot(RB_KEXEC) of cycle @cycle, check its
 * errno and that sessions are usable after it (@luo_fd). Returns 0, or
 * -1 after a FAIL line.
 */
int freeze_abort(int luo_fd, uint64_t cycle);

#endif
