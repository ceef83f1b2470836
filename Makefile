# Zoot: build, bootstrap and test.  `make` sets up and builds; `make check`
# runs every test.  See README.md.

# The language's sources, in load order: library first, then the
# reader, expander and interpreter that use it, then the driver.
LANGUAGE = language/base.zt language/control.zt language/ports.zt \
           language/hashtables.zt language/reader.zt language/expander.zt \
           language/syntax-rules.zt language/interp.zt language/builtins.zt \
           language/main.zt
BOOTSTRAP = bootstrap/reader.lisp bootstrap/translate.lisp \
            bootstrap/primitives.lisp bootstrap/load.lisp bootstrap/build.lisp

IMAGE = build/sbcl/zoot.core

.PHONY: all deps check clean hello

all: deps $(IMAGE) hello

# Install missing Debian packages when we can (root); otherwise say how.
deps:
	@if [ "$$(id -u)" = 0 ]; then scripts/install-deps; \
	else scripts/install-deps --check || { echo "run as root: scripts/install-deps"; exit 1; }; fi

$(IMAGE): $(LANGUAGE) $(BOOTSTRAP)
	@mkdir -p build/sbcl
	sbcl --noinform --non-interactive --no-sysinit --no-userinit \
	     --load bootstrap/build.lisp -- $(IMAGE) $(LANGUAGE) >build/sbcl/build.log 2>&1 \
	  || { cat build/sbcl/build.log; exit 1; }

hello: $(IMAGE)
	@scripts/zoot test/hello.zt

check: $(IMAGE)
	test/run

clean:
	rm -rf build
