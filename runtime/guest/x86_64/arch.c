/*
 * runtime/guest/x86_64/arch.c - the x86-64 machine's memory mappings.
 *
 * In:  the page tables boot.S built (4 GiB identity-mapped, the first
 *      2 MiB with 4 KiB pages).
 * Out: the machine hooks of guest.h that depend on long mode's paging:
 *      the Zoot stack's mapping and the null page; the RAM limit for
 *      ../x86/microvm.c, which has the rest of the machine (start info,
 *      devices, clock, debug port, power-off).
 *
 * Why it exists: everything that depends on the CPU's mode rather than
 * on the machine is here, so that the i386 guest (runtime/guest/i386/)
 * is the same file with its own page tables.
 */
#include "../guest.h"
#include "../x86/x86.h"

/* The Zoot stack lives at the top of the first GiB above 512 GiB (the
 * second entry of the top-level page table); the rest of that GiB, and
 * everything down to 4 GiB, is unmapped. */
#define STACK_REGION ((uintptr_t)1 << 39)
#define STACK_REGION_BYTES ((uintptr_t)1 << 30)
#define STACK_MAX ((size_t)512 << 20)

#define PAGE_P 0x001
#define PAGE_RW 0x002
#define PAGE_PS 0x080

/* boot.S maps the first 4 GiB. */
const uint64_t zrt_x86_ram_limit = (uint64_t)1 << 32;

extern uint64_t zrt_guest_pml4[512], zrt_guest_pt0[512];
static uint64_t stack_pdpt[512] __attribute__((aligned(4096)));
static uint64_t stack_pd[512] __attribute__((aligned(4096)));

char *zrt_arch_map_stack(uint64_t phys, size_t bytes)
{
	uintptr_t low = STACK_REGION + STACK_REGION_BYTES - bytes;
	size_t i, first = (STACK_REGION_BYTES - bytes) >> 21;

	if (bytes > STACK_MAX)
		zrt_fatal("internal error: stack too big to map");
	for (i = 0; i < bytes >> 21; i++)
		stack_pd[first + i] = (phys + ((uint64_t)i << 21)) | PAGE_P | PAGE_RW | PAGE_PS;
	stack_pdpt[0] = (uint64_t)(uintptr_t)stack_pd | PAGE_P | PAGE_RW;
	zrt_guest_pml4[STACK_REGION >> 39] = (uint64_t)(uintptr_t)stack_pdpt | PAGE_P | PAGE_RW;
	flush_tlb();
	return (char *)low;
}

void zrt_arch_unmap_page0(void)
{
	zrt_guest_pt0[0] = 0;
	flush_tlb();
}
