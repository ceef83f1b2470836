/*
 * runtime/guest/arm/unpack.S - the entry of a packed ARM guest image.
 *
 * In:  the state QEMU's ARM loader leaves for an ELF kernel that is not
 *      Linux (supervisor mode, MMU and caches off, pc here; see
 *      runtime/guest/arm/boot.S), this code loaded just above where the
 *      kernel image belongs (above its .bss), its parameters filled in by
 *      runtime/guest/tools/pack.c after the "ZPAK" signature, and the
 *      packed image after it.
 * Out: the kernel image unpacked at its own address (0x40200000, see
 *      kernel.ld), and a jump to its entry, arm_start, with r2 as the
 *      loader left it, plus r0 = 0x5a4f4f54 ("ZOOT") saying that r1
 *      holds the end of what was loaded (boot.S passes it on: that RAM
 *      is not fresh, runtime/guest/memory.c).
 *
 * Why it exists: see pack.c, which also describes the stream: varint
 * literal counts, literal bytes, then varint (length - 4) and
 * (distance - 1) of a match.  Matches are copied a byte at a time going
 * forward, which is exactly what a match overlapping its own output
 * needs.  The packed segment lies wholly above the destination, so
 * writing the image never reaches the stream still to be read.
 *
 * The code is position-independent (the parameters and the one literal
 * are found pc-relative, with adr and ldr =), so it runs wherever pack
 * puts it; it needs no stack.  It is ARM state and ARMv5TE, like the rest
 * of the runtime, and assembled to a flat binary (make guest-runtime).
 *
 * No cache maintenance before the jump: QEMU starts the kernel with the
 * MMU and the caches off, so every byte stored here is in memory when
 * the unpacked code is fetched, and boot.S invalidates the I-cache
 * itself before turning the caches on.
 *
 * Registers: r4 the stream, r5 the output, r6 its end, r7 a match's
 * length, r8 where it is copied from, r9 the parameters; r0, r1, r3 and
 * lr for varint.  r2 is not touched.
 */
#define MAGIC 0x5a4f4f54
#define DEST 0
#define DEST_END 4
#define SRC 8
#define ENTRY 12
#define LOADED_END 16

	.syntax unified
	.arm
	.text
	.globl unpack_entry
unpack_entry:
	adr r9, params
	ldr r4, [r9, #SRC]
	ldr r5, [r9, #DEST]
	ldr r6, [r9, #DEST_END]

next:	bl varint			/* literals: r0 of them */
1:	subs r0, r0, #1
	ldrbhs r1, [r4], #1
	strbhs r1, [r5], #1
	bhs 1b
	cmp r5, r6
	bhs done
	bl varint			/* a match: length - 4 */
	add r7, r0, #4
	bl varint			/* distance - 1 */
	sub r8, r5, r0
	sub r8, r8, #1
2:	ldrb r1, [r8], #1
	strb r1, [r5], #1
	subs r7, r7, #1
	bne 2b
	b next

done:	ldr r0, =MAGIC
	ldr r1, [r9, #LOADED_END]
	ldr pc, [r9, #ENTRY]

/* r0 = the varint at r4, which moves past it; r1 and r3 used.  The
 * flags of tst survive bic, orr and add (no s), for the bne. */
varint:
	mov r0, #0
	mov r3, #0
3:	ldrb r1, [r4], #1
	tst r1, #0x80
	bic r1, r1, #0x80
	orr r0, r0, r1, lsl r3
	add r3, r3, #7
	bne 3b
	bx lr

	.ltorg
	.balign 4
	.ascii "ZPAK"
params:
	.word 0, 0, 0, 0, 0		/* dest, dest end, src, entry, loaded end */
	.balign 16

	.section .note.GNU-stack, "", %progbits
