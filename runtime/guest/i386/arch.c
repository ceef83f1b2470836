/*
 * runtime/guest/i386/arch.c - the i386 machine's memory mappings.
 *
 * In:  the PAE page tables boot.S built (0-2 GiB identity-mapped, the
 *      first 2 MiB with 4 KiB pages; the directory of 2-3 GiB empty).
 * Out: the machine hooks of guest.h that depend on 32-bit paging: the
 *      Zoot stack's mapping and the null page; the RAM limit for
 *      ../x86/microvm.c, which has the rest of the machine (start info,
 *      devices, clock, debug port, power-off).
 *
 * Why it exists: as runtime/guest/x86_64/arch.c, in a 4 GiB address
 * space.  The stack gets the third GiB to itself: mapped at its top,
 * the rest left unmapped as the guard (the stack is at most 512 MiB, so
 * the guard is at least 512 MiB).  RAM above 2 GiB is not used.
 */
#include "../guest.h"
#include "../x86/x86.h"

#define STACK_REGION ((uintptr_t)2 << 30)
#define STACK_REGION_BYTES ((uintptr_t)1 << 30)
#define STACK_MAX ((size_t)512 << 20)

#define PAGE_P 0x001
#define PAGE_RW 0x002
#define PAGE_PS 0x080

/* boot.S maps RAM in the first 2 GiB. */
const uint64_t zrt_x86_ram_limit = (uint64_t)2 << 30;

/* The four page directories, one per GiB, and the first 2 MiB's table. */
extern uint64_t zrt_guest_pd[4 * 512], zrt_guest_pt0[512];

char *zrt_arch_map_stack(uint64_t phys, size_t bytes)
{
	uintptr_t low = STACK_REGION + STACK_REGION_BYTES - bytes;
	uint64_t *pd = zrt_guest_pd + (STACK_REGION >> 30) * 512;
	size_t i, first = (STACK_REGION_BYTES - bytes) >> 21;

	if (bytes > STACK_MAX)
		zrt_fatal("internal error: stack too big to map");
	for (i = 0; i < bytes >> 21; i++)
		pd[first + i] = (phys + ((uint64_t)i << 21)) | PAGE_P | PAGE_RW | PAGE_PS;
	flush_tlb();
	return (char *)low;
}

void zrt_arch_unmap_page0(void)
{
	zrt_guest_pt0[0] = 0;
	flush_tlb();
}
