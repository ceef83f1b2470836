# Zoot: build, bootstrap and test.  `make` sets up and builds; `make check`
# runs every test.  See README.md.

# The language's sources, in load order: library first, then the
# reader, expander and interpreter that use it, then the driver.
LANGUAGE = language/base.zt language/control.zt language/ports.zt \
           language/hashtables.zt language/reader.zt language/expander.zt \
           language/syntax-rules.zt language/interp.zt language/builtins.zt \
           language/main.zt
# The compiler: front end, lowering, then one folder per target.
COMPILER = compiler/primitives.zt compiler/names.zt compiler/ast.zt \
           compiler/resolve.zt compiler/letrec.zt compiler/closures.zt \
           compiler/lower.zt compiler/target.zt compiler/data.zt \
           compiler/emit.zt compiler/x86_64/code.zt \
           compiler/driver.zt
# What native code adds to the language: the primitives as procedures.
NATIVE_LIBRARY = language/primitives.zt
# The library a compiled user program links with, and the whole
# compiler as a native program.
LIBRARY_SOURCES = $(NATIVE_LIBRARY) language/base.zt language/control.zt \
           language/ports.zt language/hashtables.zt language/reader.zt
COMPILER_SOURCES = $(NATIVE_LIBRARY) $(LANGUAGE) $(COMPILER)
BOOTSTRAP = bootstrap/reader.lisp bootstrap/translate.lisp \
            bootstrap/primitives.lisp bootstrap/load.lisp bootstrap/build.lisp

IMAGE = build/sbcl/zoot.core

.PHONY: all deps check clean hello runtime runtime-test

all: deps $(IMAGE) hello

# Install missing Debian packages when we can (root); otherwise say how.
deps:
	@if [ "$$(id -u)" = 0 ]; then scripts/install-deps; \
	else scripts/install-deps --check || { echo "run as root: scripts/install-deps"; exit 1; }; fi

$(IMAGE): $(LANGUAGE) $(COMPILER) $(BOOTSTRAP)
	@mkdir -p build/sbcl
	sbcl --noinform --non-interactive --no-sysinit --no-userinit \
	     --load bootstrap/build.lisp -- $(IMAGE) $(LANGUAGE) $(COMPILER) >build/sbcl/build.log 2>&1 \
	  || { cat build/sbcl/build.log; exit 1; }

hello: $(IMAGE)
	@scripts/zoot test/hello.zt

# Every test interpreted (with guile as the oracle), the bootstrap, then
# the language programs compiled natively.
check: $(IMAGE)
	test/run
	$(MAKE) bootstrap
	test/run --mode compiled lang/

# ---- The C runtime ----------------------------------------------------------
# build/$(ARCH)/libzrt.a from runtime/*.c and runtime/host/*.c.  Another
# target: `make runtime ARCH=i386` (or arm) with its compiler below.
#
# i386: gcc -m32 with gcc-12-multilib.  Debian's gcc-multilib, which would
# add the /usr/include/asm -> x86_64-linux-gnu/asm link the 32-bit libc
# headers need, conflicts with the ARM cross compiler (see
# scripts/install-deps), so -idirafter points at those asm headers
# instead; they serve both word sizes, and it is a last resort that
# changes nothing where the link exists.
# arm: Debian 12's ARM cross compiler is installed versioned (gcc-11, for
# the reason in scripts/install-deps), and only the versioned name exists.
ARCH ?= x86_64
CC_x86_64 = gcc
CC_i386 = gcc
CC_arm = arm-linux-gnueabi-gcc-11
ARCHFLAGS_x86_64 =
ARCHFLAGS_i386 = -m32 -idirafter /usr/include/x86_64-linux-gnu
ARCHFLAGS_arm = -march=armv5te
AR_x86_64 = ar
AR_i386 = ar
AR_arm = arm-linux-gnueabi-ar
RT_CC = $(CC_$(ARCH))
RT_AR = $(AR_$(ARCH))
RT_CFLAGS = -std=gnu11 -O2 -Wall -Wextra -Werror $(ARCHFLAGS_$(ARCH))
RT_SRC = $(wildcard runtime/*.c runtime/host/*.c)
RT_HDR = $(wildcard runtime/*.h)
RT_OBJ = $(RT_SRC:runtime/%.c=build/$(ARCH)/runtime/%.o)
RT_LIB = build/$(ARCH)/libzrt.a

runtime: $(RT_LIB)

$(RT_LIB): $(RT_OBJ)
	rm -f $@
	$(RT_AR) rcs $@ $(RT_OBJ)

build/$(ARCH)/runtime/%.o: runtime/%.c $(RT_HDR)
	@mkdir -p $(dir $@)
	$(RT_CC) $(RT_CFLAGS) -c $< -o $@

# The runtime's unit tests: one C program per concern, linked with the
# library and test/runtime/harness.c; test/runtime/run prints the totals.
# Other targets' tests run under qemu-user (RUN_$(ARCH)).
RT_TEST_SRC = $(filter-out test/runtime/harness.c,$(wildcard test/runtime/*.c))
RT_TEST_BIN = $(RT_TEST_SRC:test/runtime/%.c=build/$(ARCH)/runtime-test/%)

RUN_x86_64 =
RUN_i386 = qemu-i386
RUN_arm = qemu-arm -cpu arm926 -L /usr/arm-linux-gnueabi
# The machine make runs on; a target's binaries run directly there and
# through RUN_$(ARCH) (qemu-user) anywhere else.
HOST_MACHINE := $(shell uname -m)
HOST_ARCH := $(if $(filter i%86,$(HOST_MACHINE)),i386,$(if $(filter arm%,$(HOST_MACHINE)),arm,$(HOST_MACHINE)))
RUN = $(if $(filter $(ARCH),$(HOST_ARCH)),,$(RUN_$(ARCH)))

runtime-test: $(RT_TEST_BIN)
	RUNNER="$(RUN)" test/runtime/run $(RT_TEST_BIN)

build/$(ARCH)/runtime-test/%: test/runtime/%.c test/runtime/harness.c test/runtime/harness.h $(RT_LIB)
	@mkdir -p $(dir $@)
	$(RT_CC) $(RT_CFLAGS) -Iruntime -o $@ $< test/runtime/harness.c $(RT_LIB)

clean:
	rm -rf build

# ---- The native compiler and the bootstrap ---------------------------------
# stage0 (the compiler on SBCL) compiles the compiler to build/$(ARCH)/stage1;
# stage1 compiles it to stage2, stage2 to stage3.  The stage2 and stage3
# assembly must be identical, byte for byte; stage1 against stage2 is
# reported (we aim for identical too).  stage3 becomes build/$(ARCH)/zoot,
# which then compiles the language library user programs link with.
# With ARCH=i386 or arm, stage0 emits that target's assembly and stages
# 1 to 3 run under qemu-user (RUN above) unless make runs on that machine.
B = build/$(ARCH)
GLUE = $(B)/glue.o
COMPILE = scripts/compile --target=$(ARCH)

.PHONY: bootstrap native

$(GLUE): runtime/$(ARCH)/glue.S
	@mkdir -p $(B)
	$(RT_CC) $(ARCHFLAGS_$(ARCH)) -c $< -o $@

$(B)/stage1: $(IMAGE) $(COMPILER_SOURCES) $(RT_LIB) $(GLUE)
	ZOOT_COMPILER=bootstrap/stage0 $(COMPILE) --program --asm-dir $(B)/stage1.s -o $@ $(COMPILER_SOURCES)

$(B)/stage2: $(B)/stage1
	ZOOT_RUNNER="$(RUN)" ZOOT_COMPILER=$(B)/stage1 $(COMPILE) --program --asm-dir $(B)/stage2.s -o $@ $(COMPILER_SOURCES)

$(B)/stage3: $(B)/stage2
	ZOOT_RUNNER="$(RUN)" ZOOT_COMPILER=$(B)/stage2 $(COMPILE) --program --asm-dir $(B)/stage3.s -o $@ $(COMPILER_SOURCES)

bootstrap: $(B)/stage3
	@if diff -r -q $(B)/stage1.s $(B)/stage2.s >/dev/null; then \
	  echo "bootstrap: stage1 and stage2 assembly are identical"; \
	else echo "bootstrap: note: stage1 and stage2 assembly differ (stage0 ran on SBCL)"; fi
	@diff -r -q $(B)/stage2.s $(B)/stage3.s >/dev/null \
	  || { echo "bootstrap: FAILED: stage2 and stage3 assembly differ"; diff -r $(B)/stage2.s $(B)/stage3.s | head -20; exit 1; }
	@echo "bootstrap: stage2 and stage3 assembly are identical ($$(cat $(B)/stage3.s/*.s | wc -l) lines in $$(ls $(B)/stage3.s | wc -l) files)"
	cp $(B)/stage3 $(B)/zoot
	@mkdir -p $(B)/lib
	ZOOT_RUNNER="$(RUN)" ZOOT_COMPILER=$(B)/zoot $(COMPILE) --library --asm-dir $(B)/lib.s -o $(B)/lib/zoot-lib.a $(LIBRARY_SOURCES)

native: bootstrap

# ---- Install ----------------------------------------------------------------
# `make install [PREFIX=/usr/local] [DESTDIR=]` installs
#   PREFIX/bin/zoot-compile          scripts/compile: compile a program
#   PREFIX/bin/zoot                  scripts/zoot: run one, or a REPL
#   PREFIX/lib/zoot/ARCH/zoot        the native compiler (and interpreter)
#   PREFIX/lib/zoot/ARCH/libzrt.a    the C runtime
#   PREFIX/lib/zoot/ARCH/glue.o      the runtime's assembly glue
#   PREFIX/lib/zoot/ARCH/zoot-lib.a  the language library
# for each ARCH in INSTALL_ARCHES: $(ARCH) and every other ARCH bootstrapped
# here before (build/ARCH/zoot exists).  Each is first brought up to date
# with `make bootstrap ARCH=...`, which rebuilds only what changed (and
# always the library, a few seconds).  The two scripts find everything
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

.PHONY: install uninstall

install:
	@set -e; for a in $(INSTALL_ARCHES); do $(MAKE) --no-print-directory bootstrap ARCH=$$a; done
	install -d "$(INSTALL_BIN)"
	install -m 755 scripts/compile "$(INSTALL_BIN)/zoot-compile"
	install -m 755 scripts/zoot "$(INSTALL_BIN)/zoot"
	@set -e; for a in $(INSTALL_ARCHES); do \
	  echo "install: $$a -> $(INSTALL_LIB)/$$a"; \
	  install -d "$(INSTALL_LIB)/$$a"; \
	  install -m 755 build/$$a/zoot "$(INSTALL_LIB)/$$a/zoot"; \
	  install -m 644 build/$$a/libzrt.a build/$$a/glue.o build/$$a/lib/zoot-lib.a "$(INSTALL_LIB)/$$a/"; \
	done

# Every ARCH directory under lib/zoot goes, whichever were installed.
uninstall:
	rm -f "$(INSTALL_BIN)/zoot-compile" "$(INSTALL_BIN)/zoot"
	@set -e; for d in "$(INSTALL_LIB)"/*/; do \
	  [ -d "$$d" ] || continue; \
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
	test/asm-memory/run --dir $(B)/stage3.s
