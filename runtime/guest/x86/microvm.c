/*
 * runtime/guest/x86/microvm.c - QEMU's microvm machine, for either x86 CPU mode.
 *
 * In:  the physical address of struct hvm_start_info (from the machine's
 *      boot.S, x86_64/ or i386/), the RAM limit its page tables set
 *      (zrt_x86_ram_limit, from its arch.c).
 * Out: the PVH entry note; struct zrt_boot for zrt_guest_start; the
 *      machine hooks of guest.h that do not depend on the CPU's mode:
 *      where the virtio-mmio transports are, a clock, a debug port and
 *      power-off.
 *
 * Why it exists: the x86-64 and the i386 guest boot the same way on the
 * same machine; only paging and the descriptor tables differ (each
 * machine's arch.c and traps.c).  This is the rest, written once.
 *
 * The entry note.  The loader finds the entry through an ELF note of
 * type 18 (XEN_ELFNOTE_PHYS32_ENTRY, name "Xen") whose descriptor is the
 * 32-bit physical address to jump to, pvh_start32 in boot.S.  It is
 * emitted here, with the code that reads what the loader passes.
 *
 * The start info (the PVH boot ABI, struct hvm_start_info, version 1):
 * magic 0x336ec578 at 0, version at 4, the command line's physical
 * address at 24, the memory map's address at 40 and its entry count at
 * 48; each map entry is address, size (64 bits each), type (32 bits, 1 =
 * RAM) and a reserved word.  QEMU places all of it below 1 MiB, in
 * memory the map marks reserved, so it can be used in place.
 *
 * The virtio-mmio transports.  QEMU's microvm has 24 of them, 512 bytes
 * apart from 0xfeb00000 (its include/hw/i386/microvm.h, VIRTIO_MMIO_BASE;
 * checked by probing: the magic value answers at slots 0 to 23).  It
 * would also describe the ones in use on the kernel command line
 * ("virtio_mmio.device=512@0xfeb02e00:12" words, for Linux), but
 * scripts/boot turns that off (auto-kernel-cmdline=off) so that the
 * command line is the program's alone; probing all 24 is cheap.
 *
 * Power-off is QEMU's isa-debug-exit device at port 0xf4
 * (-device isa-debug-exit,iobase=0xf4,iosize=4): writing S there ends
 * QEMU with exit code S * 2 + 1.  Port 0xe9 is the debug console
 * (-device isa-debugcon,iobase=0xe9), which needs no driver; writes to
 * it are ignored when it is absent.
 *
 * The clock is the time stamp counter, its rate measured once, on first
 * use, against the PIT (1193182 Hz) over 5 ms: the program that never
 * asks the time does not wait for it.
 */
#include "../guest.h"
#include "x86.h"

#define START_INFO_MAGIC 0x336ec578
#define MEMMAP_RAM 1

#define VIRTIO_BASE 0xfeb00000u
#define VIRTIO_SLOTS 24
#define VIRTIO_STRIDE 512u

#define DEBUG_PORT 0xe9
#define EXIT_PORT 0xf4

__asm__(".pushsection .note.Xen, \"a\", @note\n"
	"	.balign 4\n"
	"	.long 4, 4, 18\n"	/* name size, descriptor size, type */
	"	.asciz \"Xen\"\n"
	"	.long pvh_start32\n"
	"	.popsection");

struct start_info {
	uint32_t magic;
	uint32_t version;
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
	uint32_t reserved;
};

static uint64_t boot_tsc;
extern uint32_t zrt_guest_loaded_end;	/* boot.S, from the unpacker */

_Noreturn void zrt_guest_main(uint32_t start_info_paddr);

_Noreturn void zrt_guest_main(uint32_t start_info_paddr)
{
	static struct zrt_boot boot;
	const struct start_info *si = (const struct start_info *)(uintptr_t)start_info_paddr;
	uint32_t i;

	boot_tsc = rdtsc();
	if (!si || si->magic != START_INFO_MAGIC) {
		zrt_console_emergency("error: not started by a PVH loader (no start info)\n");
		zrt_arch_exit(70);
	}
	boot.cmdline = si->cmdline_paddr ? (const char *)(uintptr_t)si->cmdline_paddr : "";
	boot.loaded_end = zrt_guest_loaded_end;
	if (si->version >= 1 && si->memmap_paddr) {
		const struct memmap_entry *e = (const struct memmap_entry *)(uintptr_t)si->memmap_paddr;

		for (i = 0; i < si->memmap_entries && boot.nram < ZRT_MAX_RAM; i++) {
			uint64_t lo = e[i].addr, hi = e[i].addr + e[i].size;

			if (hi > zrt_x86_ram_limit)
				hi = zrt_x86_ram_limit;
			if (e[i].type != MEMMAP_RAM || hi <= lo)
				continue;
			boot.ram[boot.nram].lo = (uintptr_t)lo;
			boot.ram[boot.nram].hi = (uintptr_t)hi;
			boot.nram++;
		}
	}
	zrt_guest_start(&boot);
}

uintptr_t zrt_arch_virtio_base(void)
{
	return VIRTIO_BASE;
}

int zrt_arch_virtio_slots(void)
{
	return VIRTIO_SLOTS;
}

unsigned zrt_arch_virtio_stride(void)
{
	return VIRTIO_STRIDE;
}

/* ---- The clock --------------------------------------------------------- */

#define PIT_HZ 1193182u
#define PIT_TICKS 5966u		/* 5 ms */

/* The PIT's channel 0 counter, latched and read (it counts down). */
static unsigned pit_count(void)
{
	unsigned lo, hi;

	outb(0x43, 0x00);
	lo = inb(0x40);
	hi = inb(0x40);
	return hi << 8 | lo;
}

/*
 * Ticks of the time stamp counter per second, measured against the
 * PIT's channel 0 (1193182 Hz), set counting down from 65536 over and
 * over (mode 2): the ticks it counts while the TSC is watched for 5 ms.
 * (Channel 2, the usual choice, cannot be watched on microvm: its
 * output bit lives at port 0x61, in a PC speaker microvm does not
 * have.)  Interrupts are off, so the PIT's IRQ 0 is never taken.
 * Without a PIT the counter does not move, and the answer is a guess
 * of 1 GHz: the clock still runs forward.
 */
static uint64_t tsc_hz(void)
{
	static uint64_t hz;
	unsigned prev, now, tries = 0;
	uint64_t elapsed = 0, t0, t1;

	if (hz)
		return hz;
	outb(0x43, 0x34);		/* channel 0, lo/hi byte, mode 2 */
	outb(0x40, 0);
	outb(0x40, 0);
	prev = pit_count();
	t0 = rdtsc();
	while (elapsed < PIT_TICKS && ++tries < 1000000) {
		now = pit_count();
		elapsed += (prev - now) & 0xffff;
		prev = now;
	}
	t1 = rdtsc();
	if (elapsed < PIT_TICKS || t1 - t0 < 1000)
		hz = 1000000000u;
	else
		hz = (t1 - t0) * PIT_HZ / elapsed;
	return hz;
}

uint64_t zrt_arch_nanoseconds(void)
{
	uint64_t hz = tsc_hz(), ticks = rdtsc() - boot_tsc;

	/* Seconds and the rest apart, so the product cannot overflow. */
	return ticks / hz * 1000000000u + ticks % hz * 1000000000u / hz;
}

/* ---- Output of last resort and power-off ------------------------------- */

void zrt_arch_debug_putc(char c)
{
	outb(DEBUG_PORT, (uint8_t)c);
}

_Noreturn void zrt_arch_exit(int status)
{
	outl(EXIT_PORT, (uint32_t)status);
	/* No exit device: stop here for good. */
	for (;;)
		__asm__ volatile("cli; hlt");
}
