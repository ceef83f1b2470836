/*
 * runtime/guest/malloc.c - malloc and free for a guest.
 *
 * In:  requests from the portable runtime (the symbol table, the sorted
 *      call-site table, UTF-8 buffers, key sets) and the guest layer
 *      (file contents, the file table, the command line).
 * Out: 16-byte aligned blocks, from pages of memory.c's small-block
 *      pool.
 *
 * Why it exists: the runtime's C code uses malloc for a few buffers that
 * live outside the collected heap.  They are few and mostly short-lived,
 * so the simplest allocator that does not waste memory is enough:
 *
 *   - small blocks (up to 2 KiB) come in eight power-of-two sizes, each
 *     with its own free list, carved from 64 KiB chunks;
 *   - bigger blocks are whole pages of their own, returned to memory.c
 *     when freed.
 *
 * Every block is preceded by a 16-byte header saying which kind it is,
 * so free needs no size and realloc knows how much it may grow in place.
 */
#include <stdlib.h>
#include <string.h>
#include "guest.h"

#define HEADER 16u
#define MIN_SHIFT 4		/* 16 bytes */
#define CLASSES 8		/* 16 .. 2048 bytes */
#define CHUNK_PAGES 16

struct header {
	size_t size;		/* usable bytes after the header */
	size_t pages;		/* 0 for a small block, else its pages */
};

struct free_block {
	struct free_block *next;
};

static struct free_block *free_lists[CLASSES];

static int class_of(size_t n)
{
	int c = 0;

	while (((size_t)1 << (c + MIN_SHIFT)) < n)
		c++;
	return c;
}

/* Cut a fresh chunk into blocks of class C. */
static int refill(int c)
{
	size_t block = HEADER + ((size_t)1 << (c + MIN_SHIFT));
	char *chunk = zrt_pages_alloc(CHUNK_PAGES);
	size_t i, count;

	if (!chunk)
		return 0;
	count = CHUNK_PAGES * ZRT_PAGE / block;
	for (i = 0; i < count; i++) {
		struct header *h = (struct header *)(chunk + i * block);
		struct free_block *b = (struct free_block *)(h + 1);

		h->size = (size_t)1 << (c + MIN_SHIFT);
		h->pages = 0;
		b->next = free_lists[c];
		free_lists[c] = b;
	}
	return 1;
}

void *malloc(size_t n)
{
	struct header *h;

	if (n == 0)
		n = 1;
	if (n <= ((size_t)1 << (CLASSES - 1 + MIN_SHIFT))) {
		int c = class_of(n);
		struct free_block *b;

		if (!free_lists[c] && !refill(c))
			return NULL;
		b = free_lists[c];
		free_lists[c] = b->next;
		return b;
	}
	if (n > (size_t)-1 / 2)	/* no wrap-around below */
		return NULL;
	{
		size_t pages = (n + HEADER + ZRT_PAGE - 1) / ZRT_PAGE;

		h = zrt_pages_alloc(pages);
		if (!h)
			return NULL;
		h->size = pages * ZRT_PAGE - HEADER;
		h->pages = pages;
		return h + 1;
	}
}

void free(void *p)
{
	struct header *h;

	if (!p)
		return;
	h = (struct header *)p - 1;
	if (h->pages) {
		zrt_pages_free(h, h->pages);
	} else {
		int c = class_of(h->size);
		struct free_block *b = p;

		b->next = free_lists[c];
		free_lists[c] = b;
	}
}

void *calloc(size_t count, size_t size)
{
	void *p;

	if (size && count > (size_t)-1 / size)
		return NULL;
	p = malloc(count * size);
	if (p)
		memset(p, 0, count * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	struct header *h;
	void *q;

	if (!p)
		return malloc(n);
	h = (struct header *)p - 1;
	if (n <= h->size)
		return p;
	q = malloc(n);
	if (!q)
		return NULL;
	memcpy(q, p, h->size);
	free(p);
	return q;
}
