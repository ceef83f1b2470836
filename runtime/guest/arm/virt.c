/*
 * runtime/guest/arm/virt.c - QEMU's virt machine, as an ARM guest sees it.
 *
 * In:  the flattened device tree QEMU left at the start of RAM, and for
 *      a packed image the end of what was loaded (from boot.S).
 * Out: struct zrt_boot for zrt_guest_start; the machine hooks of guest.h
 *      other than the memory mappings (arch.c): where the virtio-mmio
 *      transports are, a clock, a debug port and power-off.
 *
 * Why it exists: everything that depends on the machine rather than on
 * virtio or on the CPU's translation tables is here, so that another
 * machine is another file (the counterpart of runtime/guest/x86/microvm.c).
 *
 * The device tree (the Devicetree Specification, "Flattened Devicetree
 * (DTB) Format"): a header of big-endian words (magic 0xd00dfeed, total
 * size, offset of the structure block, offset of the strings block, ...,
 * version at 20, the structure block's size at 36), then a structure
 * block of big-endian tokens: BEGIN_NODE (1) and a NUL-terminated name,
 * END_NODE (2), PROP (3) with a length, the offset of its name in the
 * strings block and the value, NOP (4) and END (9), everything padded to
 * 4 bytes.  Only the root's children are looked at:
 *
 *   memory@...   (device_type "memory")  reg: the RAM
 *   chosen       bootargs: the kernel command line (QEMU's -append)
 *   virtio_mmio@...  (compatible "virtio,mmio")  reg: one transport each
 *   pl011@...    (compatible "arm,pl011")  reg: the UART
 *
 * with reg read as (#address-cells, #size-cells) pairs of the root's
 * cell counts (2 and 1 when the root does not say).  The tree stays
 * where it is, below the image, so the command line is used in place.
 *
 * The virtio-mmio transports: virt has 32, 0x200 bytes apart from
 * 0x0a000000 (QEMU's hw/arm/virt.c, VIRT_MMIO; transport i is
 * virtio-mmio-bus.i); they are taken from the tree's virtio_mmio nodes
 * (lowest address, count, spacing), and those numbers are the fallback.
 * The RAM is what the tree reports, clipped to the 2 GiB boot.S maps
 * (0x40000000-0xbfffffff).
 *
 * The clock is the generic timer's virtual counter (CNTVCT), at the rate
 * CNTFRQ says.  Output of last resort goes to the PL011 UART (virt's
 * 0x09000000; scripts/boot connects it to its standard error).
 * Power-off is semihosting's SYS_EXIT_EXTENDED (0x20), which QEMU (with
 * -semihosting-config enable=on) turns into its own exit code: the
 * guest passes status * 2 + 1, as x86's isa-debug-exit makes it, so that
 * scripts/boot reads every machine's exit code the same way, and a QEMU
 * exit code of 0 still means the guest stopped without a status.
 * Without semihosting the call traps (traps.c), and PSCI's SYSTEM_OFF
 * stops the machine instead.
 */
#include <string.h>
#include "../guest.h"
#include "arm.h"

#define FDT_MAGIC 0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE 2
#define FDT_PROP 3
#define FDT_NOP 4
#define FDT_END 9

/* What boot.S maps as RAM (arch.c maps the stack above it). */
#define RAM_MAPPED_LO 0x40000000u
#define RAM_MAPPED_HI 0xc0000000u

#define VIRTIO_BASE 0x0a000000u
#define VIRTIO_SLOTS 32
#define VIRTIO_STRIDE 0x200u

#define UART_BASE 0x09000000u
#define UART_DR 0x00
#define UART_FR 0x18
#define UART_FR_TXFF 0x20

#define SYS_EXIT_EXTENDED 0x20
#define ADP_STOPPED_APPLICATION_EXIT 0x20026
#define PSCI_SYSTEM_OFF 0x84000008u

static uintptr_t virtio_base = VIRTIO_BASE;
static int virtio_slots = VIRTIO_SLOTS;
static unsigned virtio_stride = VIRTIO_STRIDE;
static uintptr_t uart_base = UART_BASE;
static uint64_t boot_count;

/* ---- The device tree ----------------------------------------------------- */

struct fdt {
	const uint8_t *strings;
	uint32_t address_cells, size_cells;
};

/* What one child of the root said about itself. */
struct node {
	const char *name;
	const uint8_t *reg;
	uint32_t reg_len;
	int memory, virtio, uart;
};

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint32_t align4(uint32_t n)
{
	return (n + 3) & ~3u;
}

/* CELLS big-endian words at P as one number (only the low 64 bits). */
static uint64_t cells(const uint8_t *p, uint32_t n)
{
	uint64_t v = 0;

	while (n--) {
		v = v << 32 | be32(p);
		p += 4;
	}
	return v;
}

/* Whether the string list VALUE (LEN bytes) holds WANT. */
static int has_string(const uint8_t *value, uint32_t len, const char *want)
{
	const char *s = (const char *)value, *end = s + len;

	while (s < end) {
		size_t n = strlen(s);

		if (strcmp(s, want) == 0)
			return 1;
		s += n + 1;
	}
	return 0;
}

static void add_ram(struct zrt_boot *boot, uint64_t lo, uint64_t size)
{
	uint64_t hi = lo + size;

	if (lo < RAM_MAPPED_LO)
		lo = RAM_MAPPED_LO;
	if (hi > RAM_MAPPED_HI)
		hi = RAM_MAPPED_HI;
	if (hi <= lo || boot->nram >= ZRT_MAX_RAM)
		return;
	boot->ram[boot->nram].lo = (uintptr_t)lo;
	boot->ram[boot->nram].hi = (uintptr_t)hi;
	boot->nram++;
}

static uint64_t virtio_lo = ~(uint64_t)0, virtio_hi;
static int virtio_count;

/* A child of the root, all its properties seen. */
static void finish(const struct fdt *t, const struct node *n, struct zrt_boot *boot)
{
	uint32_t entry = (t->address_cells + t->size_cells) * 4, at;

	if (!n->reg || entry == 0)
		return;
	for (at = 0; at + entry <= n->reg_len; at += entry) {
		uint64_t addr = cells(n->reg + at, t->address_cells);
		uint64_t size = cells(n->reg + at + t->address_cells * 4, t->size_cells);

		if (n->memory) {
			add_ram(boot, addr, size);
		} else if (n->virtio) {
			if (addr < virtio_lo)
				virtio_lo = addr;
			if (addr > virtio_hi)
				virtio_hi = addr;
			virtio_count++;
			return;
		} else if (n->uart) {
			if (addr < RAM_MAPPED_LO)
				uart_base = (uintptr_t)addr;
			return;
		}
	}
}

/* Read what we need from the tree at DTB; 0 when it is one. */
static int read_tree(const uint8_t *dtb, struct zrt_boot *boot)
{
	struct fdt t;
	struct node n;
	const uint8_t *p, *end;
	int depth = 0;

	if (be32(dtb) != FDT_MAGIC)
		return -1;
	t.strings = dtb + be32(dtb + 12);
	t.address_cells = 2;
	t.size_cells = 1;
	p = dtb + be32(dtb + 8);
	end = be32(dtb + 20) >= 17 ? p + be32(dtb + 36) : dtb + be32(dtb + 4);
	memset(&n, 0, sizeof(n));
	while (p + 4 <= end) {
		uint32_t token = be32(p);

		p += 4;
		if (token == FDT_BEGIN_NODE) {
			const char *name = (const char *)p;

			p += align4((uint32_t)strlen(name) + 1);
			if (++depth == 2) {
				memset(&n, 0, sizeof(n));
				n.name = name;
				n.memory = strncmp(name, "memory@", 7) == 0 || strcmp(name, "memory") == 0;
			}
		} else if (token == FDT_END_NODE) {
			if (depth-- == 2)
				finish(&t, &n, boot);
		} else if (token == FDT_PROP) {
			uint32_t len = be32(p);
			const char *prop = (const char *)t.strings + be32(p + 4);
			const uint8_t *value = p + 8;

			p = value + align4(len);
			if (depth == 1 && len == 4 && strcmp(prop, "#address-cells") == 0)
				t.address_cells = be32(value);
			else if (depth == 1 && len == 4 && strcmp(prop, "#size-cells") == 0)
				t.size_cells = be32(value);
			if (depth != 2)
				continue;
			if (strcmp(prop, "reg") == 0) {
				n.reg = value;
				n.reg_len = len;
			} else if (strcmp(prop, "device_type") == 0) {
				n.memory = has_string(value, len, "memory");
			} else if (strcmp(prop, "compatible") == 0) {
				n.virtio = has_string(value, len, "virtio,mmio");
				n.uart = has_string(value, len, "arm,pl011");
			} else if (strcmp(n.name, "chosen") == 0 && strcmp(prop, "bootargs") == 0 &&
				   len > 0 && value[len - 1] == '\0') {
				boot->cmdline = (const char *)value;
			}
		} else if (token != FDT_NOP) {
			break;		/* FDT_END, or not a tree we understand */
		}
		if (t.address_cells > 2 || t.size_cells > 2)
			return -1;
	}
	/* The transports, if they are evenly spaced. */
	if (virtio_count == 1) {
		virtio_base = (uintptr_t)virtio_lo;
		virtio_slots = 1;
	} else if (virtio_count > 1 && (virtio_hi - virtio_lo) % (uint64_t)(virtio_count - 1) == 0 &&
		   virtio_hi < RAM_MAPPED_LO) {
		virtio_base = (uintptr_t)virtio_lo;
		virtio_slots = virtio_count;
		virtio_stride = (unsigned)((virtio_hi - virtio_lo) / (uint64_t)(virtio_count - 1));
	}
	return 0;
}

/* ---- Entry from boot.S --------------------------------------------------- */

_Noreturn void zrt_guest_main(uintptr_t dtb, uintptr_t r2, uintptr_t loaded_end);

_Noreturn void zrt_guest_main(uintptr_t dtb, uintptr_t r2, uintptr_t loaded_end)
{
	static struct zrt_boot boot;

	boot_count = read_cntvct();
	zrt_arch_traps_init();		/* again in zrt_guest_start: faults here too */
	/* A loader that passes the tree in r2, as for Linux, is believed. */
	if (r2 >= RAM_MAPPED_LO && r2 < RAM_MAPPED_HI && (r2 & 3) == 0 &&
	    be32((const uint8_t *)r2) == FDT_MAGIC)
		dtb = r2;
	boot.cmdline = "";
	boot.loaded_end = loaded_end;	/* from unpack.S, or 0 */
	if (read_tree((const uint8_t *)dtb, &boot) != 0) {
		zrt_console_emergency("error: no device tree at the start of RAM (not booted by QEMU's virt?)\n");
		zrt_arch_exit(70);
	}
	zrt_guest_start(&boot);
}

uintptr_t zrt_arch_virtio_base(void)
{
	return virtio_base;
}

int zrt_arch_virtio_slots(void)
{
	return virtio_slots;
}

unsigned zrt_arch_virtio_stride(void)
{
	return virtio_stride;
}

/* ---- The clock ----------------------------------------------------------- */

uint64_t zrt_arch_nanoseconds(void)
{
	uint64_t hz = read_cntfrq(), ticks = read_cntvct() - boot_count;

	if (hz == 0)
		hz = 62500000u;		/* QEMU's usual rate, should CNTFRQ be unset */
	/* Seconds and the rest apart, so the product cannot overflow. */
	return ticks / hz * 1000000000u + ticks % hz * 1000000000u / hz;
}

/* ---- Output of last resort and power-off --------------------------------- */

void zrt_arch_debug_putc(char c)
{
	volatile uint32_t *uart = (volatile uint32_t *)uart_base;
	unsigned spins = 0;

	while ((uart[UART_FR / 4] & UART_FR_TXFF) && ++spins < 100000)
		;
	uart[UART_DR / 4] = (uint8_t)c;
}

_Noreturn void zrt_arm_power_off(void)
{
	static int tried;

	if (!tried++)
		psci(PSCI_SYSTEM_OFF);
	for (;;)
		__asm__ volatile(".inst 0xe320f003" ::: "memory");	/* wfi */
}

_Noreturn void zrt_arch_exit(int status)
{
	static uint32_t block[2];

	block[0] = ADP_STOPPED_APPLICATION_EXIT;
	block[1] = (uint32_t)status * 2 + 1;
	semihost(SYS_EXIT_EXTENDED, block);
	zrt_arm_power_off();
}

/* ---- For libgcc ---------------------------------------------------------- */

/* What libgcc's division routines call on a division by zero (the
 * runtime checks first, so this is an internal error); defined here so
 * that Linux's versions, which raise SIGFPE, are not linked. */
int __aeabi_idiv0(int r);
long long __aeabi_ldiv0(long long r);

int __aeabi_idiv0(int r)
{
	(void)r;
	zrt_guest_fault(0, 0, "division by zero", (uintptr_t)__builtin_return_address(0));
}

long long __aeabi_ldiv0(long long r)
{
	(void)r;
	zrt_guest_fault(0, 0, "division by zero", (uintptr_t)__builtin_return_address(0));
}
