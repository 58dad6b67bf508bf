// SPDX-License-Identifier: GPL-2.0
/*
 * luo-kexec options (see kexec_config.h): the table and the defaults.
 */
#include <stddef.h>
#include <string.h>

#include "kexec_config.h"
#include "opts.h"

#define KX(f) offsetof(struct kexec_config, f)

static const struct opt kexec_opts[] = {
	{ "cycles", OPT_U64, KX(cycles), 1, KEXEC_MAX_CYCLES, NULL, "N",
	  "kexec cycles" },
	KEXEC_KERNEL_OPT(KX(kexec)),
	KEXEC_INITRD_OPT(KX(kexec)),
	{ NULL },
};

static void defaults(struct kexec_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->cycles = 1;
	kexec_target_defaults(&cfg->kexec);
}

int kexec_config_parse(struct kexec_config *cfg, int argc, char **argv)
{
	struct kexec_config d;

	defaults(&d);
	*cfg = d;
	return opts_parse_help(kexec_opts, cfg, &d,
			       "Usage: " KEXEC_CONFIG_NAME " [options]\n"
			       "Kexec through the kernels, no LUO call: the control run.\n\n",
			       argc, argv);
}

void kexec_config_print(const struct kexec_config *cfg, FILE *f)
{
	fprintf(f, "workload=" KEXEC_CONFIG_NAME "\n");
	opts_print(kexec_opts, cfg, f);
}
