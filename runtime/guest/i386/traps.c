/*
 * runtime/guest/i386/traps.c - catching faults on i386.
 *
 * In:  the entry points in vectors.S; the GDT in boot.S (with three free
 *      slots for task state segments).
 * Out: an IDT for the 32 exception vectors: page faults and double
 *      faults through task gates, onto stacks of their own, the others
 *      through interrupt gates; the entries call zrt_guest_trap
 *      (../x86/faults.c), which hands each fault to stack.c to be
 *      reported (a stack overflow, or an internal error).
 *
 * Why it exists: as runtime/guest/x86_64/traps.c.  The fault stack
 * matters for the one fault we expect, a stack overflow: the CPU must
 * push its frame somewhere other than the stack that ran out, and
 * protected mode has no Interrupt Stack Table.  A task gate is its way
 * (Intel SDM vol. 3, 7.2.5 and 6.12.2): the CPU saves the running
 * task's registers in the TSS the task register names (main_tss, which
 * exists for this alone) and loads a fault task's, stack included, from
 * another TSS.  So a page fault on the guard below the Zoot stack runs
 * on the page-fault task's stack, finds the faulting instruction in
 * main_tss and the address in CR2.  The double fault has a task too, for
 * any other exception whose frame cannot be pushed.  A task is used at
 * most once: every exception ends the program.
 *
 * Interrupts stay disabled, so only exceptions ever arrive.
 */
#include "../guest.h"
#include "../x86/x86.h"

#define CODE32 0x08
#define DATA32 0x10
#define MAIN_TSS 0x18
#define FAULT_STACK_BYTES (16 << 10)

#define DOUBLE_FAULT 8
#define PAGE_FAULT 14

/* The 32-bit TSS; a segment register's field holds the selector in its
 * low half. */
struct tss {
	uint32_t link;
	uint32_t esp0, ss0, esp1, ss1, esp2, ss2;
	uint32_t cr3, eip, eflags;
	uint32_t eax, ecx, edx, ebx, esp, ebp, esi, edi;
	uint32_t es, cs, ss, ds, fs, gs, ldt;
	uint16_t trap, iomap_base;
} __attribute__((packed));

/* A fault task: its TSS, where it starts, its stack. */
struct task {
	struct tss tss;
	uint16_t selector;
	void (*entry)(void);
	char stack[FAULT_STACK_BYTES] __attribute__((aligned(16)));
};

extern uint64_t zrt_guest_gdt[6];
extern const uint32_t zrt_guest_trap_entries[32];
extern void zrt_guest_page_fault_task(void), zrt_guest_double_fault_task(void);

static struct tss main_tss;
static uint64_t idt[32] __attribute__((aligned(8)));
static struct task tasks[2] = {
	{ .selector = 0x20, .entry = zrt_guest_page_fault_task },
	{ .selector = 0x28, .entry = zrt_guest_double_fault_task },
};

static void task_init(struct task *t)
{
	struct tss *s = &t->tss;

	s->cr3 = read_cr3();
	s->eip = (uint32_t)t->entry;
	s->eflags = 0x2;		/* the reserved bit; interrupts off */
	s->esp = (uint32_t)(t->stack + FAULT_STACK_BYTES);
	s->cs = CODE32;
	s->ss = s->ds = s->es = s->fs = s->gs = DATA32;
	s->iomap_base = sizeof(*s);
	zrt_guest_gdt[t->selector >> 3] = tss_descriptor((uintptr_t)s, sizeof(*s) - 1);
}

void zrt_arch_traps_init(void)
{
	int i;

	main_tss.iomap_base = sizeof(main_tss);
	zrt_guest_gdt[MAIN_TSS >> 3] = tss_descriptor((uintptr_t)&main_tss, sizeof(main_tss) - 1);
	for (i = 0; i < 2; i++)
		task_init(&tasks[i]);
	for (i = 0; i < 32; i++)
		idt[i] = gate_descriptor(zrt_guest_trap_entries[i], CODE32, 0x8e, 0);
	idt[PAGE_FAULT] = gate_descriptor(0, tasks[0].selector, 0x85, 0);
	idt[DOUBLE_FAULT] = gate_descriptor(0, tasks[1].selector, 0x85, 0);
	load_tables(zrt_guest_gdt, sizeof(uint64_t) * 6, idt, sizeof(idt), MAIN_TSS);
}

/* A fault task's start (vectors.S): the faulting instruction is where
 * the interrupted task stopped. */
_Noreturn void zrt_guest_task_trap(uint32_t vector, uint32_t error);

_Noreturn void zrt_guest_task_trap(uint32_t vector, uint32_t error)
{
	struct x86_trap_frame f = { vector, error, main_tss.eip };

	zrt_guest_trap(&f);
}
