/* rvc: compressed instructions (src/rvc-asm.S), and a 4-byte instruction
 * straddling two pages. */
#include <stdio.h>
#include "bare.h"

extern int rvc_run(uint64_t *out);
extern uint64_t rvc_straddle(uint64_t x);

static const struct { const char *what; uint64_t want; } expect[] = {
	{ "c.li -32; c.addi 31", 0xffffffffffffffffull },
	{ "c.lui negative", 0xfffffffffffe0000ull },
	{ "c.addiw overflow", 0xffffffff80000000ull },
	{ "c.slli 63; c.srai 3; c.srli 60", 0xf },
	{ "c.andi -32", 0xffffffffffffffe0ull },
	{ "c.and", 0xf0 },
	{ "c.or", 0xfff },
	{ "c.xor", 0xf0f },
	{ "c.sub", 0xef1 },
	{ "c.subw", 0xffffffffffffffffull },
	{ "c.addw", 0xffffffff80000000ull },
	{ "c.add", 0x10ef },
	{ "c.sw/c.lw sign-extends", 0xffffffff80000000ull },
	{ "c.addi4spn 32", 32 },
	{ "c.sd/c.ld", 0x1122334455667788ull },
	{ "c.sdsp/c.ldsp", 0x1122334455667788ull },
	{ "c.swsp/c.lwsp sign-extends", 0xffffffff80000000ull },
	{ "c.fsd/c.fld", 0x1122334455667788ull },
	{ "c.fsdsp/c.fldsp", 0x1122334455667788ull },
	{ "c.beqz/c.bnez/c.j", 2 },
	{ "c.jalr link", 0 },
};

int main(void)
{
	uint64_t out[21];
	int i, n;

	n = rvc_run(out);
	check("rvc_run results", n, 21);
	for (i = 0; i < 21; i++)
		check(expect[i].what, out[i], expect[i].want);
	check("4-byte insn across pages", rvc_straddle(39), 42);
	check("straddling insn at page end", ((uintptr_t)rvc_straddle + 2) & 4095, 4094);
	return bare_done();
}
