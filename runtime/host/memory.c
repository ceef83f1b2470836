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
 * Faults aside, the kernel zeroes every fresh page, and that zeroing was
 * a third of the compiler's self-compile: a growing heap therefore
 * moves the pages of its old spare space into the bigger new one
 * (zrt_host_grow), so each page is zeroed once however often the heap
 * doubles.
 */
#define _GNU_SOURCE		/* mremap */
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

/* Move OLD's pages to the start of a fresh mapping of BYTES: both are
 * 2 MiB aligned when big, so huge pages stay huge.  If the move fails
 * the fresh mapping is still good, only not pre-touched. */
void *zrt_host_grow(void *old, size_t old_bytes, size_t bytes)
{
	void *p = old_bytes < bytes ? zrt_host_map(bytes) : NULL;

	if (p && mremap(old, old_bytes, old_bytes,
			MREMAP_MAYMOVE | MREMAP_FIXED, p) != MAP_FAILED)
		return p;
	munmap(old, old_bytes);
	return p ? p : zrt_host_map(bytes);
}
