/* misalign: loads and stores at every misalignment, inside a page and
 * near a page boundary (from 4088 + off: every ld/sd there, lw/sw from
 * off 5, lh at off 7 straddle two pages). */
#include <stdio.h>
#include "bare.h"
#include "ops.h"

static volatile uint8_t page[8192] __attribute__((aligned(4096)));

static uint64_t le(const volatile uint8_t *p, int n, int sign)
{
	uint64_t v = 0;
	int i;
	for (i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	if (sign && n < 8 && (v >> (8 * n - 1) & 1))
		v |= ~0ull << (8 * n);
	return v;
}

static void fill(void)
{
	int i;
	for (i = 0; i < 8192; i++)
		page[i] = (uint8_t)(i * 37 + 0x81);
}

int main(void)
{
	static const int bases[2] = { 64, 4096 - 8 };
	char l[48];
	int b, off;

	fill();
	for (b = 0; b < 2; b++)
		for (off = 1; off < 8; off++) {
			volatile uint8_t *p = page + bases[b] + off;
			const char *where = b ? "across pages" : "in a page";
			snprintf(l, sizeof l, "lh  +%d %s", off, where);
			check(l, LOAD("lh", p), le(p, 2, 1));
			snprintf(l, sizeof l, "lhu +%d %s", off, where);
			check(l, LOAD("lhu", p), le(p, 2, 0));
			snprintf(l, sizeof l, "lw  +%d %s", off, where);
			check(l, LOAD("lw", p), le(p, 4, 1));
			snprintf(l, sizeof l, "lwu +%d %s", off, where);
			check(l, LOAD("lwu", p), le(p, 4, 0));
			snprintf(l, sizeof l, "ld  +%d %s", off, where);
			check(l, LOAD("ld", p), le(p, 8, 0));
#ifdef __riscv_flen
			{
				uint64_t v;
				__asm__ volatile("fld ft0, 0(%1)\n fmv.x.d %0, ft0" : "=r"(v) : "r"(p) : "ft0", "memory");
				snprintf(l, sizeof l, "fld +%d %s", off, where);
				check(l, v, le(p, 8, 0));
				__asm__ volatile("flw ft0, 0(%1)\n fmv.x.w %0, ft0" : "=r"(v) : "r"(p) : "ft0", "memory");
				snprintf(l, sizeof l, "flw +%d %s", off, where);
				check(l, v, le(p, 4, 1));
			}
#else
			snprintf(l, sizeof l, "fld +%d %s", off, where);
			check(l, LOAD("ld", p), le(p, 8, 0));
			snprintf(l, sizeof l, "flw +%d %s", off, where);
			check(l, LOAD("lw", p), le(p, 4, 1));
#endif
			STORE("sd", p, 0x0102030405060708ull * off);
			snprintf(l, sizeof l, "sd  +%d %s", off, where);
			check(l, le(p, 8, 0), 0x0102030405060708ull * off);
			check("  byte before untouched", p[-1], (uint8_t)((p - page - 1) * 37 + 0x81));
			check("  byte after untouched", p[8], (uint8_t)((p - page + 8) * 37 + 0x81));
			STORE("sw", p + 1, 0xdeadbeefcafef00dull);
			snprintf(l, sizeof l, "sw  +%d %s", off + 1, where);
			check(l, le(p + 1, 4, 0), 0xcafef00d);
			STORE("sh", p + 3, 0xabcd);
			snprintf(l, sizeof l, "sh  +%d %s", (off + 3) & 7, where);
			check(l, le(p + 3, 2, 0), 0xabcd);
#ifdef __riscv_flen
			__asm__ volatile("fmv.d.x ft0, %1\n fsd ft0, 0(%0)" : : "r"(p), "r"(0x1122334455667788ull) : "ft0", "memory");
#else
			STORE("sd", p, 0x1122334455667788ull);
#endif
			snprintf(l, sizeof l, "fsd +%d %s", off, where);
			check(l, le(p, 8, 0), 0x1122334455667788ull);
			fill();
		}
	return bare_done();
}
