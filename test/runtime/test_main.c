/*
 * test/runtime/test_main.c - the runtime's own main() and start-up.
 *
 * In:  the real main() from libzrt.a (this file defines none), with a
 *      stand-in entry closure and zrt_start; the program re-runs itself
 *      with other arguments and environments.
 * Out: checks that main sets up the heap, the stack and the command line
 *      before zrt_start, rejects a bad ZOOT_HEAP_MAX with status 70, and
 *      that %exit flushes buffered output and sets the status.
 *
 * Why it exists: start-up is the one path every program takes; it
 * should not wait for the compiler to be tested.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "harness.h"

zval zoot_entry_closure[2] __attribute__((aligned(8))) = { MAKE_HEADER(OBJ_CLOSURE, 1), 0 };

/*
 * Replace this process with a fresh run of this program with ARG.  Under
 * an emulator (test/runtime/run exports RUNNER, e.g. qemu-i386) the
 * kernel cannot run the binary itself, so the shell runs it through the
 * emulator; qemu-user reports the emulated program as /proc/self/exe.
 */
static void exec_self(const char *arg)
{
	const char *runner = getenv("RUNNER");
	char self[4096];
	ssize_t n;

	if (!runner || !*runner) {
		execl("/proc/self/exe", "test_main", arg, (char *)NULL);
		return;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0)
		return;
	self[n] = 0;
	execl("/bin/sh", "sh", "-c", "exec $RUNNER \"$0\" \"$1\"", self, arg, (char *)NULL);
}

struct rerun {
	const char *arg, *env;
};

static void run_self(void *p)
{
	const struct rerun *r = p;

	if (r->env)
		putenv((char *)r->env);
	exec_self(r->arg);
	_exit(99);
}

/* Run ourselves with ARG (and ENV set, if any); capture stdout+stderr. */
static int rerun(const char *arg, const char *env, char *buf, size_t size)
{
	struct rerun r = { arg, env };

	return h_in_child(run_self, &r, 1, buf, size);
}

static int has_arg(zval list, const char *arg)
{
	for (list = CDR(list); IS_PAIR(list); list = CDR(list))
		if (h_str_is(CAR(list), arg))
			return 1;
	return 0;
}

void zrt_start(zval *stack_top, zval entry_closure)
{
	zval args = zp_command_line();
	char buf[512];

	if (has_arg(args, "exit-3")) {
		zp_write_string(MAKE_FIXNUM(1), h_str("buffered \xe2\x82\xac"));
		zp_exit(MAKE_FIXNUM(3));
	}
	if (has_arg(args, "heap")) {
		printf("%lu\n", (unsigned long)zrt_heap_size_bytes());
		zp_exit(MAKE_FIXNUM(0));
	}
	CHECK(entry_closure == MAKE_OBJ_PTR(zoot_entry_closure));
	CHECK(stack_top == zrt_stack_top() && zrt_stack_low != NULL);
	CHECK((char *)zrt_stack_limit - (char *)zrt_stack_low == 256 << 10);
	CHECK(IS_PAIR(args) && IS_STRING(CAR(args)) && CDR(args) == ZNULL);

	CHECK(rerun("exit-3", NULL, buf, sizeof(buf)) == 3);
	CHECK(!strcmp(buf, "buffered \xe2\x82\xac"));
	CHECK(rerun("x", "ZOOT_HEAP_MAX=12x", buf, sizeof(buf)) == 70);
	CHECK(!strcmp(buf, "error: invalid ZOOT_HEAP_MAX \"12x\": expected a size of at "
			   "least 64k, such as 512m or 2g\n"));
	CHECK(rerun("heap", "ZOOT_HEAP_MAX=1m", buf, sizeof(buf)) == 0);
	CHECK(!strcmp(buf, "1048576\n"));
	CHECK(rerun("heap", NULL, buf, sizeof(buf)) == 0);
	CHECK(!strcmp(buf, "4194304\n"));
	zp_exit(MAKE_FIXNUM(h_finish()));
}
