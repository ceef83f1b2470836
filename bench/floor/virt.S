/*
 * bench/floor/virt.S - the least an ARM kernel on QEMU's virt machine
 * can do: one character to the PL011 UART, then power-off.
 *
 * In:  QEMU's virt machine (Cortex-A15), entered at _start with the MMU
 *      off.
 * Out: "Z" on the UART (0x09000000); semihosting SYS_EXIT (0x18) with
 *      ADP_Stopped_ApplicationExit, so QEMU exits with status 0.
 *
 * Why it exists: bench/floor times the ARM guest's boot-to-exit against
 * this, in the same run.
 */
	.text
	.arm
	.globl _start
_start:
	ldr r1, =0x09000000
	mov r0, #'Z'
	str r0, [r1]
	mov r0, #0x18
	ldr r1, =0x20026
	svc 0x123456
1:	b 1b
