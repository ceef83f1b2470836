/*
 * bench/floor/pvh.S - the least a PVH kernel can do: one character to
 * the debug port, then power-off.
 *
 * In:  QEMU's microvm, entered at `start` through the Xen ELF note (type
 *      18, XEN_ELFNOTE_PHYS32_ENTRY) in 32-bit protected mode.
 * Out: "Z" on isa-debugcon (port 0xe9); isa-debug-exit (port 0xf4) with
 *      0, so QEMU exits with status 1.
 *
 * Why it exists: bench/floor times a guest's boot-to-exit against this,
 * in the same run, to see how far above QEMU's own floor a guest is.
 */
	.section .note.Xen, "a", @note
	.align 4
	.long 4, 4, 18
	.asciz "Xen"
	.long start

	.text
	.code32
	.globl start
start:
	mov $'Z', %al
	out %al, $0xe9
	xor %eax, %eax
	out %al, $0xf4
1:	hlt
	jmp 1b
