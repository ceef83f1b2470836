/*
 * runtime/guest/x86_64/traps.c - catching faults on x86-64.
 *
 * In:  the entry points in vectors.S; the GDT in boot.S (with a free slot
 *      for the task state segment).
 * Out: an IDT whose 32 exception vectors run on a fault stack of their
 *      own; the entries call zrt_guest_trap (../x86/faults.c), which
 *      hands each fault to stack.c to be reported (a stack overflow, or
 *      an internal error).
 *
 * Why it exists: a guest has no signals; a fault is an exception the CPU
 * delivers through the interrupt descriptor table, and without one it
 * would reset the machine silently.  The fault stack matters for the one
 * fault we expect, a stack overflow: the CPU must push its frame
 * somewhere other than the stack that ran out.  In long mode that is an
 * Interrupt Stack Table entry of the task state segment, so a TSS is
 * set up for this alone (no task switching happens).
 *
 * Interrupts stay disabled, so only exceptions ever arrive.
 */
#include "../guest.h"
#include "../x86/x86.h"

#define CODE64 0x08
#define TSS_SELECTOR 0x18
#define FAULT_STACK_BYTES (32 << 10)

/* The 64-bit TSS: only IST 1 is used. */
struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

extern uint64_t zrt_guest_gdt[5];
extern const uint64_t zrt_guest_trap_entries[32];

static struct tss tss;
static uint64_t idt[2 * 32] __attribute__((aligned(16)));	/* 16-byte gates */
static char fault_stack[FAULT_STACK_BYTES] __attribute__((aligned(16)));

void zrt_arch_traps_init(void)
{
	int i;

	tss.ist[0] = (uint64_t)(uintptr_t)(fault_stack + FAULT_STACK_BYTES);
	tss.iomap_base = sizeof(tss);
	/* A 16-byte system descriptor: the usual 8 bytes, then the top
	 * half of the base. */
	zrt_guest_gdt[3] = tss_descriptor((uintptr_t)&tss, sizeof(tss) - 1);
	zrt_guest_gdt[4] = (uint64_t)(uintptr_t)&tss >> 32;
	for (i = 0; i < 32; i++) {
		idt[2 * i] = gate_descriptor(zrt_guest_trap_entries[i], CODE64, 0x8e, 1);
		idt[2 * i + 1] = zrt_guest_trap_entries[i] >> 32;
	}
	load_tables(zrt_guest_gdt, sizeof(uint64_t) * 5, idt, sizeof(idt), TSS_SELECTOR);
}
