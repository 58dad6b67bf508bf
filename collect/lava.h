/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LAVA job logs as luo-collect input (lava.c): each line's console text
 * fed to the serial parser of parse.h.
 */
#ifndef LUO_COLLECT_LAVA_H
#define LUO_COLLECT_LAVA_H

#include <stddef.h>

#include "parse.h"

/*
 * Feed one line of a LAVA job log (lava-run's stdout, or `lavacli jobs
 * logs --raw`): {"dt": ..., "lvl": ..., "msg": ...}.
 */
void lava_line(struct collect *c, const char *line, size_t len);

#endif
