/* SPDX-License-Identifier: GPL-2.0 */
/*
 * luo-collect --wire: the wire format (stress/include/wire.h) for shell
 * and Python, which cannot include it (wire_sh.c).
 */
#ifndef LUO_COLLECT_WIRE_SH_H
#define LUO_COLLECT_WIRE_SH_H

#include <stdio.h>

/*
 * Write every definition of wire.h as a shell-safe NAME='value' line,
 * then WIRE_KPROBE_EVENTS (the kernel command line's kprobe_event=
 * value) and WIRE_WORDS (the names too common to look for in the tree).
 */
void wire_sh_print(FILE *f);

#endif
