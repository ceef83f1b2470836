# Zoot: build, bootstrap and test.  `make` sets up and builds; `make check`
# runs every test.  See README.md.

# The language's sources, in load order: library first, then the
# reader, expander and interpreter that use it, then the driver.
LANGUAGE = language/base.zt language/numbers.zt language/bytevectors.zt language/chars.zt language/sequences.zt language/control.zt language/ports.zt \
           language/write.zt language/binary-ports.zt language/hashtables.zt language/reader.zt language/expander.zt \
           language/syntax-rules.zt language/stdlib.zt language/libraries.zt \
           language/interp.zt language/builtins.zt \
           language/main.zt
# Appended here rather than in load order above, to keep merges small:
# load order does not matter for them (they only define procedures).
LANGUAGE += language/derived.zt language/dynamic.zt
LANGUAGE += language/ffi.zt language/warnings.zt language/lineedit.zt language/net.zt
# The compiler: front end, lowering, then one folder per target.
COMPILER = compiler/util.zt compiler/primitives.zt compiler/names.zt compiler/ast.zt \
           compiler/resolve.zt compiler/letrec.zt compiler/closures.zt \
           compiler/lower.zt compiler/target.zt compiler/data.zt \
           compiler/emit.zt compiler/x86_64/code.zt compiler/i386/code.zt \
           compiler/arm/code.zt compiler/libcache.zt compiler/dump.zt compiler/driver.zt
# What native code adds to the language: the primitives as procedures.
NATIVE_LIBRARY = language/primitives.zt
# The library a compiled user program links with, and the whole
# compiler as a native program.
# The expander and interpreter are in it, so that compiled programs
# can eval (and import environments for it).
LIBRARY_SOURCES = $(NATIVE_LIBRARY) language/base.zt language/numbers.zt language/bytevectors.zt language/chars.zt language/sequences.zt language/control.zt \
           language/ports.zt language/write.zt language/binary-ports.zt language/hashtables.zt \
           language/reader.zt \
           language/expander.zt language/syntax-rules.zt language/stdlib.zt \
           language/libraries.zt language/interp.zt language/builtins.zt \
           language/derived.zt language/dynamic.zt
LIBRARY_SOURCES += language/ffi.zt language/warnings.zt language/net.zt
COMPILER_SOURCES = $(NATIVE_LIBRARY) $(LANGUAGE) $(COMPILER)
BOOTSTRAP = bootstrap/reader.lisp bootstrap/translate.lisp \
            bootstrap/primitives.lisp bootstrap/load.lisp bootstrap/build.lisp
BOOTSTRAP += bootstrap/host-sbcl.lisp bootstrap/host-ecl.lisp bootstrap/host-clisp.lisp

IMAGE = build/sbcl/zoot.core

.PHONY: all deps check clean hello runtime runtime-test

all: deps $(IMAGE) bootstrap hello

# Install missing Debian packages when we can (root); otherwise say how.
deps:
	@if [ "$$(id -u)" = 0 ]; then scripts/install-deps; \
	else scripts/install-deps --check || { echo "run as root: scripts/install-deps"; exit 1; }; fi

$(IMAGE): $(LANGUAGE) $(COMPILER) $(BOOTSTRAP)
	@mkdir -p build/sbcl
	sbcl --noinform --non-interactive --no-sysinit --no-userinit \
	     --load bootstrap/build.lisp -- $(IMAGE) $(LANGUAGE) $(COMPILER) >build/sbcl/build.log 2>&1 \
	  || { cat build/sbcl/build.log; exit 1; }

# stage0's other hosts (bootstrap/host-ecl.lisp, host-clisp.lisp): the
# same sources, the same translation, another Common Lisp.  ECL saves no
# images: its "image" is the list of its compiled files.  ECL runs with
# one GC marker thread (GC_MARKERS=1); bootstrap/stage0 says why.
IMAGE_sbcl = $(IMAGE)
IMAGE_ecl = build/ecl/zoot.image
IMAGE_clisp = build/clisp/zoot.mem

$(IMAGE_ecl): $(LANGUAGE) $(COMPILER) $(BOOTSTRAP)
	@mkdir -p build/ecl
	GC_MARKERS=1 ecl --norc --load bootstrap/build.lisp -- $@ $(LANGUAGE) $(COMPILER) >build/ecl/build.log 2>&1 \
	  || { tail -40 build/ecl/build.log; exit 1; }
	@test -s $@ || { tail -40 build/ecl/build.log; echo "bootstrap: ECL wrote no image"; exit 1; }

$(IMAGE_clisp): $(LANGUAGE) $(COMPILER) $(BOOTSTRAP)
	@mkdir -p build/clisp
	clisp -q -norc bootstrap/build.lisp $@ $(LANGUAGE) $(COMPILER) >build/clisp/build.log 2>&1 \
	  || { tail -40 build/clisp/build.log; exit 1; }
	@test -s $@ || { tail -40 build/clisp/build.log; echo "bootstrap: CLISP wrote no image"; exit 1; }

# The first program: compiled by the native compiler and run (under
# qemu-user when ARCH is not this machine's).
hello: bootstrap
	$(COMPILE) -o $(B)/hello test/hello.zt
	$(RUN) $(B)/hello

# Every test: the runtime's unit tests, the bootstrap (stage2 = stage3),
# then one test/run in three modes: interpreted (with guile as the
# oracle), compiled natively (test/lang, test/errors, test/gc) and
# compiled with a collection at every allocation (test/lang and
# test/errors minus test/run's STRESS_SKIP), each ending with a line "N
# passed, N failed"; --keep-going, so a failing mode does not hide the
# others.  Then the as memory check, the install test, the library
# cache test, the differential number test against guile (fixed seeds,
# 10 rounds of 1000 expressions: about 30 s), the same for
# i386 and ARM under qemu-user, the cross-consistency and remote tests,
# and the guests.  After the bootstrap: diverse double-compiling for
# x86-64 (stage0 on SBCL, ECL and CLISP), test/trust/run (each trust check
# catches a planted difference) and the reproducible-build check for
# x86-64 (about 3 minutes together).  README.md, "Tests", lists each step.
# About 7 minutes on 2 idle cores (10 CPU minutes), up to 17 on a slow day.
check: $(IMAGE)
	$(MAKE) runtime-test
	$(MAKE) bootstrap
	$(MAKE) ddc DDC_ARCHES=x86_64
	test/trust/run
	$(MAKE) reproducible-check
	test/run --keep-going --mode interp,compiled,stress
	test/barrier/run x86_64
	test/codegen/run
	$(MAKE) asm-memory
	test/install/run
	test/libcache/run
	test/numdiff/run
	test/warnings/run
	test/tour/run
	test/repl/run
	test/gdb/run
	$(MAKE) check-target ARCH=i386
	$(MAKE) check-target ARCH=arm
	test/ffi/run
	test/fuzz/run
	test/cross/run
	test/remote/run
	$(MAKE) check-guest
	$(MAKE) check-guest-i386
	$(MAKE) check-guest-arm
	$(MAKE) check-net
	$(MAKE) check-classic

# The same for another target, cross-compiled and run under qemu-user:
# its runtime's unit tests, its three-stage bootstrap (stages run under
# qemu), the as memory check on its assembly, then one test/run: test/lang,
# test/errors and test/gc compiled for it (mode $(ARCH)), and the same
# executables with a collection at every allocation (mode $(ARCH)_stress)
# on test/lang minus STRESS_SKIP and TARGET_STRESS_SKIP in test/run (the
# programs that take more than a few seconds that way under qemu).
# test/barrier/run checks the write barrier in the target's assembly.
.PHONY: check-target check-guest print-compiler-sources
check-target: $(IMAGE)
	$(MAKE) runtime-test
	$(MAKE) bootstrap
	$(MAKE) asm-memory
	test/barrier/run $(ARCH)
	test/run --keep-going --mode $(ARCH),$(ARCH)_stress

# The guest kernel: test/lang and test/errors booted as x86-64 guest
# images, then the guest-only tests and the showcase (the compiler
# compiling in a VM).
check-guest: $(IMAGE)
	$(MAKE) guest-runtime guest-fault-test guest-compiler
	test/run --keep-going --mode guest lang/ errors/
	test/guest/run

# The i386 guest (after `make bootstrap ARCH=i386`, which check-target
# does): GUEST_SUBSET of test/lang and test/errors (in test/run) booted
# as i386 guest images, then the guest-only tests for i386 (no showcase:
# the compiler as a guest is x86-64's).
.PHONY: check-guest-i386
check-guest-i386: $(IMAGE)
	$(MAKE) guest-runtime guest-fault-test ARCH=i386
	test/run --keep-going --mode guest-i386
	test/guest/run --target=i386

# The ARM guest (after `make bootstrap ARCH=arm`, which check-target
# does): GUEST_SUBSET of test/lang and test/errors (in test/run) booted
# as ARM guest images on QEMU's virt machine, then the guest-only tests
# for ARM (no showcase).  About two minutes under TCG.
.PHONY: check-guest-arm
check-guest-arm: $(IMAGE)
	$(MAKE) guest-runtime guest-fault-test ARCH=arm
	test/run --keep-going --mode guest-arm
	test/guest/run --target=arm

# The network (test/net/run): (zoot net) hosted, the x86-64 guest on
# QEMU's user network and (as root) on a tap device in a namespace of its
# own, and the i386 and ARM guests when their runtimes are built.  About
# 40 s.
.PHONY: check-net
check-net: $(IMAGE)
	$(MAKE) guest-runtime
	test/net/run

# The Unicode tables of runtime/unicode-tables.c, made again from the
# Unicode Character Database of Debian's unicode-data package (the file
# is committed; run this when the data files change).
.PHONY: unicode-tables
unicode-tables:
	tools/gen-unicode /usr/share/unicode > runtime/unicode-tables.c.new
	mv runtime/unicode-tables.c.new runtime/unicode-tables.c

# The differential fuzzer (test/fuzz/run) on more seeds: N random programs
# from seed SEED, each run interpreted, compiled for every built target
# and by guile; disagreements are kept, reduced, in build/fuzz/.
SEED ?= 1
N ?= 100
.PHONY: fuzz
fuzz:
	test/fuzz/run --seed $(SEED) --rounds $(N)

# For scripts: the compiler's sources, in order.
print-compiler-sources:
	@echo $(COMPILER_SOURCES)

# ---- The C runtime ----------------------------------------------------------
# build/$(ARCH)/libzrt.a from runtime/*.c and runtime/host/*.c.  Another
# target: `make runtime ARCH=i386` (or arm) with its compiler below.
#
# i386: gcc -m32 with gcc-12-multilib.  Debian's gcc-multilib, which would
# add the /usr/include/asm -> x86_64-linux-gnu/asm link the 32-bit libc
# headers need, conflicts with the ARM cross compiler (see
# scripts/install-deps), so -idirafter points at those asm headers
# instead; they serve both word sizes, and it is a last resort that
# changes nothing where the link exists.  -msse2 -mfpmath=sse: doubles
# are computed in SSE2 registers, rounded to 64 bits at every step as on
# the other targets (x87's extended precision would round twice and give
# other bits: flotext.c, mathlib.c).  -ffp-contract=off (RT_CFLAGS): no
# fused multiply-adds either, on any target.
# arm: Debian 12's ARM cross compiler is installed versioned (gcc-11, for
# the reason in scripts/install-deps), and only the versioned name exists.
ARCH ?= x86_64
CC_x86_64 = gcc
CC_i386 = gcc
CC_arm = arm-linux-gnueabi-gcc-11
ARCHFLAGS_x86_64 =
ARCHFLAGS_i386 = -m32 -msse2 -mfpmath=sse -idirafter /usr/include/x86_64-linux-gnu
ARCHFLAGS_arm = -march=armv5te
AR_x86_64 = ar
AR_i386 = ar
AR_arm = arm-linux-gnueabi-ar
OBJCOPY_x86_64 = objcopy
OBJCOPY_i386 = objcopy
OBJCOPY_arm = arm-linux-gnueabi-objcopy
RT_CC = $(CC_$(ARCH))
RT_AR = $(AR_$(ARCH))
RT_OBJCOPY = $(OBJCOPY_$(ARCH))
# arm: -funwind-tables gives every runtime function an EHABI unwind
# entry (.ARM.exidx, 8 bytes each; the code is the same).  Without it
# gdb's bt stops in the runtime's C (zp_exit after an uncaught error),
# or worse, takes the entry of whatever function comes before; x86's
# gcc writes .eh_frame by default.
RT_UNWIND_arm = -funwind-tables
RT_CFLAGS = -std=gnu11 -O2 -Wall -Wextra -Werror -ffp-contract=off $(ARCHFLAGS_$(ARCH)) $(RT_UNWIND_$(ARCH))
# Sorted: the order of the objects in the archive must not be the file
# system's (make reproducible-check).
RT_SRC = $(sort $(wildcard runtime/*.c)) $(sort $(wildcard runtime/host/*.c))
RT_HDR = $(wildcard runtime/*.h)
RT_OBJ = $(RT_SRC:runtime/%.c=build/$(ARCH)/runtime/%.o)
RT_LIB = build/$(ARCH)/libzrt.a
# Archives: D, deterministic (no dates, owners or modes in them).
RT_ARFLAGS = rcsD

runtime: $(RT_LIB)

$(RT_LIB): $(RT_OBJ)
	rm -f $@
	$(RT_AR) $(RT_ARFLAGS) $@ $(RT_OBJ)

build/$(ARCH)/runtime/%.o: runtime/%.c $(RT_HDR)
	@mkdir -p $(dir $@)
	$(RT_CC) $(RT_CFLAGS) -c $< -o $@

# The runtime's unit tests: one C program per concern, linked with the
# library and test/runtime/harness.c (and libm: test_mathlib compares with
# it); test/runtime/run prints the totals.
# Other targets' tests run under qemu-user (RUN_$(ARCH)).
RT_TEST_SRC = $(filter-out test/runtime/harness.c,$(wildcard test/runtime/*.c))
RT_TEST_BIN = $(RT_TEST_SRC:test/runtime/%.c=build/$(ARCH)/runtime-test/%)

RUN_x86_64 =
RUN_i386 = qemu-i386
# qemu-arm takes the CPU and the library prefix from the environment, so
# that a test program that re-executes itself (test_main) keeps them.
RUN_arm = env QEMU_CPU=arm926 QEMU_LD_PREFIX=/usr/arm-linux-gnueabi qemu-arm
# The machine make runs on; a target's binaries run directly there and
# through RUN_$(ARCH) (qemu-user) anywhere else.
HOST_MACHINE := $(shell uname -m)
HOST_ARCH := $(if $(filter i%86,$(HOST_MACHINE)),i386,$(if $(filter arm%,$(HOST_MACHINE)),arm,$(HOST_MACHINE)))
RUN = $(if $(filter $(ARCH),$(HOST_ARCH)),,$(RUN_$(ARCH)))

runtime-test: $(RT_TEST_BIN)
	RUNNER="$(RUN)" test/runtime/run $(RT_TEST_BIN)

build/$(ARCH)/runtime-test/%: test/runtime/%.c test/runtime/harness.c test/runtime/harness.h $(RT_LIB)
	@mkdir -p $(dir $@)
	$(RT_CC) $(RT_CFLAGS) -Iruntime -o $@ $< test/runtime/harness.c $(RT_LIB) -lm

clean:
	rm -rf build

# ---- The native compiler and the bootstrap ---------------------------------
# stage0 (the compiler on a Common Lisp: BOOTSTRAP_LISP below) compiles
# the compiler to build/$(ARCH)/stage1; stage1 compiles it to stage2,
# stage2 to stage3.  The stage1, stage2 and stage3 assembly must be
# identical, byte for byte.  stage3 becomes build/$(ARCH)/zoot,
# which then compiles the language library user programs link with.
# stage3 is compiled to assembly only: once it equals stage2's, file for
# file, assembling and linking it again would make the stage2 executable
# over again (the same code; only the debug information's names of the
# temporary .s files would differ), so stage3 is a copy of stage2.  That
# is a third of the bootstrap's time.
# With ARCH=i386 or arm, stage0 emits that target's assembly and stages
# 1 to 3 run under qemu-user (RUN above) unless make runs on that machine.
B = build/$(ARCH)
GLUE = $(B)/glue.o
# -Werror: a warning (warnings.zt) in Zoot's own sources stops the build.
COMPILE = scripts/compile -Werror --target=$(ARCH)

.PHONY: bootstrap native FORCE
FORCE:

$(GLUE): runtime/$(ARCH)/glue.S runtime/glue.h
	@mkdir -p $(B)
	$(RT_CC) $(ARCHFLAGS_$(ARCH)) -c $< -o $@

# stage0 runs here from the host Lisp's image or, with
# BOOTSTRAP_HOST=[user@]host[:port], on that machine over ssh
# (scripts/remote-bootstrap: the sources go there, SBCL builds the image
# and runs stage0 there, the assembly comes back; see README.md,
# "Bootstrapping on a small ARM board").  Then neither sbcl nor the image
# is needed here, only ssh and tar; stages 1 to 3 still run here.
# BOOTSTRAP_LISP=sbcl|ecl|clisp picks the Lisp stage0 runs on (default
# sbcl); $(B)/stage0-lisp records the last one, so that choosing another
# runs stage0 again.
BOOTSTRAP_LISP ?= sbcl
ifeq ($(filter $(BOOTSTRAP_LISP),sbcl ecl clisp),)
$(error BOOTSTRAP_LISP must be sbcl, ecl or clisp, not '$(BOOTSTRAP_LISP)')
endif
ifeq ($(strip $(BOOTSTRAP_HOST)),)
STAGE0 = bootstrap/stage0
STAGE0_NEEDS = $(IMAGE_$(BOOTSTRAP_LISP)) $(B)/stage0-lisp
else
STAGE0 = scripts/remote-bootstrap
STAGE0_NEEDS = $(LANGUAGE) $(COMPILER) $(BOOTSTRAP) bootstrap/stage0
endif

$(B)/stage0-lisp: FORCE
	@mkdir -p $(B)
	@echo $(BOOTSTRAP_LISP) | cmp -s - $@ || echo $(BOOTSTRAP_LISP) >$@

$(B)/stage1: $(STAGE0_NEEDS) $(COMPILER_SOURCES) $(RT_LIB) $(GLUE) scripts/compile
	BOOTSTRAP_HOST="$(BOOTSTRAP_HOST)" ZOOT_IMAGE_SOURCES="$(LANGUAGE) $(COMPILER)" \
	ZOOT_BOOTSTRAP_LISP=$(BOOTSTRAP_LISP) \
	ZOOT_COMPILER=$(STAGE0) $(COMPILE) --program --asm-dir $(B)/stage1.s -o $@ $(COMPILER_SOURCES)

# stage1 = stage2: the compiler on a Lisp and the compiler compiled by it
# write the same bytes (scripts/compare-asm names the first difference).
# On failure stage2 is removed, so that the next make checks again.
$(B)/stage2: $(B)/stage1
	ZOOT_RUNNER="$(RUN)" ZOOT_COMPILER=$(B)/stage1 $(COMPILE) --program --asm-dir $(B)/stage2.s -o $@ $(COMPILER_SOURCES)
	@scripts/compare-asm bootstrap stage1 $(B)/stage1.s stage2 $(B)/stage2.s \
	  || { rm -f $@; exit 1; }

$(B)/stage3: $(B)/stage2
	ZOOT_RUNNER="$(RUN)" ZOOT_COMPILER=$(B)/stage2 $(COMPILE) -S --program -o $(B)/stage3.s $(COMPILER_SOURCES)
	@scripts/compare-asm bootstrap stage2 $(B)/stage2.s stage3 $(B)/stage3.s
	cp -f $(B)/stage2 $@

bootstrap: $(B)/stage3
	cp -f $(B)/stage3 $(B)/zoot
	@mkdir -p $(B)/lib
	ZOOT_RUNNER="$(RUN)" ZOOT_COMPILER=$(B)/zoot $(COMPILE) --library --asm-dir $(B)/lib.s -o $(B)/lib/zoot-lib.a $(LIBRARY_SOURCES)

native: bootstrap

# ---- Reproducible builds ---------------------------------------------------
# `make reproducible-check`: two clean builds of this tree for each target
# of REPRO_ARCHES, in two directories with different TMPDIR, LANG, TZ,
# umask and SOURCE_DATE_EPOCH, must give byte-identical compiler
# executables, archives and guest images (scripts/reproducible-check).
# make check runs it for x86_64.
REPRO_ARCHES ?= x86_64

.PHONY: reproducible-check
reproducible-check:
	scripts/reproducible-check --arch "$(REPRO_ARCHES)"

# ---- Diverse double-compiling ----------------------------------------------
# `make ddc`: for each target of DDC_ARCHES, the bootstrap (stage2), then
# stage0 on each Lisp of DDC_LISPS writes that target's stage1 assembly
# into build/ddc/ARCH/LISP.s, and each must be byte-identical to stage2's
# (scripts/ddc, scripts/compare-asm).  make check runs it for x86_64;
# README.md, "Trusting the bootstrap", says what it proves.
DDC_ARCHES ?= x86_64 i386 arm
DDC_LISPS ?= sbcl ecl clisp

.PHONY: ddc
ddc: $(foreach l,$(DDC_LISPS),$(IMAGE_$(l)))
	@set -e; for a in $(DDC_ARCHES); do \
	  $(MAKE) --no-print-directory bootstrap ARCH=$$a; \
	  scripts/ddc --target $$a --lisps "$(DDC_LISPS)" $(COMPILER_SOURCES); \
	done

# ---- The guest runtime ------------------------------------------------------
# build/$(ARCH)/guest/: libzrt-guest.a (the portable runtime/*.c with
# runtime/guest/*.c and runtime/guest/$(ARCH)/ in place of libc and
# runtime/host/), boot.o and kernel.ld.  `scripts/compile --guest` links a
# program with them (and the same compiler output, library and glue.o as
# hosted) into a kernel image; `scripts/boot IMAGE` runs it on QEMU.
# Compiled freestanding, against runtime/guest/include/ instead of the
# system's headers, so nothing from libc can slip in; see
# runtime/guest/guest.h for the layout and runtime/guest/libc.c for
# -fno-tree-loop-distribute-patterns.  A machine's files are in
# runtime/guest/$(ARCH)/ and, for what it shares with its siblings, in
# the family's directory (runtime/guest/x86/ serves x86_64 and i386); a
# file of the machine's own directory wins over the family's.
GB = build/$(ARCH)/guest
GUEST_FAMILY_x86_64 = x86
GUEST_FAMILY_i386 = x86
GUEST_DIRS = runtime/guest/$(ARCH) $(addprefix runtime/guest/,$(GUEST_FAMILY_$(ARCH)))
guest_file = $(firstword $(wildcard $(GUEST_DIRS:%=%/$(1))))
GUEST_ARCHFLAGS_x86_64 = -mno-red-zone -mgeneral-regs-only -mcmodel=small
GUEST_ARCHFLAGS_i386 = -m32 -mgeneral-regs-only
GUEST_ARCHFLAGS_arm = -march=armv5te -marm
GUEST_LD_x86_64 = ld -m elf_x86_64
GUEST_LD_i386 = ld -m elf_i386
GUEST_LD_arm = arm-linux-gnueabi-ld
GUEST_LD = $(GUEST_LD_$(ARCH)) -n --no-warn-rwx-segments
GUEST_CFLAGS = -std=gnu11 -O2 -Wall -Wextra -Werror -ffreestanding -nostdinc \
  -isystem $(shell $(RT_CC) -print-file-name=include) -Iruntime/guest/include \
  -fno-pic -fno-pie -fno-stack-protector \
  -fno-tree-loop-distribute-patterns -ffp-contract=off $(GUEST_ARCHFLAGS_$(ARCH))
GUEST_SRC = $(foreach p,runtime/*.c runtime/guest/*.c runtime/guest/net/*.c $(GUEST_DIRS:%=%/*.c),$(sort $(wildcard $(p))))
# The files that compute with doubles get the floating-point registers
# in the x86 guests (boot.h enables SSE; the rest of the kernel keeps
# -mgeneral-regs-only, so its trap handlers never touch them), and i386
# computes in SSE2, never x87, for the same bits as every other target.
GUEST_FP_OBJ = $(GB)/bigdigits.o $(GB)/flotext.o $(GB)/mathlib.o $(GB)/numbers.o $(GB)/ffi.o
$(GUEST_FP_OBJ): GUEST_ARCHFLAGS_x86_64 = -mno-red-zone -mcmodel=small
$(GUEST_FP_OBJ): GUEST_ARCHFLAGS_i386 = -m32 -msse2 -mfpmath=sse
GUEST_ASM = $(filter-out %/boot.S %/unpack.S,$(foreach p,$(GUEST_DIRS:%=%/*.S),$(sort $(wildcard $(p)))))
GUEST_OBJ = $(GUEST_SRC:runtime/%.c=$(GB)/%.o) $(GUEST_ASM:runtime/%.S=$(GB)/%.o)
GUEST_HDR = $(RT_HDR) $(wildcard runtime/guest/*.h runtime/guest/net/*.h runtime/guest/include/*.h $(GUEST_DIRS:%=%/*.h))

.PHONY: guest-runtime

# The packer and unpacker (every machine has an unpack.S: scripts/compile packs
# every guest image).
GUEST_PACKER = $(if $(call guest_file,unpack.S),$(GB)/unpack.bin $(GB)/pack)

guest-runtime: $(GB)/libzrt-guest.a $(GB)/boot.o $(GB)/kernel.ld $(GUEST_PACKER)

$(GB)/libzrt-guest.a: $(GUEST_OBJ)
	rm -f $@
	$(RT_AR) $(RT_ARFLAGS) $@ $(GUEST_OBJ)

$(GB)/%.o: runtime/%.c $(GUEST_HDR)
	@mkdir -p $(dir $@)
	$(RT_CC) $(GUEST_CFLAGS) -c $< -o $@

$(GB)/%.o: runtime/%.S
	@mkdir -p $(dir $@)
	$(RT_CC) $(ARCHFLAGS_$(ARCH)) -c $< -o $@

$(GB)/boot.o: runtime/guest/$(ARCH)/boot.S
	@mkdir -p $(dir $@)
	$(RT_CC) $(ARCHFLAGS_$(ARCH)) -c $< -o $@

$(GB)/kernel.ld: $(call guest_file,kernel.ld)
	@mkdir -p $(dir $@)
	cp $< $@

# The packer (a program for this machine) and the unpacking stub it puts
# in front of a compressed image (runtime/guest/tools/pack.c).
$(GB)/unpack.bin: $(call guest_file,unpack.S)
	@mkdir -p $(dir $@)
	$(RT_CC) $(ARCHFLAGS_$(ARCH)) -c $< -o $(GB)/unpack.o
	$(RT_OBJCOPY) -O binary -j .text $(GB)/unpack.o $@

$(GB)/pack: runtime/guest/tools/pack.c
	@mkdir -p $(dir $@)
	gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

# A guest that faults on purpose, for the trap handlers (test/guest/run).
.PHONY: guest-fault-test

guest-fault-test: $(GB)/fault-test.img

$(GB)/fault-test.img: test/guest/fault.c $(GUEST_HDR) $(GB)/libzrt-guest.a $(GB)/boot.o $(GB)/kernel.ld $(GLUE)
	$(RT_CC) $(GUEST_CFLAGS) -Wno-infinite-recursion -Iruntime/guest -c $< -o $(GB)/fault-test.o
	$(GUEST_LD) -T $(GB)/kernel.ld -o $@ $(GB)/boot.o $(GB)/fault-test.o \
	  $(GLUE) $(GB)/libzrt-guest.a $(shell $(RT_CC) $(GUEST_ARCHFLAGS_$(ARCH)) -print-libgcc-file-name)

# The showcase: the compiler itself as a guest image, linked from the
# bootstrap's last stage, $(B)/stage3.s (the assembly of $(B)/stage3 and
# of build/$(ARCH)/zoot, its copy), so the guest and $(B)/stage3 compile
# any program to the same bytes; test/guest/run checks it.  This never
# runs the bootstrap itself (`make bootstrap` first):
#   scripts/boot build/x86_64/guest/zoot.img --mem 1g --in prog.zt \
#       --in out --out result -- --compile -o out prog.zt
.PHONY: guest-compiler

guest-compiler: $(GB)/zoot.img

$(GB)/zoot.img: $(wildcard $(B)/stage3.s/*.s) $(GB)/libzrt-guest.a $(GB)/boot.o $(GB)/kernel.ld \
  $(GB)/unpack.bin $(GB)/pack $(GLUE)
	@rm -rf $(GB)/zoot.o && mkdir -p $(GB)/zoot.o
	@for s in $(B)/stage3.s/*.s; do o=$(GB)/zoot.o/$$(basename $$s .s).o; \
	  echo "as --64 -o $$o $$s"; as --64 -o $$o $$s || exit 1; done
	$(GUEST_LD) --strip-all -T $(GB)/kernel.ld -o $(GB)/zoot.elf $(GB)/boot.o \
	  $(GB)/zoot.o/*.o $(GLUE) $(GB)/libzrt-guest.a
	$(GB)/pack -s $(GB)/zoot.elf $(GB)/unpack.bin $@

# ---- Cross-build here, test on a machine of the target over ssh -------------
# `make remote-check ARCH=arm ARM_HOST=[user@]host[:port]`: the compiler
# built for this machine (`make bootstrap`, with BOOTSTRAP_HOST if there
# is no sbcl here) cross-compiles the compiler, the library and the
# test/lang programs for ARCH; scripts/remote-check sends them to the
# host, runs the programs and the bootstrap from the cross-built stage1
# there (stage2 and stage3 must emit the cross compiler's assembly), and
# brings the results back to $(B)/remote-check.  Non-zero on any
# failure.  TARGET_HOST is the same for any ARCH; REMOTE_TESTS="PATTERN..."
# runs only the programs whose name contains one; REMOTE_TMPDIR is where
# the host makes its private directory (default its /tmp).
ARM_HOST ?=
TARGET_HOST ?= $(ARM_HOST)
REMOTE_TESTS ?=
REMOTE_TMPDIR ?=

.PHONY: remote-check

# Before anything is built: without a host there is nothing to do.
ifneq ($(filter remote-check,$(MAKECMDGOALS)),)
ifeq ($(strip $(TARGET_HOST)),)
$(error remote-check: set ARM_HOST=[user@]host[:port], the machine to test on)
endif
endif

remote-check: $(RT_LIB) $(GLUE)
	scripts/remote-check --probe --target $(ARCH) --host "$(TARGET_HOST)"
	$(MAKE) --no-print-directory bootstrap ARCH=$(HOST_ARCH)
	ZOOT_COMPILER_SOURCES="$(COMPILER_SOURCES)" ZOOT_LIBRARY_SOURCES="$(LIBRARY_SOURCES)" \
	scripts/remote-check --target $(ARCH) --host "$(TARGET_HOST)" \
	  $(if $(REMOTE_TMPDIR),--remote-tmp "$(REMOTE_TMPDIR)") $(REMOTE_TESTS)

# ---- Install ----------------------------------------------------------------
# `make install [PREFIX=/usr/local] [DESTDIR=]` installs
#   PREFIX/bin/zoot-compile          scripts/compile: compile a program
#   PREFIX/bin/zoot                  scripts/zoot: run one, or a REPL
#   PREFIX/lib/zoot/ARCH/zoot        the native compiler (and interpreter)
#   PREFIX/lib/zoot/ARCH/libzrt.a    the C runtime
#   PREFIX/lib/zoot/ARCH/glue.o      the runtime's assembly glue
#   PREFIX/lib/zoot/ARCH/zoot-lib.a  the language library
#   PREFIX/lib/zoot/ARCH/guest/      the guest runtime (zoot-compile --guest)
#   PREFIX/bin/zoot-boot             scripts/boot: boot a guest image
# for each ARCH in INSTALL_ARCHES: $(ARCH) and every other ARCH bootstrapped
# here before (build/ARCH/zoot exists).  Each is first brought up to date
# with `make bootstrap guest-runtime ARCH=...`, which rebuilds only what
# changed (and always the library, a few seconds).  The scripts find everything
# through their own location (bin/../lib/zoot), so PREFIX is written into
# no file and an installed tree works wherever it is moved; that is also
# why bin/ and lib/zoot/ must stay siblings.  DESTDIR is only put in front
# of where files are copied, for staged installs (packaging,
# test/install/run).  `make uninstall` with the same PREFIX and DESTDIR
# removes exactly those files.
PREFIX ?= /usr/local
DESTDIR ?=
INSTALL_ARCHES ?= $(sort $(ARCH) $(patsubst build/%/zoot,%,$(wildcard build/*/zoot)))
INSTALL_BIN = $(DESTDIR)$(PREFIX)/bin
INSTALL_LIB = $(DESTDIR)$(PREFIX)/lib/zoot
# What `scripts/compile --guest` links from lib/zoot/ARCH/guest/ (and,
# where the machine packs its images, pack and unpack.bin).
GUEST_INSTALL = libzrt-guest.a boot.o kernel.ld

.PHONY: install uninstall

install:
	@set -e; for a in $(INSTALL_ARCHES); do \
	  $(MAKE) --no-print-directory bootstrap guest-runtime ARCH=$$a; done
	install -d "$(INSTALL_BIN)"
	install -m 755 scripts/compile "$(INSTALL_BIN)/zoot-compile"
	install -m 755 scripts/zoot "$(INSTALL_BIN)/zoot"
	install -m 755 scripts/boot "$(INSTALL_BIN)/zoot-boot"
	install -d "$(INSTALL_LIB)/gdb"
	install -m 644 tools/gdb/zoot.py "$(INSTALL_LIB)/gdb/zoot.py"
	@set -e; for a in $(INSTALL_ARCHES); do \
	  echo "install: $$a -> $(INSTALL_LIB)/$$a"; \
	  install -d "$(INSTALL_LIB)/$$a" "$(INSTALL_LIB)/$$a/guest"; \
	  install -m 755 build/$$a/zoot "$(INSTALL_LIB)/$$a/zoot"; \
	  install -m 644 build/$$a/libzrt.a build/$$a/glue.o build/$$a/lib/zoot-lib.a "$(INSTALL_LIB)/$$a/"; \
	  install -m 644 $(addprefix build/$$a/guest/,$(GUEST_INSTALL)) "$(INSTALL_LIB)/$$a/guest/"; \
	  if [ -f build/$$a/guest/pack ]; then \
	    install -m 755 build/$$a/guest/pack "$(INSTALL_LIB)/$$a/guest/pack"; \
	    install -m 644 build/$$a/guest/unpack.bin "$(INSTALL_LIB)/$$a/guest/"; \
	  fi; \
	done

# Every ARCH directory under lib/zoot goes, whichever were installed.
uninstall:
	rm -f "$(INSTALL_BIN)/zoot-compile" "$(INSTALL_BIN)/zoot" "$(INSTALL_BIN)/zoot-boot"
	rm -f "$(INSTALL_LIB)/gdb/zoot.py"
	@set -e; for d in "$(INSTALL_LIB)"/*/; do \
	  [ -d "$$d" ] || continue; \
	  rm -f $(addprefix "$$d/guest/",$(GUEST_INSTALL) pack unpack.bin); \
	  if [ -d "$$d/guest" ]; then rmdir "$$d/guest"; fi; \
	  rm -f "$$d/zoot" "$$d/libzrt.a" "$$d/glue.o" "$$d/zoot-lib.a"; \
	  rmdir "$$d"; \
	done
	@rmdir "$(INSTALL_LIB)" 2>/dev/null || true

# ---- Tools ------------------------------------------------------------------
# build/tools/peak-rss runs a command and reports its peak RSS (wait4's
# ru_maxrss); `make asm-memory` uses it to check that every `as` of the
# compiler's own split assembly stays under 32 MB (test/asm-memory/run).
PEAK_RSS = build/tools/peak-rss

.PHONY: asm-memory

$(PEAK_RSS): tools/peak-rss.c
	@mkdir -p $(dir $@)
	gcc -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

asm-memory: $(PEAK_RSS)
	test/asm-memory/run --target $(ARCH) --dir $(B)/stage3.s

# The classic benchmarks (bench/classic) as a correctness pass: each
# program once at its smallest size, compiled for x86-64, checking its
# own result (about 25 s).  Not timed; bench/classic/run measures.
check-classic: bootstrap
	timeout 300 bench/classic/run --check
.PHONY: check-classic
