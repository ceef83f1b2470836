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
 * (XEN_ELFNOTE_PHYS32_ENTRY) whose descriptor is the 32-bit physical
 * address to jump to.  The kernel is linked to run where it is loaded,
 * at 1 MiB (runtime/guest/x86_64/kernel.ld), so physical and virtual
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

#define CODE64 0x08
#define DATA64 0x10

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
#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)

/* The note the loader looks for: name "Xen", type 18, the entry. */
	.section .note.Xen, "a", @note
	.balign 4
	.long 4				/* name size, with the NUL */
	.long 4				/* descriptor size */
	.long 18			/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.long pvh_start32

	.section .text.boot, "ax", @progbits
	.code32
	.globl pvh_start32
	.type pvh_start32, @function
pvh_start32:
	cld
	mov %ebx, %esi			/* start_info, for C */
	/* From the unpacker (unpack.S): %edi is the end of the RAM it and
	 * its packed image took, which is not fresh (memory.c). */
	cmp $0x5a4f4f54, %eax
	jne 0f
	mov %edi, zrt_guest_loaded_end
0:

	/* Zero the page tables (7 pages): the loader and fresh RAM give
	 * zeros, but the tables must not depend on that. */
	mov $zrt_guest_pml4, %edi
	mov $(7 * 4096 / 4), %ecx
	xor %eax, %eax
	rep stosl

	/* PML4[0] -> the PDPT; PDPT[0..3] -> the four page directories. */
	mov $zrt_guest_pdpt, %eax
	or $(PAGE_P | PAGE_RW), %eax
	mov %eax, zrt_guest_pml4
	mov $zrt_guest_pd, %eax
	or $(PAGE_P | PAGE_RW), %eax
	xor %ecx, %ecx
1:	mov %eax, zrt_guest_pdpt(, %ecx, 8)
	add $4096, %eax
	inc %ecx
	cmp $4, %ecx
	jne 1b

	/* 2048 directory entries of 2 MiB pages: entry j maps j << 21.
	 * The high half of each entry stays zero (below 4 GiB). */
	xor %ecx, %ecx
2:	mov %ecx, %eax
	shl $21, %eax
	or $(PAGE_P | PAGE_RW | PAGE_PS), %eax
	cmp $2032, %ecx			/* 0xfe000000 and up: devices */
	jb 3f
	or $(PAGE_PCD | PAGE_PWT), %eax
3:	mov %eax, zrt_guest_pd(, %ecx, 8)
	inc %ecx
	cmp $2048, %ecx
	jne 2b

	/* The first 2 MiB through a page table of 4 KiB pages. */
	mov $zrt_guest_pt0, %eax
	or $(PAGE_P | PAGE_RW), %eax
	mov %eax, zrt_guest_pd
	xor %ecx, %ecx
4:	mov %ecx, %eax
	shl $12, %eax
	or $(PAGE_P | PAGE_RW), %eax
	mov %eax, zrt_guest_pt0(, %ecx, 8)
	inc %ecx
	cmp $512, %ecx
	jne 4b

	/* Long mode: PAE paging with our tables, EFER.LME, then paging
	 * on.  SSE is enabled too (CR4.OSFXSR, CR0.EM clear), so that no
	 * instruction the C compiler might choose can fault. */
	lgdt gdt_pointer
	mov %cr4, %eax
	or $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
	mov %eax, %cr4
	mov $zrt_guest_pml4, %eax
	mov %eax, %cr3
	mov $MSR_EFER, %ecx
	rdmsr
	or $EFER_LME, %eax
	wrmsr
	mov %cr0, %eax
	and $~CR0_EM, %eax
	or $(CR0_PE | CR0_MP | CR0_NE | CR0_WP | CR0_PG), %eax
	mov %eax, %cr0
	ljmp $CODE64, $long_mode

	.code64
long_mode:
	mov $DATA64, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	xor %eax, %eax
	mov %eax, %fs
	mov %eax, %gs
	lea boot_stack_top(%rip), %rsp
	xor %ebp, %ebp
	mov %esi, %edi			/* zero-extended: start_info */
	call zrt_guest_main
5:	hlt				/* zrt_guest_main never returns */
	jmp 5b
	.size pvh_start32, .-pvh_start32

/*
 * The GDT: null, 64-bit code, data, and a 16-byte slot for the task
 * state segment that runtime/guest/x86_64/traps.c fills in (the fault
 * handlers need it for their own stack).
 */
	.data
	.balign 16
	.globl zrt_guest_gdt
zrt_guest_gdt:
	.quad 0
	.quad 0x00af9a000000ffff	/* 0x08: code, 64-bit, ring 0 */
	.quad 0x00cf92000000ffff	/* 0x10: data, writable */
	.quad 0, 0			/* 0x18: the TSS, set up in C */
gdt_end:
	.balign 8
	.globl zrt_guest_gdt_pointer
zrt_guest_gdt_pointer:
gdt_pointer:
	.word gdt_end - zrt_guest_gdt - 1
	.quad zrt_guest_gdt

	.balign 4
	.globl zrt_guest_loaded_end
zrt_guest_loaded_end:
	.long 0

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
	.balign 16
	.skip 65536
boot_stack_top:

	.section .note.GNU-stack, "", @progbits
