/*
 * runtime/guest/x86/unpack.S - the entry of a packed x86 guest image.
 *
 * In:  the PVH boot state (32-bit protected mode, paging off, %ebx =
 *      start info), this code loaded just above where the kernel image
 *      belongs, its parameters filled in by runtime/guest/tools/pack.c
 *      after the "ZPAK" signature, and the packed image after it.
 * Out: the kernel image unpacked at its own address, and a jump to its
 *      PVH entry with the boot state as it was, plus %eax = 0x5a4f4f54
 *      ("ZOOT") saying that %edi holds the end of what was loaded
 *      (boot.S passes it on: that RAM is not fresh).
 *
 * Why it exists: see pack.c, which also describes the stream: varint
 * literal counts, literal bytes, then varint (length - 4) and
 * (distance - 1) of a match.  rep movsb copies a byte at a time going
 * forward, which is exactly what a match overlapping its own output
 * needs.  The code is position-independent (it finds itself with
 * call/pop) and assembled to a flat binary (make guest-runtime).
 */
#define MAGIC 0x5a4f4f54
#define DEST 0
#define DEST_END 4
#define SRC 8
#define ENTRY 12
#define LOADED_END 16

	.code32
	.text
	.globl unpack_entry
unpack_entry:
	cld
	call 1f
1:	pop %ebp
	lea (params - 1b)(%ebp), %ebp	/* %ebp: the parameters */
	lea (stack_top - params)(%ebp), %esp
	push %ebx			/* the start info */
	mov SRC(%ebp), %esi
	mov DEST(%ebp), %edi

next:	call varint			/* literals */
	mov %eax, %ecx
	rep movsb
	cmp DEST_END(%ebp), %edi
	jae done
	call varint			/* a match: length - 4 */
	lea 4(%eax), %ebx
	call varint			/* distance - 1 */
	mov %ebx, %ecx
	push %esi
	mov %edi, %esi
	sub %eax, %esi
	dec %esi
	rep movsb
	pop %esi
	jmp next

done:	pop %ebx
	mov LOADED_END(%ebp), %edi
	mov $MAGIC, %eax
	jmp *ENTRY(%ebp)

/* %eax = the varint at %esi, which moves past it; %ecx, %edx used. */
varint:
	xor %eax, %eax
	xor %ecx, %ecx
2:	movzbl (%esi), %edx
	inc %esi
	test $0x80, %dl
	jz 3f
	and $0x7f, %edx
	shl %cl, %edx
	or %edx, %eax
	add $7, %ecx
	jmp 2b
3:	shl %cl, %edx
	or %edx, %eax
	ret

	.balign 4
	.ascii "ZPAK"
params:
	.long 0, 0, 0, 0, 0		/* dest, dest end, src, entry, loaded end */
	.balign 16
	.skip 64
stack_top:

	.section .note.GNU-stack, "", @progbits
