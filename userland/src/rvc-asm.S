/*
 * Compressed instructions, written explicitly as c.* so the assembler
 * cannot choose: rvc_run(out) stores 21 results into out[] (see rvc.c),
 * and rvc_straddle(x) runs a 4-byte instruction that straddles a page
 * boundary (the previous page ends with 2-byte instructions).
 */
	.file	"rvc-asm.S"
	.option	rvc
	.text
	.globl	rvc_run
	.type	rvc_run, @function
	.p2align 1
rvc_run:
	c.addi16sp sp, -128
	c.sdsp	s0, 0(sp)
	c.sdsp	s1, 8(sp)
	c.sdsp	ra, 16(sp)
	c.mv	a5, a0			/* out */

	c.li	a0, -32			/* CI: imm6 from -32 */
	c.addi	a0, 31
	c.sd	a0, 0(a5)		/* [0] -1 */
	c.lui	a1, 0xfffe0		/* negative nzimm: -0x20000 */
	c.sd	a1, 8(a5)		/* [1] */
	li	a2, 0x7fffffff
	c.addiw	a2, 1
	c.sd	a2, 16(a5)		/* [2] sign-extended word */
	c.li	a3, 1
	c.slli	a3, 63
	c.srai	a3, 3
	c.srli	a3, 60
	c.sd	a3, 24(a5)		/* [3] 0xf */
	c.li	a4, -1
	c.andi	a4, -32
	c.sd	a4, 32(a5)		/* [4] */

	li	s0, 0x0ff0
	li	s1, 0x00ff
	c.mv	a0, s0
	c.and	a0, s1
	c.sd	a0, 40(a5)		/* [5] and */
	c.mv	a1, s0
	c.or	a1, s1
	c.sd	a1, 48(a5)		/* [6] or */
	c.mv	a2, s0
	c.xor	a2, s1
	c.sd	a2, 56(a5)		/* [7] xor */
	c.mv	a3, s0
	c.sub	a3, s1
	c.sd	a3, 64(a5)		/* [8] sub */
	c.li	a0, 1
	c.slli	a0, 32
	c.li	a1, 1
	c.subw	a0, a1
	c.sd	a0, 72(a5)		/* [9] subw: 0 - 1 in 32 bits */
	li	a2, 0x7fffffff
	c.addw	a2, a1
	c.sd	a2, 80(a5)		/* [10] addw overflows */
	c.mv	a0, s0
	c.add	a0, s1
	c.sd	a0, 88(a5)		/* [11] add */

	c.addi4spn s0, sp, 32		/* s0 = sp + 32 */
	li	a0, 0x80000000
	c.sw	a0, 0(s0)
	c.lw	a1, 0(s0)
	c.sd	a1, 96(a5)		/* [12] c.lw sign-extends */
	c.mv	a0, s0
	c.mv	a1, sp
	c.sub	a0, a1
	c.sd	a0, 104(a5)		/* [13] c.addi4spn */
	li	a2, 0x1122334455667788
	c.sd	a2, 8(s0)
	c.ld	a3, 8(s0)
	c.sd	a3, 112(a5)		/* [14] c.sd/c.ld */
	c.sdsp	a2, 64(sp)
	c.ldsp	a4, 64(sp)
	c.sd	a4, 120(a5)		/* [15] c.sdsp/c.ldsp */
	li	a0, 0x80000000
	c.swsp	a0, 72(sp)
	c.lwsp	a4, 72(sp)
	c.sd	a4, 128(a5)		/* [16] c.swsp/c.lwsp sign-extends */
#ifdef __riscv_flen
	fmv.d.x	fa0, a2
	c.fsd	fa0, 16(s0)
	c.fld	fa1, 16(s0)
	fmv.x.d	a3, fa1
	c.sd	a3, 136(a5)		/* [17] c.fsd/c.fld */
	c.fsdsp	fa1, 80(sp)
	c.fldsp	fa2, 80(sp)
	fmv.x.d	a4, fa2
	c.sd	a4, 144(a5)		/* [18] c.fsdsp/c.fldsp */
#else
	c.sd	a2, 16(s0)
	c.ld	a3, 16(s0)
	c.sd	a3, 136(a5)		/* [17] the same through integer registers */
	c.sdsp	a3, 80(sp)
	c.ldsp	a4, 80(sp)
	c.sd	a4, 144(a5)		/* [18] */
#endif

	c.li	a0, 0
	c.li	a1, 0
	c.beqz	a1, 1f
	c.addi	a0, 1			/* skipped */
1:	c.bnez	a1, 2f
	c.addi	a0, 2			/* runs */
2:	c.j	3f
	c.addi	a0, 4			/* skipped */
3:	c.nop
	c.sd	a0, 152(a5)		/* [19] 2 */

	lla	t0, rvc_leaf
	c.jalr	t0
4:	lla	a1, 4b
	c.sub	a0, a1
	c.sd	a0, 160(a5)		/* [20] c.jalr links pc + 2 */

	c.li	a0, 21
	c.ldsp	s0, 0(sp)
	c.ldsp	s1, 8(sp)
	c.ldsp	ra, 16(sp)
	c.addi16sp sp, 128
	c.jr	ra
	.size	rvc_run, . - rvc_run

rvc_leaf:
	c.mv	a0, ra
	c.jr	ra

	/* a page of c.nop, ending two bytes short, then a 4-byte addi */
	.section .text.straddle, "ax", @progbits
	.globl	rvc_straddle
	.type	rvc_straddle, @function
	.p2align 12
	.skip	4094 - 2, 0
rvc_straddle:
	c.nop
	.option	push
	.option	norvc
	addi	a0, a0, 1		/* bytes 4094..4097 of the page */
	.option	pop
	c.addi	a0, 2
	ret
	.size	rvc_straddle, . - rvc_straddle
