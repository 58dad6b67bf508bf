# luo-stress: stress and scale tests for Linux live update (LUO + KHO).
# `make help` lists the targets and options; README.md explains them.

SHELL := /bin/bash
BOARD ?= qemu-x86_64
export BOARD KSRC KERNEL KCONFIG KERNELS EXPECT RUN_ID RESULTS WATCHDOG WATCHDOG_BOOT MEM KVM KERNEL_ARGS \
	HANDOVER_SAMPLE DEBUG

KSRC_DEFAULT = $(shell . scripts/common.sh && echo "$$LUO_CACHE/src/$$KVER_PKG")
KSRC_USED = $(or $(KSRC),$(KSRC_DEFAULT))

# Workload options: only those set are passed, the program owns defaults.
WORKLOAD_ARGS = $(if $(SESSIONS),--sessions $(SESSIONS)) \
	$(if $(FILES),--files $(FILES)) $(if $(PAGES),--pages $(PAGES)) \
	$(if $(CYCLES),--cycles $(CYCLES)) $(if $(SEED),--seed $(SEED)) \
	$(if $(CORRUPT),--corrupt $(CORRUPT)) \
	$(if $(CORRUPT_KIND),--corrupt-kind $(CORRUPT_KIND)) \
	$(if $(MIX),--mix $(MIX)) $(if $(LARGE_MB),--large-mb $(LARGE_MB)) \
	$(if $(SHMEM_THP),--shmem-thp $(SHMEM_THP)) \
	$(if $(filter 1,$(PROFILE)),--profile) \
	$(if $(WORKERS),--workers $(WORKERS)) $(if $(CHURN),--churn $(CHURN)) \
	$(if $(FAULTS),--faults $(FAULTS)) $(if $(FAULT_RATE),--fault-rate $(FAULT_RATE)) \
	$(if $(filter 1,$(ABORT)),--abort)

SHELL_SCRIPTS = $(wildcard scripts/*.sh boards/*.sh plots/*.sh lava-jobs/*.sh tests/*.sh tests/*/*.sh .ci/run)
C_SOURCES = $(wildcard stress/*.c stress/lib/*.c stress/lib/*.h stress/include/*.h tests/unit/*.c \
	collect/*.c collect/*.h)

help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

## deps            install Debian packages and fetch the kernel source (once)
deps:
	@scripts/deps.sh

## bisect          the commit that broke a kernel: KSRC (git tree) GOOD BAD, CAUSE
##                 (only that cause counts), BISECT (id), KSEED; MODE=slower: the commit
##                 that made PHASE slower beyond RATIO (1.5), ALPHA PAIRS MAX_PAIRS METHOD
##                 (docs/bisect.md); the workload's options
bisect: deps
	@GOOD="$(GOOD)" BAD="$(BAD)" MODE="$(MODE)" CAUSE="$(CAUSE)" PHASE="$(PHASE)" \
		METHOD="$(METHOD)" RATIO="$(RATIO)" ALPHA="$(ALPHA)" PAIRS="$(PAIRS)" \
		MAX_PAIRS="$(MAX_PAIRS)" KSEED="$(KSEED)" \
		BISECT="$(BISECT)" WORKLOAD=$(or $(WORKLOAD),stress-files) \
		scripts/bisect.sh $(WORKLOAD_ARGS)

## kernel          build (or reuse) the LUO kernel for BOARD
kernel: deps
	@scripts/kernel.sh

## stress-files    run stress-files on BOARD: SESSIONS FILES PAGES CYCLES SEED CORRUPT;
##                 DEBUG=1 the checking kernel; WORKERS CHURN FAULTS FAULT_RATE ABORT=1;
##                 KERNELS="7.2 7.3 ..." moves each kexec to the next kernel (wrapping),
##                 EXPECT="0>1=refused" overrides a transition's expected outcome
stress-files: deps
	boards/run-qemu.sh stress-files $(WORKLOAD_ARGS)

## stress-sessions run stress-sessions on BOARD (same options, its own defaults)
stress-sessions: deps
	boards/run-qemu.sh stress-sessions $(WORKLOAD_ARGS)

## selftest        boot BOARD and run the LUO API contract tests (no kexec)
selftest: deps
	boards/run-qemu.sh luo-api-test

## limits          grow files and sessions until LUO refuses: BUDGET (s) MAX NOFILE
limits: deps
	boards/run-qemu.sh luo-limits $(if $(WHAT),--what $(WHAT)) $(if $(BUDGET),--budget $(BUDGET)) \
		$(if $(MAX),--max $(MAX)) $(if $(NOFILE),--nofile $(NOFILE))

## kexec           the control: kexec CYCLES times, no LUO call at all (luo-kexec);
##                 KERNEL_ARGS="kho=off liveupdate=off" for one without KHO either
kexec: deps
	boards/run-qemu.sh luo-kexec $(if $(CYCLES),--cycles $(CYCLES))

## sweep           run a workload over sizes: FILES="1000 2000 ..." (or SESSIONS=...),
##                 BOARDS, CYCLES, PAGES, MIX, SWEEP=id; resumes where it stopped;
##                 CYCLES per point (the program's default otherwise) sets what a
##                 comparison can detect:
##                 build/host/luo-aggregate --cycles-for 0.25 results/<sweep>/metrics.csv
##                 names, per phase, the CYCLES a 25% change needs (docs/metrics.md);
##                 LAVA=1: every point a job on the lab (make lava-lab, or IDENTITY=);
##                 PROFILE=1: each point also profiled (not with LAVA=1);
##                 HANDOVER_SAMPLE=1: the gap between kernels sampled (not with LAVA=1)
sweep: deps
	@$(MAKE) -s -C collect
	WORKLOAD=$(or $(WORKLOAD),stress-files) BOARDS="$(or $(BOARDS),$(BOARD))" \
		FILES="$(FILES)" SESSIONS="$(SESSIONS)" PAGES="$(PAGES)" \
		CYCLES="$(CYCLES)" MIX="$(MIX)" SEED="$(SEED)" SWEEP="$(SWEEP)" \
		LAVA="$(LAVA)" IDENTITY="$(IDENTITY)" PROFILE="$(PROFILE)" scripts/sweep.sh

## matrix          every ordered pair of KERNELS="a b c" (self pairs included) on BOARD,
##                 each a run from one kernel into the other: results/<MATRIX>/ with
##                 the from x to grid in its report and the static check of their
##                 ABI headers (abi-diff.txt); CONTROL=1 adds each pair's kexec
##                 without LUO state and with KHO off; SESSIONS FILES PAGES CYCLES
matrix: deps
	@$(MAKE) -s -C collect
	KERNELS="$(KERNELS)" MATRIX="$(MATRIX)" WORKLOAD=$(or $(WORKLOAD),stress-files) \
		CONTROL="$(CONTROL)" SESSIONS="$(SESSIONS)" FILES="$(FILES)" PAGES="$(PAGES)" \
		CYCLES="$(CYCLES)" MIX="$(MIX)" SEED="$(SEED)" scripts/matrix.sh

## compare         two kernels compared by running both, interleaved (A B, B A, ...),
##                 each run a fresh boot: BASE_KERNEL=7.3 NEW_KERNEL=<entry> (the forms
##                 of KERNELS; NEW_KERNEL unset: an A/A comparison), BASE_ARGS, NEW_ARGS
##                 (kernel command line of one side), PAIRS (6), CYCLES (5), FILES or
##                 SESSIONS (the points), COMPARE=id; report in results/<COMPARE>/new/;
##                 make turns every verdict into exit 2: a CI gates on
##                 scripts/compare.sh, whose exit status is the verdict
##                 (0 same, 1 slower, 4 withheld, 3 bad input)
compare: deps
	@$(MAKE) -s -C collect
	WORKLOAD=$(or $(WORKLOAD),stress-files) BASE_KERNEL="$(BASE_KERNEL)" NEW_KERNEL="$(NEW_KERNEL)" \
		BASE_ARGS="$(BASE_ARGS)" NEW_ARGS="$(NEW_ARGS)" PAIRS="$(PAIRS)" COMPARE="$(COMPARE)" \
		FILES="$(FILES)" SESSIONS="$(SESSIONS)" PAGES="$(PAGES)" CYCLES="$(CYCLES)" \
		MIX="$(MIX)" SEED="$(SEED)" scripts/compare.sh

## report          results/<RUN>/report.html and report.json (RUN: a run or sweep
##                 id, default the last sweep); BASE=<id> NEW=<id> compares two
##                 (not interleaved: a drift between them withholds the verdict);
##                 the exit status of plots/report.sh --compare is the verdict,
##                 as scripts/compare.sh's; make's is 2 for all but "no phase slower"
report: deps
	@$(MAKE) -s -C collect
	@if [ -n "$(BASE)" ]; then \
		[ -n "$(or $(NEW),$(RUN))" ] || { echo "report: BASE=$(BASE) needs NEW=<run or sweep id>" >&2; exit 1; }; \
		plots/report.sh --compare "results/$(BASE)" "results/$(or $(NEW),$(RUN))"; \
	else \
		run="$(or $(RUN),$(shell ls -td results/sweep-* 2>/dev/null | head -n 1 | xargs -r basename))"; \
		[ -n "$$run" ] || { echo "report: no sweep in results/; give RUN=<run or sweep id>" >&2; exit 1; }; \
		plots/report.sh "results/$$run"; \
	fi

## fuzz            run the collector's libFuzzer target for FUZZ_SECONDS (120)
fuzz: deps
	@$(MAKE) -s -C collect fuzz-bin
	@mkdir -p build/fuzz-corpus
	@for d in tests/fixtures/*/; do [ ! -f "$$d/serial.log" ] || cp "$$d/serial.log" "build/fuzz-corpus/$$(basename "$$d").log"; done
	build/host/fuzz-collect -max_total_time=$(or $(FUZZ_SECONDS),120) -max_len=8192 \
		-artifact_prefix=build/ build/fuzz-corpus

## lava-jobs       write the LAVA job for BOARD: KERNEL_URL RAMDISK_URL [DTB_URL]
##                 WORKLOAD, FILES, SESSIONS, PAGES, MIX, CYCLES; OUT=dir (results/lava-jobs);
##                 KERNEL_URLS="URL0 URL1 ..." instead of KERNEL_URL: a kernel sequence,
##                 the kexec of cycle c into kernel c mod N (lava-ramdisk with KERNELS)
lava-jobs: deps
	@mkdir -p $(or $(OUT),results/lava-jobs)
	lava-jobs/generate.py --validate --board $(BOARD) \
		$(if $(KERNEL_URLS),--kernels "$(KERNEL_URLS)",--kernel-url "$(KERNEL_URL)") \
		--ramdisk-url "$(RAMDISK_URL)" \
		--dtb-url "$(DTB_URL)" --workload $(or $(WORKLOAD),stress-files) \
		--args "$(strip $(WORKLOAD_ARGS))" \
		--out $(or $(OUT),results/lava-jobs)/$(BOARD)-$(or $(WORKLOAD),stress-files).yaml

## lava-ramdisk    build the ramdisk a LAVA job of BOARD deploys (busybox, kexec-tools,
##                 our programs; arm64 ones from Debian's arm64 packages): OUT; with
##                 KERNELS, every kernel of the sequence as /boot/kernel.I
lava-ramdisk: deps
	@scripts/deps.sh lava
	@kdirs=$$(scripts/kernels.sh | sed -n 's/^kernel\.[0-9]*\.dir=//p') && \
	lava-jobs/mkramdisk.sh $(BOARD) $$kdirs \
		$(or $(OUT),results/lava-jobs)/$(BOARD)-ramdisk.cpio

## lava-validate   every board x workload job against LAVA's schema (in check)
lava-validate: deps
	lava-jobs/validate-all.sh

## lava-local      run the generated job of BOARD (a QEMU board) on Debian's LAVA
##                 dispatcher (lava-run, no server): WORKLOAD and its options
lava-local: deps
	@scripts/deps.sh lava
	lava-jobs/lava-local.sh $(or $(WORKLOAD),stress-files) $(WORKLOAD_ARGS)

## lava-lab       bring up a local LAVA lab (PostgreSQL, lava-server, lava-worker, QEMU
##                 devices from boards/) on loopback; LAB_PORT, LAB_DEVICES (their
##                 defaults: lava-jobs/lab-common.sh)
lava-lab: deps
	@lava-jobs/lab-up.sh

## lava-lab-down  stop what make lava-lab started (recorded pids)
lava-lab-down:
	@lava-jobs/lab-down.sh

## lava-lab-boards every lab board's device dictionary (boards/lava/) rendered and checked
##                 on the local lab's server, our job validated against it
lava-lab-boards: deps
	@lava-jobs/lab-boards.sh

## lava-submit     submit JOB_FILE (IDENTITY: lavacli identity, default the local lab's)
lava-submit:
	@scripts/deps.sh lava
	@test -n "$(JOB_FILE)" || { echo "lava-submit: give JOB_FILE=path/to/job.yaml" >&2; exit 1; }
	@IDENTITY="$(IDENTITY)" lava-jobs/lava-submit.sh "$(JOB_FILE)"

## lava-wait       wait for job JOB: state and elapsed time, then its health
lava-wait:
	@scripts/deps.sh lava
	@test -n "$(JOB)" || { echo "lava-wait: give JOB=<lab job id>" >&2; exit 1; }
	@IDENTITY="$(IDENTITY)" lava-jobs/lava-wait.sh "$(JOB)"

## lava-fetch      fetch job JOB's log and results into results/lava-<JOB>/, then collect
lava-fetch:
	@scripts/deps.sh lava
	@test -n "$(JOB)" || { echo "lava-fetch: give JOB=<lab job id>" >&2; exit 1; }
	@IDENTITY="$(IDENTITY)" lava-jobs/lava-fetch.sh "$(JOB)" results/lava-$(JOB)

## lava-lab-check  the lab path on the local lab: up, a 2-cycle job, faults, down (in check)
lava-lab-check: deps
	@tests/lava/run.sh

## unit            host tests: C library (ASan + UBSan), the LAVA client, log post-processing,
##                 the static ABI check and KERNELS entries (tests/kernels, fetches 7.2 once)
unit: deps
	@$(MAKE) -s -C tests/unit run KSRC=$(KSRC_USED)
	@/usr/bin/python3 tests/lava/test_lab_client.py
	@tests/collect/run.sh
	@tests/collect/compare.sh
	@tests/collect/checks.sh
	@KVER_PKG=linux-source-7.2 scripts/deps.sh
	@tests/kernels/run.sh
	@tests/collect/kernels.sh
	@tests/bisect/refusals.sh

## lint            shellcheck and checkpatch.pl on our code; README option tables
##                 against the programs' --help; the wire format spelled only in
##                 stress/include/wire.h (scripts/wire-check.sh)
lint: deps
	shellcheck -x $(SHELL_SCRIPTS)
	scripts/wire-check.sh
	scripts/options-table.sh --check README.md
	$(KSRC_USED)/scripts/checkpatch.pl --no-tree --quiet --show-types -f $(C_SOURCES)

## e2e             end-to-end QEMU runs: every case on qemu-x86_64, the pass run and
##                 the API tests on qemu-arm64 (CHECK_BOARDS to change)
CHECK_BOARDS ?= qemu-x86_64 qemu-arm64
e2e: deps
	@set -e; first=1; for b in $(CHECK_BOARDS); do \
		if [ $$first = 1 ]; then BOARD=$$b tests/e2e/run.sh; \
		else BOARD=$$b CASES="pass api" tests/e2e/run.sh; fi; first=0; \
	done

## e2e-loaded      the qemu-x86_64 e2e cases RUNS times (3) in a row beside two busy
##                 loops: the cases time the guest by its own progress
e2e-loaded: deps
	@BOARD=qemu-x86_64 tests/e2e/loaded.sh $(RUNS)

## check-boards    the pass run on every QEMU board (4 kernels to build)
check-boards: deps
	@set -e; for f in boards/qemu-*.board; do \
		b=$$(basename $$f .board); BOARD=$$b CASES=pass tests/e2e/run.sh; \
	done

## check           unit + lint + lava-validate + e2e + lava-local + lava-lab-check:
##                 the test command CI runs
check: unit lint lava-validate e2e lava-local lava-lab-check
	@echo "check: all passed"

## readme          regenerate README.md's option tables from the programs' --help
readme:
	scripts/options-table.sh --write README.md

clean:
	rm -rf build

.PHONY: help readme deps bisect kernel stress-files stress-sessions selftest limits kexec sweep matrix compare report fuzz lava-jobs lava-ramdisk lava-validate lava-local lava-lab lava-lab-down lava-lab-boards lava-submit lava-wait lava-fetch lava-lab-check unit lint e2e e2e-loaded check check-boards clean
