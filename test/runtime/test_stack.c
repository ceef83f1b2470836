/*
 * test/runtime/test_stack.c - the Zoot stack, its guard and the fault
 * handler.
 *
 * In:  zrt_stack_init in child processes, which then run a runaway
 *      recursion on the Zoot stack (through swapcontext), or fault
 *      elsewhere.
 * Out: checks that overflowing into the guard prints "error: stack
 *      overflow (recursion too deep)" and exits 70 (the handler must run
 *      on its own stack), and that any other fault is an internal error
 *      with status 70, never a core dump.
 *
 * Why it exists: these paths only run when something has already gone
 * wrong, so nothing else would exercise them.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>
#include "harness.h"

static ucontext_t main_context, zoot_context;

/* Recursion the compiler cannot turn into a loop. */
static volatile int forever = 1;

static int __attribute__((noinline)) recurse(volatile char *prev, int depth)
{
	volatile char frame[256];

	frame[0] = (char)depth;
	frame[255] = prev ? prev[0] : 0;
	if (!forever)
		return 0;
	return recurse(frame, depth + 1) + frame[255];
}

static void run_on_zoot_stack(void)
{
	recurse(NULL, 0);
}

/* In a child: overflow the Zoot stack (WHICH 0) or fault at a null
 * pointer (1). */
static void fault(void *p)
{
	int which = *(int *)p;

	zrt_stack_init();
	if (which == 0) {
		/* The lowest megabyte of the Zoot stack: the overflow comes
		 * quickly and touches little memory. */
		getcontext(&zoot_context);
		zoot_context.uc_stack.ss_sp = zrt_stack_low;
		zoot_context.uc_stack.ss_size = (size_t)1 << 20;
		zoot_context.uc_link = &main_context;
		makecontext(&zoot_context, run_on_zoot_stack, 0);
		swapcontext(&main_context, &zoot_context);
	} else {
		volatile uintptr_t address = 16;

		*(volatile int *)address = 1;
	}
}

/* Runs fault(WHICH) in a child with stderr captured; status and text out. */
static int in_child(int which, char *buf, size_t size)
{
	return h_in_child(fault, &which, 0, buf, size);
}

int main(void)
{
	char buf[512];

	h_init((size_t)1 << 20, (size_t)64 << 20, 0);
	CHECK(in_child(0, buf, sizeof(buf)) == 70);
	CHECK(!strcmp(buf, "error: stack overflow (recursion too deep)\n"));
	CHECK(in_child(1, buf, sizeof(buf)) == 70);
	CHECK(!strcmp(buf, "error: internal error: segmentation fault at 0x10\n"));
	zrt_stack_init();
	CHECK((char *)zrt_stack_limit - (char *)zrt_stack_low == 256 << 10);
	CHECK(((uintptr_t)zrt_stack_top() & 15) == 0);
	CHECK((char *)zrt_stack_top() - (char *)zrt_stack_low >= 256 << 20);
	return h_finish();
}
