/*
 * runtime/guest/i386/boot.S - where an i386 guest kernel begins.
 *
 * In:  the machine state of the PVH boot ABI (Xen's "x86/HVM direct boot
 *      ABI", which QEMU's microvm follows): 32-bit protected mode, paging
 *      off, flat code and data segments, interrupts off, and %ebx holding
 *      the physical address of struct hvm_start_info.
 * Out: the CPU still in 32-bit protected mode, now with PAE paging on
 *      our own page tables and our own GDT, on a small boot stack,
 *      calling zrt_guest_main(start_info) in C (cdecl).
 *
 * Why it exists: C cannot turn paging on under its own feet.  Everything
 * here is the minimum that must happen before C runs; the rest of
 * setting up the machine (the fault handlers, the Zoot stack's mapping,
 * devices) is C, in runtime/guest/.  It is the x86-64 boot.S without
 * long mode: the same entry, the same kind of tables.
 *
 * The loader finds this entry through an ELF note of type 18
 * (XEN_ELFNOTE_PHYS32_ENTRY), emitted by runtime/guest/x86/microvm.c.
 * The kernel is linked to run where it is loaded, at 1 MiB
 * (runtime/guest/x86/kernel.ld), so physical and virtual addresses of
 * the image are the same before and after paging is on.
 *
 * Paging is PAE (Intel SDM vol. 3, 4.4): CR3 holds a table of four
 * page-directory pointers (in which only the present bit may be set),
 * each a page directory of 512 eight-byte entries of 2 MiB pages; the
 * address space is 4 GiB, one page directory per GiB:
 *
 *   0-2 GiB   RAM, identity-mapped (the guest uses no RAM above 2 GiB);
 *             the first 2 MiB through a page table of 4 KiB pages, so
 *             that C can take page 0 away and null pointers fault
 *   2-3 GiB   the Zoot stack, at the top, mapped by arch.c; the rest of
 *             that GiB stays unmapped, the guard below the stack
 *   3-4 GiB   only the top 32 MiB, uncached: the devices (virtio-mmio
 *             at 0xfeb00000, the local and I/O APICs)
 */

#include "../x86/boot.h"

#define CODE32 0x08
#define DATA32 0x10

	.section .text.boot, "ax", @progbits
	.code32
	.globl pvh_start32
	.type pvh_start32, @function
pvh_start32:
	take_boot_registers		/* %esi: start_info, for C */

	/* The tables: the pointer table, four directories, a page table. */
	/* (Zero already: see boot.h.) */

	/* The four pointers, directory i for GiB i (only the present bit
	 * is allowed there); 0-2 GiB as 1024 directory entries of 2 MiB
	 * pages, entry j mapping j << 21; 0xfe000000-4 GiB, the last 16
	 * entries of the fourth directory, uncached (devices); the first
	 * 2 MiB through a page table of 4 KiB pages. */
	map_entries zrt_guest_pdpt, 0, 4, zrt_guest_pd, 12, PAGE_P
	map_entries zrt_guest_pd, 0, 1024, 0, 21, (PAGE_P | PAGE_RW | PAGE_PS)
	map_devices_and_page0 zrt_guest_pd, zrt_guest_pt0

	/* PAE paging with our tables, then paging on. */
	pae_tables gdt_pointer, zrt_guest_pdpt
	paging_on (CR0_MP | CR0_NE | CR0_WP | CR0_PG)
	ljmp $CODE32, $paged

paged:
	load_data_segments DATA32
	mov $boot_stack_top, %esp
	xor %ebp, %ebp
	sub $12, %esp			/* %esp 16-byte aligned at the call */
	push %esi
	call zrt_guest_main
	halt_forever			/* zrt_guest_main never returns */
	.size pvh_start32, .-pvh_start32

/*
 * The GDT: null, 32-bit code, data, and three slots for the task state
 * segments runtime/guest/i386/traps.c fills in (the running task's, and
 * the two fault tasks').
 */
	boot_gdt 0x00cf9a000000ffff, 3

	.section .bss.boot, "aw", @nobits
	.balign 4096
	.globl zrt_guest_pdpt, zrt_guest_pd, zrt_guest_pt0
zrt_guest_pdpt:
	.skip 4096
zrt_guest_pd:
	.skip 4 * 4096
zrt_guest_pt0:
	.skip 4096

	boot_variables

	.section .note.GNU-stack, "", @progbits
