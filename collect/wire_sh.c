// SPDX-License-Identifier: GPL-2.0
/*
 * luo-collect --wire (see wire_sh.h): wire.h's tables printed as lines a
 * shell sources and Python splits with shlex.
 */
#include <stdio.h>

#include "wire.h"
#include "wire_sh.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define WIRE_DEF(name) { #name, name }
#define WIRE_NAME(name) #name
#define WIRE_EVENT(event, kind, function) { #event, event, kind, function }

static const struct {
	const char *name, *value;
} defs[] = WIRE_DEFS(WIRE_DEF);

static const char *const words[] = WIRE_WORDS(WIRE_NAME);

static const struct {
	const char *name, *event, *kind, *function;
} kprobes[] = WIRE_KPROBES(WIRE_EVENT);

/* NAME=' and the value, a ' inside it closed, escaped and reopened */
static void put_start(FILE *f, const char *name)
{
	fprintf(f, "%s='", name);
}

static void put_more(FILE *f, const char *value)
{
	for (; *value; value++) {
		if (*value == '\'')
			fputs("'\\''", f);
		else
			fputc(*value, f);
	}
}

static void put(FILE *f, const char *name, const char *value)
{
	put_start(f, name);
	put_more(f, value);
	fputs("'\n", f);
}

void wire_sh_print(FILE *f)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(defs); i++)
		put(f, defs[i].name, defs[i].value);
	for (i = 0; i < ARRAY_LEN(kprobes); i++)
		put(f, kprobes[i].name, kprobes[i].event);
	/* kprobe_event=p:EVENT,FUNCTION;r:... */
	put_start(f, "WIRE_KPROBE_EVENTS");
	for (i = 0; i < ARRAY_LEN(kprobes); i++) {
		put_more(f, i ? ";" : "");
		put_more(f, kprobes[i].kind);
		put_more(f, ":");
		put_more(f, kprobes[i].event);
		put_more(f, ",");
		put_more(f, kprobes[i].function);
	}
	fputs("'\n", f);
	put_start(f, "WIRE_WORDS");
	for (i = 0; i < ARRAY_LEN(words); i++) {
		put_more(f, i ? " " : "");
		put_more(f, words[i]);
	}
	fputs("'\n", f);
}
