/*
 * runtime/guest/x86/faults.c - what an x86 exception means.
 *
 * In:  a frame from an exception entry of the machine's vectors.S
 *      (struct x86_trap_frame: vector, error code, faulting instruction),
 *      the faulting address in CR2 for a page fault.
 * Out: the fault handed to stack.c (zrt_guest_fault) with the
 *      exception's name, to be reported: a stack overflow when a page
 *      fault hit the guard below the Zoot stack, else an internal error.
 *
 * Why it exists: the 32 exception vectors are the same on x86-64 and
 * i386; only how the CPU reaches a handler (an IDT of the mode's shape,
 * a fault stack through the TSS or a task gate: traps.c) differs.
 */
#include "../guest.h"
#include "x86.h"

#define PAGE_FAULT 14

static const char *const names[32] = {
	"divide error", "debug exception", "non-maskable interrupt", "breakpoint",
	"overflow", "bound range exceeded", "invalid opcode", "device not available",
	"double fault", "coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack-segment fault", "general protection fault", "page fault", "exception 15",
	"x87 floating-point error", "alignment check", "machine check", "SIMD floating-point error",
	"virtualization exception", "control protection exception", "exception 22", "exception 23",
	"exception 24", "exception 25", "exception 26", "exception 27",
	"exception 28", "exception 29", "security exception", "exception 31",
};

_Noreturn void zrt_guest_trap(struct x86_trap_frame *f)
{
	if (f->vector == PAGE_FAULT)
		zrt_guest_fault(1, read_cr2(), names[PAGE_FAULT], f->ip);
	zrt_guest_fault(0, 0, names[f->vector & 31], f->ip);
}
