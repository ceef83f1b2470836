/*
 * runtime/guest/x86_64/traps.c - catching faults on x86-64.
 *
 * In:  the entry points in vectors.S; the GDT in boot.S (with a free slot
 *      for the task state segment).
 * Out: an IDT whose 32 exception vectors run on a fault stack of their
 *      own, and zrt_guest_trap, which hands each fault to stack.c to be
 *      reported (a stack overflow, or an internal error).
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
#include "x86.h"

#define CODE64 0x08
#define TSS_SELECTOR 0x18
#define FAULT_STACK_BYTES (32 << 10)

struct trap_frame {
	uint64_t vector, error, rip, cs, rflags, rsp, ss;
};

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

struct idt_entry {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;		/* 0x8e: present, ring 0, interrupt gate */
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

struct table_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

extern uint64_t zrt_guest_gdt[5];
extern const uint64_t zrt_guest_trap_entries[32];

static struct tss tss;
static struct idt_entry idt[32];
static char fault_stack[FAULT_STACK_BYTES] __attribute__((aligned(16)));

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

void zrt_arch_traps_init(void)
{
	uint64_t base = (uint64_t)(uintptr_t)&tss, limit = sizeof(tss) - 1;
	struct table_pointer gdtp, idtp;
	int i;

	tss.ist[0] = (uint64_t)(uintptr_t)(fault_stack + FAULT_STACK_BYTES);
	tss.iomap_base = sizeof(tss);
	/* A 16-byte system descriptor: available 64-bit TSS (type 9). */
	zrt_guest_gdt[3] = (limit & 0xffff) | (base & 0xffffff) << 16 | (uint64_t)0x89 << 40 |
			   ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	zrt_guest_gdt[4] = base >> 32;
	gdtp.limit = sizeof(uint64_t) * 5 - 1;
	gdtp.base = (uint64_t)(uintptr_t)zrt_guest_gdt;
	__asm__ volatile("lgdt %0" : : "m"(gdtp));
	__asm__ volatile("ltr %w0" : : "r"(TSS_SELECTOR));

	for (i = 0; i < 32; i++) {
		uint64_t a = zrt_guest_trap_entries[i];

		idt[i].offset_low = (uint16_t)a;
		idt[i].selector = CODE64;
		idt[i].ist = 1;
		idt[i].type = 0x8e;
		idt[i].offset_mid = (uint16_t)(a >> 16);
		idt[i].offset_high = (uint32_t)(a >> 32);
		idt[i].reserved = 0;
	}
	idtp.limit = sizeof(idt) - 1;
	idtp.base = (uint64_t)(uintptr_t)idt;
	__asm__ volatile("lidt %0" : : "m"(idtp));
}

_Noreturn void zrt_guest_trap(struct trap_frame *f);

_Noreturn void zrt_guest_trap(struct trap_frame *f)
{
	if (f->vector == 14)
		zrt_guest_fault(1, (uintptr_t)read_cr2(), names[14], (uintptr_t)f->rip);
	zrt_guest_fault(0, 0, names[f->vector & 31], (uintptr_t)f->rip);
}
