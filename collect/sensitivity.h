/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo-aggregate --cycles-for and --simulate (sensitivity.c): the cycles
 * a sweep needs to catch a change, and the rule tried on simulated
 * sweeps.
 */
#ifndef LUO_COLLECT_SENSITIVITY_H
#define LUO_COLLECT_SENSITIVITY_H

/* --cycles-for CHANGE METRICS [METRICS2] */
int sens_cycles_for(const char *change, const char *path, const char *path2);
/* --simulate CHANGE SWEEPS [--cycles N] METRICS [METRICS2] */
int sens_simulate(const char *change, const char *sweeps, const char *cycles,
		  const char *path, const char *path2);

#endif
