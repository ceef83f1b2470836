/*
 * runtime/guest/arm/arch.c - the ARM guest's memory mappings.
 *
 * In:  the first-level translation table boot.S built (devices and RAM
 *      identity-mapped with 1 MiB sections, nothing from 0xc0000000 up).
 * Out: the machine hooks of guest.h that depend on the translation
 *      table: the Zoot stack's mapping and the null page.  virt.c has the
 *      rest of the machine (device tree, devices, clock, debug port,
 *      power-off).
 *
 * Why it exists: as on x86 (runtime/guest/x86_64/arch.c), the CPU's
 * paging is kept apart from the machine around it.
 *
 * The Zoot stack's physical pages (2 MiB aligned, at most 512 MiB) are
 * mapped with sections just below 0xf0000000, so the 256 MiB or more
 * between 0xc0000000 and the stack are unmapped: a fault there is a
 * stack overflow.
 */
#include "../guest.h"
#include "arm.h"

/* The Zoot stack lives just below 0xf0000000; nothing else is mapped
 * from 0xc0000000 up. */
#define STACK_TOP 0xf0000000u
#define STACK_MAX ((size_t)512 << 20)
#define SECTION_SHIFT 20
/* A section of Normal write-back memory, read/write, never executed
 * (boot.S's RAM_SECTION with XN). */
#define STACK_SECTION 0x1c1eu

extern uint32_t zrt_guest_l1[4096];

char *zrt_arch_map_stack(uint64_t phys, size_t bytes)
{
	uintptr_t low = STACK_TOP - bytes;
	size_t i;

	if (bytes > STACK_MAX)
		zrt_fatal("internal error: stack too big to map");
	for (i = 0; i < bytes >> SECTION_SHIFT; i++)
		zrt_guest_l1[(low >> SECTION_SHIFT) + i] = (uint32_t)(phys + (i << SECTION_SHIFT)) | STACK_SECTION;
	flush_tlb();
	return (char *)low;
}

/* The whole first MiB (virt's flash): a null pointer plus any offset
 * under 1 MiB faults. */
void zrt_arch_unmap_page0(void)
{
	zrt_guest_l1[0] = 0;
	flush_tlb();
}
