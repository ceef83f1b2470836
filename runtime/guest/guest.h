/*
 * runtime/guest/guest.h - what the parts of a guest kernel offer each other.
 *
 * In:  zrt.h (the runtime's own API, which the guest layer implements the
 *      zrt_host_* half of).
 * Out: the boot information, physical memory, the virtio transport, the
 *      two device drivers (console, block), the file tables, and the few
 *      hooks each machine (runtime/guest/<arch>/) must provide.
 *
 * Why it exists: a guest kernel is the portable runtime plus this layer,
 * which stands where libc and runtime/host/ stand in a hosted program.
 * The files in runtime/guest/ are meant to serve every guest machine;
 * only the zrt_arch_* functions and the boot code differ per machine.
 *
 * Reading order: main.c (start-up), memory.c and malloc.c (where memory
 * comes from), virtio.c (the transport), console.c and block.c (the two
 * devices), files.c (the disks as file systems), os.c (command line,
 * environment, clock, exit), then the machine's directory.
 */
#ifndef ZOOT_GUEST_H
#define ZOOT_GUEST_H

#include <stddef.h>
#include <stdint.h>
#include "../zrt.h"

#define ZRT_PAGE 4096u

/* ---- What the boot loader told us (main.c) --------------------------- */

struct zrt_ram {
	uintptr_t lo, hi;	/* [lo, hi): usable RAM, all of it mapped at
				 * the same addresses by the boot code */
};

#define ZRT_MAX_RAM 16

struct zrt_boot {
	const char *cmdline;		/* the kernel command line, or "" */
	uintptr_t loaded_end;		/* RAM up to here above the image
					 * was written at boot (or 0) */
	struct zrt_ram ram[ZRT_MAX_RAM];
	int nram;
};

/* Entered from the boot code with the machine's boot information. */
_Noreturn void zrt_guest_start(struct zrt_boot *boot);

/* ---- Physical memory (memory.c) -------------------------------------- */

/* Take the free RAM above the kernel image; carve the Zoot stack out of
 * its top and map it; set the small-block pool aside. */
void zrt_memory_init(const struct zrt_boot *boot);
/* Bytes of RAM free for the heap's semispaces after start-up. */
size_t zrt_memory_free_bytes(void);
/* Whole pages, zeroed, for small blocks (malloc, virtqueues); the
 * heap's semispaces come through zrt_host_map. */
void *zrt_pages_alloc(size_t pages);
void zrt_pages_free(void *p, size_t pages);
/* The physical address of P, for a device (the Zoot stack is the one
 * region whose virtual and physical addresses differ). */
uint64_t zrt_phys(const void *p);

/* The Zoot stack (memory.c): the lowest usable address and the top. */
extern char *zrt_guest_stack_lo, *zrt_guest_stack_hi;
/* Below the stack is unmapped address space: a fault there is a stack
 * overflow.  True when ADDR is in that guard. */
int zrt_in_stack_guard(uintptr_t addr);

/* A fault the machine caught (stack.c reports it and stops): a page
 * fault at ADDR when PAGE_FAULT, otherwise exception WHAT at PC. */
_Noreturn void zrt_guest_fault(int page_fault, uintptr_t addr, const char *what, uintptr_t pc);

/* ---- The virtio-mmio transport (virtio.c) ---------------------------- */

#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_CONSOLE 3

struct zrt_virtio {
	uintptr_t base;		/* the transport's registers */
	int slot;		/* its index among the machine's transports */
	uint32_t version;	/* 1 legacy, 2 virtio 1.x */
	uint32_t id;		/* device type */
	uint64_t features;	/* offered by the device */
};

/* One split virtqueue, used synchronously: a request is put in, the
 * device is notified, and we poll until it has been used. */
struct zrt_vq {
	struct zrt_virtio *dev;
	unsigned index;
	uint16_t size;
	uint16_t next_avail;
	uint16_t last_used;
	volatile struct vring_desc *desc;
	volatile struct vring_avail *avail;
	volatile struct vring_used *used;
};

/* A piece of a request: a buffer the device reads, or writes. */
struct zrt_vbuf {
	const void *p;
	uint32_t len;
	int device_writes;
};

/* Fill DEVS with the devices present on the machine's transports, in
 * transport order; returns how many. */
int zrt_virtio_probe(struct zrt_virtio *devs, int max);
/* Reset the device and negotiate WANTED features (VIRTIO_F_VERSION_1 is
 * added for a version 2 transport); 0 on success. */
int zrt_virtio_begin(struct zrt_virtio *dev, uint64_t wanted);
int zrt_virtq_init(struct zrt_virtio *dev, struct zrt_vq *q, unsigned index);
/* Set DRIVER_OK: the device may be used. */
/* The same with a queue of up to WANT entries (a power of two). */
int zrt_virtq_init_size(struct zrt_virtio *dev, struct zrt_vq *q, unsigned index, unsigned want);
void zrt_virtio_ready(struct zrt_virtio *dev);
/* A queue the device fills (receiving): post buffer ID (a descriptor
 * index below the queue's size) for the device to write; kick after
 * posting; take a used buffer without waiting (1 when there was one,
 * its id and the bytes written). */
void zrt_virtq_post(struct zrt_vq *q, uint16_t id, void *buf, uint32_t len);
void zrt_virtq_kick(struct zrt_vq *q);
/* A chain in descriptors HEAD.. made available without waiting; its
 * head comes back through zrt_virtq_take once the device is done. */
void zrt_virtq_post_chain(struct zrt_vq *q, uint16_t head, const struct zrt_vbuf *bufs, int n);
int zrt_virtq_take(struct zrt_vq *q, uint16_t *id, uint32_t *len);
uint8_t zrt_virtio_config8(struct zrt_virtio *dev, unsigned offset);
/* Make a request of N pieces and wait for it; returns the number of
 * bytes the device wrote, or -1 when the device failed. */
long zrt_virtq_request(struct zrt_vq *q, const struct zrt_vbuf *bufs, int n);
uint32_t zrt_virtio_config32(struct zrt_virtio *dev, unsigned offset);
uint64_t zrt_virtio_config64(struct zrt_virtio *dev, unsigned offset);

/* ---- Console (console.c) --------------------------------------------- */

/* Claim the console devices: the first for standard output, the second
 * (if any) for standard error. */
void zrt_console_init(struct zrt_virtio *devs, int n);
/* Raw bytes to the early debug port and the console, for messages that
 * must get out even when the runtime is broken. */
void zrt_console_emergency(const char *s);

/* Standard input as a stream (console-in.c): the third console (the
 * bytes) and the fourth (their count, at the end), when scripts/boot
 * adds them.  0 once set up; reads wait for bytes and return 0 at the
 * end of input. */
int zrt_console_in_init(struct zrt_virtio *data, struct zrt_virtio *end);
int zrt_console_in_present(void);
long zrt_console_in_read(void *buf, size_t max);
/* A request line to scripts/boot on the fourth console ("raw\n",
 * "cooked\n": terminal.c); 0 when sent. */
int zrt_console_in_control(const char *line);
int zrt_console_in_can_control(void);
/* Raw mode the editor asked for, sent to scripts/boot before descriptor
 * 0 is read (terminal.c). */
void zrt_tty_before_read(void);
/* What scripts/boot said standard input is (os.c, from the command
 * line's ZOOT_GUEST_STDIN, which the program's environment does not
 * show): "tty", "stream", or NULL (the input disk). */
const char *zrt_os_stdin_kind(void);

/* ---- Block devices (block.c) ----------------------------------------- */

struct zrt_disk {
	struct zrt_virtio *dev;
	struct zrt_vq q;
	uint64_t bytes;		/* capacity */
	int read_only;
};

/* The first read-only disk is the input disk, the first writable one
 * the output disk; either may be missing (NULL). */
void zrt_block_init(struct zrt_virtio *devs, int n);
extern struct zrt_disk *zrt_input_disk, *zrt_output_disk;
/* Whole 512-byte sectors: OFFSET and LEN are multiples of 512. */
int zrt_disk_read(struct zrt_disk *d, uint64_t offset, void *buf, size_t len);
int zrt_disk_write(struct zrt_disk *d, uint64_t offset, const void *buf, size_t len);

/* ---- Network (net/) --------------------------------------------------- */

/* Remember the first virtio network device, if any; it is set up when
 * a program first uses the network (net/virtio-net.c). */
void zrt_net_attach(struct zrt_virtio *devs, int n);

/* ---- Files (files.c) ------------------------------------------------- */

/* Bytes of standard input (the input archive's .zoot-stdin member):
 * up to MAX bytes copied from offset POS; returns how many, 0 at end. */
size_t zrt_stdin_read(uint64_t pos, char *buf, size_t max);
/* Record an exit status the loader cannot carry (128 and up) on the
 * output disk, for scripts/boot. */
void zrt_files_record_status(int status);

/* ---- The operating-system services (os.c) ---------------------------- */

/* Split the command line into the environment and the arguments. */
void zrt_os_init(const char *cmdline);

/* ---- What each machine provides (runtime/guest/<arch>/) -------------- */

/* Install the fault handlers. */
void zrt_arch_traps_init(void);
/* Map the Zoot stack (physical [PHYS, PHYS+BYTES), 2 MiB aligned) at
 * virtual addresses with at least 64 MiB of unmapped space below;
 * returns its low end. */
char *zrt_arch_map_stack(uint64_t phys, size_t bytes);
/* Take page 0 away so that null pointers fault. */
void zrt_arch_unmap_page0(void);
/* The machine's virtio-mmio transports. */
uintptr_t zrt_arch_virtio_base(void);
int zrt_arch_virtio_slots(void);
unsigned zrt_arch_virtio_stride(void);
/* Nanoseconds since boot. */
uint64_t zrt_arch_nanoseconds(void);
/* A byte to the early debug output (ignored when there is none). */
void zrt_arch_debug_putc(char c);
/* Power off with STATUS as the machine's exit status. */
_Noreturn void zrt_arch_exit(int status);

/* Order memory accesses to shared rings and device registers: x86
 * keeps stores in order and device registers are uncached, so only the
 * compiler needs telling there.  ARM needs a DMB, written as its CP15
 * operation so that it assembles for ARMv5TE (__sync_synchronize would
 * call Linux's kernel helper at 0xffff0fa0 there). */
#if defined(__x86_64__) || defined(__i386__)
#define zrt_barrier() __asm__ volatile("" ::: "memory")
#define zrt_cpu_relax() __asm__ volatile("pause" ::: "memory")
#elif defined(__arm__)
#define zrt_barrier() __asm__ volatile("mcr p15, 0, %0, c7, c10, 5" : : "r"(0) : "memory")
#define zrt_cpu_relax() __asm__ volatile("" ::: "memory")
#else
#define zrt_barrier() __sync_synchronize()
#define zrt_cpu_relax() __asm__ volatile("" ::: "memory")
#endif

#endif
