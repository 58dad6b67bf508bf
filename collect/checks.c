// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel's own checkers in its log (see checks.h). The texts are
 * the kernel's (linux-source-7.3): mm/kasan/report.c, lib/ubsan.c,
 * kernel/locking/lockdep.c, kernel/sched/core.c, lib/list_debug.c,
 * mm/debug.c, mm/page_alloc.c, kernel/panic.c, mm/kmemleak.c,
 * lib/fault-inject.c, lib/tests/liveupdate.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "text.h"
#include "wire.h"

/*
 * The first lines of reports, the specific before the general ("BUG:"
 * last). Lockdep's headers are WARNING: lines; list corruption and
 * DEBUG_LOCKS_WARN_ON are a WARN()'s message, printed before its
 * "WARNING: file:line at ..." line since 6.x on x86 and arm64 and
 * right after a "WARNING: CPU: N PID: P at ..." line before that.
 * KASAN's report sits between two rules of '='; the others end with
 * their stack trace (or the WARN's "---[ end trace").
 */
static const struct checks_header headers[] = {
	{ "BUG: KASAN: ", "KASAN", "KASAN", 1, 0 },
	{ "BUG: KFENCE: ", "KFENCE", "KFENCE", 1, 0 },
	{ "UBSAN: ", "UBSAN", "UBSAN", 0, 0 },
	{ "WARNING: possible circular locking dependency detected",
	  "lockdep", "lockdep", 0, 0 },
	{ "WARNING: possible recursive locking detected", "lockdep",
	  "lockdep", 0, 0 },
	{ "WARNING: inconsistent lock state", "lockdep", "lockdep", 0, 0 },
	{ "WARNING: suspicious RCU usage", "lockdep", "lockdep", 0, 0 },
	{ "WARNING: bad unlock balance detected!", "lockdep", "lockdep", 0, 0 },
	{ "WARNING: held lock freed!", "lockdep", "lockdep", 0, 0 },
	{ "WARNING: lock held when returning to user space!", "lockdep",
	  "lockdep", 0, 0 },
	{ "WARNING: possible irq lock inversion dependency detected",
	  "lockdep", "lockdep", 0, 0 },
	{ "-unsafe lock order detected", "lockdep", "lockdep", 0, 0 },
	{ "WARNING: Nested lock was not taken", "lockdep", "lockdep", 0, 0 },
	{ "WARNING: bad contention detected!", "lockdep", "lockdep", 0, 0 },
	{ "WARNING: chain_key collision", "lockdep", "lockdep", 0, 0 },
	{ "still has locks held!", "lockdep", "lockdep", 0, 0 },
	{ "BUG: sleeping function called from invalid context", "lockdep",
	  "lockdep", 0, 0 },
	{ "DEBUG_LOCKS_WARN_ON(", "lockdep", "lockdep", 0, 1 },
	{ "list_add corruption", "list", "list corruption", 0, 1 },
	{ "list_del corruption", "list", "list corruption", 0, 1 },
	{ "list_add double add", "list", "list corruption", 0, 1 },
	{ "page dumped because", "VM", "DEBUG_VM", 0, 1 },
	{ "VM_BUG_ON", "VM", "DEBUG_VM", 0, 1 },
	{ "BUG: Bad page state", "VM", "DEBUG_VM", 0, 0 },
	{ "BUG: Bad page map", "VM", "DEBUG_VM", 0, 0 },
	{ "BUG: Bad rss-counter state", "VM", "DEBUG_VM", 0, 0 },
	{ "BUG:", "BUG", "kernel BUG", 0, 0 },
};

const struct checks_header *checks_header(const char *k)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(headers); i++)
		if (strstr(k, headers[i].text))
			return &headers[i];
	return NULL;
}

int checks_end_line(const char *k)
{
	return strstr(k, "---[ end trace") || text_after(k, "==========");
}

/* Characters of a function's name as %pS prints it ("foo.isra.0"). */
#define FN_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" \
	"0123456789_.$"
#define HEX "0123456789abcdef"

int checks_frame(const char *k, char *frame, size_t fsize, char *fn,
		 size_t nsize)
{
	const char *p = k, *s, *e, *q;
	int unreliable = 0;

	if (*p != ' ' && *p != '\t')
		return 0;
	p += strspn(p, " \t");
	if (text_after(p, "? ")) {
		unreliable = 1;
		p += 2;
	}
	if (text_after(p, "[<")) {
		q = strstr(p, ">] ");
		if (!q)
			return 0;
		p = q + 3;
	}
	s = p;
	p += strspn(p, FN_CHARS);
	if (p == s || !text_after(p, "+0x") || !p[3] || !strchr(HEX, p[3]))
		return 0;
	e = p + 3 + strspn(p + 3, HEX);
	if (text_after(e, "/0x"))
		e += 3 + strspn(e + 3, HEX);
	if (*e && *e != ' ')
		return 0;
	snprintf(frame, fsize, "%.*s", (int)(e - s), s);
	snprintf(fn, nsize, "%.*s", (int)(p - s), s);
	return unreliable ? 2 : 1;
}

int checks_trace_line(struct checks_trace *t, const char *k, char *frame,
		      size_t fsize, char *fn, size_t nsize)
{
	const char *m = k + strspn(k, " \t");
	int f;

	if (t->state == CHECKS_TRACE_DONE)
		return 0;
	if (t->state == CHECKS_TRACE_BEFORE) {
		if (text_after(m, "Call Trace:") || text_after(m, "Call trace:"))
			t->state = CHECKS_TRACE_IN;
		return 0;
	}
	if (text_after(m, "<TASK>")) {
		t->task = 1;
		return 0;
	}
	if (text_after(m, "</TASK>")) {
		t->state = CHECKS_TRACE_DONE;
		return 0;
	}
	if (text_after(m, "<IRQ>") || text_after(m, "<NMI>") ||
	    text_after(m, "<SOFTIRQ>")) {
		t->irq = 1;
		return 0;
	}
	if (text_after(m, "</IRQ>") || text_after(m, "</NMI>") ||
	    text_after(m, "</SOFTIRQ>")) {
		t->irq = 0;
		return 0;
	}
	f = checks_frame(k, frame, fsize, fn, nsize);
	if (f) {
		t->frames++;
		return f == 1;
	}
	/* x86 prints the entry's registers inside <TASK>: not the end */
	if (!t->task && !t->irq && t->frames)
		t->state = CHECKS_TRACE_DONE;
	return 0;
}

/*
 * The functions of the checkers themselves, of WARN()/BUG() and the
 * trap that reports them, and of the locks lockdep watches: a frame
 * of one says where the checker ran, not where the bug is. A name
 * ending in '*' is a prefix.
 */
static const char *const checker_fns[] = {
	"dump_stack*", "show_stack", "dump_backtrace", "show_trace_log_lvl",
	"print_report", "print_address_description*", "kasan_*",
	"__kasan_*", "__asan_*", "check_region_inline", "kfence_*",
	"__warn", "__warn_printk", "warn_slowpath*", "report_bug*",
	"__report_bug", "handle_bug", "exc_invalid_op", "asm_exc_invalid_op",
	"do_error_trap", "do_trap", "bug_brk_handler", "call_el1_break_hook",
	"do_el1_brk64", "el1_brk64", "el1h_64_sync_handler", "el1h_64_sync",
	"ubsan_*", "__ubsan_handle_*", "print_circular_bug*",
	"check_noncircular", "check_prev_add", "check_prevs_add",
	"validate_chain", "__lock_acquire", "lock_acquire*", "lock_release",
	"__lock_release", "lock_acquired", "lock_contended", "print_usage_bug",
	"valid_state", "mark_lock*", "mark_usage", "mark_held_locks",
	"lockdep_*", "print_deadlock_bug", "check_deadlock",
	"lock_is_held_type", "print_lock_invalid_wait_context",
	"check_wait_context", "debug_check_no_locks_freed",
	"print_unlock_imbalance_bug", "__might_resched", "__might_sleep",
	"__might_fault", "__schedule_bug", "__mutex_lock*", "mutex_lock*",
	"_raw_spin_lock*", "_raw_read_lock*", "_raw_write_lock*",
	"down_read*", "down_write*", "__list_add_valid_or_report",
	"__list_del_entry_valid_or_report", "check_data_corruption",
	"dump_page", "__dump_page", "bad_page", "free_page_is_bad*",
	"print_bad_pte", "should_fail*", "__should_fail*", "fail_dump",
};

int checks_checker_frame(const char *fn)
{
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(checker_fns); i++) {
		n = strlen(checker_fns[i]);
		if (checker_fns[i][n - 1] == '*' ?
		    !strncmp(fn, checker_fns[i], n - 1) :
		    !strcmp(fn, checker_fns[i]))
			return 1;
	}
	return 0;
}

int checks_luo_frame(const char *fn, const char *k)
{
	static const char *const prefixes[] = {
		"luo_", "kho_", "liveupdate_", "memfd_luo", "kexec_handover",
	};
	const char *f = fn + strspn(fn, "_");
	size_t i;

	for (i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (text_after(f, prefixes[i]))
			return 1;
	return strstr(k, "kernel/liveupdate/") != NULL;
}

const char *checks_ran(const char *k)
{
	static const struct {
		const char *text;
		const char *name;
	} boot_lines[] = {
		{ "KernelAddressSanitizer initialized", "KASAN" },
		{ "Kernel memory leak detector initialized", "kmemleak" },
		{ "Lock dependency validator: ", "lockdep" },
		{ WIRE_FAULT_INJECTION, "fault-injection" },
	};
	const char *v = text_after(k, WIRE_FLB_TEST);
	size_t i;

	/* lib/tests/liveupdate.c: "Registered 3 FLBs with file handler: [..]" */
	if (v && text_after(v, "Registered ") &&
	    strstr(v, " FLBs with file handler: "))
		return "LIVEUPDATE_TEST";
	for (i = 0; i < ARRAY_SIZE(boot_lines); i++)
		if (strstr(k, boot_lines[i].text))
			return boot_lines[i].name;
	return NULL;
}

int checks_known_load(struct checks_known *kn, const char *path, char *err,
		      size_t size)
{
	char buf[CHECKS_KNOWN_LINE + 2];
	long lineno = 0;
	size_t len;
	FILE *f;

	kn->n = 0;
	f = fopen(path, "r");
	if (!f) {
		snprintf(err, size, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(buf, sizeof(buf), f)) {
		lineno++;
		len = strlen(buf);
		if (len && buf[len - 1] != '\n' && !feof(f)) {
			snprintf(err, size, "%s:%ld: longer than %d characters",
				 path, lineno, CHECKS_KNOWN_LINE - 1);
			fclose(f);
			return -1;
		}
		while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
			buf[--len] = 0;
		if (!len || buf[0] == '#')
			continue;
		if (kn->n == CHECKS_KNOWN_MAX) {
			snprintf(err, size, "%s:%ld: more than %d entries",
				 path, lineno, CHECKS_KNOWN_MAX);
			fclose(f);
			return -1;
		}
		snprintf(kn->line[kn->n++], CHECKS_KNOWN_LINE, "%s", buf);
	}
	fclose(f);
	return 0;
}

int checks_known_has(const struct checks_known *kn, const char *k)
{
	size_t i;

	for (i = 0; kn && i < kn->n; i++)
		if (!strcmp(kn->line[i], k))
			return 1;
	return 0;
}
