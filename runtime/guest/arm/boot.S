/*
 * runtime/guest/arm/boot.S - where a guest kernel begins (ARM, QEMU virt).
 *
 * In:  the machine state QEMU's ARM loader leaves for an ELF kernel that
 *      is not Linux ("bare-metal" boot, docs/system/arm/virt.rst): a
 *      Cortex-A15 in supervisor mode, MMU and caches off, IRQ and FIQ
 *      masked, pc at the ELF entry, and the flattened device tree at the
 *      start of RAM, 0x40000000 (a Linux kernel would get its address in
 *      r2 instead; r2 is passed on too, and virt.c uses whichever holds
 *      a device tree).  From the unpacker of a packed image (unpack.S),
 *      r0 = 0x5a4f4f54 ("ZOOT") and r1 = the end of what was loaded.
 * Out: the MMU on with our translation table, sp on a
 *      small boot stack, calling zrt_guest_main(dtb, r2, loaded_end) in
 *      C (virt.c), loaded_end 0 when not unpacked.
 *
 * Why it exists: C needs a stack and zeroed statics, and the translation
 * table is the minimum that must exist before the rest of setting up the
 * machine (fault handlers, the Zoot stack's mapping, devices) can be C,
 * as on x86-64 (runtime/guest/x86_64/boot.S).  The kernel is linked to
 * run where it is loaded (runtime/guest/arm/kernel.ld), so virtual and
 * physical addresses of the image are the same before and after.
 *
 * The table is the short-descriptor format's first level (ARM ARM,
 * "VMSAv7 short-descriptor translation table format"): 4096 words, each
 * mapping one 1 MiB section of the 4 GiB address space at the same
 * address:
 *
 *   0x00000000-0x3fffffff   devices (virt's flash, GIC, UART, virtio-mmio):
 *                           Device memory, never executed
 *   0x40000000-0xbfffffff   RAM (2 GiB, more than the guest uses):
 *                           Normal memory, write-back cached
 *   0xc0000000-0xffffffff   unmapped: arch.c maps the Zoot stack there
 *
 * Every section is domain 0, full access (AP = 0b11); domain 0 is a
 * client domain, so the permissions are checked.  TTBR0 translates the
 * whole address space (TTBCR = 0).  QEMU's TCG does not model caches, so
 * nothing is invalidated before they are turned on beyond the I-cache
 * and the TLB.
 *
 * Barriers are the CP15 operations (c7, c10, 4 is DSB; c7, c5, 4 is ISB)
 * so that this file assembles for ARMv5TE like the rest of the runtime.
 */

#define MODE_SVC 0x13
#define PSR_I 0x80
#define PSR_F 0x40

#define SECTION 0x002		/* a section descriptor */
#define SECT_B 0x004
#define SECT_C 0x008
#define SECT_XN 0x010
#define SECT_AP_RW 0xc00	/* AP[1:0] = 0b11: read/write */
#define SECT_TEX1 0x1000	/* TEX = 0b001 */
/* Shareable Device (TEX 000, C 0, B 1); Normal write-back
 * write-allocate (TEX 001, C 1, B 1). */
#define DEVICE_SECTION (SECTION | SECT_AP_RW | SECT_XN | SECT_B)
#define RAM_SECTION (SECTION | SECT_AP_RW | SECT_TEX1 | SECT_C | SECT_B)

#define RAM_FIRST 0x400		/* section of 0x40000000 */
#define RAM_END 0xc00		/* section of 0xc0000000 */
#define DTB_ADDRESS 0x40000000
#define UNPACKED 0x5a4f4f54	/* "ZOOT": from unpack.S */

#define SCTLR_M 0x0001		/* MMU on */
#define SCTLR_A 0x0002		/* alignment checks (kept off) */
#define SCTLR_C 0x0004		/* data cache */
#define SCTLR_Z 0x0800		/* branch prediction */
#define SCTLR_I 0x1000		/* instruction cache */
#define SCTLR_V 0x2000		/* high vectors (off: VBAR is used) */

	.arm
	.section .text.boot, "ax", %progbits
	.globl arm_start
	.type arm_start, %function
arm_start:
	msr cpsr_c, #(MODE_SVC | PSR_I | PSR_F)
	mov r8, r2			/* the loader's r2, for C */
	ldr r3, =UNPACKED
	cmp r0, r3
	moveq r9, r1			/* the end of the packed image */
	movne r9, #0

	/* .bss is zero already: QEMU's ELF loader fills a segment's memory
	 * size beyond its file size with zeros, and an unpacked image's
	 * .bss lies below the packed bytes, in RAM nothing wrote (as on
	 * x86, whose boot does not clear it either).  Clearing it here, a
	 * word at a time under TCG, was nine tenths of a hello guest's
	 * instructions (its 8 MiB argument buffer). */

	/* The first-level table: section i maps i << 20, devices then RAM;
	 * the sections above RAM stay unmapped, their entries zero (in
	 * .bss).  Two loops of one block each: under TCG a loop with a
	 * branch for the kind of section took twice as many. */
	ldr r0, =zrt_guest_l1
	ldr r4, =DEVICE_SECTION
	ldr r5, =RAM_SECTION
	mov r1, #0
2:	orr r2, r4, r1, lsl #20
	str r2, [r0, r1, lsl #2]
	add r1, r1, #1
	cmp r1, #RAM_FIRST
	blo 2b
3:	orr r2, r5, r1, lsl #20
	str r2, [r0, r1, lsl #2]
	add r1, r1, #1
	cmp r1, #RAM_END
	blo 3b

	/* Translation with that table only, domain 0 a client. */
	mov r1, #0
	mcr p15, 0, r1, c2, c0, 2	/* TTBCR = 0: TTBR0 for everything */
	mcr p15, 0, r0, c2, c0, 0	/* TTBR0 = the table */
	mov r1, #1
	mcr p15, 0, r1, c3, c0, 0	/* DACR: domain 0 client */
	mov r1, #0
	mcr p15, 0, r1, c8, c7, 0	/* TLBIALL */
	mcr p15, 0, r1, c7, c5, 0	/* ICIALLU */
	mcr p15, 0, r1, c7, c10, 4	/* DSB */
	mcr p15, 0, r1, c7, c5, 4	/* ISB */

	/* MMU, caches and branch prediction on; no alignment checks (ARMv7
	 * does unaligned word accesses to Normal memory), vectors at VBAR. */
	mrc p15, 0, r1, c1, c0, 0
	orr r1, r1, #(SCTLR_M | SCTLR_C)
	orr r1, r1, #(SCTLR_Z | SCTLR_I)
	bic r1, r1, #SCTLR_A
	bic r1, r1, #SCTLR_V
	mcr p15, 0, r1, c1, c0, 0
	mov r1, #0
	mcr p15, 0, r1, c7, c5, 4	/* ISB */

	ldr sp, =boot_stack_top
	mov fp, #0
	ldr r0, =DTB_ADDRESS
	mov r1, r8
	mov r2, r9
	bl zrt_guest_main
4:	b 4b				/* zrt_guest_main never returns */
	.size arm_start, .-arm_start
	.ltorg

/* The first-level translation table must be 16 KiB aligned. */
	.section .bss.boot, "aw", %nobits
	.balign 16384
	.globl zrt_guest_l1
zrt_guest_l1:
	.skip 16384
	.balign 16
	.skip 65536
boot_stack_top:

	.section .note.GNU-stack, "", %progbits
