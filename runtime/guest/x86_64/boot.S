/*
 * runtime/guest/x86_64/boot.S - where a guest kernel begins.
 *
 * In:  the machine state of the PVH boot ABI (Xen's "x86/HVM direct boot
 *      ABI", which QEMU's microvm follows): 32-bit protected mode, paging
 *      off, flat code and data segments, interrupts off, and %ebx holding
 *      the physical address of struct hvm_start_info.
 * Out: the CPU in 64-bit long mode on our own GDT and page tables, on a
 *      small boot stack, calling zrt_guest_main(start_info) in C.
 *
 * Why it exists: C cannot switch modes.  Everything here is the minimum
 * that must happen before 64-bit C code can run; the rest of setting up
 * the machine (the fault handlers, the Zoot stack's mappings, devices) is
 * C, in runtime/guest/.
 *
 * The loader finds this entry through an ELF note of type 18
 * (XEN_ELFNOTE_PHYS32_ENTRY), emitted by runtime/guest/x86/microvm.c
 * with the code that reads the start info.  The kernel is linked to run where it is loaded,
 * at 1 MiB (runtime/guest/x86/kernel.ld), so physical and virtual
 * addresses of the image are the same before and after paging is on.
 *
 * The page tables map the first 4 GiB of physical memory at the same
 * addresses, with 2 MiB pages: four page directories under one page
 * directory pointer table under the top-level table (PML4).  That covers
 * the RAM microvm gives a guest below 4 GiB and the virtio-mmio window at
 * 0xfeb00000.  The first 2 MiB use 4 KiB pages instead (one page table),
 * so that C can later take page 0 away and turn null pointer accesses
 * into faults.  The 32 MiB below 4 GiB hold devices (virtio-mmio at
 * 0xfeb00000, the local and I/O APICs) and are mapped
 * uncached.
 */

#include "../x86/boot.h"

#define CODE64 0x08
#define DATA64 0x10
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)

	.section .text.boot, "ax", @progbits
	.code32
	.globl pvh_start32
	.type pvh_start32, @function
pvh_start32:
	take_boot_registers		/* %esi: start_info, for C */

	/* The tables: PML4, PDPT, four page directories, a page table. */
	/* (Zero already: see boot.h.) */

	/* PML4[0] -> the PDPT; PDPT[0..3] -> the four page directories;
	 * 2048 directory entries of 2 MiB pages, entry j mapping j << 21,
	 * uncached from 0xfe000000 (devices); the first 2 MiB through a
	 * page table of 4 KiB pages. */
	map_entries zrt_guest_pml4, 0, 1, zrt_guest_pdpt, 12, (PAGE_P | PAGE_RW)
	map_entries zrt_guest_pdpt, 0, 4, zrt_guest_pd, 12, (PAGE_P | PAGE_RW)
	map_entries zrt_guest_pd, 0, 2032, 0, 21, (PAGE_P | PAGE_RW | PAGE_PS)
	map_devices_and_page0 zrt_guest_pd, zrt_guest_pt0

	/* Long mode: PAE paging with our tables, EFER.LME, then paging
	 * on. */
	pae_tables gdt_pointer, zrt_guest_pml4
	mov $MSR_EFER, %ecx
	rdmsr
	or $EFER_LME, %eax
	wrmsr
	paging_on (CR0_PE | CR0_MP | CR0_NE | CR0_WP | CR0_PG)
	ljmp $CODE64, $long_mode

	.code64
long_mode:
	load_data_segments DATA64
	lea boot_stack_top(%rip), %rsp
	xor %ebp, %ebp
	mov %esi, %edi			/* zero-extended: start_info */
	call zrt_guest_main
	halt_forever			/* zrt_guest_main never returns */
	.size pvh_start32, .-pvh_start32

/*
 * The GDT: null, 64-bit code, data, and a 16-byte slot for the task
 * state segment that runtime/guest/x86_64/traps.c fills in (the fault
 * handlers need it for their own stack).
 */
	boot_gdt 0x00af9a000000ffff, 2

	.section .bss.boot, "aw", @nobits
	.balign 4096
	.globl zrt_guest_pml4, zrt_guest_pdpt, zrt_guest_pd, zrt_guest_pt0
zrt_guest_pml4:
	.skip 4096
zrt_guest_pdpt:
	.skip 4096
zrt_guest_pd:
	.skip 4 * 4096
zrt_guest_pt0:
	.skip 4096

	boot_variables

	.section .note.GNU-stack, "", @progbits
