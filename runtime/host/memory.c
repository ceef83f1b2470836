/*
 * runtime/host/memory.c - address space for the heap (libc/Linux).
 *
 * In:  a size in bytes.
 * Out: zeroed, page-aligned memory (mmap), and its release.
 *
 * Why it exists: semispaces are big and short-lived; mapping them
 * directly keeps them out of malloc's arena and lets the system commit
 * pages only as the allocator touches them.  Touching a fresh page costs
 * a fault, which dominates a collection into a new space; big spaces are
 * therefore aligned to 2 MiB and offered to the kernel for transparent
 * huge pages, which cuts the faults by a factor of 512 where enabled.
 */
#include <stdint.h>
#include <sys/mman.h>
#include "../zrt.h"

#define HUGE_PAGE ((size_t)2 << 20)

void *zrt_host_map(size_t bytes)
{
	size_t extra = bytes >= 2 * HUGE_PAGE ? HUGE_PAGE : 0;
	char *p = mmap(NULL, bytes + extra, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	char *aligned;

	if (p == MAP_FAILED)
		return NULL;
	if (!extra)
		return p;
	aligned = (char *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	if (aligned > p)
		munmap(p, (size_t)(aligned - p));
	if (aligned + bytes < p + bytes + extra)
		munmap(aligned + bytes, (size_t)(p + extra - aligned));
#ifdef MADV_HUGEPAGE
	madvise(aligned, bytes, MADV_HUGEPAGE);
#endif
	return aligned;
}

void zrt_host_unmap(void *p, size_t bytes)
{
	munmap(p, bytes);
}
