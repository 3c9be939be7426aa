/* muldiv: the M extension's corner cases (RISC-V never traps on division:
 * x/0 gives all ones, x%0 gives x, MIN/-1 gives MIN, MIN%-1 gives 0). */
#include <stdio.h>
#include "bare.h"
#include "ops.h"

int main(void)
{
	const uint64_t MIN = 0x8000000000000000ull, MAX = 0x7fffffffffffffffull;
	const uint64_t WMIN = 0xffffffff80000000ull;
	uint64_t a, b, h;
	int i;

	check("mul -1*-1", RR("mul", -1, -1), 1);
	check("mul MAX*2", RR("mul", MAX, 2), -2);
	check("mulh -1*-1", RR("mulh", -1, -1), 0);
	check("mulh MIN*MIN", RR("mulh", MIN, MIN), 0x4000000000000000ull);
	check("mulh MIN*-1", RR("mulh", MIN, -1), 0);
	check("mulh MAX*MIN", RR("mulh", MAX, MIN), 0xc000000000000000ull);
	check("mulh -2*3", RR("mulh", -2, 3), -1);
	check("mulhu -1*-1", RR("mulhu", -1, -1), 0xfffffffffffffffeull);
	check("mulhu MIN*2", RR("mulhu", MIN, 2), 1);
	check("mulhu 2^32*2^32", RR("mulhu", 1ull << 32, 1ull << 32), 1);
	check("mulhsu -1*(2^64-1)", RR("mulhsu", -1, -1), -1);
	check("mulhsu 1*(2^64-1)", RR("mulhsu", 1, -1), 0);
	check("mulhsu MIN*(2^64-1)", RR("mulhsu", MIN, -1), MIN);
	check("mulhsu -1*1", RR("mulhsu", -1, 1), -1);
	check("mulw 0x10000*0x10000", RR("mulw", 0x10000, 0x10000), 0);
	check("mulw 0x10000*0x8000", RR("mulw", 0x10000, 0x8000), WMIN);
	check("mulw ignores upper", RR("mulw", 0x500000003ull, 0x700000005ull), 15);

	check("div 7/0", RR("div", 7, 0), -1);
	check("div -7/0", RR("div", -7, 0), -1);
	check("divu 7/0", RR("divu", 7, 0), -1);
	check("rem 7%0", RR("rem", 7, 0), 7);
	check("rem -7%0", RR("rem", -7, 0), -7);
	check("remu 7%0", RR("remu", 7, 0), 7);
	check("div MIN/-1", RR("div", MIN, -1), MIN);
	check("rem MIN%-1", RR("rem", MIN, -1), 0);
	check("divu MIN/-1", RR("divu", MIN, -1), 0);
	check("remu MIN%-1", RR("remu", MIN, -1), MIN);
	check("div -7/2 truncates", RR("div", -7, 2), -3);
	check("rem -7%2 sign of dividend", RR("rem", -7, 2), -1);
	check("div 7/-2", RR("div", 7, -2), -3);
	check("rem 7%-2", RR("rem", 7, -2), 1);
	check("divu -7/2", RR("divu", -7, 2), 0x7ffffffffffffffcull);
	check("remu -7%2", RR("remu", -7, 2), 1);
	check("divw 7/0", RR("divw", 7, 0), -1);
	check("divuw 7/0", RR("divuw", 7, 0), -1);
	check("remw 7%0", RR("remw", 7, 0), 7);
	check("remw (2^32-7)%0", RR("remw", 0xfffffff9ull, 0), -7);
	check("remuw (2^32-7)%0", RR("remuw", 0xfffffff9ull, 0), -7);
	check("divw MIN/-1", RR("divw", 0x80000000, -1), WMIN);
	check("remw MIN%-1", RR("remw", 0x80000000, -1), 0);
	check("divw ignores upper", RR("divw", 0x1fffffff9ull, 0x300000002ull), -3);
	check("divuw 0xffffffff/1", RR("divuw", 0xffffffff, 1), -1);
	check("divuw 0xfffffffe/2", RR("divuw", 0xfffffffe, 2), 0x7fffffff);
	check("remuw 0x80000001%2", RR("remuw", 0x80000001ull, 0x2), 1);
	check("div MAX/MIN", RR("div", MAX, MIN), 0);
	check("rem MAX%MIN", RR("rem", MAX, MIN), MAX);

	/* a hash over many operands, small and huge (the value qemu-riscv64
	 * computes, cross-checked in Python) */
	h = 0;
	a = 1;
	for (i = 0; i < 20000; i++) {
		a = a * 2862933555777941757ull + 3037000493ull;
		b = a >> (i & 63);
		if ((i & 7) == 0)
			b = 0;
		else if ((i & 7) == 1)
			b = -1;
		h += RR("mul", a, b) ^ RR("mulh", a, b) ^ RR("mulhu", a, b) ^ RR("mulhsu", a, b);
		h += RR("div", a, b) ^ RR("divu", a, b) ^ RR("rem", a, b) ^ RR("remu", a, b);
		h += RR("mulw", a, b) ^ RR("divw", a, b) ^ RR("divuw", a, b) ^ RR("remw", a, b) ^ RR("remuw", a, b);
		h = h << 7 | h >> 57;
	}
	check("hash", h, 0x833d256f81616d47ull);
	return bare_done();
}
