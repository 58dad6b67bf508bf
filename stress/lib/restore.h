/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The restore side of one cycle (restore.c). Private to stress/lib.
 */
#ifndef LUO_STRESS_RESTORE_H
#define LUO_STRESS_RESTORE_H

#include "run.h"

/* Retrieve, verify and finish the previous kernel's sessions. */
void restore_cycle(struct run *r);

#endif
