/* smc: code written at run time, then run after fence.i.
 *
 * The buffer is in section .rwx, which the linker script (built with -DRWX
 * for this program) places in its own PT_LOAD segment with flags R+W+X, so
 * the loader must map it readable, writable and executable. */
#include <stdio.h>
#include "bare.h"

static uint32_t code[256] __attribute__((section(".rwx"), aligned(64))) = { 0 };

#define A0 10
#define A1 11
#define A2 12
#define RA 1

static uint32_t addi(int rd, int rs, int imm) { return (uint32_t)(imm & 0xfff) << 20 | rs << 15 | rd << 7 | 0x13; }
static uint32_t sw(int rs2, int rs1, int imm) { return (uint32_t)(imm >> 5 & 0x7f) << 25 | rs2 << 20 | rs1 << 15 | 2 << 12 | (imm & 31) << 7 | 0x23; }
static uint16_t c_addi(int rd, int imm) { return (uint16_t)((imm >> 5 & 1) << 12 | rd << 7 | (imm & 31) << 2 | 1); }
#define RET      0x00008067u    /* jalr x0, 0(ra) */
#define FENCE_I  0x0000100fu
#define C_JR_RA  0x8082u

static void fence_i(void)
{
	__asm__ volatile(".4byte 0x0000100f /* fence.i */" : : : "memory");
}

typedef uint64_t (*fn)(uint64_t, uint64_t, void *);

int main(void)
{
	uint16_t *half = (uint16_t *)code;
	int i;

	code[0] = addi(A0, A0, 5);
	code[1] = RET;
	fence_i();
	check("written addi 5", ((fn)code)(10, 0, 0), 15);
	code[0] = addi(A0, A0, 100);
	fence_i();
	check("rewritten addi 100", ((fn)code)(10, 0, 0), 110);
	code[0] = addi(A0, A0, -2048);
	fence_i();
	check("rewritten addi -2048", ((fn)code)(10, 0, 0), (uint64_t)-2038);

	half[0] = c_addi(A0, 7);
	half[1] = c_addi(A0, -3);
	half[2] = C_JR_RA;
	fence_i();
	check("written compressed code", ((fn)code)(1, 0, 0), 5);

	for (i = 0; i < 200; i++)
		code[i] = addi(A0, A0, 1);
	code[200] = RET;
	fence_i();
	check("200 x addi 1", ((fn)code)(0, 0, 0), 200);
	code[100] = addi(A0, A0, -99);
	fence_i();
	check("one of them patched to -99", ((fn)code)(0, 0, 0), 100);
	code[200] = addi(A0, A0, 1000);
	code[201] = RET;
	fence_i();
	check("ret moved on", ((fn)code)(0, 0, 0), 1100);

	/* code that patches its own next instructions, then fence.i */
	code[0] = sw(A1, A2, 16);       /* the word at code + 16 = a1 */
	code[1] = FENCE_I;
	code[2] = addi(0, 0, 0);        /* nop */
	code[3] = addi(0, 0, 0);
	code[4] = addi(A0, A0, 1);      /* replaced before it runs */
	code[5] = RET;
	fence_i();
	check("patches itself ahead", ((fn)code)(1, addi(A0, A0, 41), code), 42);
	check("the patch is in memory", code[4], addi(A0, A0, 41));
	check("and runs again as patched", ((fn)code)(2, addi(A0, A0, 41), code), 43);
	return bare_done();
}
