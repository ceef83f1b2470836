/*
 * runtime/guest/x86/boot.h - what both x86 boot.S files do, as macros.
 *
 * In:  included by runtime/guest/x86_64/boot.S and i386/boot.S, in 32-bit
 *      code run from the PVH entry (paging off, flat segments).
 * Out: the bits of the page-table entries and control registers, and
 *      assembler macros for the steps both boots take: take the loader's
 *      registers, zero the tables, fill a run of table entries, map the
 *      devices and the first 2 MiB, turn on PAE and paging, load the
 *      data segments, halt; the GDT, the variable the unpacker's word
 *      goes to, and the boot stack.
 *
 * Why it exists: the two boots differ in the tables they build and in
 * where they end (long mode, or PAE paging in protected mode); the steps
 * themselves are the same and are written once here.  Page-table entries
 * are 8 bytes in both (PAE and long mode); below 4 GiB their high half
 * stays zero, so only the low half is written.
 */

#define PAGE_P 0x001		/* present */
#define PAGE_RW 0x002		/* writable */
#define PAGE_PWT 0x008		/* write-through */
#define PAGE_PCD 0x010		/* cache disabled */
#define PAGE_PS 0x080		/* a 2 MiB page (in a page directory) */

#define CR0_PE (1 << 0)
#define CR0_MP (1 << 1)
#define CR0_EM (1 << 2)
#define CR0_NE (1 << 5)
#define CR0_WP (1 << 16)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_OSFXSR (1 << 9)
#define CR4_OSXMMEXCPT (1 << 10)

#define UNPACKED 0x5a4f4f54	/* "ZOOT": from ../x86/unpack.S */

/* %esi = the start info (from %ebx).  From the unpacker (unpack.S), %edi
 * is the end of the RAM it and its packed image took, which is not
 * fresh (memory.c): kept in zrt_guest_loaded_end. */
.macro take_boot_registers
	cld
	mov %ebx, %esi
	cmp $UNPACKED, %eax
	jne 1f
	mov %edi, zrt_guest_loaded_end
1:
.endm

/* The page tables are in .bss.boot, which is zero when the boot starts:
 * QEMU's ELF loader fills a segment's memory size beyond its file size
 * with zeros, and a packed image's .bss lies below the packed bytes, in
 * RAM nothing wrote.  So only their non-zero entries are written
 * (zeroing the seven pages first, a rep stosl that TCG runs one
 * iteration at a time, was a seventh of a hello guest's instructions
 * once the rest of start-up was cut down). */

/* Entries [FIRST, END) of TABLE: entry i holds the address
 * BASE + (i - FIRST) << SHIFT with FLAGS. */
.macro map_entries table, first, end, base, shift, flags
	mov $\first, %ecx
1:	mov %ecx, %eax
	sub $\first, %eax
	shl $\shift, %eax
	add $\base, %eax
	or $(\flags), %eax
	mov %eax, \table(, %ecx, 8)
	inc %ecx
	cmp $\end, %ecx
	jne 1b
.endm

/* Both machines' low and high ends: in the page directories PD (one per
 * GiB, in a row), the 32 MiB below 4 GiB uncached for the devices; the
 * first 2 MiB through the page table PT0, of 4 KiB pages, so that C can
 * take page 0 away and null pointers fault. */
.macro map_devices_and_page0 pd, pt0
	map_entries \pd, 2032, 2048, 0xfe000000, 21, \
		(PAGE_P | PAGE_RW | PAGE_PS | PAGE_PCD | PAGE_PWT)
	map_entries \pd, 0, 1, \pt0, 12, (PAGE_P | PAGE_RW)
	map_entries \pt0, 0, 512, 0, 12, (PAGE_P | PAGE_RW)
.endm

/* Our GDT (at GDT_POINTER), PAE, and CR3 = TOP, the top-level table;
 * SSE enabled too (CR4.OSFXSR here, CR0.EM cleared by paging_on), so
 * that no instruction the C compiler might choose can fault. */
.macro pae_tables gdt_pointer, top
	lgdt \gdt_pointer
	mov %cr4, %eax
	or $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
	mov %eax, %cr4
	mov $\top, %eax
	mov %eax, %cr3
.endm

/* Paging on, with the CR0 bits BITS (CR0_PG among them). */
.macro paging_on bits
	mov %cr0, %eax
	and $~CR0_EM, %eax
	or $(\bits), %eax
	mov %eax, %cr0
.endm

/* After the far jump to the new code segment: the data segments. */
.macro load_data_segments selector
	mov $\selector, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	xor %eax, %eax
	mov %eax, %fs
	mov %eax, %gs
.endm

/* After the call to C, which never returns. */
.macro halt_forever
2:	hlt
	jmp 2b
.endm

/* The GDT, zrt_guest_gdt: null, code (0x08: CODE, the mode's 4 GiB code
 * descriptor), data (0x10, writable, 4 GiB), then SLOTS zero words for
 * the task state segments traps.c sets up; and gdt_pointer, for lgdt
 * (its base an address of the mode's size). */
.macro boot_gdt code, slots
	.data
	.balign 16
	.globl zrt_guest_gdt
zrt_guest_gdt:
	.quad 0
	.quad \code
	.quad 0x00cf92000000ffff
	.fill \slots, 8, 0
gdt_end:
	.balign 8
gdt_pointer:
	.word gdt_end - zrt_guest_gdt - 1
	.dc.a zrt_guest_gdt
.endm

/* The unpacker's word, and a 64 KiB boot stack (in .bss.boot) ending at
 * boot_stack_top. */
.macro boot_variables
	.data
	.balign 4
	.globl zrt_guest_loaded_end
zrt_guest_loaded_end:
	.long 0
	.section .bss.boot, "aw", @nobits
	.balign 16
	.skip 65536
boot_stack_top:
.endm
