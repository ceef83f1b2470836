/*
 * runtime/guest/x86/x86.h - what the two x86 machines share.
 *
 * In:  nothing.
 * Out: the x86 instructions C cannot write (port I/O, the time stamp
 *      counter, control registers, TLB flushes), the frame the exception
 *      entries hand to C, and the few things each machine's arch.c
 *      tells the shared code in microvm.c and faults.c.
 *
 * Why it exists: the x86-64 and i386 guests run on the same QEMU
 * machine (microvm) and differ only in the CPU's mode: paging, the
 * descriptor tables, the boot code.  What is the same is written once,
 * in this directory, and compiled for both (make guest-runtime picks
 * runtime/guest/x86/ up for ARCH=x86_64 and ARCH=i386).  Each helper
 * works on either word size.
 */
#ifndef ZOOT_GUEST_X86_H
#define ZOOT_GUEST_X86_H

#include <stdint.h>

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static inline uintptr_t read_cr2(void)
{
	uintptr_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uintptr_t read_cr3(void)
{
	uintptr_t v;

	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
	return v;
}

/* Forget every cached translation (after changing the page tables); with
 * PAE paging this also reloads the four page-directory pointers. */
static inline void flush_tlb(void)
{
	uintptr_t v;

	__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(v) : : "memory");
}

/* Load the global descriptor table, the interrupt descriptor table, the
 * task register. */
struct x86_table_pointer {
	uint16_t limit;
	uintptr_t base;
} __attribute__((packed));

static inline void load_tables(const void *gdt, unsigned gdt_bytes, const void *idt,
			       unsigned idt_bytes, uint16_t tss_selector)
{
	struct x86_table_pointer g = { (uint16_t)(gdt_bytes - 1), (uintptr_t)gdt };
	struct x86_table_pointer i = { (uint16_t)(idt_bytes - 1), (uintptr_t)idt };

	__asm__ volatile("lgdt %0" : : "m"(g));
	__asm__ volatile("ltr %w0" : : "r"(tss_selector));
	__asm__ volatile("lidt %0" : : "m"(i));
}

/* A segment descriptor for a task state segment at BASE (available,
 * type 9: a 32-bit TSS, or the first half of a 64-bit one). */
static inline uint64_t tss_descriptor(uintptr_t base, uint32_t limit)
{
	uint64_t b = base;

	return (limit & 0xffff) | (b & 0xffffff) << 16 | (uint64_t)0x89 << 40 |
	       (uint64_t)((limit >> 16) & 0xf) << 48 | ((b >> 24) & 0xff) << 56;
}

/* An IDT gate's first 8 bytes, the same in both modes: an interrupt
 * gate (type 0x8e) to OFFSET in code segment SELECTOR, on Interrupt
 * Stack Table entry IST (long mode; 0 in protected mode), or a task gate
 * (type 0x85, OFFSET 0) to the TSS SELECTOR.  A long-mode gate is 16
 * bytes: then the top half of OFFSET. */
static inline uint64_t gate_descriptor(uintptr_t offset, uint16_t selector, uint8_t type, uint8_t ist)
{
	uint64_t o = offset;

	return (o & 0xffff) | (uint64_t)selector << 16 | (uint64_t)ist << 32 |
	       (uint64_t)type << 40 | ((o >> 16) & 0xffff) << 48;
}

/* What an exception entry (vectors.S) hands zrt_guest_trap: the vector,
 * the error code (0 when the CPU gives none) and the faulting
 * instruction, each a word of the machine's size. */
struct x86_trap_frame {
	uintptr_t vector, error, ip;
};

_Noreturn void zrt_guest_trap(struct x86_trap_frame *f);

/* From the machine's arch.c: where the RAM its boot page tables
 * identity-map ends (RAM above is not used). */
extern const uint64_t zrt_x86_ram_limit;

#endif
