/*
 * Entry point of a bare-personality program.
 *
 * The kernel (Linux, qemu-riscv64 or jmach's ELF loader) enters here with
 * sp pointing at argc, followed by argv[0..argc-1], NULL, envp[..], NULL,
 * and the auxiliary vector (pairs of doublewords, ending with AT_NULL).
 * Nothing else is assumed about the registers.
 */
	.file	"crt0.S"
	.section .text.start, "ax", @progbits
	.globl	_start
	.type	_start, @function
_start:
	.option	push
	.option	norelax
	lla	gp, __global_pointer$
	.option	pop
	mv	a0, sp			/* &argc: bare_start() decodes the block */
	andi	sp, sp, -16		/* the ABI wants 16-byte alignment */
	li	ra, 0
	li	s0, 0
	call	__bare_start		/* never returns */
	unimp
	.size	_start, . - _start
