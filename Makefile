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
ARCH ?= x86_64
CC_x86_64 = gcc
CC_i386 = gcc
CC_arm = arm-linux-gnueabi-gcc
ARCHFLAGS_x86_64 =
ARCHFLAGS_i386 = -m32
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
RUN_arm = qemu-arm -L /usr/arm-linux-gnueabi

runtime-test: $(RT_TEST_BIN)
	RUNNER="$(RUN_$(ARCH))" test/runtime/run $(RT_TEST_BIN)

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
	ZOOT_COMPILER=$(B)/stage1 $(COMPILE) --program --asm-dir $(B)/stage2.s -o $@ $(COMPILER_SOURCES)

$(B)/stage3: $(B)/stage2
	ZOOT_COMPILER=$(B)/stage2 $(COMPILE) --program --asm-dir $(B)/stage3.s -o $@ $(COMPILER_SOURCES)

bootstrap: $(B)/stage3
	@if diff -r -q $(B)/stage1.s $(B)/stage2.s >/dev/null; then \
	  echo "bootstrap: stage1 and stage2 assembly are identical"; \
	else echo "bootstrap: note: stage1 and stage2 assembly differ (stage0 ran on SBCL)"; fi
	@diff -r -q $(B)/stage2.s $(B)/stage3.s >/dev/null \
	  || { echo "bootstrap: FAILED: stage2 and stage3 assembly differ"; diff -r $(B)/stage2.s $(B)/stage3.s | head -20; exit 1; }
	@echo "bootstrap: stage2 and stage3 assembly are identical ($$(cat $(B)/stage3.s/*.s | wc -l) lines in $$(ls $(B)/stage3.s | wc -l) files)"
	cp $(B)/stage3 $(B)/zoot
	@mkdir -p $(B)/lib
	ZOOT_COMPILER=$(B)/zoot $(COMPILE) --library --asm-dir $(B)/lib.s -o $(B)/lib/zoot-lib.a $(LIBRARY_SOURCES)

native: bootstrap
