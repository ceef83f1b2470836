/*
 * runtime/guest/x86_64/x86.h - the x86 instructions C cannot write.
 *
 * In:  nothing.
 * Out: port I/O, the time stamp counter, control registers, TLB flushes.
 *
 * Why it exists: the x86-64 machine files (arch.c, traps.c) need a few
 * single instructions; each is one line of inline assembly here.
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

static inline uint64_t read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

/* Forget every cached translation (after changing the page tables). */
static inline void flush_tlb(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr3, %0; mov %0, %%cr3" : "=r"(v) : : "memory");
}

#endif
