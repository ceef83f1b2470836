/*
 * runtime/host/stack.c - the Zoot stack and the fault handler (Linux).
 *
 * In:  nothing (called once by main).
 * Out: a big lazily committed stack for Zoot code with a guard region
 *      below it; zrt_stack_low and zrt_stack_limit for the prologue
 *      checks; a SIGSEGV/SIGBUS handler, on its own signal stack, that
 *      turns a fault into an error message and exit status 70.
 *
 * Why it exists: deep recursion is normal in Lisp, so Zoot gets far more
 * stack than the C default.  Generated code checks the stack pointer
 * against zrt_stack_limit in every prologue and raises a catchable
 * error; the guard catches what slips past that check (deep C code, or
 * the error handler itself running out of its headroom), and any other
 * fault is reported as an internal error rather than a core dump.
 */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "../zrt.h"

/* 32-bit targets have less address space to spare. */
#define STACK_BYTES (sizeof(zval) >= 8 ? (size_t)1 << 30 : (size_t)256 << 20)
#define GUARD_BYTES ((size_t)1 << 20)	/* wide: big frames may skip a page */
#define HEADROOM_BYTES ((size_t)256 << 10)
#define SIGNAL_STACK_BYTES ((size_t)64 << 10)

zval *zrt_stack_limit;
zval *zrt_stack_low;

static char *guard_lo, *guard_hi, *stack_hi;

zval *zrt_stack_top(void)
{
	return (zval *)stack_hi;
}

/*
 * Runs on the signal stack with SA_NODEFER, so a second fault while
 * reporting (a corrupt frame chain, say) re-enters and exits at once
 * instead of dumping core.  Everything here is async-signal-safe: the
 * site table was sorted at start-up, and standard error is written
 * with write(2), unbuffered (runtime/console.c).
 */
static void on_fault(int sig, siginfo_t *info, void *context)
{
	static volatile sig_atomic_t busy;
	char *addr = info->si_addr;

	(void)context;
	if (busy) {
		zrt_host_write_str(2, "error: internal error: fault while reporting a fault\n");
		_exit(70);
	}
	busy = 1;
	zrt_report_fault(addr >= guard_lo && addr < guard_hi,
			 sig == SIGBUS ? "bus error" : "segmentation fault", (uintptr_t)addr);
	_exit(70);
}

void zrt_stack_init(void)
{
	size_t total = STACK_BYTES + GUARD_BYTES;
	char *base = mmap(NULL, total, PROT_NONE,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	struct sigaction sa;
	stack_t ss;

	if (base == MAP_FAILED ||
	    mprotect(base + GUARD_BYTES, STACK_BYTES, PROT_READ | PROT_WRITE) != 0)
		zrt_fatal("cannot map the Zoot stack");
	guard_lo = base;
	guard_hi = base + GUARD_BYTES;
	stack_hi = base + total;
	zrt_stack_low = (zval *)guard_hi;
	zrt_stack_limit = (zval *)(guard_hi + HEADROOM_BYTES);

	ss.ss_sp = mmap(NULL, SIGNAL_STACK_BYTES, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ss.ss_size = SIGNAL_STACK_BYTES;
	ss.ss_flags = 0;
	if (ss.ss_sp == MAP_FAILED || sigaltstack(&ss, NULL) != 0)
		zrt_fatal("cannot set up the signal stack");
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}
